import { generateKeyPairSync, sign } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { authorizationHeader, parseSignatureHeader, randomId, SIGNATURE_WINDOW_MS, toBase64Url } from '@credit-check/sdk/auth';
import { API_BASE } from '@credit-check/sdk/contract';
import { getRequestListener } from '@hono/node-server';
import { createMockPlatform } from '../src/index.ts';
import { APP } from './helpers.ts';

/**
 * A deliberately broken platform: the mock with one defect seeded in front of (or into) it. Each
 * defect breaks exactly one rule the conformance kit checks, the way a real platform or a vendor's
 * adapter gets it wrong: a wrong status, an off-contract field, an error that is not a problem,
 * signatures not enforced, scopes ignored, an ID unmasked, receipts unsigned or signed by another
 * key, a verdict the rules do not give, a supervision tier that ignores the grades.
 */
export const DEFECTS = {
  'wrong-status': { caughtBy: 'contract.checks.create', because: /answers 201/ },
  'no-serial': { caughtBy: 'contract.checks.serial', because: /no 核查编号/ },
  'off-contract-catalog': { caughtBy: 'contract.catalog', because: /name/ },
  'empty-jwks': { caughtBy: 'contract.keys', because: /empty/ },
  'error-not-problem-json': { caughtBy: 'errors.problem-json', because: /application\/json/ },
  'problem-without-code': { caughtBy: 'errors.problem-body', because: /code/ },
  'crash-on-bad-json': { caughtBy: 'errors.codes', because: /HTTP 500/ },
  'no-retry-after': { caughtBy: 'errors.retry-after', because: /no Retry-After/ },
  'idempotency-ignored': { caughtBy: 'idempotency.replay', because: /instead of/ },
  'accepts-unsigned': { caughtBy: 'auth.unsigned', because: /expected HTTP 401 UNAUTHENTICATED, got HTTP 200/ },
  'accepts-stale': { caughtBy: 'auth.stale', because: /expected HTTP 401 SIGNATURE_EXPIRED, got HTTP 200/ },
  'accepts-replay': { caughtBy: 'auth.replay', because: /expected HTTP 401 NONCE_REUSED, got HTTP 200/ },
  'accepts-bad-signature': { caughtBy: 'auth.signature', because: /expected HTTP 401 SIGNATURE_INVALID, got HTTP 200/ },
  'ignores-scope': { caughtBy: 'auth.scope', because: /expected HTTP 403 SCOPE_MATTER, got HTTP 201/ },
  'unmasked-id': { caughtBy: 'masking.token', because: /full ID number/ },
  'unsigned-receipt': { caughtBy: 'receipts.verify', because: /Receipt rejected/ },
  'mis-signed-receipt': { caughtBy: 'receipts.verify', because: /SIGNATURE/ },
  'wrong-verdict': { caughtBy: 'rules.food-ban', because: /verdict \w+, expected restrict/ },
  'tier-ignores-grades': { caughtBy: 'rules.clean', because: /tier normal, expected reduced/ },
} as const;
export type Defect = keyof typeof DEFECTS;

export interface BrokenPlatform {
  apiBase: string;
  close(): Promise<void>;
}

const json = (body: unknown, init: Response) => new Response(JSON.stringify(body), { status: init.status, headers: init.headers });

const signAsApp = async (method: string, url: URL, body: string, nonce = randomId('', 12)) =>
  authorizationHeader(APP.appId, APP.appSecret, { method, pathAndQuery: url.pathname + url.search, timestamp: Date.now(), nonce, body });

export async function startBroken(defect: Defect): Promise<BrokenPlatform> {
  const mock = await createMockPlatform({ subjects: 0, apps: [APP], ...(defect === 'no-retry-after' ? { rateLimit: 20 } : {}) });
  if (defect === 'wrong-verdict') await mock.platform.controls.revokeEntry('ent_scn_food'); // the food ban is forgotten
  const otherKey = generateKeyPairSync('ed25519').privateKey;
  const seenNonces = new Set<string>();

  const forward = (request: Request, body: string, headers: Headers) =>
    mock.app.fetch(new Request(request.url, { method: request.method, headers, ...(body && request.method !== 'GET' ? { body } : {}) }));

  const handle = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const body = request.method === 'GET' || request.method === 'DELETE' ? '' : await request.text();
    const headers = new Headers(request.headers);
    const auth = headers.get('authorization') ?? '';
    const signed = parseSignatureHeader(auth);
    // Request-side defects: the platform lets through what it must refuse.
    if (defect === 'accepts-unsigned' && !auth) headers.set('authorization', await signAsApp(request.method, url, body));
    if (defect === 'accepts-stale' && signed && Math.abs(Date.now() - signed.timestamp) > SIGNATURE_WINDOW_MS)
      headers.set('authorization', await signAsApp(request.method, url, body, signed.nonce));
    if (defect === 'accepts-replay' && signed) {
      if (seenNonces.has(signed.nonce)) headers.set('authorization', await signAsApp(request.method, url, body));
      seenNonces.add(signed.nonce);
    }
    if (defect === 'idempotency-ignored') headers.delete('idempotency-key');
    if (defect === 'crash-on-bad-json' && body && headers.get('content-type')?.includes('json')) {
      try {
        JSON.parse(body);
      } catch {
        return new Response(JSON.stringify({ error: 'SyntaxError' }), { status: 500, headers: { 'content-type': 'application/json' } });
      }
    }
    let response = await forward(request, body, headers);
    if (defect === 'accepts-bad-signature' && response.status === 401 && signed) {
      headers.set('authorization', await signAsApp(request.method, url, body));
      response = await forward(request, body, headers);
    }
    if (defect === 'ignores-scope' && response.status === 403 && auth.startsWith('Bearer ')) {
      headers.set('authorization', await signAsApp(request.method, url, body));
      response = await forward(request, body, headers);
    }
    return breakResponse(request, url, body, auth, response);
  };

  // Response-side defects: the platform answers off the contract.
  const breakResponse = async (request: Request, url: URL, body: string, auth: string, response: Response): Promise<Response> => {
    const path = url.pathname.slice(API_BASE.length);
    const type = response.headers.get('content-type') ?? '';
    if (!type.includes('json')) return response;
    if (defect === 'wrong-status' && request.method === 'POST' && path === '/checks' && response.status === 201) {
      return new Response(await response.text(), { status: 200, headers: response.headers });
    }
    if (defect === 'error-not-problem-json' && response.status >= 400) {
      const headers = new Headers(response.headers);
      headers.set('content-type', 'application/json');
      return new Response(await response.text(), { status: response.status, headers });
    }
    if (defect === 'no-retry-after' && response.status === 429) {
      const headers = new Headers(response.headers);
      headers.delete('retry-after');
      const { retryAfter: _gone, ...problem } = (await response.json()) as Record<string, unknown>;
      return json(problem, new Response(null, { status: 429, headers }));
    }
    const data = (await response.clone().json()) as Record<string, unknown>;
    if (defect === 'problem-without-code' && response.status >= 400) {
      delete data.code;
      return json(data, response);
    }
    if (defect === 'off-contract-catalog' && path === '/catalog/matters') {
      for (const matter of data.matters as Record<string, unknown>[]) delete matter.name;
      return json(data, response);
    }
    if (defect === 'empty-jwks' && path === '/keys') return json({ keys: [] }, response);
    // A platform that never numbered its checks for people.
    if (defect === 'no-serial' && path.startsWith('/checks') && 'serial' in data) {
      delete data.serial;
      return json(data, response);
    }
    // 分级分类 never applied: every subject sampled at the usual ratio, whatever its grades.
    if (defect === 'tier-ignores-grades' && path === '/checks' && data.supervision) {
      data.supervision = { ...(data.supervision as object), tier: 'normal' };
      return json(data, response);
    }
    if (defect === 'unmasked-id' && auth.startsWith('Bearer ') && path === '/checks' && response.status === 201) {
      const sent = JSON.parse(body) as { subject: { id: string } };
      data.subject = { ...(data.subject as object), id: sent.subject.id, masked: false };
      return json(data, response);
    }
    if (typeof data.receipt === 'string' && (defect === 'unsigned-receipt' || defect === 'mis-signed-receipt')) {
      const [header, payload] = data.receipt.split('.') as [string, string];
      if (defect === 'unsigned-receipt') {
        const none = toBase64Url(
          new TextEncoder().encode(JSON.stringify({ ...JSON.parse(Buffer.from(header, 'base64url').toString()), alg: 'none' })),
        );
        data.receipt = `${none}.${payload}.`;
      } else {
        data.receipt = `${header}.${payload}.${toBase64Url(sign(null, Buffer.from(`${header}.${payload}`), otherKey))}`;
      }
      return json(data, response);
    }
    return response;
  };

  const listener = getRequestListener(handle);
  const server: Server = createServer((req, res) => {
    listener(req, res).catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiBase: `http://127.0.0.1:${port}${API_BASE}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        void mock.platform.store.close();
      }),
  };
}
