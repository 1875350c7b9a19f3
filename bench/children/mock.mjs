// Bench child: the mock platform as a real HTTP server with N seeded subjects. Reports its seed
// time, RSS, a token and sample subjects to the parent over IPC.
// Usage: node mock.mjs <subjects> [dataDir|-] [standard|gm]
import { startServer } from '@credit-check/mock-server/node';

const subjects = Number(process.argv[2] ?? 1_000_000);
const dataDir = process.argv[3] && process.argv[3] !== '-' ? process.argv[3] : undefined;
const crypto = process.argv[4] === 'gm' ? 'gm' : 'standard';
const started = performance.now();
const server = await startServer({ port: 0, subjects, crypto, ...(dataDir ? { dataDir } : {}) });
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
process.send?.({
  origin: server.origin,
  apiBase: server.apiBase,
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
  if (m === 'stop') server.close().then(() => process.exit(0));
});
