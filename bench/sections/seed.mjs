// seed — the platform seeded with N subjects; real check bodies and the median response the bare server mimics.
import { context, MATTERS } from './fixtures.mjs';

/**
 * Prepares what the load sections share: request bodies of real subjects and a real check response
 * of median size for the bare server.
 * @param {{ info: any, report: any }} ctx
 */
export async function seedSection({ info, report }) {
  const auth = { authorization: `Bearer ${info.token}` };
  const bodies = info.sample.slice(0, 5000).map((subject, i) => JSON.stringify({ subject, matter: MATTERS[i % 3], context: context(i) }));
  // The bare server answers a body of the median size of real check responses.
  const sizes = [];
  for (const body of bodies.slice(0, 61)) {
    const text = await (
      await fetch(`${info.apiBase}/checks`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body })
    ).text();
    sizes.push(text);
  }
  sizes.sort((a, b) => a.length - b.length);
  const realCheckBody = sizes[Math.floor(sizes.length / 2)];
  report.results.seed = { subjects: info.subjects, seconds: info.seedMs / 1000, rssMB: info.rss / 1e6 };

  return { auth, bodies, realCheckBody };
}
