import { CreditCheckError, createClient, type Jwks, verifyReceipt } from '@credit-check/sdk';
import type { SignatureAlgorithm } from '@credit-check/sdk/auth';
import { DEFAULT_TOKEN_SCOPES } from '@credit-check/sdk/contract';
import { Hono } from 'hono';
import { PushedAlerts } from './alerts.ts';
import { DeferredApplications } from './deferred.ts';

/**
 * The host system's backend — the integration example for vendors. It holds the app secret (the
 * browser never does), mints a short-lived widget token per operator, and before approving an
 * application verifies the check receipt the form submitted: right signature, this application,
 * this matter, this subject, recent. A browser widget alone can be bypassed; this cannot.
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
  operator: string;
  /**
   * The department's 应急 policy: may this window accept during an outage (先行受理，事后补查)? When
   * true the widget token carries `checks:defer` (default true in the demo).
   */
  mayDefer?: boolean;
  /** Only for the all-in-browser sandbox build (the secret is the public sandbox one). */
  dangerouslyAllowBrowser?: boolean;
  fetch?: typeof fetch;
}

export interface Decision {
  approved: boolean;
  code: string;
  message: string;
  checkId?: string;
  verdict?: string;
}

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
  const mayDefer = options.mayDefer ?? true;
  const deferred = new DeferredApplications(platform);
  const alerts = new PushedAlerts(platform, options.department);
  alerts.routes(app);

  // The page asks for a token for the operator signed in to the host system.
  // The page asks for its session: who is signed in (the host knows that without the platform) and a
  // widget token for that operator (minted by the platform — during an outage there is none).
  app.post('/session', async (c) => {
    const who = { endpoint: options.widgetEndpoint, department: options.department, operator: options.operator };
    try {
      const minted = await platform.mintToken({
        department: options.department,
        operator: options.operator,
        matters: ['*'],
        // The defaults, the department's inbox of pushed events (信用提醒), and per department policy
        // 先行受理 during an outage.
        scopes: [...DEFAULT_TOKEN_SCOPES, 'events:read', ...(mayDefer ? (['checks:defer'] as const) : [])],
        ttlSeconds: 900,
      });
      // The 应急 policy is read while the platform answers, for when it does not.
      void deferred.refreshPolicy();
      return c.json({ ...who, token: minted.token, expiresAt: minted.expiresAt });
    } catch (error) {
      const e = error instanceof CreditCheckError ? error : undefined;
      return c.json({ ...who, token: null, expiresAt: null, tokenError: e?.messageZh ?? e?.message ?? '访问令牌签发失败' });
    }
  });

  // The approval form posts here. Approve only with a valid receipt for this very application.
  app.post('/applications', async (c) => {
    const form = await c.req.parseBody();
    const field = (k: string) => (typeof form[k] === 'string' ? (form[k] as string).trim() : '');
    const applicationId = field('applicationId');
    const matter = field('matter');
    const subjects: {
      label: string;
      idType: 'uscc' | 'idcard';
      id: string;
      name: string;
      receipt: string;
      checkId: string;
      deferral: string;
    }[] = [
      {
        label: '申请单位',
        idType: 'uscc',
        id: field('uscc'),
        name: field('orgName'),
        receipt: field('orgCheck-receipt'),
        checkId: field('orgCheck'),
        deferral: field('orgCheck-deferral'),
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
      });
    }
    const decisions: Decision[] = [];
    for (const s of subjects) {
      // 先行受理 during an outage: no receipt; accepted only under this session's policy, re-checked here.
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
        if (claims.verdict === 'restrict') {
          decisions.push({
            approved: false,
            code: 'RESTRICTED',
            message: `${s.label}：核查结论为“限制办理”，依法不予审批`,
            checkId: claims.checkId,
            verdict: claims.verdict,
          });
        } else {
          decisions.push({
            approved: true,
            code: 'OK',
            message: `${s.label}：凭证有效（${claims.verdict}）`,
            checkId: claims.checkId,
            verdict: claims.verdict,
          });
        }
      } catch (error) {
        const reason = error instanceof CreditCheckError ? (error.reason ?? error.code) : 'ERROR';
        decisions.push({ approved: false, code: `RECEIPT_${reason}`, message: `${s.label}：信用核查凭证无效（${reason}），不能审批` });
      }
    }
    const approved = decisions.every((d) => d.approved);
    return c.json({ approved, applicationId, matter, decisions }, approved ? 200 : 422);
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

  return Object.assign(app, { alerts });
}
