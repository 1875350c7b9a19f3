// Writes bench/results/latest.json (everything measured) and latest.md (the table the READMEs cite).
import { mkdirSync, writeFileSync } from 'node:fs';

export function writeReport(report, rows) {
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  writeFileSync(new URL('./results/latest.json', import.meta.url), `${JSON.stringify({ ...report, rows }, null, 2)}\n`);
  const { subjects, duration } = report.config;
  const md = [
    `# credit-check bench — ${report.date.slice(0, 10)}`,
    '',
    `${report.machine.cpus}× ${report.machine.cpu}, ${report.machine.memoryGB} GB, Node ${report.machine.node}; ${subjects.toLocaleString('en')} subjects, ${duration} s per load run.`,
    '',
    ...configLines(report.config),
    '',
    '| section | metric | value | baseline | ratio | goal | note |',
    '|---|---|---|---|---|---|---|',
    ...rows.map(
      (r) => `| ${r.section} | ${r.metric} | ${r.value} | ${r.baseline ?? ''} | ${r.ratio ?? ''} | ${r.goal ?? ''} | ${r.note} |`,
    ),
    '',
  ];
  writeFileSync(new URL('./results/latest.md', import.meta.url), md.join('\n'));
  console.log('\nwrote bench/results/latest.json and latest.md');
}

/** The bench's own settings and the peer's version, written beside the figures. */
function configLines(config) {
  const lines = [`- commit: ${config.commit ?? '?'}; command: \`${config.command ?? 'node bench/run.mjs'}\``];
  if (config.load)
    lines.push(
      `- load: ${config.load.generator}, ${config.load.connections} connections, pipelining ${config.load.pipelining}, ${config.load.rounds} rounds (order rotating, ${config.load.pauseMs} ms apart)`,
    );
  if (config.database) lines.push(`- database (postgres section): ${config.database}`);
  if (config.peer) lines.push(`- peer: ${config.peer.name} ${config.peer.version} — \`${config.peer.command}\``);
  return lines;
}
