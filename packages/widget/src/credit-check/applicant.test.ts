import { aTimeout, expect, waitUntil } from '@open-wc/testing';
import { HttpResponse, http } from 'msw';
import '../define.ts';
import { dialog, setup, shadow, text, until } from '../test/fixture.ts';
import { checks, mock, requests, reset, SUBJECTS, worker } from '../test/harness.ts';

beforeEach(() => reset());

describe('applicant mode (online channel)', () => {
  it('shows the routes open to the applicant and records a signed commitment', async () => {
    const { el } = await setup({ subject: SUBJECTS.clean, mode: 'applicant' });
    await until(el, 'done');
    await waitUntil(() => shadow(el).querySelector('[part="commitment-form"]'), 'commitment form');
    expect(JSON.parse(checks()[0]?.body ?? '').context.channel).to.equal('online');
    expect(dialog(el)).to.equal(null);
    expect(shadow(el).querySelector('[part="feedback"]')).to.equal(null);
    expect(text(el)).to.contain('告知承诺：可适用');
    expect(text(el)).to.contain('食品经营许可信用承诺书');
    await expect(el).to.be.accessible();
    (shadow(el).querySelector('input[name="agree"]') as HTMLInputElement).click();
    (shadow(el).querySelector('[part="commitment-form"] button[type="submit"]') as HTMLButtonElement).click();
    await waitUntil(() => text(el).includes('承诺已签署'), 'signed');
    const found = await mock.platform.commitments.search(
      { kind: 'app', appId: 'sandbox-app' },
      { subject: { idType: 'uscc', id: SUBJECTS.clean } },
    );
    expect(found.commitments.some((c) => c.type === 'informed' && c.status === 'in-force' && c.applicationId === 'SZ-TEST-1')).to.equal(
      true,
    );
  });

  it('says so when the commitment text cannot be loaded, without retrying on its own, and retries on request', async () => {
    worker.use(http.get('*/api/v1/catalog/matters', () => HttpResponse.json({ code: 'UNAVAILABLE' }, { status: 503 })));
    const catalogCalls = () => requests.filter((r) => r.path === '/api/v1/catalog/matters').length;
    try {
      const { el } = await setup({ subject: SUBJECTS.clean, mode: 'applicant' });
      await until(el, 'done');
      await waitUntil(() => text(el).includes('承诺书未能加载'), 'the failure is shown', { timeout: 8000 });
      const afterFirstLoad = catalogCalls();
      await aTimeout(1500);
      expect(catalogCalls(), 'no request loop').to.equal(afterFirstLoad);
      expect(shadow(el).querySelector('[part="commitment-form"]')).to.equal(null);
      await expect(el).to.be.accessible();
      worker.resetHandlers();
      (shadow(el).querySelector('[part="details"] .actions button') as HTMLButtonElement).click();
      await waitUntil(() => shadow(el).querySelector('[part="commitment-form"]'), 'loaded after retry');
    } finally {
      worker.resetHandlers();
    }
  });

  it('explains why the fast routes are closed, and offers nothing to sign', async () => {
    const { el } = await setup({ subject: SUBJECTS.violated, mode: 'applicant' });
    await until(el, 'done');
    await aTimeout(50);
    expect(text(el)).to.contain('告知承诺：不适用');
    expect(text(el)).to.contain('存在违背信用承诺记录');
    expect(shadow(el).querySelector('[part="commitment-form"]')).to.equal(null);
  });
});
