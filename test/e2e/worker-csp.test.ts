/**
 * The Content-Security-Policy covers the workers of the hosted build (issue 22, item 1). Inside the synth worker
 * and inside the service worker, code run there through the DevTools protocol (playwright's Worker.evaluate: no
 * debug hook in the product) tries `fetch`, XHR, `import()` and `WebSocket` to another origin, a local server that
 * logs every connection; each must be refused by the policy (a `securitypolicyviolation` for its URL) and that server
 * must see nothing. A control runs the same probe in a worker without a policy and sees all four arrive, so a probe
 * that could not reach the server would fail the test rather than pass it.
 *
 * Two ways of serving the same build: a plain static server that sends no CSP header (test/support/browser.ts;
 * only COOP/COEP), and `vite preview` with the project's config (which sends the policy as a header).
 */
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import type { BrowserContext, Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPageCsp } from '../../build/csp.js';
import {
  browserSkipReason,
  buildApp,
  guardedContext,
  launchBrowser,
  ROOT,
  serveStatic,
  type LsHook,
} from '../support/browser.js';
import { demoTrainDownload, hasWasm, waitOfflineReady } from './offline-flow.js';
import type { Browser } from 'playwright-core';

const skip = browserSkipReason();

/** The other origin: logs every connection, request and WebSocket handshake, and answers all of them. */
interface Foreign {
  port: number;
  /** `host path` of every request (and `… (websocket)` for upgrades). */
  hits: string[];
  connections: number;
  close(): Promise<void>;
}

async function foreignServer(): Promise<Foreign> {
  const sockets = new Set<Socket>();
  const f = { port: 0, hits: [] as string[], connections: 0 };
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/';
    f.hits.push(`${req.headers.host} ${path}`);
    if (path === '/control.html') {
      res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><title>control</title>');
      return;
    }
    const js = path.endsWith('.js');
    res
      .writeHead(200, {
        'Content-Type': js ? 'text/javascript' : 'text/plain',
        'Access-Control-Allow-Origin': '*',
        'Cross-Origin-Resource-Policy': 'cross-origin',
      })
      .end(js ? 'export const reached = true;' : 'reached');
  });
  server.on('connection', (s: Socket) => {
    f.connections++;
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('upgrade', (req, socket: Socket) => {
    f.hits.push(`${req.headers.host} ${req.url} (websocket)`);
    const accept = createHash('sha1')
      .update(`${req.headers['sec-websocket-key']}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`)
      .digest('base64');
    socket.write(
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
    );
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const addr = server.address();
  if (!addr || typeof addr === 'string') throw new Error('no port');
  f.port = addr.port;
  return Object.assign(f, {
    close: () =>
      new Promise<void>((ok) => {
        for (const s of sockets) s.destroy();
        server.close(() => ok());
      }),
  });
}

interface ProbeResult {
  fetch: string;
  xhr: string;
  import: string;
  websocket: string;
  /** `effectiveDirective blockedURI` of each violation reported in that context. */
  violations: string[];
}

/**
 * The probe, as source text: evaluated as is in the worker (a function would go through vitest's transform, which
 * rewrites `import()`). Each attempt ends as 'reached', 'refused: …', 'absent' (no such API there) or 'timeout'.
 */
const PROBE = `(async (target) => {
  const violations = [];
  self.addEventListener('securitypolicyviolation', (e) => violations.push(e.effectiveDirective + ' ' + e.blockedURI));
  const settle = (p) => Promise.race([p, new Promise((ok) => setTimeout(() => ok('timeout'), 5000))]);
  const out = {};
  out.fetch = await settle(fetch(target + '/fetch', { mode: 'no-cors' }).then(() => 'reached', (e) => 'refused: ' + e));
  out.xhr = typeof XMLHttpRequest === 'undefined' ? 'absent' : await settle(new Promise((ok) => {
    try {
      const x = new XMLHttpRequest();
      x.onload = () => ok('reached');
      x.onerror = () => ok('refused: error event');
      x.open('GET', target + '/xhr');
      x.send();
    } catch (e) { ok('refused: ' + e); }
  }));
  out.import = await settle(import(target + '/import.js').then(() => 'reached', (e) => 'refused: ' + e));
  out.websocket = await settle(new Promise((ok) => {
    try {
      const ws = new WebSocket(target.replace(/^http/, 'ws') + '/ws');
      ws.onopen = () => { ws.close(); ok('reached'); };
      ws.onerror = () => ok('refused: error event');
    } catch (e) { ok('refused: ' + e); }
  }));
  await new Promise((r) => setTimeout(r, 300));
  return { ...out, violations };
})`;

function probe(w: Worker, target: string): Promise<ProbeResult> {
  return w.evaluate(`${PROBE}(${JSON.stringify(target)})`) as Promise<ProbeResult>;
}

/** The app's synth worker (named 'synth'; tfjs' wasm threads are other, unnamed workers). */
async function synthWorker(page: Page): Promise<Worker> {
  for (let i = 0; i < 100; i++) {
    for (const w of page.workers()) if ((await w.evaluate('self.name').catch(() => '')) === 'synth') return w;
    await page.waitForTimeout(100);
  }
  throw new Error('no synth worker');
}

async function waitGenerators(page: Page): Promise<void> {
  await page.waitForFunction(
    () => ((window as unknown as { __ls?: LsHook }).__ls?.app.run.generators.length ?? 0) > 0,
    undefined,
    {
      timeout: 60_000,
    },
  );
}

/** Requests to the other origin that the browser completed (a refused one fails before it is sent). */
function completedTo(context: BrowserContext, origin: string): string[] {
  const done: string[] = [];
  context.on('requestfinished', (r) => {
    if (r.url().startsWith(origin)) done.push(r.url());
  });
  return done;
}

describe.skipIf(skip !== null)('the CSP covers the workers of the hosted build', () => {
  let dist: string;
  let browser: Browser;
  let foreign: Foreign;
  /** The other origin, as the probes name it (the app runs on 127.0.0.1, so `localhost` is another origin). */
  let target: string;
  let policy: string;
  beforeAll(async () => {
    dist = await buildApp();
    browser = await launchBrowser();
    foreign = await foreignServer();
    target = `http://localhost:${foreign.port}`;
    policy = readPageCsp(dist);
  });
  afterAll(async () => {
    await browser?.close();
    await foreign?.close();
  });

  /** Every attempt refused by the policy itself, and nothing arrived at the other origin. */
  function expectRefusedByPolicy(r: ProbeResult, where: string): void {
    for (const k of ['fetch', 'xhr', 'import', 'websocket'] as const)
      expect(r[k], `${where}: ${k}`).toMatch(/^refused/);
    expect(r.violations, where).toEqual(
      expect.arrayContaining([
        `connect-src ${target}/fetch`,
        `connect-src ${target}/xhr`,
        `script-src-elem ${target}/import.js`,
        `connect-src ws://localhost:${foreign.port}/ws`,
      ]),
    );
  }

  it('control: the same probe in a worker without a policy reaches the other origin four times', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${foreign.port}/control.html`);
    const started = page.waitForEvent('worker');
    await page.evaluate(() => {
      const url = URL.createObjectURL(new Blob(['self.name = "control";'], { type: 'text/javascript' }));
      (window as unknown as { w: unknown }).w = new Worker(url, { type: 'module' });
    });
    const r = await probe(await started, target);
    expect(r).toEqual({ fetch: 'reached', xhr: 'reached', import: 'reached', websocket: 'reached', violations: [] });
    const fromProbe = foreign.hits.filter((h) => h.startsWith('localhost:'));
    expect(fromProbe).toEqual([
      `localhost:${foreign.port} /fetch`,
      `localhost:${foreign.port} /xhr`,
      `localhost:${foreign.port} /import.js`,
      `localhost:${foreign.port} /ws (websocket)`,
    ]);
    await context.close();
    foreign.hits.length = 0;
    foreign.connections = 0;
  });

  it('a server that sends no CSP header: the synth worker (a blob: worker) is under the page policy; sw.js adds it to what it serves', async () => {
    const server = await serveStatic(dist);
    try {
      const g = await guardedContext(browser, server.origin);
      const done = completedTo(g.context, target);
      const page = await g.context.newPage();
      await page.goto(`${server.origin}/?test`);
      await waitGenerators(page);
      const w = await synthWorker(page);
      expect(w.url()).toMatch(new RegExp(`^blob:${server.origin}/`));
      // still cross-origin isolated (the wasm threads need it)
      expect(await w.evaluate('self.crossOriginIsolated')).toBe(true);
      expectRefusedByPolicy(await probe(w, target), 'synth worker');
      expect(foreign.connections).toBe(0);
      expect(foreign.hits).toEqual([]);
      expect(done).toEqual([]);

      // the service worker: everything it serves carries the policy as a header (the page, the worker chunk)
      await waitOfflineReady(page);
      const served: { url: string; csp: string | undefined }[] = [];
      page.on('response', (r) => {
        if (r.fromServiceWorker()) served.push({ url: r.url(), csp: r.headers()['content-security-policy'] });
      });
      await page.reload();
      await waitGenerators(page);
      const page1 = served.find((s) => s.url.endsWith('/?test'));
      const chunk = served.find((s) => /synth\.worker-[^/]*\.js$/.test(s.url));
      expect(page1?.csp).toBe(policy);
      expect(chunk?.csp).toBe(policy);
      // and the worker started from the cached build is under the policy too
      expectRefusedByPolicy(await probe(await synthWorker(page), target), 'synth worker, served by sw.js');
      expect(foreign.hits).toEqual([]);

      // tfjs trains on wasm in it, with its threads (blob: workers whose importScripts(blob:) the policy allows)
      if (hasWasm(dist)) {
        const out = await demoTrainDownload(page, 'wasm');
        expect(out.rows).toBe(40);
        if (out.generator !== 'gmm') {
          expect(out.backendNote).toContain('backend: wasm');
          expect(page.workers().length, 'wasm threads started').toBeGreaterThan(1);
        }
      }
      expect(g.offOrigin.filter((u) => !u.startsWith(target))).toEqual([]);
      expect(g.pageErrors.filter((e) => !e.includes(`localhost:${foreign.port}`))).toEqual([]);

      // What only a header can do (README): sw.js's own policy comes from its own response, so from this server
      // it runs without one; its code never contacts another origin, but nothing enforces that here.
      const sw = g.context.serviceWorkers()[0]!;
      expect((await probe(sw, target)).fetch).toBe('reached');
      await g.context.close();
    } finally {
      await server.close();
      foreign.hits.length = 0;
      foreign.connections = 0;
    }
  });

  it('vite preview (the project config sends the policy as a header): the synth worker and sw.js refuse all four', async () => {
    const { preview } = await import('vite');
    const pv = await preview({
      root: ROOT,
      configFile: `${ROOT}/vite.config.ts`,
      logLevel: 'warn',
      build: { outDir: dist },
      preview: { port: 0, host: '127.0.0.1', open: false },
    });
    const addr = pv.httpServer.address();
    if (!addr || typeof addr === 'string') throw new Error('preview has no port');
    const origin = `http://127.0.0.1:${addr.port}`;
    try {
      const g = await guardedContext(browser, origin);
      const done = completedTo(g.context, target);
      const page = await g.context.newPage();
      const nav = await page.goto(`${origin}/?test`);
      expect(nav?.headers()['content-security-policy']).toBe(policy);
      await waitGenerators(page);
      expectRefusedByPolicy(await probe(await synthWorker(page), target), 'synth worker');

      await waitOfflineReady(page);
      const sw = g.context.serviceWorkers()[0]!;
      expect(sw.url()).toBe(`${origin}/sw.js`);
      const r = await probe(sw, target);
      expect(r.fetch).toMatch(/^refused/);
      expect(r.websocket).toMatch(/^refused/);
      expect(r.violations).toEqual(
        expect.arrayContaining([`connect-src ${target}/fetch`, `connect-src ws://localhost:${foreign.port}/ws`]),
      );
      // no XMLHttpRequest in a service worker, and browsers refuse import() there whatever the policy
      expect(r.xhr).toBe('absent');
      expect(r.import).toMatch(/^refused/);
      expect(foreign.connections).toBe(0);
      expect(foreign.hits).toEqual([]);
      expect(done).toEqual([]);
      await g.context.close();
    } finally {
      await new Promise<void>((ok) => pv.httpServer.close(() => ok()));
    }
  });
});
