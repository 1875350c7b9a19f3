import type { Connection, TokenClaims } from '@credit-check/sdk';
import { type CreditCheckHost, hasCredentials, type Readings } from '../host.ts';
import { resultParts } from '../result-parts.ts';

export type ClaimsReadings = Pick<Readings, 'connection'>;

/**
 * What the token says about itself (department, operator, scopes) — one source of truth: the
 * element's `department`/`operator` default to them, attributes still override, and 先行受理 is
 * offered only when the backend granted `checks:defer`. Read once per connection.
 */
export class ClaimsController {
  claims: TokenClaims | undefined;
  /** The claims are not read yet: being read, or waiting for the chunk with the connection. */
  loading = false;
  private readFrom: Connection | undefined;

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
      // The connection comes with the result's chunk, loading since the element connected (its
      // loader updates the element when it is here). Until then the claims are not read.
      this.loading = true;
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
