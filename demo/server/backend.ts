import { CreditCheckError, createClient, type Jwks, verifyReceipt } from '@credit-check/sdk';
import type { SignatureAlgorithm } from '@credit-check/sdk/auth';
import { DEFAULT_TOKEN_SCOPES, type TokenScope } from '@credit-check/sdk/contract';
import { type Context, Hono } from 'hono';
import { PushedAlerts } from './alerts.ts';
import { type Decision, PATH_WORD, pathOf, responseDecision } from './decisions.ts';
import { DeferredApplications, type PolicyStore } from './deferred.ts';
import { hostGuard, sameOriginGuard } from './guards.ts';

/**
 * The host system's backend — the integration example for vendors. It holds the app secret (the
 * browser never does), signs a short-lived widget token per operator itself (offline: a counter
 * opened while the platform is down still gets one), and before approving an application verifies
 * the check receipt the form submitted: right signature, this application, this matter, this
 * subject, recent. A browser widget alone can be bypassed; this cannot. It decides an application
 * (办件编号) once.
 */
export interface BackendOptions {
  /** The platform API root the backend calls (server to server). */
  platformApi: string;
  /** The API root the browser widget should call (may differ, e.g. a public gateway). */
  widgetEndpoint: string;
  appId: string;
  appSecret: string;
  /** The app's signing scheme on the platform (`HMAC_SM3` from `@credit-check/sdk/gm` under 国密). */
  signature?: SignatureAlgorithm;
  department: string;
  /** The operator's id on the platform (in tokens, checks and feedback), e.g. `window-01`. */
  operator: string;
  /** How the page names the operator to people (经办人王敏); the id stays for the platform. */
  operatorName?: string;
  /** Where the catalogue's 应急 policy is kept between restarts (see `policy-file.ts`); memory only without. */
  policyStore?: PolicyStore;
  /**
   * The department's 应急 policy: may this window accept during an outage (先行受理，事后补查)? When
   * true the widget token carries `checks:defer` (default true in the demo).
   */
  mayDefer?: boolean;
  /**
   * The host names this backend answers to (DNS-rebinding guard; see `guards.ts`). Default: the
   * loopback names. `'any'` only for the all-in-browser sandbox.
   */
  hosts?: readonly string[] | 'any';
  /** Only for the all-in-browser sandbox build (the secret is the public sandbox one; no CSRF guard: see `guards.ts`). */
  dangerouslyAllowBrowser?: boolean;
  fetch?: typeof fetch;
}

export type { Decision } from './decisions.ts';

/** Why a receipt did not verify, in the staff's words (the code stays in `code`). */
const RECEIPT_WHY: Record<string, string> = {
  SIGNATURE: '签名无效（可能被篡改）',
  MISMATCH: '与本次申请、事项或申请人不符',
  TOO_OLD: '已超过有效时间，请重新核查',
  CLAIMS: '内容不完整',
  MALFORMED: '格式无法识别',
  UNKNOWN_KEY: '的签发密钥无法确认',
};

export function createBackend(options: BackendOptions) {
  const platform = createClient({
    baseUrl: options.platformApi,
    appId: options.appId,
    appSecret: options.appSecret,
    ...(options.signature ? { signature: options.signature } : {}),
    cache: false,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.dangerouslyAllowBrowser ? { dangerouslyAllowBrowser: true } : {}),
  });
  let keys: { jwks: Jwks; at: number } | undefined;
  const jwks = async () => {
    if (!keys || Date.now() - keys.at > 300_000) keys = { jwks: await platform.getKeys(), at: Date.now() };
    return keys.jwks;
  };

  const app = new Hono().basePath('/backend');
  // First, on every route: answer only our own names (DNS rebinding), and take state-changing
  // requests only from our own pages (CSRF) — else any page a clerk visits acts with our app secret.
  const refuse = (c: Context, code: string, message: string) => c.json({ approved: false, code, message }, 403);
  app.use('*', hostGuard(options.hosts ?? ['localhost', '127.0.0.1', '::1'], refuse));
  if (!options.dangerouslyAllowBrowser) app.use('*', sameOriginGuard(refuse));
  const mayDefer = options.mayDefer ?? true;
  const deferred = new DeferredApplications(platform, options.policyStore);
  const alerts = new PushedAlerts(platform, options.department);
  alerts.routes(app);
  // The 应急 policy: what was kept from before, then a fresh read while the platform answers — once,
  // when the server starts (`ready()`) or at the first session (the in-browser sandbox's platform
  // is not up while the backend is being made).
  let policyRead: Promise<void> | undefined;
  const ready = () => (policyRead ??= deferred.loadPolicy().then(() => deferred.refreshPolicy()));

  // The page asks for its session: who is signed in (the host knows that without the platform) and a
  // widget token for that operator, signed here with the app credentials — no call to the platform,
  // so a counter opened while the platform is already down gets one, and with it the matters whose
  // catalogue policy allows 先行受理 (as last read), where this window may defer at all.
  app.post('/session', async (c) => {
    await ready();
    void deferred.refreshPolicy();
    const scopes: TokenScope[] = [...DEFAULT_TOKEN_SCOPES, 'events:read', ...(mayDefer ? (['checks:defer'] as const) : [])];
    const signed = await platform.signWidgetToken({
      department: options.department,
      operator: options.operator,
      matters: ['*'],
      // The defaults, the department's inbox of pushed events (信用提醒), and per department policy
      // 先行受理 during an outage.
      scopes,
      ttlSeconds: 900,
      ...(mayDefer ? { deferrals: deferred.allowedMatters() } : {}),
    });
    return c.json({
      endpoint: options.widgetEndpoint,
      department: options.department,
      operator: options.operator,
      operatorName: options.operatorName ?? options.operator,
      token: signed.token,
      expiresAt: signed.expiresAt,
    });
  });

  /**
   * Applications decided here, by 办件编号: a second submission gets the first decision back (and is
   * told so) instead of being decided again. A real system keeps this with the application record.
   */
  const concluded = new Map<string, { at: string; body: Record<string, unknown> }>();

  // The approval form posts here, the way the clerk submitted it (受理 / 不予受理 / 转人工复核). Go on
  // only with a valid receipt for this very application and the response the window recorded.
  app.post('/applications', async (c) => {
    const form = await c.req.parseBody();
    const field = (k: string) => (typeof form[k] === 'string' ? (form[k] as string).trim() : '');
    const applicationId = field('applicationId');
    if (!applicationId) return c.json({ approved: false, concluded: false, message: '缺少办件编号，不能办理', decisions: [] }, 422);
    // One decision per 办件编号, also for two submissions at once: the second waits for the first.
    return c.json(...(await oneAtATime(applicationId, () => decide(field, applicationId))));
  });

  /** Runs `fn` for an application after any earlier one for it; a concluded application is answered from the record. */
  const running = new Map<string, Promise<unknown>>();
  async function oneAtATime(
    applicationId: string,
    fn: () => Promise<[Record<string, unknown>, 200 | 422]>,
  ): Promise<[Record<string, unknown>, 200 | 422]> {
    const before = running.get(applicationId) ?? Promise.resolve();
    const turn = before.then(async (): Promise<[Record<string, unknown>, 200 | 422]> => {
      let earlier = concluded.get(applicationId);
      // Accepted before its 补查 (先行受理), then flagged by it: withdrawn, so decided afresh now.
      if (earlier?.body.deferred && (await deferred.flagged(applicationId))) {
        concluded.delete(applicationId);
        earlier = undefined;
      }
      if (earlier) {
        const at = new Date(earlier.at).toLocaleString('zh-CN', { hour12: false });
        return [{ ...earlier.body, repeated: true, decidedAt: earlier.at, message: `本件已于 ${at} 办结，不再重复办理` }, 200];
      }
      const [body, status] = await fn();
      if (body.concluded) concluded.set(applicationId, { at: new Date().toISOString(), body });
      return [body, status];
    });
    running.set(
      applicationId,
      turn.catch(() => undefined),
    );
    try {
      return await turn;
    } finally {
      if (running.get(applicationId) === turn) running.delete(applicationId);
    }
  }

  /** The decision on one submitted application, and the status to answer it with. */
  async function decide(field: (k: string) => string, applicationId: string): Promise<[Record<string, unknown>, 200 | 422]> {
    const matter = field('matter');
    const path = pathOf(field('decision'));
    const subjects: {
      label: string;
      idType: 'uscc' | 'idcard';
      id: string;
      name: string;
      receipt: string;
      checkId: string;
      deferral: string;
      outcome: string;
    }[] = [
      {
        label: '申请单位',
        idType: 'uscc',
        id: field('uscc'),
        name: field('orgName'),
        receipt: field('orgCheck-receipt'),
        checkId: field('orgCheck'),
        deferral: field('orgCheck-deferral'),
        outcome: field('orgCheck-outcome'),
      },
    ];
    if (field('legalRepId')) {
      subjects.push({
        label: '法定代表人',
        idType: 'idcard',
        id: field('legalRepId'),
        name: field('legalRepName'),
        receipt: field('repCheck-receipt'),
        checkId: field('repCheck'),
        deferral: field('repCheck-deferral'),
        outcome: field('repCheck-outcome'),
      });
    }
    const decisions: Decision[] = [];
    for (const s of subjects) {
      // 先行受理 during an outage: no receipt; accepted only under this session's policy, re-checked here.
      if (s.checkId.startsWith('deferred:') && path !== 'approve') {
        decisions.push({ approved: false, code: path.toUpperCase(), message: `${s.label}：未经核查，按“${PATH_WORD[path]}”办结` });
        continue;
      }
      if (s.checkId.startsWith('deferred:')) {
        decisions.push(
          await deferred.accept({
            label: s.label,
            applicationId,
            matter,
            idType: s.idType,
            id: s.id,
            name: s.name || undefined,
            field: s.checkId,
            deferralJson: s.deferral,
            department: options.department,
            operator: options.operator,
            sessionMayDefer: mayDefer,
          }),
        );
        continue;
      }
      if (!s.receipt) {
        decisions.push({ approved: false, code: 'RECEIPT_MISSING', message: `${s.label}：未提交信用核查凭证，不能审批（逢办必查）` });
        continue;
      }
      try {
        const claims = await verifyReceipt(s.receipt, await jwks(), {
          applicationId,
          matter,
          subject: { idType: s.idType, id: s.id },
          maxAgeSeconds: 3600,
        });
        if (claims.checkId !== s.checkId) throw new CreditCheckError('RECEIPT_INVALID', 'check id mismatch', { reason: 'MISMATCH' });
        decisions.push(await responseDecision(platform, { label: s.label, claims, outcome: s.outcome, path }));
      } catch (error) {
        const reason = error instanceof CreditCheckError ? (error.reason ?? error.code) : 'ERROR';
        const why = RECEIPT_WHY[reason] ?? '无法校验';
        decisions.push({ approved: false, code: `RECEIPT_${reason}`, message: `${s.label}：信用核查凭证${why}，不能办理` });
      }
    }
    // Refused or referred: concluded that way when every subject allows it (nothing is approved).
    const valid = decisions.every((d) =>
      path === 'approve' ? d.approved : !d.code.startsWith('RECEIPT_') && !d.code.startsWith('RESPONSE_'),
    );
    const approved = path === 'approve' && valid;
    const wasDeferred = decisions.some((d) => d.code === 'DEFERRED');
    // 办件档案: a concluded application keeps the 信用核查结果单 of each check it was decided on.
    const sheets = valid ? await archiveSheets(subjects.filter((s) => s.receipt && !s.checkId.startsWith('deferred:'))) : [];
    return [
      {
        approved,
        decision: path,
        concluded: valid,
        word: PATH_WORD[path],
        applicationId,
        matter,
        decisions,
        deferred: wasDeferred,
        sheets,
      },
      valid ? 200 : 422,
    ];
  }

  /**
   * The 结果单 of each check, for the file (issue 41): its 核查编号, 核查码 and public link. One the
   * platform cannot make now is noted as missing — the decision stands on the verified receipt.
   */
  async function archiveSheets(subjects: { label: string; checkId: string }[]) {
    return Promise.all(
      subjects.map(async ({ label, checkId }) => {
        try {
          const { check, verification } = await platform.createSheet(checkId);
          return {
            label,
            checkId,
            serial: check.serial ?? null,
            code: verification.code,
            verifyUrl: verification.verifyUrl,
            expiresAt: verification.expiresAt,
          };
        } catch {
          return { label, checkId, serial: null, code: null, missing: '结果单暂未生成，可稍后在办件档案中补打' };
        }
      }),
    );
  }

  // 办件档案: what a concluded application keeps (its decision and the 结果单 of its checks).
  app.get('/applications/:applicationId', (c) => {
    const record = concluded.get(c.req.param('applicationId'));
    if (!record) return c.json({ message: '没有这个办件的档案' }, 404);
    return c.json({ decidedAt: record.at, ...record.body });
  });

  // Applications accepted during an outage and their 补查 (settled now where the platform answers).
  app.get('/deferred', async (c) => {
    await deferred.settle();
    return c.json({ applications: deferred.list() });
  });

  app.onError((error, c) => {
    const e = error instanceof CreditCheckError ? error : undefined;
    return c.json({ approved: false, code: e?.code ?? 'ERROR', message: e?.messageZh ?? '后台处理失败，请重试' }, 502);
  });

  return Object.assign(app, { alerts, ready });
}
