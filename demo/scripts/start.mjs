#!/usr/bin/env node
// The README's start command ends here: the mock platform and the demo approval hall.
// Options: --mock-port (8787), --port (5173), --host (127.0.0.1), --subjects (1000),
// --crypto standard|gm (国密; default $CREDIT_CHECK_CRYPTO or standard).
import { parseArgs } from 'node:util';
import { startDemo } from '../dist/server/start.js';

const { values } = parseArgs({
  options: {
    'mock-port': { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string' },
    subjects: { type: 'string' },
    crypto: { type: 'string' },
  },
});
const crypto = values.crypto ?? process.env.CREDIT_CHECK_CRYPTO ?? 'standard';
if (crypto !== 'standard' && crypto !== 'gm') {
  console.error(`--crypto must be standard or gm, got "${crypto}"`);
  process.exit(2);
}
try {
  const demo = await startDemo({
    crypto,
    mockPort: Number(values['mock-port'] ?? process.env.MOCK_PORT ?? 8787),
    demoPort: Number(values.port ?? process.env.PORT ?? 5173),
    host: values.host ?? '127.0.0.1',
    subjects: Number(values.subjects ?? 1000),
  });
  console.log(`
credit-check is running
  Demo approval hall   ${demo.url}
  Coverage view        ${demo.url}coverage.html
  Alerts (信用提醒)     ${demo.url}alerts.html
  Examples             ${demo.url}examples/
    plain HTML         ${demo.url}examples/plain-html/
    jQuery 3           ${demo.url}examples/legacy-jquery/
    Vue 3              ${demo.url}examples/vue/
    React 19           ${demo.url}examples/react/
  Mock platform API    ${demo.mock.apiBase}
  OpenAPI              ${demo.mock.apiBase}/openapi.json
  Scenario subjects    ${demo.mock.origin}/__mock/scenarios
  Crypto               ${crypto === 'gm' ? '国密: SM2 receipts, CC-HMAC-SM3 calls' : 'Ed25519 receipts, CC-HMAC-SHA256 calls'}
Type a scenario code (e.g. 91330106MA2FD1G85L) into the form, or click one in the side panel. Ctrl+C stops.`);
  const stop = () => demo.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  const e = /** @type {NodeJS.ErrnoException} */ (error);
  console.error(e.code === 'EADDRINUSE' ? `A port is in use (${e.message}). Pass --port / --mock-port, e.g. npm start -- --port 5174` : e);
  process.exit(1);
}
