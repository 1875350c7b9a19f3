import { CheckRequest, SupervisionTier, Verdict, z } from '@credit-check/sdk/contract';
import { readJsonFile } from '../io/json-file.ts';
import { scenarioList } from '../seed/scenarios.ts';
import type { Fixtures } from './check.ts';

/**
 * A fixtures file: the subjects a platform holds and the verdict each must get per matter — the
 * shape of the mock's `GET /__mock/scenarios`, so that document is a valid fixtures file as is.
 */
const FixturesFile = z.object({
  scenarios: z
    .array(
      z.object({
        id: z.string().check(z.regex(/^[A-Za-z0-9_.-]{1,64}$/, 'id: 1–64 of A–Z a–z 0–9 _ . -')),
        title: z.optional(z.string()),
        checks: z.array(z.object({ request: CheckRequest, verdict: Verdict, tier: z.optional(SupervisionTier) })).check(z.minLength(1)),
      }),
    )
    .check(z.minLength(1)),
});

/** The mock's scenario table: one subject per rule of the domain, dated from today. */
export function defaultFixtures(today = new Date().toISOString().slice(0, 10)): Fixtures {
  return scenarioList(today);
}

/** Reads a vendor's fixtures file; the error names the file and the first field that is wrong. */
export function readFixtures(file: string): Fixtures {
  const parsed = readJsonFile(
    '--fixtures',
    file,
    FixturesFile,
    '{ "scenarios": [{ "id", "checks": [{ "request", "verdict", "tier"? }] }] }',
  );
  return { scenarios: parsed.scenarios.map((s) => ({ ...s, title: s.title ?? s.id })) };
}
