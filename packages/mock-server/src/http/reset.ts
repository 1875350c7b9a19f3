/**
 * A response header the adapters turn into a dropped connection instead of an answer (Node: the
 * socket destroyed; msw: a network error). The mock's faults use it to act out a reset or an outage;
 * it never reaches a client.
 */
export const RESET_HEADER = 'x-mock-fault';
