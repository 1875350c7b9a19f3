// Static build: start the in-browser platform first (dropped from the dev build).
if (import.meta.env.MODE === 'static') await import('./sandbox.ts');

import { Connection, getCoverage, isPlatformUnavailable } from '@credit-check/sdk';
import { session, token } from './session.ts';

const body = document.querySelector('#coverage tbody') as HTMLTableSectionElement;
const totals = document.querySelector('#totals') as HTMLParagraphElement;
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

try {
  const s = await session();
  const coverage = await getCoverage(new Connection({ baseUrl: s.endpoint, getToken: token }));
  totals.textContent = `共核查 ${coverage.total} 次，已反馈 ${coverage.withFeedback} 次，反馈率 ${pct(coverage.feedbackRate)}；其中先行受理后的补查 ${coverage.deferred} 次。`;
  for (const m of coverage.byMatter) {
    const tr = document.createElement('tr');
    for (const cell of [
      m.matter.name,
      m.total,
      m.verdicts.restrict,
      m.verdicts.caution,
      m.verdicts.notice,
      m.verdicts.clear,
      m.withFeedback,
      pct(m.feedbackRate),
      m.deferred,
    ]) {
      const td = document.createElement('td');
      td.textContent = String(cell);
      tr.append(td);
    }
    body.append(tr);
  }
} catch (error) {
  // Plain words on the page; the technical reason behind a disclosure.
  totals.textContent = isPlatformUnavailable(error)
    ? '统计数据暂时无法获取：信用平台暂时无法连接，请稍后刷新本页。'
    : '统计数据暂时无法获取，请稍后刷新本页；仍不行请联系系统管理员。';
  const details = document.createElement('details');
  const summary = document.createElement('summary');
  summary.textContent = '技术详情';
  const p = document.createElement('p');
  p.textContent = String((error as Error)?.message ?? error);
  details.append(summary, p);
  totals.after(details);
}
