#!/usr/bin/env node
import { sandboxApp, startServer } from '@credit-check/mock-server/node';
// The whole integration from a Node backend's side, against a real platform server:
//   mint a widget token → the browser checks with it → the backend verifies the receipt →
//   feedback is recorded → the backend reads the audited check back; a forged receipt is refused.
// Usage (after `pnpm run build`):  node demo/examples/node-backend/flow.mjs [API_ROOT]
// Without API_ROOT it starts the mock platform on a free port and stops it at the end.
import { CreditCheckError, createClient, verifyReceipt } from '@credit-check/sdk';

const step = (n, text) => console.log(`${n}. ${text}`);
let server;
let api = process.argv[2];
if (!api) {
  server = await startServer({ port: 0, subjects: 100 });
  api = server.apiBase;
  console.log(`(started the mock platform at ${api})`);
}
const { appId, appSecret } = sandboxApp();
const context = { applicationId: 'NODE-2026-0001', department: '苏州市政务服务中心', operator: 'window-01', channel: 'window' };
const subject = { idType: 'idcard', id: '320505197805121236' }; // the legal-rep scenario subject
try {
  // The backend holds the app secret; every call it makes is signed.
  const backend = createClient({ baseUrl: api, appId, appSecret });
  const { token, expiresAt } = await backend.mintToken({
    department: context.department,
    operator: context.operator,
    matters: ['FOOD_BUSINESS_LICENCE'],
    ttlSeconds: 300,
  });
  step(1, `minted a widget token for ${context.operator}, valid until ${expiresAt}`);

  // What the browser does with that token (the widget does exactly this).
  const browser = createClient({ baseUrl: api, token });
  const check = await browser.check({ subject, matter: 'FOOD_BUSINESS_LICENCE', context });
  step(2, `the browser checked ${check.subject.id} (masked for the browser): verdict ${check.verdict}, check ${check.checkId}`);

  const claims = await verifyReceipt(check.receipt, await backend.getKeys(), {
    applicationId: context.applicationId,
    matter: 'FOOD_BUSINESS_LICENCE',
    subject,
    maxAgeSeconds: 600,
  });
  step(3, `the backend verified the receipt offline: ${claims.verdict} for ${claims.applicationId}, signed by the platform`);

  const feedback = await browser.sendFeedback(check.checkId, {
    action: 'strict-review',
    operator: context.operator,
    note: '已核实法定代表人情况',
  });
  step(4, `feedback recorded: ${feedback.action} at ${feedback.recordedAt}`);

  const audited = await backend.getCheck(check.checkId);
  if (audited.feedback?.feedbackId !== feedback.feedbackId) throw new Error('the stored check has no feedback');
  step(5, `the backend read the check back with its feedback (audit): ${audited.checkId}`);

  const [h, , s] = check.receipt.split('.');
  const forged = Buffer.from(JSON.stringify({ ...claims, verdict: 'clear' })).toString('base64url');
  try {
    await verifyReceipt(`${h}.${forged}.${s}`, await backend.getKeys());
    throw new Error('a forged receipt was accepted');
  } catch (error) {
    if (!(error instanceof CreditCheckError) || error.reason !== 'SIGNATURE') throw error;
    step(6, `a forged receipt (verdict changed to clear) is refused: ${error.code} ${error.reason}`);
  }
  console.log('ok');
} catch (error) {
  console.error(`failed: ${error instanceof CreditCheckError ? `${error.code} ${error.message}` : error}`);
  process.exitCode = 1;
} finally {
  await server?.close();
}
