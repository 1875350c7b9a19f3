import { describe, expect, it } from 'vitest';
import { open, shot, typeInto, withDemo } from './harness.ts';

const env = withDemo({ subjects: 100 });

describe('host pages receive the widget’s events', () => {
  for (const [name, path] of [
    ['plain HTML, one script tag, strict CSP', 'examples/plain-html/'],
    ['Vue 3', 'examples/vue/'],
    ['React 19', 'examples/react/'],
  ] as const) {
    it(name, async () => {
      const { page, problems } = await open(env.browser, env.demo.url + path);
      await page.waitForFunction(() => customElements.get('credit-check'));
      await page.waitForSelector('credit-check');
      await typeInto(page, '#code', '92320583MA1WL3T48G');
      await page.waitForSelector('credit-check[state="done"]', { timeout: 15_000 });
      await page.waitForFunction(() => document.querySelectorAll('#events li').length >= 2);
      const events = await page.locator('#events li').allTextContents();
      expect(events[0]).toMatch(/^credit-check-start /);
      expect(events.some((e) => e.startsWith('credit-check-result ') && e.includes('"verdict":"notice"'))).toBe(true);
      if (path !== 'examples/plain-html/') expect(await page.textContent('#verdict')).toContain('notice');
      // The page is served under script-src 'self'; style-src 'self': nothing may be blocked.
      expect(problems).toEqual([]);
      if (path === 'examples/vue/') await shot(page, '7-vue-host');
    }, 60_000);
  }

  for (const [name, path] of [
    ['Vue 3', 'examples/vue/'],
    ['React 19', 'examples/react/'],
  ] as const) {
    it(`${name}: a code set from framework state (no input event) is checked once`, async () => {
      const { page, problems } = await open(env.browser, env.demo.url + path);
      await page.waitForSelector('credit-check');
      await page.waitForFunction(() => (document.querySelector('credit-check') as { endpoint?: string } | null)?.endpoint);
      await page.click('#fill');
      await page.waitForSelector('credit-check[state="done"]', { timeout: 15_000 });
      expect(await page.inputValue('#code')).toBe('91320100748204660Q');
      await page.waitForFunction(() => document.querySelectorAll('#events li').length >= 2);
      const events = await page.locator('#events li').allTextContents();
      expect(events.filter((e) => e.startsWith('credit-check-start '))).toHaveLength(1);
      expect(events.some((e) => e.startsWith('credit-check-result ') && e.includes('"verdict":"clear"'))).toBe(true);
      expect(problems).toEqual([]);
    }, 60_000);
  }

  it('a person’s ID number never appears in event details (React host, legal representative)', async () => {
    const { page } = await open(env.browser, `${env.demo.url}examples/react/`);
    await page.waitForSelector('credit-check');
    // The React example checks organisations; set id-type for a person and type a 身份证.
    await page.evaluate(() => document.querySelector('credit-check')?.setAttribute('id-type', 'idcard'));
    await typeInto(page, '#code', '320505197805121236');
    await page.waitForSelector('credit-check[state="done"]');
    await page.waitForFunction(() => document.querySelectorAll('#events li').length >= 2);
    const text = (await page.locator('#events').textContent()) ?? '';
    expect(text).toContain('320***********1236');
    expect(text).not.toContain('320505197805121236');
  }, 60_000);
});
