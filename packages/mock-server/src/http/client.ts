/**
 * The client a request is from, for what budgets by client (the public 核查码 lookups): what the Node
 * server resolved — its socket's peer, or behind `--trusted-proxies` the forwarded address
 * (`node/client-address.ts`). In the browser (msw) there is none.
 */
export const clientOf = (env: unknown): string => (env as { client?: string } | undefined)?.client ?? 'local';
