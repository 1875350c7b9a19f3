import '@credit-check/widget/define';
import { type CreditCheck, type CreditCheckResultDetail, VERDICT_LABEL } from '@credit-check/widget';
// The elements' attributes and events in TSX, derived from the elements themselves.
import type {} from '@credit-check/widget/react';
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';

interface Session {
  token: string;
  expiresAt: string;
  endpoint: string;
  department: string;
  operator: string;
}

/** What a 一网通办 login would return for the 法人 signed in (a scenario subject). */
const LOGGED_IN_COMPANY = '91320100748204660Q';

const EVENTS = ['credit-check-start', 'credit-check-result', 'credit-check-error', 'credit-check-feedback'] as const;

function App() {
  // A callback ref as state: the effect below runs when the element appears.
  const [element, setElement] = useState<CreditCheck | null>(null);
  const [session, setSession] = useState<Session | null>(null);
  const [code, setCode] = useState('');
  const [events, setEvents] = useState<{ id: number; text: string }[]>([]);
  const [verdict, setVerdict] = useState('');

  useEffect(() => {
    fetch('/backend/session', { method: 'POST' })
      .then((r) => r.json())
      .then(setSession);
  }, []);

  // React state drives the element's properties; its DOM events are listened to directly.
  useEffect(() => {
    const el = element;
    if (!el) return;
    const on = (event: Event) => {
      const detail = (event as CustomEvent).detail;
      const text = `${event.type} ${JSON.stringify({ ...detail, receipt: detail?.receipt ? '…' : undefined })}`;
      setEvents((list) => [...list, { id: list.length, text }]);
      if (event.type === 'credit-check-result') {
        const v = (detail as CreditCheckResultDetail).verdict;
        setVerdict(`${VERDICT_LABEL[v]}（${v}）`);
      }
    };
    for (const type of EVENTS) el.addEventListener(type, on);
    return () => {
      for (const type of EVENTS) el.removeEventListener(type, on);
    };
  }, [element]);

  return (
    <main>
      <h1>React 19 接入示例</h1>
      <label>
        统一社会信用代码 <input id="code" value={code} onChange={(e) => setCode(e.target.value.trim())} autoComplete="off" />
      </label>
      {/* The logged-in 法人's company, set from state (no input event): the element still checks it. */}
      <button type="button" id="fill" onClick={() => setCode(LOGGED_IN_COMPANY)}>
        读取登录法人的企业
      </button>
      {session && (
        <credit-check
          ref={setElement}
          endpoint={session.endpoint}
          token={session.token}
          matter="FOOD_BUSINESS_LICENCE"
          watch="#code"
          application-id="REACT-0001"
          department={session.department}
          operator={session.operator}
        />
      )}
      <p id="verdict">React 收到的结论：{verdict || '—'}</p>
      <h2>开发者视图：收到的事件（JSON）</h2>
      <p className="hint">给接入开发人员看的事件记录，窗口人员无需关注。</p>
      <ul id="events">
        {events.map((e) => (
          <li key={e.id}>{e.text}</li>
        ))}
      </ul>
    </main>
  );
}

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
