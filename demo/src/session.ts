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
  // Plain words for the clerk: the status is for the browser's network panel.
  if (!res.ok) throw new Error('后台系统暂时无法连接，请刷新页面；仍不行请联系系统管理员。');
  return (await res.json()) as Session;
}

/** For `getToken`: a fresh token whenever the widget needs one. */
export async function token() {
  const s = await session();
  if (!s.token) throw new Error(s.tokenError ?? '访问令牌签发失败');
  return { token: s.token, ...(s.expiresAt ? { expiresAt: s.expiresAt } : {}) };
}
