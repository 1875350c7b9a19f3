import { existsSync } from 'node:fs';
import { serveStatic } from '@hono/node-server/serve-static';
import { type Context, Hono } from 'hono';
import { compress } from 'hono/compress';
import { hostGuard, sameOriginGuard } from './guards.ts';
import { SANDBOX_CHANGE_SUBJECT } from './sandbox-subject.ts';

export interface SiteOptions {
  /** The host backend (routes under /backend). */
  backend: { fetch: (request: Request) => Response | Promise<Response> };
  /** The mock platform's origin: the side panel reads its scenario table through here. */
  mockOrigin: string;
  /** The built hall (vite build: dist/hall). */
  hall: string;
  /** The demo folder: the plain-HTML and jQuery examples are served as written, with their libraries. */
  demo: string;
  /** The widget's drop-in files (packages/widget/dist). */
  widgetDist: string;
  /** The host names the site answers to (as the backend's). */
  hosts: readonly string[];
  /** The mock's admin key, when its controls need one. */
  adminKey?: string;
}

/**
 * The approval hall as a web server would serve it — production bundles, compressed, hashed assets
 * cached for good — next to the host backend; every page under a strict CSP (no unsafe-inline, no
 * unsafe-eval): the widget must run without them.
 */
export function siteApp(o: SiteOptions): Hono {
  for (const [what, dir] of [
    ['the built hall', o.hall],
    ['the widget drop-in', o.widgetDist],
  ] as const) {
    if (!existsSync(dir)) throw new Error(`${what} is missing (${dir}): run \`pnpm run build\` first`);
  }
  const app = new Hono();
  app.use(compress());
  app.use(async (c, next) => {
    await next();
    c.header(
      'content-security-policy',
      `default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' ${o.mockOrigin}; frame-ancestors 'none'`,
    );
    c.header('x-content-type-options', 'nosniff');
    // Hashed file names never change: cache them for good; everything else is checked each time.
    if (!c.res.headers.has('cache-control')) {
      c.header(
        'cache-control',
        /^\/(assets\/|credit-check\.[\w-]+\.js$)/.test(c.req.path) ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    }
  });
  app.all('/backend/*', (c) => o.backend.fetch(c.req.raw));
  // The sandbox's one-click change for the 信用提醒 page: a scenario subject of 苏州 is listed (as a
  // listing authority would), and its event reaches this department. Sandbox only; the page's
  // own origin only, as every state-changing route.
  const refuse = (c: Context, code: string, message: string) => c.json({ code, message }, 403);
  app.post('/sandbox/list-entry', hostGuard(o.hosts, refuse), sameOriginGuard(refuse), async (c) => {
    try {
      const r = await fetch(`${o.mockOrigin}/__mock/entries`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(o.adminKey ? { authorization: `Bearer ${o.adminKey}` } : {}) },
        body: JSON.stringify({ subject: SANDBOX_CHANGE_SUBJECT, listCode: 'SERIOUS_DISHONEST' }),
      });
      if (!r.ok) return c.json({ message: '沙箱未能模拟这次变动，请稍后再试' }, 502);
      return c.json({ listed: SANDBOX_CHANGE_SUBJECT.name });
    } catch {
      return c.json({ message: '模拟信用平台暂时无法连接' }, 502);
    }
  });
  // The scenario table for the side panel: the platform's controls answer no other web page (a page
  // must not drive /__mock/*), and the page needs only this read.
  app.get('/__mock/scenarios', async (c) => {
    try {
      const r = await fetch(`${o.mockOrigin}/__mock/scenarios`);
      return c.body(await r.text(), r.status as 200, { 'content-type': r.headers.get('content-type') ?? 'application/json' });
    } catch {
      return c.text('mock platform unreachable', 502);
    }
  });
  // The drop-in as a host page serves it (examples/plain-html): credit-check.js and the chunks it
  // loads on demand (credit-check.<name>-<hash>.js), copied side by side.
  app.get('/:file{credit-check(\\.[\\w-]+)?\\.js}', serveStatic({ root: o.widgetDist }));
  // The pages that need no build, as written, and the two libraries the 2015-style page uses.
  app.get('/examples/example.css', serveStatic({ root: o.demo }));
  // The newcomer's map of the examples (the README sends them here).
  app.get('/examples', (c) => c.redirect('/examples/', 301));
  app.get('/examples/', serveStatic({ path: `${o.demo}examples/index.html` }));
  app.get('/examples/plain-html/*', serveStatic({ root: o.demo }));
  app.get('/examples/legacy-jquery/*', serveStatic({ root: o.demo }));
  app.get('/node_modules/jquery/dist/*', serveStatic({ root: o.demo }));
  app.get('/node_modules/bootstrap/dist/*', serveStatic({ root: o.demo }));
  app.get('*', serveStatic({ root: o.hall }));
  app.notFound((c) => c.text('没有这个页面', 404));
  return app;
}
