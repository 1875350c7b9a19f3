import cluster, { type Worker } from 'node:cluster';
import type { SharedChange, SharedChannel } from '../mock/shared.ts';
import type { ServerLogger } from './logger.ts';

/** The IPC envelope of a shared change (anything else on the channel is not ours). */
const TAG = 'credit-check:shared';
/** Which worker this is (1-based): worker 1 carries the duties (webhooks, the hourly sweep). */
const WORKER_ENV = 'CREDIT_CHECK_WORKER';

export interface ClusterWorker {
  index: number;
  count: number;
  channel: SharedChannel;
}

/** In a worker forked by `runCluster`: its number and its channel to the others; else undefined. */
export function clusterWorker(): ClusterWorker | undefined {
  if (!cluster.isWorker) return undefined;
  const [index, count] = (process.env[WORKER_ENV] ?? '1/1').split('/').map(Number) as [number, number];
  // The primary gone (killed), nobody restarts or relays for this worker: it ends too.
  process.once('disconnect', () => process.exit(0));
  return {
    index,
    count,
    channel: {
      publish: (change) => process.send?.({ [TAG]: change }),
      subscribe: (apply) =>
        process.on('message', (message: unknown) => {
          const change = (message as Record<string, SharedChange> | null)?.[TAG];
          if (change) apply(change);
        }),
    },
  };
}

/**
 * `credit-check-mock --workers N`: N processes on one port (node:cluster hands connections out in
 * turn) over one `--data-dir`. Worker 1 starts first, alone, so the store's migration and receipt
 * key are made once; the others follow. The primary only relays each worker's shared changes to
 * the others and restarts a worker that dies (with its number, so worker 1 keeps the duties).
 */
export async function runCluster(count: number, logs: ServerLogger): Promise<void> {
  const workers = new Map<number, Worker>();
  let stopping = false;
  const fork = (index: number) =>
    new Promise<void>((resolve, reject) => {
      const worker = cluster.fork({ [WORKER_ENV]: `${index}/${count}` });
      let listening = false;
      workers.set(index, worker);
      worker.on('message', (message: unknown) => {
        if (!(message as Record<string, unknown> | null)?.[TAG]) return;
        for (const other of workers.values()) if (other !== worker && other.isConnected()) other.send(message as object);
      });
      worker.once('listening', () => {
        listening = true;
        resolve();
      });
      worker.once('exit', (code, signal) => {
        if (workers.get(index) === worker) workers.delete(index);
        const why = signal ?? `exit code ${code}`;
        // One that never started (a port taken, a bad store key) would not start on a retry either.
        if (!listening) return reject(new Error(`工作进程 ${index} 未能启动 (worker ${index} ended before listening: ${why})`));
        if (stopping) return;
        logs.error(`工作进程 ${index} 已退出，正在重启 (worker ${index} ended: ${why}; restarting)`, { worker: index, why });
        fork(index).catch((error: Error) => logs.error(error.message, { worker: index }));
      });
    });
  const stop = () => {
    stopping = true;
    for (const worker of workers.values()) worker.process.kill('SIGTERM');
    const wait = setInterval(() => {
      if (workers.size === 0) {
        clearInterval(wait);
        // 0, or the exit code a failed start set; the log's last lines written first.
        void logs.flush().then(() => process.exit());
      }
    }, 50);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    await fork(1);
    await Promise.all(Array.from({ length: count - 1 }, (_, i) => fork(i + 2)));
  } catch (error) {
    logs.error((error as Error).message);
    process.exitCode = 1;
    stop();
    return;
  }
  logs.info(`  Workers      ${count} processes on one port (node:cluster), one shared store`, { workers: count });
}
