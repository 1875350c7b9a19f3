// Bench child: the mock platform as a real HTTP server with N seeded subjects. Reports its seed
// time, RSS, a token and sample subjects to the parent over IPC.
// Usage: node mock.mjs <subjects> [dataDir|-] [standard|gm] [floor]
// `floor`: the origin reported is the check floor instead (./floor.mjs) — the same platform
// answering POST /checks with only the work a check keeps.
import { startServer } from '@credit-check/mock-server/node';
import { serveFloor } from './floor.mjs';

const subjects = Number(process.argv[2] ?? 1_000_000);
const dataDir = process.argv[3] && process.argv[3] !== '-' ? process.argv[3] : undefined;
const crypto = process.argv[4] === 'gm' ? 'gm' : 'standard';
const started = performance.now();
const floor = process.argv[5] === 'floor';
// The floor does no pushed events and keeps no metrics: neither is work a check must do.
const server = await startServer({
  port: 0,
  subjects,
  crypto,
  ...(dataDir ? { dataDir } : {}),
  ...(floor ? { webhooks: false, metrics: false } : {}),
});
const seedMs = performance.now() - started;
globalThis.gc?.();
const rss = process.memoryUsage().rss;
const { token } = await server.platform.tokens.mint(
  { kind: 'app', appId: 'sandbox-app' },
  { department: '苏州市政务服务中心', operator: 'window-01', matters: ['*'], ttlSeconds: 3600 },
);
// Every 97th subject: a spread over the whole index, organisations and persons alike.
const sample = [];
let i = 0;
for (const s of server.platform.subjects.subjects.values()) {
  if (i++ % 97 === 0) sample.push({ idType: s.idType, id: s.id });
  if (sample.length >= 10_000) break;
}
const served = floor ? await serveFloor(server.platform) : server;
process.send?.({
  origin: served.origin,
  apiBase: served.apiBase,
  token,
  seedMs,
  rss,
  subjects: server.platform.subjects.subjects.size,
  sample,
});
process.on('message', (m) => {
  if (m === 'rss') {
    globalThis.gc?.();
    process.send?.({ rss: process.memoryUsage().rss });
  }
  if (m === 'stop') Promise.all([server.close(), floor && served.close()]).then(() => process.exit(0));
});
