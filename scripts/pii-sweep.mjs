#!/usr/bin/env node
// The last drill of the test command: no 身份证 number in any URL, log line or event detail
// during the whole run. It reads the audit file every server (access log) and every e2e browser
// (requested URLs) appended to, and fails on any valid ID number or any ID_IN_URL flag.
// Usage: node scripts/pii-sweep.mjs <audit file>
import { existsSync, readFileSync } from 'node:fs';
import { validateIdNumber } from '../packages/sdk/dist/identifiers/index.js';

const file = process.argv[2];
const ID_SHAPED = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;

/** Valid 身份证 numbers in a text (an 18-digit USCC or a random number rarely passes the check). */
export function idNumbersIn(text) {
  return [...text.matchAll(ID_SHAPED)].map((m) => m[0]).filter((id) => validateIdNumber(id).valid);
}

// A sweep that cannot find anything proves nothing: check the canary first.
if (idNumbersIn('POST /api/v1/checks/11010519491231002X 200').length !== 1) {
  console.error('pii-sweep: the canary was not found — the sweep itself is broken');
  process.exit(1);
}
if (!file || !existsSync(file)) {
  console.error(`pii-sweep: no audit file at ${file}: nothing was audited`);
  process.exit(1);
}
const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
// Text lines flag an ID in a URL with ID_IN_URL; the servers' JSON lines with "idInPath":true.
const leaks = lines.filter((l) => l.includes('ID_IN_URL') || l.includes('"idInPath":true') || idNumbersIn(l).length > 0);
console.log(
  `pii-sweep: ${lines.length} audited lines (server access logs, browser request URLs), ${leaks.length} with a personal ID number`,
);
for (const l of leaks.slice(0, 10)) console.error(`  leak: ${l.replace(ID_SHAPED, (m) => `${m.slice(0, 3)}…`)}`);
if (lines.length < 100) {
  console.error('pii-sweep: fewer than 100 audited lines — the run did not reach the servers as expected');
  process.exit(1);
}
process.exit(leaks.length ? 1 : 0);
