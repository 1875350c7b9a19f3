import { type SignatureAlgorithm, type SignatureSchemeName, subtle, toBase64Url, toHex, utf8 } from '@credit-check/sdk/auth';
import type {
  AckRequest,
  BatchCheckRequest,
  BatchResult,
  CaseList,
  CaseQuery,
  Check,
  CheckRequest,
  Commitment,
  CommitmentSearchRequest,
  Coverage,
  CoverageQuery,
  DeliveryStatus,
  EventFeedQuery,
  EventPage,
  Feedback,
  FeedbackRequest,
  FulfilmentRequest,
  Jwks,
  ListDefinition,
  Matter,
  Objection,
  ObjectionDecisionRequest,
  ObjectionRequest,
  Profile,
  Replay,
  ResultSheet,
  RotateSecretRequest,
  SignCommitmentRequest,
  SubjectRef,
  SubscriptionRequest,
  TokenRequest,
  TokenResponse,
  Verification,
  VerificationIssued,
  VerificationWithdrawn,
} from '@credit-check/sdk/contract';
import { signJws } from '@credit-check/sdk/receipts';
import type { Principal } from '../auth/principal.ts';
import { type NativeSm3, signatureAlgorithms, sm3Primitives } from '../auth/signatures.ts';
import { TokenAuthority } from '../auth/tokens.ts';
import type { Catalog, CommitmentRecord } from '../domain/records.ts';
import { CATALOG } from '../seed/catalog.ts';
import { buildSubjects, type SubjectIndex } from '../seed/generate.ts';
import { scenarioList, scenarioObjections } from '../seed/scenarios.ts';
import { MemoryStore } from '../store/memory.ts';
import type { EventRecord, Store } from '../store/store.ts';
import { allCases, casesCsv, listCases } from './cases.ts';
import * as checks from './checks.ts';
import * as commitments from './commitments.ts';
import type { PlatformContext } from './context.ts';
import { coverage } from './coverage.ts';
import type { EventListener } from './events.ts';
import * as feed from './feed.ts';
import { createFeedback } from './feedback.ts';
import type { MockChange, MockEntryRequest, MockRepair } from './happenings.ts';
import { type ReceiptKeys, receiptKeys, sm3Mac, tokenKey } from './keys.ts';
import * as objections from './objections.ts';
import {
  type App,
  type CryptoSuite,
  type PlatformCrypto,
  type PlatformObserver,
  type PlatformOptions,
  SANDBOX_APP,
  SEED_DEFAULTS,
} from './options.ts';
import { replayCheck } from './replays.ts';
import { SERIAL_PREFIX, Serials } from './serials.ts';
import { createSheet } from './sheets.ts';
import { profile } from './subject-file.ts';
import * as subscriptions from './subscriptions.ts';
import * as supervision from './supervision.ts';
import { mintToken } from './tokens.ts';
import type { VerificationPolicy } from './verifications.ts';
import * as verifications from './verifications.ts';

/**
 * The shared credit platform: checks (发起), the measures they yield (响应), feedback (反馈) and
 * the records around them, over plain data. It owns the context (catalogue, subjects, store, clock,
 * receipt key); each resource is a module of functions over it (`checks.ts`, `feedback.ts` …),
 * reached as one object per resource (`platform.checks.create`, `platform.objections.decide`), with
 * no method of its own in between.
 * HTTP, msw and storage are adapters around it.
 */
export class Platform implements PlatformContext {
  readonly catalog: Catalog = CATALOG;
  readonly apps: App[];
  readonly suite: CryptoSuite;
  readonly issuer: string;
  readonly store: Store;
  tokenAuthority!: TokenAuthority;
  readonly subjects: SubjectIndex;
  readonly matters: ReadonlyMap<string, Matter> = new Map(CATALOG.matters.map((m) => [m.code, m]));
  readonly lists: ReadonlyMap<string, ListDefinition> = new Map(CATALOG.lists.map((l) => [l.code, l]));
  readonly seededCommitments = new Map<string, CommitmentRecord>();
  readonly webhookDestinations: NonNullable<PlatformOptions['webhookDestinations']>;
  readonly observer: PlatformObserver | undefined;
  private readonly serials: Serials;
  readonly verificationPolicy: VerificationPolicy;
  /** Signed calls older than this (ms, wall clock) are refused: the store did not keep their nonces (`Store.keepsNonces`). */
  readonly noncesSince: number;
  private readonly clock: () => Date;
  private readonly crypto: PlatformCrypto | undefined;
  /** SM3 under 国密 (receipt subject digests, token MACs). */
  private readonly sm3: NativeSm3 | undefined;
  /** The receipt key in use and the public keys of an earlier suite still published. */
  private receipts!: ReceiptKeys;
  private signatures!: ReadonlyMap<SignatureSchemeName, SignatureAlgorithm>;

  private constructor(options: PlatformOptions, sm3: NativeSm3 | undefined) {
    this.store = options.store ?? new MemoryStore();
    this.crypto = options.natives;
    this.suite = options.crypto ?? 'standard';
    this.sm3 = sm3;
    this.clock = options.now ?? (() => new Date());
    this.apps = options.apps ?? [this.suite === 'gm' ? { ...SANDBOX_APP, scheme: 'CC-HMAC-SM3' } : SANDBOX_APP];
    this.issuer = options.issuer ?? 'credit-check-mock';
    const prefix = options.serialPrefix ?? 'HC';
    if (!SERIAL_PREFIX.test(prefix))
      throw new TypeError(`核查编号前缀须为 1–8 个大写字母 (serialPrefix must be 1–8 capital letters: ${prefix})`);
    this.verificationPolicy = { validDays: options.verificationDays ?? 90, publicUrl: options.publicUrl?.replace(/\/+$/, '') };
    // A store write per block of 核查编号, not per check (a hot row in SQLite, a round trip to
    // PostgreSQL: one upsert per check cost the bench's SQLite row a fifth of its rate). In memory, 1.
    this.serials = new Serials(this.store, prefix, this.store.kind === 'memory' ? 1 : 50);
    this.webhookDestinations = options.webhookDestinations ?? {};
    this.observer = options.observer;
    this.noncesSince = this.store.keepsNonces ? 0 : this.wallNow();
    this.subjects = buildSubjects({
      count: options.subjects ?? SEED_DEFAULTS.subjects,
      seed: options.seed ?? SEED_DEFAULTS.seed,
      today: this.today(),
    });
    for (const s of this.subjects.subjects.values()) for (const c of s.commitments ?? []) this.seededCommitments.set(c.commitmentId, c);
  }

  static async create(options: PlatformOptions = {}): Promise<Platform> {
    const gm = options.crypto === 'gm';
    const platform = new Platform(options, gm ? await sm3Primitives(options.natives?.sm3) : undefined);
    platform.offset = Number((await platform.store.getMeta('clock:offset')) ?? 0);
    platform.receipts = await receiptKeys(platform.store, platform.suite, options.natives);
    platform.tokenAuthority = new TokenAuthority({
      key: await tokenKey(platform.store, options.tokenKey),
      apps: platform.apps,
      algorithmOf: (app) => platform.signatureAlgorithm(app as App),
      ...(sm3Mac(platform.sm3) ?? (options.natives?.hmacSha256 ? { mac: options.natives.hmacSha256 } : {})),
    });
    platform.signatures = await signatureAlgorithms(
      platform.apps.map((a) => a.scheme ?? 'CC-HMAC-SHA256'),
      options.natives?.sm3,
    );
    await platform.seedStore();
    // Keys and seeding marks are durable before the platform answers anyone (or another worker starts).
    await platform.store.flush();
    return platform;
  }

  /** The scheme an app must sign with. */
  signatureAlgorithm(app: App): SignatureAlgorithm {
    return this.signatures.get(app.scheme ?? 'CC-HMAC-SHA256') as SignatureAlgorithm;
  }

  /** Scenario records the store starts with (once per store). */
  private async seedStore(): Promise<void> {
    // Once per store, whichever instance gets there first.
    const now = this.clock().toISOString();
    if ((await this.store.claimMeta('seeded', now)) !== now) return;
    for (const o of scenarioObjections(this.today())) await this.store.putObjection(o);
    // Expiries and due dates before today are history, not news: the sweep starts here.
    await this.store.putMeta('events:swept', this.today());
  }

  /** POST /__mock/reset: back to the seed (the receipt key is kept). */
  async reset(): Promise<void> {
    await this.store.clear();
    this.offset = 0;
    await this.seedStore();
  }

  // ── the context ───────────────────────────────────────────────────────────────────────────

  private async sha256(text: string): Promise<Uint8Array> {
    const data = utf8.encode(text);
    return this.crypto ? await this.crypto.sha256(data) : new Uint8Array(await subtle().digest('SHA-256', data));
  }

  /** SHA-256 of a text, hex — with node:crypto in the Node server (no thread-pool hop). */
  async sha256Hex(text: string): Promise<string> {
    return toHex(await this.sha256(text));
  }

  /** The receipts' subject digest: SHA-256, or SM3 under 国密 (as `verifyReceipt` expects from the alg). */
  async digest(text: string): Promise<string> {
    return toBase64Url(this.sm3 ? this.sm3.sm3(utf8.encode(text)) : await this.sha256(text));
  }

  signReceipt(claims: object, typ?: string): Promise<string> {
    const { sign, key } = this.receipts;
    return signJws(claims, sign, key.kid, key.alg, typ);
  }

  /** How far POST /__mock/clock moved the business clock (kept in the store too, so it survives restarts). */
  private offset = 0;
  private offsetMs(): number {
    return this.offset;
  }

  now(): number {
    return this.clock().getTime() + this.offsetMs();
  }

  wallNow(): number {
    return this.clock().getTime();
  }

  nowIso(): string {
    return new Date(this.now()).toISOString();
  }

  /** Moves the business clock forward (due commitments and expiries then fire through `sweep`). */
  async advanceClock(ms: number): Promise<void> {
    this.offset += ms;
    await this.store.putMeta('clock:offset', String(this.offset));
  }

  /** How far the business clock is ahead of the wall clock. */
  get clockOffsetMs(): number {
    return this.offset;
  }

  /** Another worker moved the clock (or reset it) and stored it: this process follows (`--workers`). */
  followClock(offsetMs: number): void {
    this.offset = offsetMs;
  }

  nextSerial(): Promise<string> {
    return this.serials.next(this.now());
  }

  today(): string {
    return this.nowIso().slice(0, 10);
  }

  app(appId: string): App | undefined {
    return this.apps.find((a) => a.appId === appId);
  }

  scenarios() {
    return scenarioList(this.today());
  }

  jwks(): Jwks {
    return { keys: [this.receipts.key.publicJwk, ...this.receipts.retired] };
  }

  // ── the resources, one object each (stripe-node style: platform.checks.create) ──────────────

  readonly checks = {
    create: (principal: Principal, request: CheckRequest): Promise<Check> => checks.createCheck(this, principal, request),
    batch: (principal: Principal, request: BatchCheckRequest, max: number): Promise<BatchResult> =>
      checks.createCheckBatch(this, principal, request, max),
    get: (principal: Principal, checkId: string): Promise<Check> => checks.getCheck(this, principal, checkId),
  };

  readonly verifications = {
    issue: (principal: Principal, checkId: string, origin: string): Promise<VerificationIssued> =>
      verifications.issueVerification(this, this.verificationPolicy, principal, checkId, origin),
    withdraw: (principal: Principal, checkId: string): Promise<VerificationWithdrawn> =>
      verifications.withdrawVerification(this, principal, checkId),
    verify: (code: string, client: string): Promise<Verification> => verifications.verify(this, code, client),
  };

  readonly replays = {
    replay: (principal: Principal, checkId: string): Promise<Replay> => replayCheck(this, principal, checkId),
  };

  readonly sheets = {
    create: (principal: Principal, checkId: string, origin: string): Promise<ResultSheet> =>
      createSheet(this, this.verificationPolicy, principal, checkId, origin),
  };

  readonly feedback = {
    create: (principal: Principal, checkId: string, request: FeedbackRequest): Promise<{ feedback: Feedback; created: boolean }> =>
      createFeedback(this, principal, checkId, request),
  };

  readonly profiles = {
    get: (principal: Principal, subject: SubjectRef): Promise<Profile> => profile(this, principal, subject),
  };

  readonly commitments = {
    sign: (principal: Principal, request: SignCommitmentRequest): Promise<Commitment> =>
      commitments.signCommitment(this, principal, request),
    search: (principal: Principal, request: CommitmentSearchRequest): Promise<{ commitments: Commitment[] }> =>
      commitments.searchCommitments(this, principal, request),
    recordFulfilment: (principal: Principal, commitmentId: string, request: FulfilmentRequest): Promise<Commitment> =>
      commitments.recordFulfilment(this, principal, commitmentId, request),
  };

  readonly objections = {
    create: (principal: Principal, request: ObjectionRequest): Promise<Objection> => objections.createObjection(this, principal, request),
    get: (principal: Principal, objectionId: string): Promise<Objection> => objections.getObjection(this, principal, objectionId),
    decide: (principal: Principal, objectionId: string, request: ObjectionDecisionRequest): Promise<Objection> =>
      objections.decideObjection(this, principal, objectionId, request),
  };

  /** Browser tokens the platform mints for an app (`tokenAuthority` signs and verifies them). */
  readonly tokens = {
    mint: (principal: Principal, request: TokenRequest): Promise<TokenResponse> => mintToken(this, principal, request),
  };

  readonly stats = {
    coverage: (principal: Principal, query: CoverageQuery): Promise<Coverage> => coverage(this, principal, query),
  };

  // ── 定向推送, 反馈 and cases (003 §六§七) ───────────────────────────────────────────────────

  private readonly listeners = new Set<EventListener>();

  /** Listens for appended events (the deliverer); returns the unsubscribe. */
  onEvents(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  notify(events: readonly EventRecord[]): void {
    for (const listener of this.listeners) listener(events);
  }

  readonly events = {
    feed: (principal: Principal, query: EventFeedQuery): Promise<EventPage> => feed.feed(this, principal, query),
    ack: (principal: Principal, eventId: string, request: AckRequest) => feed.ack(this, principal, eventId, request),
  };

  readonly subscriptions = {
    create: (principal: Principal, request: SubscriptionRequest) => subscriptions.createSubscription(this, principal, request),
    list: (principal: Principal) => subscriptions.listSubscriptions(this, principal),
    get: async (principal: Principal, id: string) =>
      subscriptions.subscriptionView(this, await subscriptions.ownSubscription(this, principal, id)),
    delete: (principal: Principal, id: string) => subscriptions.deleteSubscription(this, principal, id),
    rotate: (principal: Principal, id: string, request: RotateSecretRequest) => subscriptions.rotateSecret(this, principal, id, request),
    deliveries: (principal: Principal, id: string, query: { status?: DeliveryStatus | undefined; limit?: number | undefined }) =>
      subscriptions.listDeliveries(this, principal, id, query),
    redeliver: async (principal: Principal, id: string, deliveryIds?: string[]) => {
      const result = await subscriptions.redeliver(this, principal, id, deliveryIds);
      this.notify([]);
      return result;
    },
  };

  readonly cases = {
    list: (principal: Principal, query: CaseQuery): Promise<CaseList> => listCases(this, principal, query),
    csv: async (principal: Principal, query: CaseQuery): Promise<string> => casesCsv(await allCases(this, principal, query)),
  };

  /** The mock's controls that make the loop move (each emits through the same routing). */
  readonly controls = {
    listEntry: (request: MockEntryRequest) => supervision.listEntry(this, request),
    repairEntry: (entryId: string, method?: NonNullable<MockRepair['method']>) => supervision.repairEntry(this, entryId, method),
    revokeEntry: (entryId: string) => supervision.revokeEntry(this, entryId),
    setGrade: (subject: SubjectRef, level: string, scaleId?: string) =>
      supervision.setGrade(this, subject.idType, subject.id, level, scaleId),
    advanceClock: async (ms: number): Promise<MockChange> => {
      await this.advanceClock(ms);
      return { now: this.nowIso(), events: supervision.eventSummary(await this.sweep()) };
    },
  };

  /** Fires expiries and due commitments up to today (once per day; the server calls it hourly). */
  sweep(): Promise<EventRecord[]> {
    return supervision.sweep(this);
  }
}
