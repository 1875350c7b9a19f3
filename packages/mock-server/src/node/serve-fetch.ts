import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';

export interface ServedFetch {
  /** e.g. `http://127.0.0.1:8788` */
  origin: string;
  close(): Promise<void>;
}

/** Serves a fetch-API handler on node:http (the proxy, the replay); port 0 picks a free one. */
export async function serveFetch(handler: (request: Request) => Promise<Response>, port: number, host = '127.0.0.1'): Promise<ServedFetch> {
  const listener = getRequestListener(handler);
  const server = createServer({ keepAliveTimeout: 5_000 }, (req, res) => {
    listener(req, res).catch(() => res.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;
  const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return {
    origin: `http://${shown.includes(':') ? `[${shown}]` : shown}:${bound}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
