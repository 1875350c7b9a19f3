// Static mode: the platform and the host backend both run in this page, behind msw's service
// worker — the same handlers as the Node server. The app secret here is the public sandbox one.
import { createMockPlatform, SANDBOX_APP } from '@credit-check/mock-server';
import { http } from 'msw';
import { setupWorker } from 'msw/browser';
import { createBackend } from '../server/backend.ts';
import { SANDBOX_CHANGE_SUBJECT } from '../server/sandbox-subject.ts';

const api = new URL('api/v1', new URL(import.meta.env.BASE_URL, location.href)).href.replace(/\/$/, '');
const mock = await createMockPlatform({ subjects: 1000 });
const backend = createBackend({
  platformApi: api,
  widgetEndpoint: api,
  appId: SANDBOX_APP.appId,
  appSecret: SANDBOX_APP.appSecret,
  department: '苏州市政务服务中心',
  operator: 'window-01',
  dangerouslyAllowBrowser: true,
  // The backend runs in this page behind its own service worker: no network name to rebind.
  hosts: 'any',
});
const worker = setupWorker(
  ...mock.handlers,
  http.all('*/backend/*', ({ request }) => backend.fetch(request)),
  // The 信用提醒 page's one click (the Node demo serves it from site.ts).
  http.post('*/sandbox/list-entry', async () => {
    await mock.platform.controls.listEntry({ subject: SANDBOX_CHANGE_SUBJECT, listCode: 'SERIOUS_DISHONEST' });
    return Response.json({ listed: SANDBOX_CHANGE_SUBJECT.name });
  }),
);
await worker.start({
  quiet: true,
  onUnhandledFrame: 'bypass',
  serviceWorker: { url: new URL('mockServiceWorker.js', new URL(import.meta.env.BASE_URL, location.href)).pathname },
});
