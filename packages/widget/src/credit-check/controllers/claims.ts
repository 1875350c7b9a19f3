import type { Connection, TokenClaims } from '@credit-check/sdk';
import { type CreditCheckHost, hasCredentials, type Readings } from '../host.ts';
import { loadResultParts, resultParts, resultPartsFailed } from '../result-parts.ts';

export type ClaimsReadings = Pick<Readings, 'connection'>;

/**
 * What the token says about itself (department, operator, scopes) — one source of truth: the
 * element's `department`/`operator` default to them, attributes still override, and 先行受理 is
 * offered only when the backend granted `checks:defer`. Read once per connection.
 */
export class ClaimsController {
  claims: TokenClaims | undefined;
  /** The claims of the current connection are still being read. */
  loading = false;
  private readFrom: Connection | undefined;
  /** Waiting for the chunk with the connection (it decodes the claims). */
  private waiting = false;

  private readonly host: CreditCheckHost;
  private readonly read: ClaimsReadings;

  constructor(host: CreditCheckHost, read: ClaimsReadings) {
    this.host = host;
    this.read = read;
  }

  /** Called first in the element's `willUpdate`: starts reading the claims of a new connection. */
  sync(): void {
    if (!hasCredentials(this.host)) return;
    if (!this.host.connection && !resultParts()) {
      // The connection comes with the result's chunk, loading since the element connected. Still
      // loading: wait for it. Failed: nothing to read; the check says so (and its 重新核查 tries again).
      this.loading = !resultPartsFailed();
      if (this.loading && !this.waiting) {
        this.waiting = true;
        void loadResultParts()
          .catch(() => undefined)
          .then(() => {
            this.waiting = false;
            this.host.requestUpdate();
          });
      }
      return;
    }
    const connection = this.read.connection();
    if (connection === this.readFrom) return;
    this.readFrom = connection;
    this.claims = undefined;
    this.loading = true;
    void connection.claims().then((claims) => {
      if (this.readFrom !== connection) return;
      this.claims = claims;
      this.loading = false;
      this.host.requestUpdate();
    });
  }

  get department(): string | undefined {
    return this.host.department || this.claims?.dept;
  }

  get operator(): string | undefined {
    return this.host.operator || this.claims?.op;
  }

  /** Does the token carry this scope? Undefined when the token says nothing (another format). */
  has(scope: string): boolean | undefined {
    return this.claims ? this.claims.scp.includes(scope) : undefined;
  }
}
