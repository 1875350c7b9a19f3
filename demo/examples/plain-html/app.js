// The host page's part: ask its backend for a widget token (the app secret stays there) and
// listen to the element's events. Works the same from jQuery: $('#check').on('credit-check-result', …).
const check = document.querySelector('#check');
const events = document.querySelector('#events');

const session = await (await fetch('/backend/session', { method: 'POST' })).json();
Object.assign(check, { endpoint: session.endpoint, department: session.department, operator: session.operator });
check.getToken = async () => {
  const s = await (await fetch('/backend/session', { method: 'POST' })).json();
  return { token: s.token, expiresAt: s.expiresAt };
};

for (const type of ['credit-check-start', 'credit-check-result', 'credit-check-error', 'credit-check-feedback']) {
  document.addEventListener(type, (event) => {
    const li = document.createElement('li');
    li.textContent = `${event.type} ${JSON.stringify({ ...event.detail, receipt: event.detail.receipt ? '…' : undefined })}`;
    events.append(li);
  });
}
document.querySelector('#form').addEventListener('submit', (event) => event.preventDefault());
