import { API_BASE, type Endpoint, type EndpointId, endpoints, isProblemCode, PROBLEMS, Problem, type z } from '@credit-check/sdk/contract';

/** One way an exchange departs from the contract: the rule it breaks and what was seen. */
export interface Violation {
  rule: string;
  message: string;
}

interface Route {
  id: EndpointId;
  endpoint: Endpoint;
  pattern: RegExp;
}

/** The contract's routes, most specific first (`/checks/batch` before `/checks/:checkId`). */
const ROUTES: Route[] = (Object.entries(endpoints) as [EndpointId, Endpoint][])
  .map(([id, endpoint]) => ({
    id,
    endpoint,
    pattern: new RegExp(`^${endpoint.path.replace(/:[A-Za-z]+/g, '[^/]+')}$`),
  }))
  .sort((a, b) => a.endpoint.path.split(':').length - b.endpoint.path.split(':').length);

/** The contract endpoint a method and path (relative to the API base or absolute) stand for. */
export function matchEndpoint(method: string, path: string): { id: EndpointId; endpoint: Endpoint } | undefined {
  const bare = path.split('?')[0] ?? '';
  const i = bare.indexOf(API_BASE);
  const relative = i >= 0 ? bare.slice(i + API_BASE.length) : bare;
  const route = ROUTES.find((r) => r.endpoint.method === method.toUpperCase() && r.pattern.test(relative));
  return route ? { id: route.id, endpoint: route.endpoint } : undefined;
}

const where = (endpoint: Endpoint) => `${endpoint.method} ${endpoint.path}`;

function schemaIssues(schema: z.ZodMiniType, value: unknown): string | undefined {
  const parsed = schema.safeParse(value);
  if (parsed.success) return undefined;
  return parsed.error.issues
    .slice(0, 3)
    .map((i) => `${i.path.length ? `/${i.path.join('/')}` : '(body)'}: ${i.message}`)
    .join('; ');
}

/** A request body the contract would refuse (the proxy flags what a client sends). */
export function judgeRequest(endpoint: Endpoint, body: string | undefined): Violation[] {
  if (!endpoint.body || body === undefined || body === '') return [];
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return [{ rule: `${where(endpoint)}: request body is JSON`, message: 'the request body is not JSON' }];
  }
  const issues = schemaIssues(endpoint.body, value);
  return issues ? [{ rule: `${where(endpoint)}: request body matches the contract`, message: issues }] : [];
}

export interface ObservedResponse {
  status: number;
  headers: Headers;
  body: string;
}

/**
 * What the contract says of a response: a success has the endpoint's status and schema; an error is
 * `application/problem+json` with a stable `code`, the status of that code (when it is one of the
 * contract's) and the same status inside; 429 and 503 carry `Retry-After`.
 */
export function judgeResponse(endpoint: Endpoint, response: ObservedResponse): Violation[] {
  const out: Violation[] = [];
  const type = response.headers.get('content-type') ?? '';
  if (response.status < 400) {
    if (response.status !== endpoint.status) {
      out.push({ rule: `${where(endpoint)} answers ${endpoint.status}`, message: `answered ${response.status}` });
    }
    if (type.startsWith('text/csv') && endpoint.produces?.includes('text/csv')) return out;
    if (!type.includes('json')) {
      out.push({ rule: `${where(endpoint)} answers application/json`, message: `content-type was "${type}"` });
      return out;
    }
    let value: unknown;
    try {
      value = JSON.parse(response.body);
    } catch {
      out.push({ rule: `${where(endpoint)} answers JSON`, message: 'the body is not JSON' });
      return out;
    }
    const issues = schemaIssues(endpoint.response, value);
    if (issues) out.push({ rule: `${where(endpoint)} body matches the contract`, message: issues });
    return out;
  }
  return [...judgeProblemMedia(response), ...judgeProblemBody(response)];
}

/** RFC 9457: an error is `application/problem+json`. */
export function judgeProblemMedia(response: ObservedResponse): Violation[] {
  const type = response.headers.get('content-type') ?? '';
  return type.startsWith('application/problem+json')
    ? []
    : [{ rule: 'errors are application/problem+json (RFC 9457)', message: `a ${response.status} came as "${type || 'no content-type'}"` }];
}

/** The problem body: the contract's shape with a code, its status, and Retry-After where due. */
export function judgeProblemBody(response: ObservedResponse): Violation[] {
  const out: Violation[] = [];
  let value: unknown;
  try {
    value = JSON.parse(response.body);
  } catch {
    return [{ rule: 'every error is a problem with a stable code', message: `a ${response.status} body is not JSON` }];
  }
  const issues = schemaIssues(Problem, value);
  if (issues) {
    out.push({ rule: 'every error is a problem with a stable code', message: `a ${response.status} problem: ${issues}` });
    return out;
  }
  const problem = value as Problem;
  if (problem.status !== response.status) {
    out.push({ rule: 'the problem status is the HTTP status', message: `HTTP ${response.status}, problem.status ${problem.status}` });
  }
  if (isProblemCode(problem.code) && PROBLEMS[problem.code][0] !== response.status) {
    out.push({
      rule: `${problem.code} is HTTP ${PROBLEMS[problem.code][0]}`,
      message: `${problem.code} came with HTTP ${response.status}`,
    });
  }
  out.push(...judgeRetryAfter(response));
  return out;
}

/** 429 and 503 say when to come back (`Retry-After`, mirrored as `retryAfter` in the problem). */
export function judgeRetryAfter(response: ObservedResponse): Violation[] {
  if (response.status !== 429 && response.status !== 503) return [];
  const header = response.headers.get('retry-after');
  const seconds = header === null ? Number.NaN : /^\d+$/.test(header.trim()) ? Number(header) : (Date.parse(header) - Date.now()) / 1000;
  if (header === null || Number.isNaN(seconds)) {
    return [
      {
        rule: `a ${response.status} carries Retry-After (RFC 9110 §10.2.3)`,
        message: header === null ? 'no Retry-After header' : `Retry-After "${header}" is neither seconds nor a date`,
      },
    ];
  }
  return [];
}
