// Static build: start the in-browser platform first (dropped from the dev build).
if (import.meta.env.MODE === 'static') await import('./sandbox.ts');

import '@credit-check/widget/define';
import type { CreditCheck } from '@credit-check/widget';
import { session, token } from './session.ts';

const $ = <T extends Element>(selector: string) => document.querySelector(selector) as T;
const form = $<HTMLFormElement>('#approval');
const kase = $<HTMLFieldSetElement>('#case');
const matter = $<HTMLSelectElement>('#matter');
const applicationId = $<HTMLInputElement>('#application-id');
const decision = $<HTMLOutputElement>('#decision');
const widgets = [...document.querySelectorAll<CreditCheck>('credit-check')];

const newApplicationId = () => {
  const d = new Date();
  const day = `${d.getFullYear()}${String(d.getMonth() + 1).padStart(2, '0')}${String(d.getDate()).padStart(2, '0')}`;
  return `SZ-${day}-${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
};
applicationId.value = newApplicationId();

try {
  const s = await session();
  // People by name; the operator's id (window-01) is for the platform.
  $('#operator').textContent = `${s.department} · 经办人 ${s.operatorName}`;
  for (const w of widgets) {
    w.endpoint = s.endpoint;
    w.getToken = token;
    w.department = s.department;
    w.operator = s.operator;
    w.applicationId = applicationId.value;
    w.matter = matter.value;
  }
} catch (error) {
  decision.innerHTML = '';
  decision.append(
    Object.assign(document.createElement('p'), { className: 'decision refused', textContent: String((error as Error).message) }),
  );
}

matter.addEventListener('change', () => {
  for (const w of widgets) w.matter = matter.value;
});

// 适老化: large text for the counter — the page and both checks (text-size="large"), kept for next time.
const large = $<HTMLInputElement>('#large-text');
const applyLarge = () => {
  document.documentElement.classList.toggle('large-text', large.checked);
  for (const w of widgets) w.textSize = large.checked ? 'large' : 'normal';
  localStorage.setItem('credit-check-demo:large-text', large.checked ? '1' : '');
};
large.checked = localStorage.getItem('credit-check-demo:large-text') === '1';
applyLarge();
large.addEventListener('change', applyLarge);

const show = (approved: boolean, text: string, extra: Record<string, string> = {}) => {
  const p = document.createElement('div');
  p.className = `decision ${approved ? 'ok' : 'refused'}`;
  p.dataset.approved = String(approved);
  Object.assign(p.dataset, extra);
  p.textContent = text;
  decision.replaceChildren(p);
  return p;
};
/** Deferrals this page submitted (先行受理): a 补查 that says caution/restrict withdraws them here. */
const submittedDeferrals = new Set<string>();

// What still holds the buttons, in plain words: each check says it (holdReason), the page names the check.
const hold = $<HTMLParagraphElement>('#hold');
function showHold(): void {
  const held = widgets
    .map((w) => [w.dataset.label, w.holdReason] as const)
    .filter((entry): entry is readonly [string, string] => Boolean(entry[0] && entry[1]));
  hold.textContent = held.length && !kase.disabled ? `尚需：${held.map(([label, why]) => `${label}——${why}`).join('；')}` : '';
}
new MutationObserver(showHold).observe(kase, { attributes: true, subtree: true, attributeFilter: ['state', 'held', 'verdict'] });
for (const type of ['credit-check-acknowledge', 'credit-check-feedback', 'credit-check-result', 'credit-check-deferred'])
  document.addEventListener(type, () => queueMicrotask(showHold));
showHold();

// One application at a time: once the backend concluded it, the form is locked and the next
// application starts clean (a new 办件编号, empty fields, no banner of the last applicant).
function conclude(): void {
  kase.disabled = true;
  kase.inert = true;
  showHold();
  const next = Object.assign(document.createElement('button'), {
    type: 'button',
    id: 'next',
    className: 'primary next-case',
    textContent: '办理下一件',
  });
  next.addEventListener('click', nextCase);
  decision.append(next);
  next.focus();
}
function nextCase(): void {
  kase.disabled = false;
  kase.inert = false;
  form.reset();
  applicationId.value = newApplicationId();
  for (const w of widgets) {
    w.applicationId = applicationId.value;
    w.matter = matter.value;
  }
  decision.replaceChildren();
  showHold();
  $<HTMLInputElement>('#org-name').focus();
}

// What the backend decided, the way the clerk submitted it (受理 / 不予受理 / 转人工复核), after the
// guard opened that way.
form.addEventListener('submit', async (event) => {
  event.preventDefault();
  if (kase.disabled) return;
  decision.textContent = '正在提交…';
  const data = new FormData(form, (event as SubmitEvent).submitter);
  for (const [, value] of data) if (typeof value === 'string' && value.startsWith('deferred:')) submittedDeferrals.add(value.slice(9));
  let body: {
    approved: boolean;
    concluded?: boolean;
    repeated?: boolean;
    word?: string;
    decisions?: { message: string }[];
    message?: string;
  };
  try {
    const res = await fetch(new URL('backend/applications', new URL(import.meta.env.BASE_URL, location.href)), {
      method: 'POST',
      body: data,
    });
    body = await res.json();
  } catch {
    // Not submitted is not approved: say so, and keep the form as it is.
    show(false, '提交未完成（后台系统暂时无法连接），申请未受理，请重试');
    return;
  }
  const why = (body.decisions ?? []).map((d) => d.message).join('；') || body.message || '';
  const headline = body.approved ? '已受理，提交审批' : body.concluded ? `已按“${body.word}”办结` : '不能办理';
  // Submitted again (another tab, a double click): the first decision stands, and the clerk reads so.
  const said = body.repeated ? `${body.message}（${headline}）` : `${headline}：${why}`;
  show(body.approved, said, {
    decision: String(data.get('decision') ?? 'approve'),
    concluded: String(body.concluded ?? false),
    ...(body.repeated ? { repeated: 'true' } : {}),
  });
  if (body.concluded) conclude();
  void showDeferred();
});

// 先行受理 during an outage: what the backend holds, re-checks and flags (no identifiers here).
const STATUS: Record<string, string> = { pending: '待补查', settled: '补查完成', flagged: '已标记', failed: '需人工核查' };
async function showDeferred() {
  try {
    const res = await fetch(new URL('backend/deferred', new URL(import.meta.env.BASE_URL, location.href)));
    const { applications } = (await res.json()) as {
      applications: { applicationId: string; label: string; status: string; verdict?: string; note?: string; acceptedAt: string }[];
    };
    const list = $<HTMLUListElement>('#deferred');
    if (!applications.length) return;
    list.replaceChildren(
      ...applications.map((a) => {
        const li = document.createElement('li');
        li.dataset.status = a.status;
        li.dataset.application = a.applicationId;
        li.textContent = `${a.applicationId} · ${a.label} · ${STATUS[a.status] ?? a.status}${a.note ? `：${a.note}` : ''}`;
        return li;
      }),
    );
  } catch {
    // The list is informational; the backend keeps the applications either way.
  }
}
void showDeferred();
// A 补查 finished in this browser: the backend may settle its own now too. One that says
// caution/restrict withdraws the 先行受理 this page showed as accepted (the counter holds the form again).
const VERDICT: Record<string, string> = { restrict: '限制办理', caution: '从严审核' };
document.addEventListener('credit-check-result', (e) => {
  const { detail } = e as HTMLElementEventMap['credit-check-result'];
  if (!detail.deferred) return;
  void showDeferred();
  const word = VERDICT[detail.verdict];
  if (word && detail.deferralId && submittedDeferrals.delete(detail.deferralId)) {
    show(false, `先行受理已撤回：补查结论为“${word}”。请确认提示、记录处理结果，再按处理结果办理。`, { withdrawn: 'true' });
    // The application is open again: the 补查 decides it now (the backend reopens it too).
    kase.disabled = false;
    kase.inert = false;
    showHold();
  }
});

// The scenario subjects of the sandbox, one click to fill the form.
interface Scenario {
  id: string;
  title: string;
  checks: { request: { subject: { idType: string; id: string; name: string }; matter: string }; verdict: string }[];
}
const LABEL: Record<string, string> = { clear: '无', notice: '提示', caution: '从严', restrict: '限制' };
const MATTER: Record<string, string> = { FOOD_BUSINESS_LICENCE: '食品', CONSTRUCTION_PERMIT: '施工', PROCUREMENT_SUPPLIER: '采购' };
try {
  const { scenarios } = (await (await fetch(new URL('__mock/scenarios', new URL(import.meta.env.BASE_URL, location.href)))).json()) as {
    scenarios: Scenario[];
  };
  const list = $<HTMLUListElement>('#scenarios');
  for (const s of scenarios) {
    const subject = s.checks[0]?.request.subject;
    if (!subject) continue;
    const li = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.dataset.scenario = s.id;
    button.textContent = `${subject.name}（${s.title}）`;
    const verdicts = document.createElement('span');
    verdicts.className = 'verdicts';
    verdicts.textContent = s.checks.map((c) => `${MATTER[c.request.matter]}:${LABEL[c.verdict]}`).join(' · ');
    button.append(verdicts);
    button.addEventListener('click', () => fill(subject));
    li.append(button);
    list.append(li);
  }
} catch {
  // The scenario list is a sandbox convenience; the form works without it.
}

function fill(subject: { idType: string; id: string; name: string }) {
  const [idInput, nameInput] = subject.idType === 'uscc' ? ['#uscc', '#org-name'] : ['#rep-id', '#rep-name'];
  for (const [selector, value] of [
    [nameInput, subject.name],
    [idInput, subject.id],
  ] as const) {
    const input = $<HTMLInputElement>(selector);
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }
}
