// What an event's append costs in SQLite, statement by statement, with the statement journal a
// savepoint needs in temp files (SQLite's default) and in memory (what the store sets): the writes
// of appendEvent (the subject's last sequence, the event, 4 feed rows, 4 outbox rows) inside a
// savepoint, 5 events per transaction as a burst commits them.
//   node bench/probes/sqlite-append.mjs [events]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../packages/mock-server/dist/store/sqlite-schema.js';

const N = Number(process.argv[2] ?? 5000);
const body = JSON.stringify({ x: 'y'.repeat(600) });

function run(tempStore) {
  const dir = mkdtempSync(join(tmpdir(), 'cc-probe-append-'));
  const db = openDatabase(dir);
  db.exec(`PRAGMA temp_store = ${tempStore}`);
  const last = db.prepare('SELECT max(sequence) AS s FROM events WHERE subject_key = ?');
  const putEvent = db.prepare('INSERT INTO events VALUES (?, ?, ?, ?)');
  const putFeed = db.prepare('INSERT INTO feed (app_id, department, event_id, why) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING');
  const putDelivery = db.prepare(
    'INSERT INTO deliveries (delivery_id, subscription_id, subject_key, sequence, status, next_at, body) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const spent = { savepoint: 0, sequence: 0, event: 0, feed: 0, outbox: 0, commit: 0 };
  const timed = (what, fn) => {
    const t = performance.now();
    fn();
    spent[what] += performance.now() - t;
  };
  let id = 0;
  const t0 = performance.now();
  for (let i = 0; i < N; i++) {
    if (i % 5 === 0) db.exec('BEGIN IMMEDIATE');
    timed('savepoint', () => db.exec('SAVEPOINT append_event'));
    const subject = `uscc:91${String(i % 500).padStart(16, '0')}`;
    let sequence = 0;
    timed('sequence', () => {
      sequence = Number(last.get(subject).s ?? 0) + 1;
    });
    const eventId = `evt_${String(id++).padStart(20, '0')}`;
    timed('event', () => putEvent.run(eventId, subject, sequence, body));
    timed('feed', () => {
      for (let j = 0; j < 4; j++) putFeed.run('app', `dep${(i + j) % 50}`, eventId, '[]');
    });
    timed('outbox', () => {
      for (let j = 0; j < 4; j++)
        putDelivery.run(`dlv_${String(id++).padStart(20, '0')}`, `sub${(i + j) % 50}`, subject, sequence, 'pending', Date.now(), body);
    });
    timed('savepoint', () => db.exec('RELEASE append_event'));
    if (i % 5 === 4) timed('commit', () => db.exec('COMMIT'));
  }
  const total = performance.now() - t0;
  db.close();
  rmSync(dir, { recursive: true, force: true });
  const us = (ms) => `${Math.round((ms / N) * 1000)}`;
  console.log(
    `temp_store = ${tempStore.padEnd(6)} ${us(total).padStart(4)} µs per event — ${Object.entries(spent)
      .map(([k, v]) => `${k} ${us(v)}`)
      .join(', ')}`,
  );
}

console.log(`${N} events, each: savepoint, last sequence, event row, 4 feed rows, 4 outbox rows; 5 per commit`);
for (const mode of ['FILE', 'MEMORY', 'FILE', 'MEMORY']) run(mode);
