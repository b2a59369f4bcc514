/**
 * Browser test harness: builds the app once per test run (vite build), serves the built files on 127.0.0.1 with the
 * same COOP/COEP headers as `vite preview`, and drives the system Chromium with playwright-core (STACK.md: it cannot
 * download its own browser here). Every request is recorded; anything not on loopback is aborted and reported.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
/** The vendored datasets (test/fixtures/data/README.md). */
export const TEST_DATA = resolve(ROOT, 'test', 'fixtures', 'data');
export const CHROMIUM = '/usr/lib/chromium/chromium';
/** STACK.md: these flags make every tfjs backend work headless, and keep Chromium off the network. */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--enable-unsafe-webgpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-dev-shm-usage',
];

/**
 * Null when the browser tests can run; a reason to skip otherwise. In CI (`CI=true`) a missing browser is a
 * failure, not a skip: the workflow must `apt-get install -y chromium`.
 */
export function browserSkipReason(): string | null {
  if (existsSync(CHROMIUM)) return null;
  const msg = `Chromium not found at ${CHROMIUM} (install it with: apt-get install -y chromium)`;
  if (process.env['CI'] === 'true') throw new Error(`${msg}. Browser tests cannot be skipped in CI.`);
  console.warn(`SKIPPING browser tests: ${msg}`);
  return msg;
}

/**
 * Builds the app into a temp folder shared by the test files of one vitest run (they run serially in child
 * processes of the same parent), so `vite build` runs once per run. `LS_E2E_DIST` names a prebuilt folder instead.
 */
export async function buildApp(): Promise<string> {
  // a build made beforehand (e.g. `vite build` in CI): LS_E2E_DIST=dist
  const prebuilt = process.env['LS_E2E_DIST'];
  if (prebuilt) return resolve(ROOT, prebuilt);
  const base = join(tmpdir(), 'localsynth-e2e');
  const dir = join(base, `run-${process.ppid}`);
  if (existsSync(join(dir, '.built'))) return dir;
  mkdirSync(base, { recursive: true });
  // builds of earlier runs
  for (const old of readdirSync(base)) {
    const p = join(base, old);
    if (p !== dir && Date.now() - statSync(p).mtimeMs > 3_600_000) rmSync(p, { recursive: true, force: true });
  }
  const { build } = await import('vite');
  await build({
    root: ROOT,
    configFile: join(ROOT, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir: dir, emptyOutDir: true },
  });
  writeFileSync(join(dir, '.built'), new Date().toISOString());
  return dir;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm',
  '.csv': 'text/csv; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

export interface StaticServer {
  origin: string;
  close(): Promise<void>;
}

/**
 * A tiny static server for the built app, with cross-origin isolation headers (as `vite preview` sends).
 * `onRequest` sees each path first; returning false drops the connection (a server that has "gone away").
 */
export async function serveStatic(dir: string, onRequest?: (path: string) => boolean): Promise<StaticServer> {
  const root = resolve(dir);
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (onRequest && !onRequest(path)) {
      req.socket.destroy();
      return;
    }
    let file = normalize(join(root, path));
    if (!file.startsWith(root + sep) && file !== root) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, {
      'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
      'Cross-Origin-Resource-Policy': 'same-origin',
      'Cache-Control': 'no-store',
    });
    res.end(readFileSync(file));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const addr = server.address();
  if (!addr || typeof addr === 'string') throw new Error('server has no port');
  return {
    origin: `http://127.0.0.1:${addr.port}`,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS, headless: true });
}

/** A browser context that records every request and aborts any that is not on loopback. */
export interface GuardedContext {
  context: BrowserContext;
  /** Every URL requested (page, workers, downloads). */
  requests: string[];
  /** Requests that were not same-origin with the app: must stay empty. */
  offOrigin: string[];
  /** Console errors and uncaught page errors (CSP violations land here). */
  pageErrors: string[];
}

function isLocal(url: string, origin: string): boolean {
  if (url.startsWith('data:')) return true;
  if (url.startsWith('blob:')) return url.startsWith(`blob:${origin}/`);
  return url === origin || url.startsWith(`${origin}/`);
}

export async function guardedContext(browser: Browser, origin: string): Promise<GuardedContext> {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
  const requests: string[] = [];
  const offOrigin: string[] = [];
  const pageErrors: string[] = [];
  context.on('request', (r) => {
    requests.push(r.url());
    if (!isLocal(r.url(), origin)) offOrigin.push(r.url());
  });
  await context.route('**/*', (route) => {
    const host = new URL(route.request().url()).hostname;
    if (host === '127.0.0.1' || host === 'localhost' || host === '[::1]') return route.continue();
    offOrigin.push(route.request().url());
    return route.abort('blockedbyclient');
  });
  context.on('page', (page) => watchPage(page, pageErrors));
  return { context, requests, offOrigin, pageErrors };
}

function watchPage(page: Page, sink: string[]): void {
  page.on('pageerror', (e) => sink.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') sink.push(`console: ${m.text()}`);
  });
}

/** The `?test` hook's shape, as far as tests read it (see src/app/main.ts). */
export interface LsHook {
  app: { run: { generators: unknown[] } };
}

/** Everything a browser test file needs, started in `beforeAll` and closed in `afterAll`. */
export interface AppHarness {
  origin: string;
  browser: Browser;
  /** The app's URL with the `?test` hook (the bridge on `window.__ls`). */
  testUrl: string;
  close(): Promise<void>;
}

export async function startApp(): Promise<AppHarness> {
  const dir = await buildApp();
  const server = await serveStatic(dir);
  const browser = await launchBrowser();
  return {
    origin: server.origin,
    browser,
    testUrl: `${server.origin}/?test`,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

/** Opens the app in a fresh guarded context and waits until the worker has listed its generators. */
export async function openApp(h: AppHarness): Promise<GuardedContext & { page: Page }> {
  const g = await guardedContext(h.browser, h.origin);
  const page = await g.context.newPage();
  await page.goto(h.testUrl);
  await page.waitForFunction(
    () => ((window as unknown as { __ls?: LsHook }).__ls?.app.run.generators.length ?? 0) > 0,
    undefined,
    { timeout: 30_000 },
  );
  return { ...g, page };
}
