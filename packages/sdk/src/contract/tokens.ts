import * as z from 'zod/mini';
import { Code, Instant, Label, listOf, MatterCode, Opaque, ShortText } from './common.ts';
import './zod.ts';

/** What a browser token may do. `pii:read` unmasks personal identifiers; tokens lack it by default. */
export const TokenScope = /* @__PURE__ */ z.enum([
  'checks:write',
  'checks:read',
  /** 先行受理，事后补查: the widget may accept during an outage and send the 补查 later. Not a default. */
  'checks:defer',
  'feedback:write',
  'commitments:write',
  'commitments:read',
  'objections:write',
  'profiles:read',
  'catalog:read',
  /** 定向推送: read the department's pushed events (the <credit-alerts> inbox); acknowledging needs `feedback:write`. */
  'events:read',
  'pii:read',
]);
export type TokenScope = z.infer<typeof TokenScope>;

export const DEFAULT_TOKEN_SCOPES: TokenScope[] = [
  'checks:write',
  'checks:read',
  'feedback:write',
  'commitments:write',
  'commitments:read',
  'catalog:read',
];

/** POST /tokens — server to server only: a short-lived bearer token for one operator's widget. */
export const TokenRequest = /* @__PURE__ */ z.strictObject({
  department: ShortText,
  operator: ShortText,
  /** Matter codes the token may check (`*`: all). */
  matters: /* @__PURE__ */ z.array(z.union([z.literal('*'), MatterCode])).check(z.minLength(1), z.maxLength(100)),
  scopes: z.optional(/* @__PURE__ */ z.array(TokenScope).check(z.minLength(1), z.maxLength(TokenScope.options.length))),
  /** Lifetime in seconds, 60–3600 (default 900). */
  ttlSeconds: z.optional(/* @__PURE__ */ z.int().check(z.gte(60), z.lte(3600))),
});
export type TokenInput = z.input<typeof TokenRequest>;
export type TokenRequest = z.infer<typeof TokenRequest>;

/**
 * A widget token the host backend signs itself, offline (`signWidgetToken`): the same claims as
 * POST /tokens, plus the matters whose catalogue 应急 policy allows 先行受理 as the backend last read
 * them — so a page opened while the platform is already down still knows where it may defer.
 */
export const WidgetTokenRequest = /* @__PURE__ */ z.strictObject({
  ...TokenRequest.shape,
  /** Matter codes whose catalogue policy (`deferral: "allowed"`) the backend last read; the rest count as forbidden. */
  deferrals: z.optional(/* @__PURE__ */ z.array(MatterCode).check(z.maxLength(1000))),
});
export type WidgetTokenInput = z.input<typeof WidgetTokenRequest>;

export const TokenResponse = /* @__PURE__ */ z.object({
  token: Opaque,
  tokenType: z.literal('Bearer'),
  expiresAt: Instant,
  department: Label,
  operator: Label,
  matters: listOf(Code),
  scopes: listOf(TokenScope, 100),
});
export type TokenResponse = z.infer<typeof TokenResponse>;

/**
 * What a browser token says about itself (`cct_<base64url JSON claims>.<signature>`, or `cca_…` when
 * the backend signed it offline). The widget
 * reads them, unverified, for defaults (department, operator) and to know what it may offer
 * (`checks:defer`); the platform verifies the signature on every call.
 */
export const TokenClaims = /* @__PURE__ */ z.object({
  jti: Code,
  app: Code,
  /** Which of the app's token keys signed it (rotating the app's secret revokes its tokens). */
  kid: z.optional(Code),
  dept: Label,
  op: Label,
  mat: listOf(Code),
  scp: listOf(Code, 100),
  iat: /* @__PURE__ */ z.int(),
  exp: /* @__PURE__ */ z.int(),
  /** Tokens signed offline by the backend: the matters whose 应急 policy allows 先行受理, as it last read them. */
  dfr: z.optional(listOf(Code)),
});
export type TokenClaims = z.infer<typeof TokenClaims>;

/** An Ed25519 receipt key (RFC 8037). */
export const Ed25519Jwk = /* @__PURE__ */ z.object({
  kty: z.literal('OKP'),
  crv: z.literal('Ed25519'),
  x: Code,
  kid: Code,
  alg: z.literal('EdDSA'),
  use: z.literal('sig'),
});

/**
 * An SM2 receipt key (GB/T 32918; `--crypto gm`): the public point's coordinates, 32 bytes each,
 * base64url. `alg: "SM2SM3"` is SM2 signature with the SM3 digest and the default user ID
 * (no IANA name exists; see the SDK README for the choice).
 */
export const Sm2Jwk = /* @__PURE__ */ z.object({
  kty: z.literal('EC'),
  crv: z.literal('SM2'),
  x: Code,
  y: Code,
  kid: Code,
  alg: z.literal('SM2SM3'),
  use: z.literal('sig'),
});

/** The platform's public receipt-signing keys: Ed25519, or SM2 under 国密 (the signing key first). */
export const Jwks = /* @__PURE__ */ z.object({
  keys: listOf(z.discriminatedUnion('kty', [Ed25519Jwk, Sm2Jwk]), 100),
});
export type Jwks = z.infer<typeof Jwks>;
export type Jwk = Jwks['keys'][number];
