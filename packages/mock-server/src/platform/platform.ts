import { fromBase64Url, randomId, subtle, toBase64Url, toHex, utf8 } from '@credit-check/sdk/auth';
import type {
  BatchCheckRequest,
  BatchResult,
  Check,
  CheckRequest,
  Commitment,
  CommitmentSearchRequest,
  Coverage,
  CoverageQuery,
  Feedback,
  FeedbackRequest,
  FulfilmentRequest,
  Jwks,
  LinkedSubject,
  ListEntry,
  Matter,
  Objection,
  ObjectionDecisionRequest,
  ObjectionRequest,
  Profile,
  SignCommitmentRequest,
  SubjectRef,
  TokenRequest,
  TokenResponse,
  Verdict,
} from '@credit-check/sdk/contract';
import { DEFAULT_TOKEN_SCOPES, fieldErrors, SubjectRef as SubjectRefSchema } from '@credit-check/sdk/contract';
import { type Ed25519Signer, signJws, subjectDigestInput } from '@credit-check/sdk/receipts';
import { type SigningKey, signingKey } from '../auth/keys.ts';
import { canSeePii, type Principal } from '../auth/principal.ts';
import { TokenAuthority } from '../auth/tokens.ts';
import { eligibility } from '../domain/eligibility.ts';
import { entryView } from '../domain/entries.ts';
import { type Catalog, type CommitmentRecord, type ObjectionRecord, type SubjectRecord, subjectKey } from '../domain/records.ts';
import { evaluate } from '../domain/verdict.ts';
import { ProblemError, problem } from '../problems.ts';
import { CATALOG } from '../seed/catalog.ts';
import { buildSubjects, type SubjectIndex } from '../seed/generate.ts';
import { scenarioList, scenarioObjections } from '../seed/scenarios.ts';
import { MemoryStore } from '../store/memory.ts';
import type { Store } from '../store/store.ts';
import { commitmentView, gradeView, maskCheck, maskLinked, maskSubject, subjectView } from './views.ts';

export interface App {
  appId: string;
  appSecret: string;
}

export interface PlatformOptions {
  /** Where checks, feedback, commitments and objections live (default: in memory). */
  store?: Store;
  /** Generated subjects on top of the scenario subjects (default 1000). */
  subjects?: number;
  /** PRNG seed for generated subjects (default `credit-check`). */
  seed?: string;
  /** The clock (default: real time). */
  now?: () => Date;
  /** Apps allowed to sign requests (default: the sandbox app). */
  apps?: App[];
  /** Secret for browser tokens (default: derived from the first app's secret). */
  tokenSecret?: string;
  issuer?: string;
  /** Native crypto for the hot path (the Node server passes node:crypto; default WebCrypto). */
  crypto?: PlatformCrypto;
}

/** Synchronous (or async) primitives the check path needs; WebCrypto works everywhere, node:crypto is faster. */
export interface PlatformCrypto {
  sha256: (data: Uint8Array) => Uint8Array | Promise<Uint8Array>;
  /** Builds an Ed25519 signer from the receipt key (PKCS#8 DER). */
  ed25519: (pkcs8: Uint8Array) => Ed25519Signer;
}

export const SANDBOX_APP: App = { appId: 'sandbox-app', appSecret: 'sandbox-secret-change-me' };

/**
 * The shared credit platform: checks (发起), the measures they yield (响应), feedback (反馈) and
 * the records around them, over plain data. HTTP, msw and storage are adapters around it.
 */
export class Platform {
  readonly catalog: Catalog = CATALOG;
  readonly apps: App[];
  readonly issuer: string;
  readonly store: Store;
  readonly tokens: TokenAuthority;
  readonly subjects: SubjectIndex;
  private readonly clock: () => Date;
  private key!: SigningKey;
  private readonly matters = new Map<string, Matter>();
  private readonly lists = new Map(CATALOG.lists.map((l) => [l.code, l]));
  private readonly seededCommitments = new Map<string, CommitmentRecord>();
  private readonly crypto: PlatformCrypto | undefined;
  private sign!: Ed25519Signer;

  private constructor(options: PlatformOptions) {
    this.store = options.store ?? new MemoryStore();
    this.crypto = options.crypto;
    this.clock = options.now ?? (() => new Date());
    this.apps = options.apps ?? [SANDBOX_APP];
    this.issuer = options.issuer ?? 'credit-check-mock';
    this.tokens = new TokenAuthority(options.tokenSecret ?? `token:${this.apps[0]?.appSecret ?? 'none'}`);
    for (const m of this.catalog.matters) this.matters.set(m.code, m);
    this.subjects = buildSubjects({ count: options.subjects ?? 1000, seed: options.seed ?? 'credit-check', today: this.today() });
    for (const s of this.subjects.subjects.values()) for (const c of s.commitments ?? []) this.seededCommitments.set(c.commitmentId, c);
  }

  static async create(options: PlatformOptions = {}): Promise<Platform> {
    const platform = new Platform(options);
    const stored = platform.store.getMeta('key:receipt');
    platform.key = await signingKey(stored);
    if (!stored) platform.store.putMeta('key:receipt', platform.key.pkcs8);
    platform.sign = platform.crypto ? platform.crypto.ed25519(fromBase64Url(platform.key.pkcs8)) : platform.key.sign;
    platform.seedStore();
    return platform;
  }

  /** Scenario records the store starts with (once per store). */
  private seedStore(): void {
    if (this.store.getMeta('seeded')) return;
    for (const o of scenarioObjections(this.today())) this.store.putObjection(o);
    this.store.putMeta('seeded', this.clock().toISOString());
  }

  /** POST /__mock/reset: back to the seed (the receipt key is kept). */
  reset(): void {
    this.store.clear();
    this.seedStore();
  }

  /** SHA-256 of a text, hex — with node:crypto in the Node server (no thread-pool hop). */
  async sha256Hex(text: string): Promise<string> {
    const data = utf8.encode(text);
    const hash = this.crypto ? await this.crypto.sha256(data) : new Uint8Array(await subtle().digest('SHA-256', data));
    return toHex(hash);
  }

  private async digest(text: string): Promise<string> {
    const data = utf8.encode(text);
    const hash = this.crypto ? await this.crypto.sha256(data) : new Uint8Array(await subtle().digest('SHA-256', data));
    return toBase64Url(hash);
  }

  /** Milliseconds since the epoch, by the platform's clock. */
  now(): number {
    return this.clock().getTime();
  }

  today(): string {
    return this.clock().toISOString().slice(0, 10);
  }

  app(appId: string): App | undefined {
    return this.apps.find((a) => a.appId === appId);
  }

  scenarios() {
    return scenarioList(this.today());
  }

  jwks(): Jwks {
    return { keys: [this.key.publicJwk] };
  }

  // ── access rules ──────────────────────────────────────────────────────────────────────────

  private matter(code: string): Matter {
    const matter = this.matters.get(code);
    if (!matter)
      throw problem(
        'UNKNOWN_MATTER',
        `事项编码“${code}”不存在（见 GET /catalog/matters）`,
        `No matter "${code}" (see GET /catalog/matters)`,
      );
    return matter;
  }

  private allowMatter(principal: Principal, code: string): void {
    if (principal.kind === 'token' && !principal.matters.includes('*') && !principal.matters.includes(code)) {
      throw problem('SCOPE_MATTER', `访问令牌不适用于事项“${code}”`, `The token does not cover matter "${code}"`);
    }
  }

  private allowContext(principal: Principal, context: { department: string; operator: string }): void {
    if (principal.kind !== 'token') return;
    if (context.department !== principal.department) {
      throw problem(
        'SCOPE_DEPARTMENT',
        `访问令牌属于“${principal.department}”，不能代表其他部门核查`,
        'The token belongs to another department',
      );
    }
    if (context.operator !== principal.operator) {
      throw problem('SCOPE_OPERATOR', '访问令牌属于其他经办人', 'The token was issued to another operator');
    }
  }

  private allowRead(principal: Principal, check: Check): void {
    if (principal.kind === 'token' && check.context.department !== principal.department) {
      throw problem('SCOPE_DEPARTMENT', '不能查看其他部门的核查记录', "The token cannot read other departments' checks");
    }
  }

  // ── 发起: checks ──────────────────────────────────────────────────────────────────────────

  async check(principal: Principal, request: CheckRequest): Promise<Check> {
    const matter = this.matter(request.matter);
    this.allowMatter(principal, matter.code);
    this.allowContext(principal, request.context);
    const check = await this.evaluateAndStore(request, matter);
    return this.present(check, null, principal);
  }

  private async evaluateAndStore(request: CheckRequest, matter: Matter): Promise<Check> {
    const { idType, id } = request.subject;
    const { key, record, entries, commitments, grade, linked } = this.file(idType, id, this.today());
    const evaluation = evaluate({
      matter,
      measures: this.catalog.measures,
      entries,
      commitments,
      grade,
      linked,
      isPerson: idType === 'idcard',
      found: record !== undefined,
    });
    const reasons = [...evaluation.reasons];
    let verdict: Verdict = evaluation.verdict;
    if (record && request.subject.name && sameName(record.name, request.subject.name) === false) {
      // 重错码治理 (001 (四)2): a name that does not match the code may be a mistyped code.
      reasons.unshift({
        code: 'NAME_MISMATCH',
        verdict: 'notice',
        message: {
          'zh-CN': `申请人名称与信用平台登记名称“${idType === 'idcard' ? '（个人信息已隐藏）' : record.name}”不一致，请核对代码是否录入有误`,
          en: 'The name given differs from the registered name: check that the code is right',
        },
        entryId: null,
        measureId: null,
        commitmentId: null,
      });
      if (verdict === 'clear') {
        verdict = 'notice';
        for (let i = reasons.length - 1; i > 0; i--) if (reasons[i]?.verdict === 'clear') reasons.splice(i, 1);
      }
    }
    const checkId = randomId('chk_', 12);
    const checkedAt = this.clock().toISOString();
    const fastTrack = evaluation.fastTrack && verdict === 'clear';
    const receipt = await signJws(
      {
        iss: this.issuer,
        checkId,
        applicationId: request.context.applicationId,
        department: request.context.department,
        matter: matter.code,
        verdict,
        fastTrack,
        checkedAt,
        subjectDigest: await this.digest(subjectDigestInput(idType, id, checkId)),
        iat: Math.floor(Date.parse(checkedAt) / 1000),
      },
      this.sign,
      this.key.kid,
    );
    const check: Check = {
      checkId,
      checkedAt,
      subject: subjectView(record, request.subject),
      matter: { code: matter.code, name: matter.name },
      context: request.context,
      verdict,
      fastTrack,
      reasons,
      entries,
      commitments,
      measures: evaluation.measures,
      eligibility: evaluation.eligibility,
      grade,
      linked,
      receipt,
      feedback: null,
    };
    const { feedback: _none, ...stored } = check;
    this.store.putCheck({ check: stored, subjectKey: key });
    return check;
  }

  /** POST /checks/batch: each subject validated and checked on its own. */
  async checkBatch(principal: Principal, request: BatchCheckRequest, max: number): Promise<BatchResult> {
    if (request.subjects.length > max) {
      throw problem(
        'BATCH_TOO_LARGE',
        `每批最多 ${max} 个主体，本批 ${request.subjects.length} 个`,
        `At most ${max} subjects per batch, got ${request.subjects.length}`,
      );
    }
    const matter = this.matter(request.matter);
    this.allowMatter(principal, matter.code);
    this.allowContext(principal, request.context);
    const results: BatchResult['results'] = [];
    for (const [index, raw] of request.subjects.entries()) {
      const parsed = SubjectRefSchema.safeParse(raw);
      if (!parsed.success) {
        const errors = fieldErrors(parsed.error.issues, raw).map((e) => ({ ...e, pointer: `/subjects/${index}${e.pointer}` }));
        results.push({
          index,
          ok: false,
          problem: new ProblemError(
            'VALIDATION_FAILED',
            { 'zh-CN': errors[0]?.message['zh-CN'], en: errors[0]?.message.en },
            { errors },
          ).toProblem(),
        });
        continue;
      }
      const check = await this.evaluateAndStore({ subject: parsed.data, matter: matter.code, context: request.context }, matter);
      results.push({ index, ok: true, check: this.present(check, null, principal) });
    }
    return { matter: matter.code, results };
  }

  getCheck(principal: Principal, checkId: string): Check {
    const stored = this.store.getCheck(checkId);
    if (!stored) throw problem('NOT_FOUND', `核查记录 ${checkId} 不存在`, `No check ${checkId}`);
    const check = { ...stored.check, feedback: null };
    this.allowRead(principal, check);
    return this.present(check, this.store.getFeedback(checkId) ?? null, principal);
  }

  private present(check: Check, feedback: Feedback | null, principal: Principal): Check {
    const full = { ...check, feedback };
    return canSeePii(principal) ? full : maskCheck(full);
  }

  // ── 反馈: feedback ────────────────────────────────────────────────────────────────────────

  /** Records feedback once; the same feedback again returns it (`created: false`), a different one is a 409. */
  feedback(principal: Principal, checkId: string, request: FeedbackRequest): { feedback: Feedback; created: boolean } {
    const stored = this.store.getCheck(checkId);
    if (!stored) throw problem('NOT_FOUND', `核查记录 ${checkId} 不存在`, `No check ${checkId}`);
    this.allowRead(principal, { ...stored.check, feedback: null });
    if (principal.kind === 'token' && request.operator !== principal.operator) {
      throw problem('SCOPE_OPERATOR', '反馈的经办人与访问令牌不一致', 'Feedback operator differs from the token operator');
    }
    const known = new Set(stored.check.measures.map((m) => m.measureId));
    const unknown = (request.measuresApplied ?? []).filter((m) => !known.has(m));
    if (unknown.length > 0)
      throw problem(
        'UNKNOWN_MEASURE',
        `措施 ${unknown.join('、')} 不属于本次核查结果`,
        `Measures ${unknown.join(', ')} are not in this check`,
      );
    const candidate: Feedback = {
      feedbackId: randomId('fb_', 12),
      checkId,
      action: request.action,
      operator: request.operator,
      note: request.note ?? '',
      reason: request.reason ?? '',
      measuresApplied: request.measuresApplied ?? [],
      recordedAt: this.clock().toISOString(),
    };
    const existing = this.store.getFeedback(checkId);
    const saved = existing ?? this.store.putFeedback(candidate);
    if (saved.feedbackId === candidate.feedbackId) return { feedback: saved, created: true };
    if (sameFeedback(saved, candidate)) return { feedback: saved, created: false };
    throw problem(
      'FEEDBACK_EXISTS',
      `该核查已于 ${saved.recordedAt} 记录反馈“${saved.action}”`,
      `Feedback "${saved.action}" was already recorded at ${saved.recordedAt}`,
    );
  }

  // ── records ───────────────────────────────────────────────────────────────────────────────

  profile(principal: Principal, subject: SubjectRef): Profile {
    const { key, record, objections, entries, commitments, grade, linked } = this.file(subject.idType, subject.id, this.today());
    const own = new Set(entries.map((e) => e.entryId));
    const profile: Profile = {
      subject: subjectView(record, subject),
      entries,
      commitments,
      grade,
      gradeHistory: (record?.gradeHistory ?? (record?.grade ? [record.grade] : []))
        .map((g) => gradeView(g, this.catalog.gradeScales))
        .filter((g) => g !== null),
      interviews: record?.interviews ?? [],
      objections: objections.filter((o) => own.has(o.entryId)).map(objectionView),
      linked,
      checks: this.store.checkStats(key),
    };
    if (canSeePii(principal)) return profile;
    return {
      ...profile,
      subject: maskSubject(profile.subject),
      commitments: profile.commitments.map((c) => ({ ...c, subject: maskSubject(c.subject) })),
      linked: maskLinked(profile.linked),
    };
  }

  /**
   * What the platform knows about a subject today: its record, its entries with today's status
   * (objections applied), commitments, grade, and the linked subjects with their effective entries.
   */
  private file(idType: SubjectRecord['idType'], id: string, today: string) {
    const key = subjectKey(idType, id);
    const record = this.subjects.subjects.get(key);
    const linkedRecords = this.linkedRecords(record);
    const entryIds = [record, ...linkedRecords.map((l) => l.record)].flatMap((r) => r?.entries ?? []).map((e) => e.entryId);
    const objections = this.store.objectionsOf(entryIds);
    const linked: LinkedSubject[] = linkedRecords.map(({ relation, record: r }) => ({
      relation,
      subject: subjectView(r, { idType: r.idType, id: r.id }),
      activeEntries: this.entryViews(r, today, objections).filter((e) => e.effective),
    }));
    return {
      key,
      record,
      objections,
      entries: this.entryViews(record, today, objections),
      commitments: this.commitmentsOf(key, record, today),
      grade: gradeView(record?.grade, this.catalog.gradeScales),
      linked,
    };
  }

  private entryViews(record: SubjectRecord | undefined, today: string, objections: readonly ObjectionRecord[]): ListEntry[] {
    return (record?.entries ?? []).flatMap((e) => {
      const list = this.lists.get(e.listCode);
      return list ? [entryView(e, list, today, objections)] : [];
    });
  }

  private linkedRecords(record: SubjectRecord | undefined) {
    const out: { relation: LinkedSubject['relation']; record: SubjectRecord }[] = [];
    if (record?.legalRepresentative) {
      const rep = this.subjects.subjects.get(subjectKey('idcard', record.legalRepresentative));
      if (rep) out.push({ relation: 'legal-representative', record: rep });
    }
    for (const org of record?.represents ?? []) {
      const r = this.subjects.subjects.get(subjectKey('uscc', org));
      if (r) out.push({ relation: 'represented-organisation', record: r });
    }
    return out;
  }

  private commitmentsOf(key: string, record: SubjectRecord | undefined, today: string): Commitment[] {
    const [idType, id] = key.split(':') as [SubjectRecord['idType'], string];
    const view = subjectView(record, { idType, id });
    const seeded = (record?.commitments ?? []).map((c) => commitmentView(c, view, today, this.store.getFulfilment(c.commitmentId)));
    const signed = this.store.commitmentsOf(key).map((c) => commitmentView(c, view, today));
    return [...seeded, ...signed].sort((a, b) => b.signedAt.localeCompare(a.signedAt));
  }

  // ── commitments ───────────────────────────────────────────────────────────────────────────

  /** 信用承诺 (002 (一)): standard text, current version; 告知承诺/容缺受理 only when eligible. */
  signCommitment(principal: Principal, request: SignCommitmentRequest): Commitment {
    const matter = this.matter(request.matter);
    this.allowMatter(principal, matter.code);
    if (!matter.commitmentText) throw problem('NOT_OFFERED', `事项“${matter.name}”没有信用承诺书`, 'The matter has no commitment text');
    if (request.type === 'informed' && !matter.informedCommitment) {
      throw problem('NOT_OFFERED', `事项“${matter.name}”不适用告知承诺`, 'The matter does not offer approval on commitment');
    }
    if (request.type === 'tolerance' && !matter.toleranceAcceptance) {
      throw problem('NOT_OFFERED', `事项“${matter.name}”不适用容缺受理`, 'The matter does not offer tolerance acceptance');
    }
    if (request.textVersion !== matter.commitmentText.version) {
      throw problem(
        'TEXT_VERSION',
        `承诺书当前版本为 ${matter.commitmentText.version}`,
        `The current text version is ${matter.commitmentText.version}`,
      );
    }
    const today = this.today();
    if (request.type === 'tolerance') {
      const deadline = request.deadline as string;
      const latest = new Date(Date.parse(`${today}T00:00:00Z`) + 180 * 86_400_000).toISOString().slice(0, 10);
      if (deadline <= today || deadline > latest) {
        throw problem('DEADLINE_INVALID', `补齐材料期限应在今天之后、${latest} 之前`, `The deadline must be after today and by ${latest}`);
      }
    }
    const { key, record, entries, commitments, grade } = this.file(request.subject.idType, request.subject.id, today);
    if (request.type === 'informed' || request.type === 'tolerance') {
      const status = eligibility(matter, entries, commitments, grade);
      const item = request.type === 'informed' ? status.informedCommitment : status.toleranceAcceptance;
      if (!item.eligible) {
        throw problem(
          'NOT_ELIGIBLE',
          item.reasons.map((r) => r.message['zh-CN']).join('；'),
          item.reasons.map((r) => r.message.en).join('; '),
          {
            errors: item.reasons.map((r) => ({ pointer: '/subject', code: r.code, message: r.message })),
          },
        );
      }
    }
    const commitment: CommitmentRecord = {
      commitmentId: randomId('cmt_', 12),
      subjectKey: key,
      type: request.type,
      matterCode: matter.code,
      textVersion: request.textVersion,
      signedAt: this.clock().toISOString(),
      deadline: request.deadline ?? null,
      applicationId: request.applicationId ?? null,
      missingMaterials: request.missingMaterials ?? [],
      fulfilment: null,
    };
    this.store.putCommitment(commitment);
    return this.presentCommitment(principal, commitment, record);
  }

  searchCommitments(principal: Principal, request: CommitmentSearchRequest): { commitments: Commitment[] } {
    const key = subjectKey(request.subject.idType, request.subject.id);
    const record = this.subjects.subjects.get(key);
    let list = this.commitmentsOf(key, record, this.today());
    if (request.matter) list = list.filter((c) => c.matterCode === request.matter);
    if (request.status) list = list.filter((c) => c.status === request.status);
    if (!canSeePii(principal)) list = list.map((c) => ({ ...c, subject: maskSubject(c.subject) }));
    return { commitments: list };
  }

  recordFulfilment(principal: Principal, commitmentId: string, request: FulfilmentRequest): Commitment {
    const fulfilment = {
      outcome: request.outcome,
      recordedAt: this.clock().toISOString(),
      operator: request.operator,
      note: request.note ?? '',
    };
    const signed = this.store.getCommitment(commitmentId);
    const seeded = this.seededCommitments.get(commitmentId);
    const record = signed ?? seeded;
    if (!record) throw problem('NOT_FOUND', `承诺 ${commitmentId} 不存在`, `No commitment ${commitmentId}`);
    const current = signed ? signed.fulfilment : (this.store.getFulfilment(commitmentId) ?? seeded?.fulfilment ?? null);
    if (current)
      throw problem(
        'FULFILMENT_EXISTS',
        `该承诺已于 ${current.recordedAt} 记录为“${current.outcome}”`,
        `Already recorded as ${current.outcome}`,
      );
    let updated: CommitmentRecord;
    if (signed) {
      updated = { ...signed, fulfilment };
      this.store.putCommitment(updated);
    } else {
      this.store.putFulfilment(commitmentId, fulfilment);
      updated = { ...(seeded as CommitmentRecord), fulfilment };
    }
    return this.presentCommitment(principal, updated, this.subjects.subjects.get(record.subjectKey));
  }

  private presentCommitment(principal: Principal, record: CommitmentRecord, subject: SubjectRecord | undefined): Commitment {
    const [idType, id] = record.subjectKey.split(':') as [SubjectRecord['idType'], string];
    const view = commitmentView(record, subjectView(subject, { idType, id }), this.today());
    return canSeePii(principal) ? view : { ...view, subject: maskSubject(view.subject) };
  }

  // ── objections ────────────────────────────────────────────────────────────────────────────

  /** 异议 (001 (十六); 002 (十九)): the entry shows under-objection until the authority decides. */
  createObjection(_principal: Principal, request: ObjectionRequest): Objection {
    const owner = this.subjects.entryOwners.get(request.entryId);
    if (!owner) throw problem('UNKNOWN_ENTRY', `名单条目 ${request.entryId} 不存在`, `No list entry ${request.entryId}`);
    if (owner !== subjectKey(request.subject.idType, request.subject.id)) {
      throw problem('UNKNOWN_ENTRY', '该名单条目不属于所填主体', 'The entry does not belong to this subject');
    }
    const previous = this.store.objectionsOf([request.entryId]);
    if (previous.some((o) => o.status === 'pending')) throw problem('OBJECTION_PENDING');
    if (previous.some((o) => o.status === 'upheld')) throw problem('ENTRY_REVOKED');
    const record: ObjectionRecord = {
      objectionId: randomId('obj_', 12),
      entryId: request.entryId,
      subjectKey: owner,
      status: 'pending',
      reason: request.reason,
      contact: request.contact ?? null,
      filedAt: this.clock().toISOString(),
      decidedAt: null,
      decisionNote: null,
    };
    this.store.putObjection(record);
    return objectionView(record);
  }

  getObjection(_principal: Principal, objectionId: string): Objection {
    const record = this.store.getObjection(objectionId);
    if (!record) throw problem('NOT_FOUND', `异议 ${objectionId} 不存在`, `No objection ${objectionId}`);
    return objectionView(record);
  }

  decideObjection(_principal: Principal, objectionId: string, request: ObjectionDecisionRequest): Objection {
    const record = this.store.getObjection(objectionId);
    if (!record) throw problem('NOT_FOUND', `异议 ${objectionId} 不存在`, `No objection ${objectionId}`);
    if (record.status !== 'pending') throw problem('OBJECTION_DECIDED');
    const decided: ObjectionRecord = {
      ...record,
      status: request.outcome,
      decidedAt: this.clock().toISOString(),
      decisionNote: request.note,
    };
    this.store.putObjection(decided);
    return objectionView(decided);
  }

  // ── tokens, stats ─────────────────────────────────────────────────────────────────────────

  async mintToken(principal: Principal, request: TokenRequest): Promise<TokenResponse> {
    if (principal.kind !== 'app') throw problem('FORBIDDEN', '只有后端应用可以签发访问令牌', 'Only a signed app may mint tokens');
    for (const m of request.matters) if (m !== '*') this.matter(m);
    const scopes = request.scopes ?? DEFAULT_TOKEN_SCOPES;
    const { token, expiresAt } = await this.tokens.mint({
      appId: principal.appId,
      department: request.department,
      operator: request.operator,
      matters: request.matters,
      scopes,
      ttlSeconds: request.ttlSeconds ?? 900,
      now: this.clock().getTime(),
    });
    return {
      token,
      tokenType: 'Bearer',
      expiresAt: new Date(expiresAt).toISOString(),
      department: request.department,
      operator: request.operator,
      matters: request.matters,
      scopes,
    };
  }

  coverage(principal: Principal, query: CoverageQuery): Coverage {
    // A token sees its own department only.
    const department = principal.kind === 'token' ? principal.department : query.department;
    const rows = this.store.coverage({ ...query, ...(department ? { department } : {}) });
    const zero = () => ({ clear: 0, notice: 0, caution: 0, restrict: 0 });
    const byMatter = new Map<string, Coverage['byMatter'][number]>();
    const verdicts = zero();
    let total = 0;
    let withFeedback = 0;
    for (const row of rows) {
      let m = byMatter.get(row.matter);
      if (!m) {
        m = {
          matter: { code: row.matter, name: this.matters.get(row.matter)?.name ?? row.matter },
          total: 0,
          verdicts: zero(),
          withFeedback: 0,
          feedbackRate: 0,
        };
        byMatter.set(row.matter, m);
      }
      m.total += row.total;
      m.withFeedback += row.withFeedback;
      m.verdicts[row.verdict] += row.total;
      verdicts[row.verdict] += row.total;
      total += row.total;
      withFeedback += row.withFeedback;
    }
    const rate = (a: number, b: number) => (b === 0 ? 0 : Math.round((a / b) * 10_000) / 10_000);
    return {
      generatedAt: this.clock().toISOString(),
      from: query.from ?? null,
      to: query.to ?? null,
      total,
      withFeedback,
      feedbackRate: rate(withFeedback, total),
      verdicts,
      byMatter: [...byMatter.values()]
        .map((m) => ({ ...m, feedbackRate: rate(m.withFeedback, m.total) }))
        .sort((a, b) => b.total - a.total),
    };
  }
}

function objectionView(o: ObjectionRecord): Objection {
  return {
    objectionId: o.objectionId,
    entryId: o.entryId,
    status: o.status,
    reason: o.reason,
    filedAt: o.filedAt,
    decidedAt: o.decidedAt,
    decisionNote: o.decisionNote,
  };
}

function sameFeedback(a: Feedback, b: Feedback): boolean {
  return (
    a.action === b.action &&
    a.operator === b.operator &&
    a.note === b.note &&
    a.reason === b.reason &&
    a.measuresApplied.join(',') === b.measuresApplied.join(',')
  );
}

/** Compares names ignoring spaces and full/half-width brackets; undefined when either is empty. */
function sameName(a: string, b: string): boolean | undefined {
  const norm = (s: string) =>
    s
      .replace(/[\s\u3000]/g, '')
      .replace(/（/g, '(')
      .replace(/）/g, ')');
  const x = norm(a);
  const y = norm(b);
  if (!x || !y) return undefined;
  return x === y;
}
