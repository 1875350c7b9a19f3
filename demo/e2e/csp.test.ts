import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { signWidgetToken } from '@credit-check/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { open, typeInto, withDemo } from './harness.ts';

// The widget README's Content-Security-Policy, pasted verbatim into a host page (issue 38): the
// policy is read from the README itself, so a README that drifts from what works fails here.
const env = withDemo({ subjects: 100 });
const README = fileURLToPath(new URL('../../packages/widget/README.md', import.meta.url));
const DIST = fileURLToPath(new URL('../../packages/widget/dist/', import.meta.url));

/** The one `Content-Security-Policy:` line of the README's "Strict CSP" section. */
function documentedPolicy(): string {
  const readme = readFileSync(README, 'utf8');
  const section = readme.slice(readme.indexOf('## Strict CSP'));
  const line = /^Content-Security-Policy: (.+)$/m.exec(section.slice(0, section.indexOf('\n## ')));
  if (!line?.[1]) throw new Error('no Content-Security-Policy line in the README’s Strict CSP section');
  return line[1];
}

const PAGE = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>CSP</title>
<script src="/probe.js"></script>
<script type="module" src="/credit-check.js"></script>
<script type="module" src="/app.js"></script></head>
<body><input id="code"><credit-check id="check" matter="FOOD_BUSINESS_LICENCE" watch="#code" application-id="CSP-README-1"></credit-check></body></html>`;
// Every violation the page reports, for the test to read (an external script: no inline code).
const PROBE = `window.violations = []; document.addEventListener('securitypolicyviolation', (e) => window.violations.push(e.violatedDirective + ' ' + e.blockedURI));`;

let server: Server;
let origin = '';
let policy = '';
beforeAll(async () => {
  server = createServer(async (req, res) => {
    const path = (req.url ?? '/').split('?')[0] as string;
    const send = (type: string, body: string | Buffer, headers: Record<string, string> = {}) =>
      res.writeHead(200, { 'content-type': type, ...headers }).end(body);
    if (path === '/') return send('text/html; charset=utf-8', PAGE, { 'content-security-policy': policy });
    if (path === '/probe.js') return send('text/javascript', PROBE);
    if (path === '/favicon.ico') return void res.writeHead(204).end();
    if (path === '/app.js') {
      // The host page's own script: a token from its backend (this server), the platform's endpoint.
      return send(
        'text/javascript',
        `const el = document.querySelector('#check'); el.endpoint = ${JSON.stringify(env.demo.mock.apiBase)};
         el.getToken = async () => (await fetch('/session', { method: 'POST' })).json();`,
      );
    }
    if (path === '/session') {
      const signed = await signWidgetToken(
        { appId: 'sandbox-app', appSecret: 'sandbox-secret-change-me' },
        { department: '苏州市政务服务中心', operator: 'window-01', matters: ['*'] },
      );
      return send('application/json', JSON.stringify({ token: signed.token, expiresAt: signed.expiresAt }));
    }
    if (/^\/credit-check[\w.-]*\.js$/.test(path)) return send('text/javascript', readFileSync(`${DIST}${path.slice(1)}`));
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server?.close(() => r())));

describe('the widget README’s CSP, pasted verbatim into a host page', () => {
  it('lets the widget check, with no violation (the platform named in connect-src)', async () => {
    policy = documentedPolicy().replace('https://credit.example.gov.cn', env.demo.mock.origin);
    expect(policy).toContain(`connect-src 'self' ${env.demo.mock.origin}`);
    const { page, problems } = await open(env.browser, `${origin}/`);
    await typeInto(page, '#code', '91320100748204660Q');
    await page.waitForSelector('#check[state="done"]', { timeout: 20_000 });
    expect(await page.getAttribute('#check', 'verdict')).toBe('clear');
    expect(await page.evaluate(() => (window as unknown as { violations: string[] }).violations)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('without the platform in connect-src (the README of before) every check is blocked: what the line is for', async () => {
    policy = "default-src 'self'; script-src 'self'; style-src 'self'";
    const { page } = await open(env.browser, `${origin}/`);
    await typeInto(page, '#code', '91320100748204660Q');
    await page.waitForSelector('#check[state="error"]', { timeout: 30_000 });
    const violations = await page.evaluate(() => (window as unknown as { violations: string[] }).violations);
    expect(violations.some((v) => v.startsWith('connect-src'))).toBe(true);
  });
});
