/** Where webhooks may go — plain data, so the platform (which also runs in browsers) can carry it. */
export interface DestinationPolicy {
  /**
   * What local development opts in to (`--allow-webhook-hosts`): addresses (`127.0.0.1`, `::1`),
   * CIDR ranges (`10.0.0.0/8`) and host names (`localhost`, `hooks.intranet.example`; a name is
   * trusted whatever it resolves to). Parsed once per array: to change it, pass a new one.
   */
  allow?: readonly string[];
  /** Resolves a name to its addresses (the Node server uses DNS; tests pass their own). */
  lookup?: (hostname: string) => Promise<string[]>;
}
