import { readFileSync } from 'node:fs';
import type { z } from '@credit-check/sdk/contract';

/**
 * A JSON file a CLI option names, validated: the error names the option, the file, the first wrong
 * field (as a JSON Pointer) and the shape expected, so the user can fix it without reading code.
 */
export function readJsonFile<S extends z.ZodMiniType>(option: string, file: string, schema: S, expected: string): z.infer<S> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${option} ${file}: not a readable JSON file (${(error as Error).message})`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${option} ${file}: /${issue?.path.join('/') ?? ''}: ${issue?.message} — expected ${expected}`);
  }
  return parsed.data;
}
