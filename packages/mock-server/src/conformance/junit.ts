import type { ConformanceReport } from './run.ts';

const xml = (text: string) =>
  text
    .replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] as string)
    .replace(
      // XML 1.0 cannot carry most control characters, even escaped.
      /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g,
      '',
    );
const seconds = (ms: number) => (ms / 1000).toFixed(3);

/** JUnit XML for CI (one testsuite per group: contract, auth, masking, rules …). */
export function toJUnit(report: ConformanceReport): string {
  const groups = new Map<string, ConformanceReport['results']>();
  for (const r of report.results) {
    const group = r.id.split('.')[0] ?? r.id;
    groups.set(group, [...(groups.get(group) ?? []), r]);
  }
  const suites = [...groups].map(([group, results]) => {
    const cases = results.map((r) => {
      const open = `    <testcase classname="credit-check-conformance.${xml(group)}" name="${xml(`${r.id}: ${r.title}`)}" time="${seconds(r.ms)}"`;
      if (r.status === 'passed') return `${open}/>`;
      if (r.status === 'skipped') return `${open}>\n      <skipped message="${xml(r.reason ?? '')}"/>\n    </testcase>`;
      const detail = [
        `Rule: ${r.rule}`,
        `Why: ${r.reason ?? ''}`,
        r.sent ? `Sent:\n${r.sent}` : '',
        r.received ? `Received:\n${r.received}` : '',
      ]
        .filter(Boolean)
        .join('\n\n');
      return `${open}>\n      <failure message="${xml(`${r.rule}: ${r.reason ?? ''}`)}" type="ContractViolation">${xml(detail)}</failure>\n    </testcase>`;
    });
    const count = (s: string) => results.filter((r) => r.status === s).length;
    const time = results.reduce((a, r) => a + r.ms, 0);
    return `  <testsuite name="${xml(group)}" tests="${results.length}" failures="${count('failed')}" errors="0" skipped="${count('skipped')}" time="${seconds(time)}">\n${cases.join('\n')}\n  </testsuite>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="credit-check-conformance ${xml(report.target)}" tests="${report.results.length}" failures="${report.failed}" errors="0" skipped="${report.skipped}" time="${seconds(report.ms)}" timestamp="${report.startedAt}">
${suites.join('\n')}
</testsuites>
`;
}
