// A throwaway PostgreSQL cluster for tests, drills and the bench: Debian's binaries (`apt-get install
// postgresql`), initdb into a temporary directory as a user that is not root, the server on a free
// loopback port and a socket directory of its own, stopped and removed afterwards. Nothing of the
// machine's own PostgreSQL (if one runs) is touched.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

/** Where the server binaries are: $CREDIT_CHECK_PG_BIN, Debian's newest /usr/lib/postgresql/N/bin, or PATH. */
export function postgresBin() {
  const given = process.env.CREDIT_CHECK_PG_BIN;
  if (given) return existsSync(join(given, 'initdb')) ? given : undefined;
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return join(root, versions[0], 'bin');
  }
  try {
    const initdb = execFileSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' }).trim();
    return initdb ? join(initdb, '..') : undefined;
  } catch {
    return undefined;
  }
}

/** Why PostgreSQL tests cannot run here, or undefined when they can. */
export function postgresMissing() {
  return postgresBin() ? undefined : 'no PostgreSQL server binaries (apt-get install postgresql, or set CREDIT_CHECK_PG_BIN)';
}

/** @returns {Promise<number>} */
const freePort = () =>
  new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = /** @type {{ port: number }} */ (s.address());
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });

/** initdb refuses root: as root, the cluster belongs to `postgres` (Debian's package makes it) or `nobody`. */
/** @returns {string[]} */
function runAs() {
  if (userInfo().uid !== 0) return [];
  let user = 'nobody';
  try {
    execFileSync('id', ['postgres'], { stdio: 'ignore' });
    user = 'postgres';
  } catch {
    // no postgres user: nobody will do
  }
  return ['runuser', '-u', user, '--'];
}

/**
 * @param {import('./postgres.d.mts').ClusterOptions} [options]
 * @returns {Promise<import('./postgres.d.mts').PostgresCluster>}
 */
export async function startPostgres({ durable = false } = {}) {
  const bin = postgresBin();
  if (!bin) throw new Error(postgresMissing());
  const as = runAs();
  const dir = mkdtempSync(join(tmpdir(), 'cc-pg-'));
  // The data directory must belong to the user the server runs as; the parent must be reachable.
  chmodSync(dir, 0o777);
  const data = join(dir, 'data');
  const socket = join(dir, 'socket');
  /** @param {string} cmd @param {string[]} args */
  const exec = (cmd, args) => {
    const [command, ...rest] = [...as, join(bin, cmd), ...args];
    return execFileSync(/** @type {string} */ (command), rest, { stdio: 'pipe', encoding: 'utf8' });
  };
  exec('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  const [command0, ...mk] = [...as, 'mkdir', '-p', socket];
  execFileSync(/** @type {string} */ (command0), mk);
  const version = exec('postgres', ['--version']).match(/(\d+)(\.\d+)?/)?.[1] ?? '?';
  const port = await freePort();
  /** @type {import('node:child_process').ChildProcess | undefined} */
  let server;
  // The postmaster itself (its pid file): `runuser`, when there is one between, does not pass signals on.
  const postmaster = () => Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);

  const start = async () => {
    const [command, ...args] = [
      ...as,
      join(bin, 'postgres'),
      '-D',
      data,
      '-p',
      String(port),
      '-k',
      socket,
      '-c',
      'listen_addresses=127.0.0.1',
      // A test cluster: durability against a power cut is not what is tested (an instance's kill -9
      // and a database restart are); fsync off makes it start and write fast. The bench asks for
      // PostgreSQL's defaults (fsync on), as a deployment runs it.
      '-c',
      `fsync=${durable ? 'on' : 'off'}`,
      '-c',
      'max_connections=200',
    ];
    const proc = spawn(/** @type {string} */ (command), args, { stdio: ['ignore', 'ignore', 'pipe'] });
    server = proc;
    let log = '';
    proc.stderr?.on('data', (d) => {
      if (log.length < 20_000) log += d;
    });
    const started = Date.now();
    for (;;) {
      if (proc.exitCode !== null) throw new Error(`PostgreSQL did not start:\n${log}`);
      try {
        exec('pg_isready', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-q']);
        return;
      } catch {
        if (Date.now() - started > 30_000) throw new Error(`PostgreSQL did not become ready:\n${log}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  };
  /** @param {'fast' | 'immediate'} mode */
  const stop = async (mode = 'fast') => {
    const proc = server;
    if (!proc || proc.exitCode !== null) return;
    const exited = new Promise((r) => proc.once('exit', r));
    // SIGINT: fast shutdown (clients disconnected, clean); SIGQUIT: immediate (as a crash, recovery
    // on start).
    process.kill(postmaster(), mode === 'fast' ? 'SIGINT' : 'SIGQUIT');
    await exited;
  };
  // A test run that ends abruptly must not leave a server behind.
  process.once('exit', () => {
    try {
      process.kill(postmaster(), 'SIGQUIT');
    } catch {
      // not running
    }
  });
  await start();
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  return {
    url,
    port,
    version,
    async database(name) {
      exec('psql', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-q', '-c', `CREATE DATABASE "${name}"`]);
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    settings: { fsync: durable },
    pid: postmaster,
    stop,
    start,
    async destroy() {
      await stop('fast');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// `node scripts/postgres.mjs [database]`: a cluster to try `credit-check-mock --store` with by hand;
// prints the database's URL and runs until Ctrl-C, then stops and removes it.
if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const cluster = await startPostgres();
  const url = await cluster.database(process.argv[2] ?? 'credit_check');
  console.log(`PostgreSQL ${cluster.version} (throwaway, fsync off): ${url}\nCtrl-C stops it and removes its files.`);
  const end = () => cluster.destroy().then(() => process.exit(0));
  process.once('SIGINT', end);
  process.once('SIGTERM', end);
  setInterval(() => {}, 1 << 30);
}
