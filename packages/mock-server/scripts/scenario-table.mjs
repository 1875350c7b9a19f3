// Prints the scenario table for the README from the same data as GET /__mock/scenarios.
// Usage (after tsc -b): node packages/mock-server/scripts/scenario-table.mjs
import { Platform } from '../dist/index.js';

const platform = await Platform.create({ subjects: 0 });
const { scenarios } = platform.scenarios();
const matters = scenarios[0].checks.map((c) => c.request.matter);
console.log(`| scenario | subject | ${matters.join(' | ')} |`);
console.log(`|---|---|${matters.map(() => '---').join('|')}|`);
for (const s of scenarios) {
  const subject = s.checks[0].request.subject;
  console.log(
    `| \`${s.id}\` ${s.title} | ${subject.idType} \`${subject.id}\` ${subject.name} | ${s.checks.map((c) => c.verdict).join(' | ')} |`,
  );
}
