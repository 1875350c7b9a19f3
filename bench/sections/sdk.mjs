// sdk — check() against a raw fetch + JSON.parse on loopback, and in-flight dedup of identical checks.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Connection, check, createClient } from '@credit-check/sdk';
import { child, fmt, mark, percentile } from '../lib.mjs';
import { context, MATTERS } from './fixtures.mjs';

/**
 * The three ways of making one check against `base` that the section compares: a raw `fetch` +
 * `JSON.parse`; the SDK's `check()`; and ky 2 itself (the SDK's own copy), as lean as it goes —
 * no timeout, no retry, no hooks, the body a string, the answer read as text and parsed: the floor
 * the design fixes. What the SDK adds on top (timeouts, auth, validation both ways) is the gap
 * between this and check().
 */
export async function calls(base, input) {
  const connection = new Connection({ baseUrl: base, token: 'cct_bench.token', cache: false, retry: 0 });
  const raw = async () => {
    const res = await fetch(`${base}/checks`, {
      method: 'POST',
      headers: { authorization: 'Bearer cct_bench.token', 'content-type': 'application/json' },
      body: JSON.stringify(input),
    });
    return res.json();
  };
  const sdk = () => check(connection, input, { cache: false });
  const ky = (await import(pathToFileURL(createRequire(createRequire(import.meta.url).resolve('@credit-check/sdk')).resolve('ky')).href))
    .default;
  const lean = ky.create({
    retry: 0,
    timeout: false,
    headers: { authorization: 'Bearer cct_bench.token', 'content-type': 'application/json' },
  });
  const kyFloor = async () => JSON.parse(await (await lean.post(`${base}/checks`, { body: JSON.stringify(input) })).text());
  return { raw, sdk, kyFloor };
}

/** Milliseconds of each of `n` sequential calls. */
export const time = async (fn, n) => {
  const xs = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    xs.push(performance.now() - t);
  }
  return xs;
};

/** @param {import('./fixtures.mjs').BenchContext} ctx */
export async function sdkSection({ realCheckBody, report, row }) {
  // First, while this process is fresh (a load run leaves a large heap behind).
  console.log('\nsdk — one check, sequential, against a bare server answering a real check body');
  const bare = await child('./children/bare.mjs');
  await bare.ask({ body: realCheckBody });
  const base = `${bare.first.origin}/api/v1`;
  const input = { subject: { idType: 'uscc', id: '91320100748204660Q' }, matter: MATTERS[0], context: context('sdk') };
  const { raw, sdk, kyFloor } = await calls(base, input);
  await time(raw, 200);
  await time(sdk, 200);
  await time(kyFloor, 200);
  const r = [];
  const s = [];
  const k = [];
  for (let block = 0; block < 6; block++) {
    r.push(...(await time(raw, 100)));
    s.push(...(await time(sdk, 100)));
    k.push(...(await time(kyFloor, 100)));
  }
  const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
  report.results.sdk = {
    rawMs: mean(r),
    sdkMs: mean(s),
    overheadMs: mean(s) - mean(r),
    ratio: mean(s) / mean(r),
    p50: { raw: percentile(r, 50), sdk: percentile(s, 50), kyFloor: percentile(k, 50) },
  };
  const p50 = percentile(s, 50) / percentile(r, 50);
  const own = percentile(s, 50) / percentile(k, 50);
  report.results.sdk.p50.overKy = own;
  row(
    'sdk',
    'check() per call vs raw fetch + JSON.parse, p50',
    `${fmt(percentile(s, 50) * 1000, 0)} µs`,
    `${fmt(percentile(r, 50) * 1000, 0)} µs`,
    `${fmt(p50, 2)}×`,
    '',
    `mean ${fmt(mean(s) * 1000, 0)} vs ${fmt(mean(r) * 1000, 0)} µs (${fmt(mean(s) / mean(r), 2)}×): validate, headers, parse response`,
  );
  row(
    'sdk',
    'of which ky 2 alone (no timeout, retry, hooks or validation) vs raw, p50',
    `${fmt(percentile(k, 50) * 1000, 0)} µs`,
    `${fmt(percentile(r, 50) * 1000, 0)} µs`,
    `${fmt(percentile(k, 50) / percentile(r, 50), 2)}×`,
    '',
    'the floor of any check() built on ky; same run, interleaved blocks',
  );
  // The goal (issue 42): the SDK's own cost over the ky it is built on, measured in the same run.
  row(
    'sdk',
    "check() vs ky 2 alone: the SDK's own overhead, p50",
    `${fmt(percentile(s, 50) * 1000, 0)} µs`,
    `${fmt(percentile(k, 50) * 1000, 0)} µs`,
    `${fmt(own, 3)}×`,
    `≤ 1.15× ${mark(own <= 1.15)}`,
    'validation of request and response, headers, token, cache key; ky kept',
  );
  await bare.ask('reset');
  const dedup = createClient({ baseUrl: base, token: 'cct_bench.token' });
  await Promise.all(Array.from({ length: 100 }, () => dedup.check(input)));
  const { count } = await (await fetch(`${bare.first.origin}/__count`)).json();
  report.results.dedup = { concurrent: 100, requests: count };
  row('sdk', '100 concurrent identical checks → requests', count, 100, '', '1');
  await bare.stop();
}
