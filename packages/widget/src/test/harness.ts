import { createMockPlatform, SANDBOX_DEPARTMENT, SANDBOX_OPERATOR } from '@credit-check/mock-server';
import { setupWorker } from 'msw/browser';

/**
 * The mock platform running in the test page, served to fetch through msw's service worker —
 * the same handlers as the Node server. Exposes a request log to count calls.
 */
export const mock = await createMockPlatform({ subjects: 0 });
export const worker = setupWorker(...mock.handlers);
await worker.start({ quiet: true, onUnhandledFrame: 'bypass', serviceWorker: { url: '/mockServiceWorker.js' } });

export const requests: { method: string; path: string; body: string }[] = [];
worker.events.on('request:start', async ({ request }) => {
  const url = new URL(request.url);
  if (url.pathname.startsWith('/api/v1/'))
    requests.push({ method: request.method, path: url.pathname, body: await request.clone().text() });
});

/** What the platform answered to POST /checks: a replayed request (same Idempotency-Key) answers the same check. */
export const answered: { checkId: string; applicationId: string; deferred: boolean }[] = [];
worker.events.on('response:mocked', async ({ request, response }) => {
  if (request.method !== 'POST' || new URL(request.url).pathname !== '/api/v1/checks' || !response.ok) return;
  // The fault matrix answers 200 with malformed or off-contract bodies: those are not checks.
  const check = (await response
    .clone()
    .json()
    .catch(() => undefined)) as { checkId: string; context?: { applicationId: string; deferred?: unknown } } | undefined;
  if (!check?.checkId || !check.context) return;
  answered.push({ checkId: check.checkId, applicationId: check.context.applicationId, deferred: check.context.deferred !== undefined });
});

export const DEPARTMENT = SANDBOX_DEPARTMENT;
export const OPERATOR = SANDBOX_OPERATOR;

export async function token(scopes?: string[]): Promise<string> {
  const minted = await mock.platform.tokens.mint(
    { kind: 'app', appId: 'sandbox-app' },
    { department: DEPARTMENT, operator: OPERATOR, matters: ['*'], ...(scopes ? { scopes: scopes as never } : {}) },
  );
  return minted.token;
}

export async function reset(): Promise<void> {
  await mock.platform.reset();
  mock.faults.clear();
  requests.length = 0;
  answered.length = 0;
}

export const checks = () => requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/checks');

/** Scenario subjects (see docs/guide/sandbox.md, "Scenario subjects"). */
export const SUBJECTS = {
  clean: '91320100748204660Q',
  procurement: '91320505MA1PC0Q10W',
  court: '91140105MA0CD7K21J',
  watchlist: '92320583MA1WL3T48G',
  redlist: '91371003MA3RD5H69X',
  foodBan: '91330106MA2FD1G85L',
  violated: '91210602MA0WC8N18R',
  legalRep: '320505197805121236',
  personDebtor: '140105198509232176',
} as const;

/** Every credit-check-* event detail during this run (for the PII check at the end). */
export const eventDetails: string[] = [];
for (const type of [
  'credit-check-start',
  'credit-check-result',
  'credit-check-error',
  'credit-check-feedback',
  'credit-check-acknowledge',
  'credit-check-deferred',
]) {
  document.addEventListener(type, (e) => eventDetails.push(JSON.stringify((e as CustomEvent).detail)), true);
}
