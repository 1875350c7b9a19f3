import type { Sealer } from './sealing.ts';

/**
 * How records become rows: JSON, or JSON sealed with SM4 under 国密; subject keys as they are, or
 * as their blind index. The SQLite store writes and reads every personal record through this.
 */
export interface RowCodec {
  readonly sealed: boolean;
  write(table: string, value: unknown): string;
  read<T>(table: string, text: string): T;
  /** The value of a `subject_key` column for a subject key. */
  subject(subjectKey: string): string;
}

export const PLAIN_ROWS: RowCodec = {
  sealed: false,
  write: (_table, value) => JSON.stringify(value),
  read: <T>(_table: string, text: string) => JSON.parse(text) as T,
  subject: (subjectKey) => subjectKey,
};

export function sealedRows(sealer: Sealer): RowCodec {
  const indexes = new Map<string, string>();
  return {
    sealed: true,
    write: (table, value) => sealer.seal(JSON.stringify(value), table),
    read: <T>(table: string, text: string) => JSON.parse(sealer.open(text, table)) as T,
    subject(subjectKey) {
      // Subjects repeat (every check of one firm): the HMAC is computed once per process.
      let index = indexes.get(subjectKey);
      if (index === undefined) {
        index = sealer.index(subjectKey);
        if (indexes.size > 100_000) indexes.clear();
        indexes.set(subjectKey, index);
      }
      return index;
    },
  };
}
