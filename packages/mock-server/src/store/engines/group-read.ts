/**
 * Reads of one kind asked in the same moment — by any of the requests in flight — answered by one
 * statement (`WHERE key = ANY(…)`), as DataLoader does. A check reads a subject's overlay of
 * entries, grade, commitments and objections (mostly none): a round trip each to PostgreSQL, which
 * under load costs more than the reading. Every caller gets the rows of its own key, read after it
 * asked (never older than a write it awaited).
 */
export class GroupRead<Row extends { key: string }> {
  private waiting = new Map<string, { resolve: (rows: Row[]) => void; reject: (error: unknown) => void }[]>();
  private readonly read: (keys: string[]) => Promise<Row[]>;
  private readonly maxKeys: number;

  /** `read` answers the rows of the keys asked, each with its `key`, in the order they are to be returned. */
  constructor(read: (keys: string[]) => Promise<Row[]>, maxKeys = 1000) {
    this.read = read;
    this.maxKeys = maxKeys;
  }

  load(key: string): Promise<Row[]> {
    return new Promise((resolve, reject) => {
      if (this.waiting.size === 0) setImmediate(() => this.flush());
      const callers = this.waiting.get(key);
      if (callers) callers.push({ resolve, reject });
      else this.waiting.set(key, [{ resolve, reject }]);
    });
  }

  private flush(): void {
    const asked = this.waiting;
    this.waiting = new Map();
    const keys = [...asked.keys()];
    for (let i = 0; i < keys.length; i += this.maxKeys) {
      const chunk = keys.slice(i, i + this.maxKeys);
      this.read(chunk).then(
        (rows) => {
          const byKey = new Map<string, Row[]>();
          for (const row of rows) {
            const list = byKey.get(row.key);
            if (list) list.push(row);
            else byKey.set(row.key, [row]);
          }
          for (const key of chunk) for (const c of asked.get(key) ?? []) c.resolve(byKey.get(key) ?? []);
        },
        (error: unknown) => {
          for (const key of chunk) for (const c of asked.get(key) ?? []) c.reject(error);
        },
      );
    }
  }
}
