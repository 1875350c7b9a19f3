import type { Check, ClientOptions, Connection } from '@credit-check/sdk';
import type { FeedbackAction, IdType, ResponsePath } from '@credit-check/sdk/contract';
import type { ReactiveControllerHost } from 'lit';
import type { CheckState } from './check-state.ts';
import type { CreditCheckDeferredDetail } from './events.ts';

/**
 * The ground floor of the widget: what a controller may ask of its element (as Shoelace's form
 * controller types its host). Controllers depend on this, never on the `CreditCheck` class, so the
 * element can import every controller without an import circle. Everything here is the element's
 * public, documented surface; what one controller knows that another needs is passed as `Readings`,
 * never made public on the element.
 */
export interface CreditCheckHost extends ReactiveControllerHost, HTMLElement {
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly hasUpdated: boolean;
  // The settings (attributes and properties), as documented on the element.
  readonly endpoint: string | undefined;
  readonly token: string | undefined;
  readonly getToken: ClientOptions['getToken'];
  readonly connection: Connection | undefined;
  readonly matter: string | undefined;
  readonly subject: string | undefined;
  readonly subjectName: string | undefined;
  readonly watch: string | undefined;
  readonly watchName: string | undefined;
  readonly idType: IdType;
  readonly applicationId: string | undefined;
  readonly department: string | undefined;
  readonly operator: string | undefined;
  readonly mode: 'staff' | 'applicant';
  readonly lang: string;
  readonly guard: string | undefined;
  readonly name: string | undefined;
  readonly timeout: number;
  readonly outage: 'hold' | 'defer';
  // What the element shows and holds.
  readonly state: CheckState;
  readonly result: Check | undefined;
  readonly held: boolean;
  /** What still holds the guarded form, in the staff's words; undefined when a path is open. */
  readonly holdReason: string | undefined;
  /** The paths the guarded form may take now (approve, refuse, refer). */
  readonly paths: ReadonlySet<ResponsePath>;
  /** The outcome recorded for the current result (or kept until the platform answers). */
  readonly outcome: FeedbackAction | undefined;
  readonly deferral: CreditCheckDeferredDetail | undefined;
  showAlert(): void;
}

/** A valid identifier, ready to check. */
export interface Subject {
  idType: IdType;
  id: string;
  name: string | undefined;
}

/**
 * What one controller knows that another needs, wired by the element from its own controllers
 * (each controller asks for the few it uses, `Pick<Readings, …>`).
 */
export interface Readings {
  /** The identifier and the applicant name last entered in the watched fields. */
  watched(): { value: string; name: string | undefined };
  /** The department checks are made for: the attribute, else the token's claim. */
  department(): string | undefined;
  /** The operator checks are made for: the attribute, else the token's claim. */
  operator(): string | undefined;
  /** The token's claims are still being read. */
  claimsLoading(): boolean;
  /** Does the token grant `scope`? Undefined when it does not say. */
  tokenHas(scope: string): boolean | undefined;
  /**
   * The matters the token says allow 先行受理 (`dfr`, signed offline by the backend from the catalogue
   * it last read); undefined when it does not say. What a page opened during an outage goes by.
   */
  tokenDeferrals(): readonly string[] | undefined;
  /** The SDK connection checks and feedback go through. */
  connection(): Connection;
  /** The key of what should be checked now, '' when nothing. */
  checkKey(): string;
  /** Why the last check failed, when it did. */
  checkError(): unknown;
  /** The valid subject to check, if any. */
  subject(): Subject | undefined;
}

/** Something to connect with: a connection, or an endpoint and a token. */
export function hasCredentials(h: Pick<CreditCheckHost, 'connection' | 'endpoint' | 'token' | 'getToken'>): boolean {
  return Boolean(h.connection || (h.endpoint && (h.token || h.getToken)));
}
