// widget — last keystroke of a valid code → verdict painted in Chromium, against a raw fetch, fetch + one word, and fetch + the same panel (like for like).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { CHROMIUM, CHROMIUM_ARGS } from '../../scripts/chromium.mjs';
import { fmt, mark, percentile } from '../lib.mjs';
import { DEPARTMENT, MATTERS, OPERATOR } from './fixtures.mjs';

/** @param {import('./fixtures.mjs').BenchContext} ctx */
export async function widgetSection({ info, report, row }) {
  const chrome = CHROMIUM;
  if (!existsSync(chrome)) {
    console.log(`\nwidget — skipped: no Chromium at ${chrome} (set CHROME_PATH)`);
    return;
  }
  console.log('\nwidget — last keystroke of a valid code → verdict painted, Chromium');
  const { chromium } = await import('playwright-core');
  // The drop-in as a host serves it: credit-check.js and the chunks beside it (the result's parts
  // are fetched as the element connects — without them no verdict is ever painted).
  const dist = new URL('../../packages/widget/dist/', import.meta.url);
  const files = new Map(
    readdirSync(dist)
      .filter((f) => /^credit-check(\..+)?\.js$/.test(f))
      .map((f) => [`/${f}`, readFileSync(new URL(f, dist))]),
  );
  const page = `<!doctype html><meta charset="utf-8"><input id="code"><input id="keyed"><credit-check id="w" watch="#code" matter="${MATTERS[0]}" department="${DEPARTMENT}" operator="${OPERATOR}" application-id="B-0"></credit-check><script type="module" src="/credit-check.js"></script>`;
  const http = createServer((req, res) => {
    const js = files.get(req.url ?? '');
    if (js) res.writeHead(200, { 'content-type': 'text/javascript' }).end(js);
    else res.writeHead(200, { 'content-type': 'text/html' }).end(page);
  });
  await new Promise((r) => http.listen(0, '127.0.0.1', r));
  const browser = await chromium.launch({ executablePath: chrome, args: CHROMIUM_ARGS });
  try {
    const tab = await browser.newPage();
    await tab.goto(`http://127.0.0.1:${http.address().port}/`);
    await tab.waitForFunction(() => customElements.get('credit-check'));
    await tab.evaluate(
      ({ endpoint, token }) => {
        const w = document.querySelector('#w');
        const input = document.querySelector('#code');
        Object.assign(w, { endpoint, token });
        window.marks = [];
        window.spans = [];
        input.addEventListener('input', () => {
          if (input.value.length === 18) window.t0 = performance.now();
        });
        w.addEventListener('credit-check-result', async () => {
          const event = performance.now();
          // Where the time went, from the request's own resource timing.
          const request = performance
            .getEntriesByType('resource')
            .filter((e) => e.name.endsWith('/checks'))
            .pop();
          await w.updateComplete;
          requestAnimationFrame(() =>
            requestAnimationFrame(() => {
              const painted = performance.now();
              window.marks.push(painted - window.t0);
              window.spans.push([
                request.startTime - window.t0,
                request.responseEnd - request.startTime,
                event - request.responseEnd,
                painted - event,
              ]);
            }),
          );
        });
      },
      { endpoint: info.apiBase, token: info.token },
    );
    // Like for like, interleaved: each round checks one fresh subject through the widget and another
    // through the baseline, alternating which goes first and which subject goes where, so both
    // meet the same server state (no warm caches for one side), network and frame phase.
    const pool = info.sample
      .filter((s) => s.idType === 'uscc')
      .slice(0, 4 * ROUNDS)
      .map((s) => s.id);
    const base = { fetched: [], painted: [], panel: [] };
    await armKeyed(tab, info);
    // The baselines, from the same page: the raw fetch round trip (the physical limit); the same
    // fetch with one word written and the same two frames; and like for like — the same fetch, then
    // the panel the widget itself rendered for its last verdict (same markup, same stylesheet, in a
    // shadow root of its own) written in and the same two frames.
    const baseline = (code, panelCode, i) =>
      tab.evaluate(
        async ({ endpoint, token, code, panelCode, i, department, operator, matter }) => {
          const w = document.querySelector('#w');
          if (!window.out) {
            window.out = document.body.appendChild(document.createElement('output'));
            window.panel = document.body.appendChild(document.createElement('div')).attachShadow({ mode: 'open' });
            window.panel.adoptedStyleSheets = w.shadowRoot.adoptedStyleSheets;
          }
          const { out, panel } = window;
          const markup = w.shadowRoot.innerHTML;
          const frames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
          const request = (code, applicationId) =>
            fetch(`${endpoint}/checks`, {
              method: 'POST',
              headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
              body: JSON.stringify({
                subject: { idType: 'uscc', id: code },
                matter,
                context: { applicationId, department, operator, channel: 'window' },
              }),
            }).then((r) => r.json());
          let t = performance.now();
          const check = await request(code, `R-${i}`);
          const fetched = performance.now() - t;
          out.textContent = check.verdict;
          await frames();
          const painted = performance.now() - t;
          // Like for like: the panel is emptied while checking, as the widget does, and filled again.
          panel.innerHTML = '';
          t = performance.now();
          await request(panelCode, `P-${i}`);
          panel.innerHTML = markup;
          await frames();
          return { fetched, painted, panel: performance.now() - t };
        },
        { endpoint: info.apiBase, token: info.token, code, panelCode, i, department: DEPARTMENT, operator: OPERATOR, matter: MATTERS[0] },
      );
    const viaWidget = async (code, i) => {
      await tab.evaluate((i) => {
        const w = document.querySelector('#w');
        if (w.result) w.acknowledge();
        w.applicationId = `B-${i}`;
        const input = document.querySelector('#code');
        input.value = '';
        input.dispatchEvent(new Event('input', { bubbles: true }));
      }, i);
      await tab.fill('#code', code.slice(0, 17));
      await tab.keyboard.type(code.slice(17));
      await tab.waitForFunction((n) => window.marks.length >= n, i + 1, { timeout: 10_000 });
    };
    // Like for like from the keystroke: the same typing into a field of the page, whose input
    // handler does what a hand-written page would — empty the panel, fetch, write the widget's last
    // panel markup, two frames. It pays what typing costs the browser (the typed character's frame,
    // input scheduling), as the widget does; the baselines above start without a keystroke.
    const viaKeyed = async (code, i) => {
      await tab.evaluate(() => {
        // The widget's last panel, serialised before the clock starts (as the panel baseline does).
        window.keyedMarkup = document.querySelector('#w').shadowRoot.innerHTML;
        document.querySelector('#keyed').value = '';
      });
      await tab.fill('#keyed', code.slice(0, 17));
      await tab.keyboard.type(code.slice(17));
      await tab.waitForFunction((n) => window.keyed.length >= n, i + 1, { timeout: 10_000 });
    };
    for (let i = 0; i < ROUNDS; i++) {
      // Rotate the four fresh subjects of the round over the four measurements.
      const [forWidget, forBase, forPanel, forKeyed] = [0, 1, 2, 3].map((k) => pool[4 * i + ((k + i) % 4)]);
      if (i % 2) await viaWidget(forWidget, i);
      if (i % 2) await viaKeyed(forKeyed, i);
      const b = await baseline(forBase, forPanel, i);
      if (!(i % 2)) await viaKeyed(forKeyed, i);
      if (!(i % 2)) await viaWidget(forWidget, i);
      base.fetched.push(b.fetched);
      base.painted.push(b.painted);
      base.panel.push(b.panel);
    }
    // The first rounds warm up the JIT, the connection pool and the server.
    const widget = (await tab.evaluate(() => window.marks)).slice(WARMUP);
    const spans = (await tab.evaluate(() => window.spans)).slice(WARMUP);
    const q = (xs) => [percentile(xs, 50), percentile(xs, 95)];
    const [w50, w95] = q(widget);
    const keyed = (await tab.evaluate(() => window.keyed)).slice(WARMUP);
    const [[f50, f95], [p50, p95], [l50, l95], [k50, k95]] = [base.fetched, base.painted, base.panel, keyed].map((xs) =>
      q(xs.slice(WARMUP)),
    );
    report.results.widget = {
      p50: w50,
      p95: w95,
      fetchP50: f50,
      fetchP95: f95,
      fetchPaintP50: p50,
      fetchPaintP95: p95,
      fetchPanelP50: l50,
      fetchPanelP95: l95,
      keyedPanelP50: k50,
      keyedPanelP95: k95,
      samples: widget.length,
    };
    // Against the raw fetch (the physical limit), one word painted, and like for like (the same panel).
    for (const [against, [b50, b95], digits, note, goal] of [
      ['raw fetch', [f50, f95], 1, 'raw fetch round trip, nothing painted', ''],
      ['fetch + word', [p50, p95], 2, 'same fetch, one word written, same 2 frames', ''],
      ['fetch + panel', [l50, l95], 2, 'same fetch, the same panel markup and styles written, same 2 frames (no keystroke)', ''],
      [
        'keystroke + fetch + panel',
        [k50, k95],
        2,
        'like for like: typed the same way; its input handler fetches, writes the same panel, same 2 frames',
        '≤ 1.3×',
      ],
    ]) {
      for (const [quantile, w, b] of [
        ['p50', w50, b50],
        ['p95', w95, b95],
      ]) {
        row(
          'widget',
          `keystroke → painted ${quantile}, vs ${against}`,
          `${fmt(w)} ms`,
          `${fmt(b)} ms`,
          `${fmt(w / b, digits)}×`,
          goal && `${goal} ${mark(w / b <= 1.3)}`,
          quantile === 'p50' ? note : '',
        );
      }
    }
    // Where the widget's time goes (p50 of each span; they need not add up to the total's p50).
    const names = ['keystroke → request sent', 'request → response received', 'response → result event', 'result → painted (2 frames)'];
    report.results.widget.spansP50 = Object.fromEntries(
      names.map((n, k) => [
        n,
        percentile(
          spans.map((x) => x[k]),
          50,
        ),
      ]),
    );
    console.log(
      `  of which, p50: ${names
        .map(
          (n, k) =>
            `${n} ${fmt(
              percentile(
                spans.map((x) => x[k]),
                50,
              ),
            )} ms`,
        )
        .join(' · ')}`,
    );

    // Idle cost: main-thread CPU while the page just sits there with the element watching its
    // fields, against the same page without the element (Chromium's ScriptDuration and TaskDuration).
    const [watching, bare] = await Promise.all([browser.newPage(), browser.newPage()]);
    await Promise.all([watching, bare].map((p) => p.goto(`http://127.0.0.1:${http.address().port}/`)));
    await watching.evaluate(({ endpoint, token }) => Object.assign(document.querySelector('#w'), { endpoint, token }), {
      endpoint: info.apiBase,
      token: info.token,
    });
    await bare.evaluate(() => document.querySelector('credit-check')?.remove());
    const [withElement, without] = await Promise.all([idleCpu(watching, IDLE_SECONDS), idleCpu(bare, IDLE_SECONDS)]);
    report.results.widgetIdle = { seconds: IDLE_SECONDS, withElement, without };
    const note = 'same page without the element';
    row('widget', 'script time while idle, per minute', `${fmt(withElement.script)} ms`, `${fmt(without.script)} ms`, '', '', note);
    row(
      'widget',
      'main-thread tasks while idle, per minute',
      `${fmt(withElement.task)} ms`,
      `${fmt(without.task)} ms`,
      '',
      '',
      `${note}; includes the browser's own housekeeping`,
    );
  } finally {
    await browser.close();
    http.close();
  }
}

/** The hand-written page of the keyed baseline: `#keyed`'s input handler, armed once. */
function armKeyed(tab, info) {
  return tab.evaluate(
    ({ endpoint, token, department, operator, matter }) => {
      const w = document.querySelector('#w');
      const input = document.querySelector('#keyed');
      const panel = document.body.appendChild(document.createElement('div')).attachShadow({ mode: 'open' });
      panel.adoptedStyleSheets = w.shadowRoot.adoptedStyleSheets;
      window.keyed = [];
      let n = 0;
      input.addEventListener('input', async () => {
        if (input.value.length !== 18) return;
        const t = performance.now();
        panel.innerHTML = '';
        await fetch(`${endpoint}/checks`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            subject: { idType: 'uscc', id: input.value },
            matter,
            context: { applicationId: `K-${n++}`, department, operator, channel: 'window' },
          }),
        }).then((r) => r.json());
        panel.innerHTML = window.keyedMarkup;
        requestAnimationFrame(() => requestAnimationFrame(() => window.keyed.push(performance.now() - t)));
      });
    },
    { endpoint: info.apiBase, token: info.token, department: DEPARTMENT, operator: OPERATOR, matter: MATTERS[0] },
  );
}

const IDLE_SECONDS = 10;
const ROUNDS = 45;
const WARMUP = 5;

/**
 * Time (ms per minute) a page left alone spends running script, and on main-thread tasks at all
 * (the latter includes the browser's own housekeeping, so it is noisy), from Chromium's counters.
 */
async function idleCpu(page, seconds) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const read = async () => {
    const m = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((x) => [x.name, x.value]));
    return { script: m.ScriptDuration, task: m.TaskDuration };
  };
  const before = await read();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const after = await read();
  const perMinute = (k) => ((after[k] - before[k]) * 1000 * 60) / seconds;
  return { script: perMinute('script'), task: perMinute('task') };
}
