import type { Verification } from '@credit-check/sdk/contract';
import { Hono } from 'hono';
import type { Platform } from '../platform/platform.ts';
import { ProblemError } from '../problems.ts';
import { clientOf } from './client.ts';
import type { PlatformEnv } from './env.ts';

/** Text into HTML: platform data is text, never markup. */
const esc = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const STATUS: Record<Verification['status'], { headline: string; tone: 'ok' | 'stop' }> = {
  valid: { headline: '有效：该核查码对应的信用核查记录真实有效', tone: 'ok' },
  superseded: { headline: '已失效：出具单位已为这次核查换发了新的核查码，请索取最新的结果单', tone: 'stop' },
  expired: { headline: '已过期：该核查码已超过有效期', tone: 'stop' },
  withdrawn: { headline: '已撤回：出具单位已撤回该核查码', tone: 'stop' },
};

const VERDICT: Record<Verification['verdict'], string> = {
  clear: '未发现影响办理的信用记录',
  notice: '有需告知申请人的信用信息',
  caution: '有需提示或承诺的信用记录',
  restrict: '有限制办理的信用记录',
};

const day = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

function result(v: Verification): string {
  const s = STATUS[v.status];
  const rows: [string, string][] = [
    ['核查编号', v.serial ?? '—'],
    ['核查时间', `${day(v.checkedAt)}（北京时间）`],
    ['办理事项', v.matter.name],
    ['主体', `${v.subject.name ?? '—'}（${v.subject.idType === 'idcard' ? '身份证' : '统一社会信用代码'} ${v.subject.id}）`],
    ['核查结论', VERDICT[v.verdict]],
    ['核查部门', v.department],
    ['核查码有效期至', day(v.expiresAt)],
  ];
  if (v.endedAt) rows.push(['失效时间', day(v.endedAt)]);
  return `<section class="result ${s.tone}" aria-labelledby="status">
  <h2 id="status">${esc(s.headline)}</h2>
  <dl>${rows.map(([k, val]) => `<dt>${esc(k)}</dt><dd>${esc(val)}</dd>`).join('')}</dl>
  <p class="note">本页只显示脱敏信息。核查结论以出具单位留存的记录为准。</p>
</section>`;
}

const STYLE = `body{font:18px/1.6 system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:0;background:#f4f6f8;color:#1a1a1a}
main{max-width:40rem;margin:2rem auto;padding:0 1rem}h1{font-size:1.5rem}form{display:flex;gap:.5rem;flex-wrap:wrap}
label{width:100%}input{font:inherit;padding:.5rem;border:2px solid #555;border-radius:4px;min-width:12rem;letter-spacing:.1em}
button{font:inherit;padding:.5rem 1.25rem;border:0;border-radius:4px;background:#0b5394;color:#fff;cursor:pointer}
button:focus-visible,input:focus-visible{outline:3px solid #f1c232;outline-offset:2px}
.result{margin-top:1.5rem;padding:1rem 1.25rem;background:#fff;border-left:6px solid #555;border-radius:4px}
.ok{border-color:#2e7d32}.ok h2{color:#1b5e20}.stop{border-color:#b71c1c}.stop h2{color:#b71c1c}
h2{font-size:1.15rem;margin:0 0 .75rem}dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0}
dt{color:#444}dd{margin:0}.note{color:#444;font-size:.9rem;margin:.75rem 0 0}.error{color:#b71c1c;margin-top:1rem}`;

function page(code: string, body: string, platform: string): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="description" content="输入信用核查结果单上的核查码，查验核查记录是否真实有效">
<title>信用核查结果验证 · ${esc(platform)}</title><style>${STYLE}</style></head>
<body><main>
<h1>信用核查结果验证</h1>
<p>请输入信用核查结果单上的 8 位核查码（或扫描结果单上的二维码），查验核查记录是否真实有效。无需登录。</p>
<form method="get" action="/verify"><label for="code">核查码</label>
<input id="code" name="code" value="${esc(code)}" maxlength="12" autocomplete="off" autocapitalize="characters" spellcheck="false" required>
<button type="submit">验证</button></form>
${body}
</main></body></html>`;
}

/**
 * `GET /verify?code=…`: the public page a third party opens from a 结果单's QR or types a 核查码
 * into — no login, no script, the masked summary only, the same lookup budget as the API.
 */
export function verifyPage(platform: Platform): Hono<PlatformEnv> {
  const app = new Hono<PlatformEnv>();
  app.get('/verify', async (c) => {
    const code = (c.req.query('code') ?? '').slice(0, 40);
    let body = '';
    let status: 200 | 404 | 429 = 200;
    if (code.trim()) {
      const client = clientOf(c.env);
      try {
        body = result(await platform.verifications.verify(code, client));
      } catch (error) {
        if (!(error instanceof ProblemError) || (error.code !== 'NOT_FOUND' && error.code !== 'RATE_LIMITED')) throw error;
        status = error.code === 'NOT_FOUND' ? 404 : 429;
        body = `<p class="error" role="alert">${esc(error.code === 'NOT_FOUND' ? '未找到该核查码，请核对后重新输入。' : '查询过于频繁，请稍等片刻再试。')}</p>`;
      }
    }
    return c.html(page(code, body, platform.issuer), status, {
      'content-security-policy':
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
    });
  });
  return app;
}
