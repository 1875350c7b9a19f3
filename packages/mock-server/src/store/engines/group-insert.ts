/**
 * Rows written in the same moment go to the database in one statement — PostgreSQL's answer to
 * the SQLite store's group commit. Each caller still awaits its own row's commit (work accepted is
 * never acknowledged before it is durable); what is shared is the round trip and the transaction,
 * which under load is most of a check's database cost. At most `inFlight` statements run at once:
 * rows arriving meanwhile wait for the next one, so batches grow with the load by themselves.
 */
export class GroupInsert<Row> {
  private queue: { row: Row; done: (error?: unknown) => void }[] = [];
  private running = 0;
  private readonly write: (rows: Row[]) => Promise<unknown>;
  private readonly inFlight: number;
  private readonly maxRows: number;

  constructor(write: (rows: Row[]) => Promise<unknown>, inFlight = 2, maxRows = 500) {
    this.write = write;
    this.inFlight = inFlight;
    this.maxRows = maxRows;
  }

  add(row: Row): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ row, done: (error) => (error === undefined ? resolve() : reject(error)) });
      // The first row of a moment waits one turn of the event loop for the rows that come with it.
      if (this.queue.length === 1 && this.running < this.inFlight) setImmediate(() => this.flush());
    });
  }

  private flush(): void {
    if (this.running >= this.inFlight || this.queue.length === 0) return;
    const batch = this.queue.splice(0, this.maxRows);
    this.running++;
    this.write(batch.map((b) => b.row)).then(
      () => this.settle(batch),
      (error: unknown) => this.settle(batch, error ?? new Error('insert failed')),
    );
  }

  private settle(batch: { done: (error?: unknown) => void }[], error?: unknown): void {
    this.running--;
    for (const b of batch) b.done(error);
    this.flush();
  }
}
