// Static build: start the in-browser platform first (dropped from the dev build).
if (import.meta.env.MODE === 'static') await import('./sandbox.ts');

import { EVENT_TYPE_LABEL } from '@credit-check/widget/alerts';
import { session, token } from './session.ts';

/** 信用提醒: the department's inbox (<credit-alerts>, pulled) beside what the backend received by webhook. */
const inbox = document.querySelector('credit-alerts') as HTMLElement & { endpoint?: string; getToken?: typeof token };
const list = document.querySelector('#backend-alerts') as HTMLOListElement;
const who = document.querySelector('#operator') as HTMLSpanElement;

const s = await session();
who.textContent = `${s.department} · 经办人 ${s.operatorName}`;
inbox.getToken = token;
inbox.endpoint = s.endpoint;

interface ReceivedAlert {
  eventId: string;
  type: string;
  subject: string;
  why: string[];
  receivedAt: string;
}

async function showBackend(): Promise<void> {
  try {
    const res = await fetch(new URL('backend/alerts', new URL(import.meta.env.BASE_URL, location.href)));
    const { alerts } = (await res.json()) as { alerts: ReceivedAlert[] };
    list.replaceChildren(
      ...alerts.map((a) => {
        const li = document.createElement('li');
        li.dataset.eventId = a.eventId;
        // Platform data as text, never HTML.
        // The event type in words, never its code.
        const type = EVENT_TYPE_LABEL[a.type as keyof typeof EVENT_TYPE_LABEL] ?? '信用信息变化';
        li.textContent = `${new Date(a.receivedAt).toLocaleTimeString('zh-CN', { hour12: false })} ${type}：${a.subject} — ${a.why.join('；')}`;
        return li;
      }),
    );
  } catch {
    // The next round tries again; the inbox beside it is the staff's view.
  }
  setTimeout(showBackend, 2000);
}
void showBackend();

// The sandbox's one click: a subject of this city is listed, and its change comes through both ways.
const simulate = document.querySelector('#simulate') as HTMLButtonElement;
const simulated = document.querySelector('#simulated') as HTMLSpanElement;
simulate.addEventListener('click', async () => {
  simulate.disabled = true;
  simulated.textContent = '正在模拟…';
  try {
    const res = await fetch(new URL('sandbox/list-entry', new URL(import.meta.env.BASE_URL, location.href)), { method: 'POST' });
    const body = (await res.json()) as { listed?: string; message?: string };
    simulated.textContent = res.ok
      ? `已模拟：${body.listed}被列入严重失信主体名单，推送将在几秒内到达。`
      : (body.message ?? '未能模拟，请稍后再试');
  } catch {
    simulated.textContent = '未能模拟（演示系统暂时无法连接），请稍后再试';
  } finally {
    simulate.disabled = false;
  }
});
