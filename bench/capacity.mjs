// Capacity on paper (issue 42): a shared provincial platform sized from what one run measures — the
// CPU seconds a check costs an instance and PostgreSQL (and a 定向推送 delivery costs the platform) —
// rather than from the cores of this 2-core machine. Pure arithmetic; the postgres section feeds it
// the run's figures and checks its projection for this machine against what it measured.

/**
 * @typedef {{ instance: number, database: number, loadGenerator?: number }} CheckCosts
 *   CPU seconds per check: in the instances, in PostgreSQL, in the load generator (this process).
 */

/** CPU seconds per check from one measured configuration (cores busy ÷ checks per second). */
export function costsFrom({ rps, instanceCores, databaseCores, loadGeneratorCores }) {
  return {
    instance: instanceCores / rps,
    database: (databaseCores ?? 0) / rps,
    ...(loadGeneratorCores === undefined ? {} : { loadGenerator: loadGeneratorCores / rps }),
  };
}

/**
 * Checks per second on one machine where the load generator, PostgreSQL and `instances` Node
 * instances share `cores`: the shared cores, or one core per instance (an instance is one thread),
 * or the one-threaded load generator — whichever binds first.
 * @param {CheckCosts} c
 */
export function projectHere(c, { cores, instances }) {
  const perCheck = c.instance + c.database + (c.loadGenerator ?? 0);
  const limits = {
    cores: cores / perCheck,
    instances: instances / c.instance,
    ...(c.loadGenerator ? { loadGenerator: 1 / c.loadGenerator } : {}),
  };
  const [limit, rps] = Object.entries(limits).sort((a, b) => a[1] - b[1])[0];
  return { rps, limit };
}

/**
 * A deployment: `hosts` × `coresPerHost` cores of instances (one instance per core, or
 * `--workers`), over one PostgreSQL with `databaseCores`, each used up to `utilisation` (headroom
 * for p99 and failover). Checks per second, and which side binds.
 * @param {CheckCosts} c
 */
export function project(c, { hosts, coresPerHost, databaseCores, utilisation = 1 }) {
  const instances = (hosts * coresPerHost * utilisation) / c.instance;
  const database = c.database > 0 ? (databaseCores * utilisation) / c.database : Number.POSITIVE_INFINITY;
  return { rps: Math.min(instances, database), limit: instances <= database ? 'instances' : 'database', instances, database };
}

/** How many instance cores one PostgreSQL of `databaseCores` keeps busy before it becomes the limit. */
export function databaseBindsAt(c, databaseCores) {
  return c.database > 0 ? (databaseCores * c.instance) / c.database : Number.POSITIVE_INFINITY;
}
