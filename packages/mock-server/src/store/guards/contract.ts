export interface IdempotentResponse {
  /** Hash of method, path and body: the same key with another request is refused. */
  requestHash: string;
  status: number;
  body: string;
  createdAt: number;
}

/**
 * The guards aggregate: what keeps the API safe to call again and again — Idempotency-Key outcomes,
 * signature nonces (no replay), rate-limit buckets shared by every instance — and the small
 * settings that must survive restarts (`meta`: the receipt signing key, seeding marks). Anything
 * several processes or instances could race on is decided by the store in one step, never
 * read-then-write.
 */
export interface GuardsStore {
  /** A stored outcome created at or after `notBefore` (ms); older ones have expired. */
  getIdempotent(key: string, notBefore: number): Promise<IdempotentResponse | undefined>;
  /** Stores an outcome and forgets those created before `notBefore`. */
  putIdempotent(key: string, response: IdempotentResponse, notBefore: number): Promise<void>;

  /**
   * Remembers a signature nonce; false if it was already used (a replay). Atomic across processes
   * and instances sharing the store: of two claims of the same key exactly one is true.
   */
  useNonce(key: string, expiresAt: number): Promise<boolean>;
  /**
   * Whether used nonces outlive the process (a file or a database). Where they do not (memory), the
   * platform refuses calls signed before it started — else a request captured before a restart
   * could be replayed after it.
   */
  readonly keepsNonces: boolean;
  /** Forgets a nonce before it expires (an in-flight claim, e.g. an Idempotency-Key, being released). */
  releaseNonce(key: string): Promise<void>;

  /**
   * Takes one token from `bucket` (refilled at `perSecond`, holding at most `burst`), in one step
   * the store decides — so every process and instance draws on the same bucket. Returns whether it
   * was granted and the tokens left.
   */
  takeToken(bucket: string, perSecond: number, burst: number, now: number): Promise<{ granted: boolean; tokens: number }>;

  getMeta(key: string): Promise<string | undefined>;
  putMeta(key: string, value: string): Promise<void>;
  /** Stores `value` unless `key` has one; returns the value kept (the first writer's, across instances). */
  claimMeta(key: string, value: string): Promise<string>;

  /**
   * Runs `fn` unless another process or instance runs the same `name` now (a scheduled sweep runs
   * once however many instances there are); resolves with its result, or undefined when skipped.
   */
  exclusive<T>(name: string, fn: () => Promise<T>): Promise<T | undefined>;
}
