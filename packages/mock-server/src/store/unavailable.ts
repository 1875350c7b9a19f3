/**
 * The store cannot be reached now — a database restarting, a network cut, a pool that waited too
 * long. Not a bug and not the caller's fault: the HTTP edge answers 503 with Retry-After (never a
 * 500 or a hang), and nothing acknowledged before it is lost.
 */
export class StoreUnavailable extends Error {
  override readonly name = 'StoreUnavailable';
}

export const isStoreUnavailable = (error: unknown): error is StoreUnavailable => error instanceof StoreUnavailable;
