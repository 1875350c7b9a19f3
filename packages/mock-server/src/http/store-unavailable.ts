import { problem } from '../problems.ts';

/** 503 with Retry-After: the store is out of reach for now; the request did not happen and may be retried. */
export function storeUnavailable(
  zh = '信用平台的数据存储暂时无法访问，请稍后重试',
  en = 'The platform cannot reach its data store now; retry shortly',
) {
  return problem('UNAVAILABLE', zh, en, { retryAfter: 2, headers: { 'retry-after': '2' } });
}
