/**
 * Why a fetch did not complete, in one word a person can act on: the system error code undici puts
 * in `cause` (ECONNREFUSED, ENOTFOUND …) or the error's name (TimeoutError, AbortError).
 */
export function fetchFailure(error: unknown): string {
  return (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
}
