// What one check costs PostgreSQL: transactions and statements per check through one
// `--store postgres://…` instance (pg_stat_database and pg_stat_user_tables before and after a load).
//   node bench/probes/pg-statements.mjs
import { createRequire } from 'node:module';
import { mintToken } from '@credit-check/sdk';
import { startPostgres } from '../../scripts/postgres.mjs';
import { startCli } from '../cli.mjs';
import { load } from '../lib.mjs';
import { APP, context, DEPARTMENT, MATTERS, OPERATOR } from '../sections/fixtures.mjs';

// The driver the mock server uses (a dependency of that package, not of the bench).
const driver = createRequire(createRequire(import.meta.url).resolve('@credit-check/mock-server/package.json'))('postgres');
const postgres = driver.default ?? driver;
const pg = await startPostgres({ durable: true });
const url = await pg.database('p');
const inst = await startCli(['--subjects', '1000', '--store', url]);
const { token } = await mintToken(
  { baseUrl: inst.apiBase, ...APP },
  { department: DEPARTMENT, operator: OPERATOR, matters: ['*'], ttlSeconds: 3600 },
);
const sql = postgres(url, { max: 1 });
const snap = async () => ({
  db: (await sql`select xact_commit, tup_returned, tup_fetched, tup_inserted, tup_updated from pg_stat_database where datname = 'p'`)[0],
  t: await sql`select relname, seq_scan, idx_scan, n_tup_ins, n_tup_upd from pg_stat_user_tables where seq_scan+coalesce(idx_scan,0)+n_tup_ins+n_tup_upd > 0`,
});
// Scenario subjects with entries, commitments and a linked person, in turn.
const ids = ['91320505MA1PC0Q10W', '91320100748204660Q', '91140105MA0CD7K21J', '91371003MA3RD5H69X'];
const all = ids.map((id, i) => JSON.stringify({ subject: { idType: 'uscc', id }, matter: MATTERS[i], context: context(i) }));
// Only the bodies the platform takes (a matter may refuse a subject's kind).
const bodies = [];
for (const body of all) {
  const res = await fetch(`${inst.apiBase}/checks`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body,
  });
  if (res.status === 201) bodies.push(body);
  else console.log(`left out (${res.status}): ${body.slice(0, 80)}…`);
}
await load({ url: `${inst.apiBase}/checks`, connections: 16, duration: 2, headers: { authorization: `Bearer ${token}` }, bodies });
await new Promise((r) => setTimeout(r, 1000));
const a = await snap();
const r = await load({
  url: `${inst.apiBase}/checks`,
  connections: 16,
  duration: 3,
  headers: { authorization: `Bearer ${token}` },
  bodies,
});
await new Promise((r) => setTimeout(r, 1000));
const b = await snap();
console.log(
  `${r.total} checks (${r.non2xx} not 2xx); per check: ${((Number(b.db.xact_commit) - Number(a.db.xact_commit)) / r.total).toFixed(2)} transactions`,
);
console.log('db', Object.fromEntries(Object.keys(a.db).map((k) => [k, Number(b.db[k]) - Number(a.db[k])])));
for (const row of b.t) {
  const o = a.t.find((x) => x.relname === row.relname) ?? {};
  console.log(
    row.relname,
    ['seq_scan', 'idx_scan', 'n_tup_ins', 'n_tup_upd'].map((k) => `${k}=${Number(row[k]) - Number(o[k] ?? 0)}`).join(' '),
  );
}
await sql.end();
await inst.stop();
await pg.destroy();
