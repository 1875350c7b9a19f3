import { authorizationHeader, HMAC_SHA256, randomId, type SignatureAlgorithm } from '@credit-check/sdk/auth';
import { Problem, type SubjectRef } from '@credit-check/sdk/contract';
import { HMAC_SM3 } from '@credit-check/sdk/gm';
import { expect } from 'vitest';
import { SANDBOX_APP, SANDBOX_DEPARTMENT, SANDBOX_OPERATOR, sandboxContext } from '../src/index.ts';
import { ScenarioList } from '../src/mock/schemas.ts';
import { type RunningServer, type ServerOptions, startServer } from '../src/node/server.ts';

export const APP = SANDBOX_APP;

/** A real HTTP server on an ephemeral loopback port (the sandbox app signs with SM3 under `crypto: 'gm'`). */
export function start(options: ServerOptions = {}): Promise<RunningServer> {
  const app = options.crypto === 'gm' ? { ...APP, scheme: 'CC-HMAC-SM3' as const } : APP;
  return startServer({ port: 0, subjects: 200, apps: [app], ...options });
}

/** How a backend of this server's sandbox app signs: the SDK's own implementation, not the server's. */
export function algorithmOf(server: RunningServer): SignatureAlgorithm {
  // A spawned server (a bare origin) is a standard one.
  return server.platform?.suite === 'gm' ? HMAC_SM3 : HMAC_SHA256;
}

export interface SignOptions {
  appId?: string;
  secret?: string;
  timestamp?: number;
  nonce?: string;
  headers?: Record<string, string>;
  /** Send this raw text instead of JSON.stringify(body). */
  raw?: string;
  /** Sign with this scheme instead of the server app's. */
  algorithm?: SignatureAlgorithm;
  signal?: AbortSignal;
}

/** A request signed the way a host backend signs (CC-HMAC-SHA256, or CC-HMAC-SM3 on a 国密 server). */
export async function signed(server: RunningServer, method: string, path: string, body?: unknown, o: SignOptions = {}): Promise<Response> {
  const text = o.raw ?? (body === undefined ? '' : JSON.stringify(body));
  const url = new URL(server.origin + path);
  const authorization = await authorizationHeader(
    o.appId ?? APP.appId,
    o.secret ?? APP.appSecret,
    {
      method,
      pathAndQuery: url.pathname + url.search,
      timestamp: o.timestamp ?? Date.now(),
      nonce: o.nonce ?? randomId('', 16),
      body: text,
    },
    o.algorithm ?? algorithmOf(server),
  );
  return fetch(url, {
    method,
    headers: { authorization, ...(method === 'POST' ? { 'content-type': 'application/json' } : {}), ...o.headers },
    ...(method === 'POST' ? { body: text } : {}),
    ...(o.signal ? { signal: o.signal } : {}),
  });
}

export async function mint(server: RunningServer, request: Record<string, unknown> = {}): Promise<string> {
  const res = await signed(server, 'POST', '/api/v1/tokens', {
    department: SANDBOX_DEPARTMENT,
    operator: SANDBOX_OPERATOR,
    matters: ['*'],
    ...request,
  });
  if (res.status !== 201) throw new Error(`mint failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

export function bearer(
  server: RunningServer,
  token: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  return fetch(server.origin + path, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
}

export const CONTEXT = sandboxContext('SZ-2026-000001');
export const CLEAN = { idType: 'uscc' as const, id: '91320100748204660Q' };
export const PERSON_DEBTOR = { idType: 'idcard' as const, id: '140105198509232176' };

export const checkBody = (subject: object = CLEAN, matter = 'FOOD_BUSINESS_LICENCE', context: object = CONTEXT) => ({
  subject,
  matter,
  context,
});

/** The answer is a problem with this status and code, in Chinese and English (never a bare error). */
export async function problem(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  const body = Problem.parse(await res.json());
  expect(body.code).toBe(code);
  expect(body.message['zh-CN']).toMatch(/\p{Script=Han}/u);
  expect(body.message.en).toMatch(/[a-z]/);
  return body;
}

/** Distinct subjects of the scenario table (several chains of events side by side), the first `n`. */
export async function scenarioSubjects(origin: string, n: number): Promise<SubjectRef[]> {
  const { scenarios } = ScenarioList.parse(await (await fetch(`${origin}/__mock/scenarios`)).json());
  const subjects = new Map<string, SubjectRef>();
  for (const s of scenarios) {
    const subject = s.checks[0]?.request.subject;
    if (subject) subjects.set(subject.id, subject);
  }
  return [...subjects.values()].slice(0, n);
}
