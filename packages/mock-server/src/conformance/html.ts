import type { CheckResult, ConformanceReport } from './run.ts';

const esc = (text: string) =>
  text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&#39;' })[c] as string);

const LABEL: Record<CheckResult['status'], string> = { passed: '通过 passed', failed: '不通过 failed', skipped: '跳过 skipped' };

function row(r: CheckResult): string {
  const detail =
    r.status === 'passed'
      ? ''
      : `<div class="why">${esc(r.reason ?? '')}</div>${r.status === 'failed' ? `<div class="rule">违反规则 Rule: ${esc(r.rule)}</div>` : ''}${
          r.sent
            ? `<details${r.status === 'failed' ? ' open' : ''}><summary>发送 Sent · 收到 Received</summary><pre>${esc(r.sent)}</pre><pre>${esc(r.received ?? '')}</pre></details>`
            : ''
        }`;
  return `<tr class="${r.status}"><td><span class="badge">${LABEL[r.status]}</span></td><td><code>${esc(r.id)}</code><div>${esc(r.title)}</div>${detail}</td><td class="ms">${Math.round(r.ms)} ms</td></tr>`;
}

/**
 * A report for people: one self-contained page (no script, no external resource), failures first,
 * each with the rule, the reason and the redacted exchange. Everything the platform said is text.
 */
export function toHtml(report: ConformanceReport): string {
  const order = { failed: 0, skipped: 1, passed: 2 } as const;
  const rows = [...report.results].sort((a, b) => order[a.status] - order[b.status]).map(row);
  const verdict = report.failed === 0 ? '符合契约 Conforms' : `${report.failed} 项不符合 ${report.failed} failed`;
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>信用核查平台契约符合性报告 · credit-check conformance</title>
<style>
body { font: 14px/1.5 system-ui, "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; margin: 2rem auto; max-width: 1100px; padding: 0 1rem; color: #1f2328; }
h1 { font-size: 1.4rem; margin-bottom: .25rem; }
.summary { display: flex; gap: 1.5rem; flex-wrap: wrap; margin: 1rem 0; padding: 1rem; border-radius: 8px; background: ${report.failed ? '#fff1f0' : '#f0fff4'}; border: 1px solid ${report.failed ? '#ffccc7' : '#b7eb8f'}; }
.summary strong { font-size: 1.2rem; }
table { width: 100%; border-collapse: collapse; }
td { border-top: 1px solid #d0d7de; padding: .5rem; vertical-align: top; }
.badge { display: inline-block; min-width: 7.5em; padding: 0 .5em; border-radius: 4px; font-size: 12px; white-space: nowrap; }
.passed .badge { background: #dafbe1; color: #116329; }
.failed .badge { background: #ffebe9; color: #a40e26; }
.skipped .badge { background: #eaeef2; color: #57606a; }
.why { color: #a40e26; margin-top: .25rem; }
.skipped .why { color: #57606a; }
.rule { color: #57606a; }
pre { background: #f6f8fa; padding: .5rem; overflow-x: auto; white-space: pre-wrap; word-break: break-all; font-size: 12px; }
.ms { text-align: right; color: #57606a; white-space: nowrap; }
</style>
</head>
<body>
<h1>信用核查平台契约符合性报告 · credit-check conformance</h1>
<div>被测平台 Platform: <code>${esc(report.target)}</code> · 应用 App: <code>${esc(report.appId)}</code> · 签名 Signing: ${esc(report.scheme)} · ${esc(report.startedAt)}</div>
<div class="summary"><strong>${esc(verdict)}</strong><span>通过 passed ${report.passed}</span><span>不通过 failed ${report.failed}</span><span>跳过 skipped ${report.skipped}</span><span>${(report.ms / 1000).toFixed(1)} s</span></div>
<table>
${rows.join('\n')}
</table>
<p>身份证号码、令牌与密钥已在报告中脱敏。ID numbers, tokens and secrets are redacted in this report.</p>
</body>
</html>
`;
}
