/** The operator's session with the host backend: a short-lived widget token (the secret stays on the server). */
export interface Session {
  /** Null while the platform cannot mint one (an outage): the page still knows who is signed in. */
  token: string | null;
  expiresAt: string | null;
  tokenError?: string;
  endpoint: string;
  department: string;
  operator: string;
}

export async function session(): Promise<Session> {
  const res = await fetch(new URL('backend/session', new URL(import.meta.env.BASE_URL, location.href)), { method: 'POST' });
  if (!res.ok) throw new Error(`后台会话获取失败（HTTP ${res.status}）`);
  return (await res.json()) as Session;
}

/** For `getToken`: a fresh token whenever the widget needs one. */
export async function token() {
  const s = await session();
  if (!s.token) throw new Error(s.tokenError ?? '访问令牌签发失败');
  return { token: s.token, ...(s.expiresAt ? { expiresAt: s.expiresAt } : {}) };
}
