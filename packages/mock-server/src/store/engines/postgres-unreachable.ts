/**
 * Errors that mean "the database is out of reach now", not "this request is wrong": connection
 * failures, a server shutting down or starting, a pool that waited too long. They become
 * `StoreUnavailable` (503 with Retry-After at the HTTP edge); anything else is a bug and stays one.
 */
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  'QUEUE_TIMEOUT',
  'QUERY_TIMEOUT',
  'CANCEL_UNANSWERED',
  // SQLSTATE: admin/crash shutdown, cannot connect now, too many connections, serialization/deadlock (retryable).
  '57P01',
  '57P02',
  '57P03',
  '53300',
  '40001',
  '40P01',
]);

export function unreachable(error: unknown): boolean {
  const code = String((error as { code?: unknown })?.code ?? '');
  return UNREACHABLE.has(code) || code.startsWith('08');
}
