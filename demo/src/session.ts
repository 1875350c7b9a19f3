/** The operator's session with the host backend: a short-lived widget token (the secret stays on the server). */
export interface Session {
  /** Signed by the backend itself: there is one even while the platform is down. */
  token: string;
  expiresAt: string;
  endpoint: string;
  department: string;
  /** The operator's id on the platform (in tokens and records). */
  operator: string;
  /** How people name the operator on screen. */
  operatorName: string;
}

const url = () => new URL('backend/session', new URL(import.meta.env.BASE_URL, location.href));

export async function session(): Promise<Session> {
  const res = await fetch(url(), { method: 'POST' });
  // Plain words for the clerk: the status is for the browser's network panel.
  if (!res.ok) throw new Error('后台系统暂时无法连接，请刷新页面；仍不行请联系系统管理员。');
  return (await res.json()) as Session;
}

/** For `getToken`: a fresh token whenever the widget needs one. */
export async function token() {
  const s = await session();
  return { token: s.token, expiresAt: s.expiresAt };
}
