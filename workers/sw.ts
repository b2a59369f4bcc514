/// <reference lib="webworker" />
/**
 * The service worker: precaches every file of the build on install (the list and a version hash are written in by
 * `build/precache-plugin.ts` at build time) and then answers every same-origin GET from that cache, so the app,
 * its workers and every .wasm file load, and training runs, with the network gone.
 *
 * Updates (after squoosh's versioned service worker): a new version installs next to the running one and *waits*;
 * the page shows "A new version is ready — Reload" and only on the user's click posts `{ type: 'SKIP_WAITING' }`,
 * which activates it (the page then reloads on `controllerchange`). The first install activates at once: there is
 * nothing running to replace. Old caches are deleted on activate.
 *
 * Written by hand rather than with vite-plugin-pwa/workbox: they install ~340 packages (workbox-build with babel,
 * rollup 2 and terser) for what is here one cache, one list and a cache-first fetch handler.
 * Compiled to a classic script (no imports) so every browser with service workers can run it.
 */

/** What the build writes in front of this file as `self.__LS_MANIFEST__`. */
interface PrecacheManifest {
  /** Hash of every file's path and bytes: changes whenever any file of the build changes. */
  version: string;
  /** Paths relative to the service worker's folder (the app's base), e.g. `index.html`, `assets/x-abc.js`. */
  files: string[];
  /** The page's Content-Security-Policy (index.html's meta), added to every response served here. */
  csp: string;
}

const sw = self as unknown as ServiceWorkerGlobalScope & { __LS_MANIFEST__: PrecacheManifest };
const manifest = sw.__LS_MANIFEST__;
const PREFIX = 'localsynth-precache-';
const CACHE = PREFIX + manifest.version;
const scope = new URL(sw.registration.scope);
/** Absolute URLs of the precached files, the cache keys. */
const urls = new Set(manifest.files.map((f) => new URL(f, scope).href));
const shell = new URL('index.html', scope).href;

sw.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // `reload` skips the HTTP cache: the files must be this version's, not a stale copy
      await cache.addAll([...urls].map((u) => new Request(u, { cache: 'reload' })));
    })(),
  );
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key.startsWith(PREFIX) && key !== CACHE) await caches.delete(key);
      // the first install takes the page that registered it, so it works offline without a second load
      await sw.clients.claim();
    })(),
  );
});

sw.addEventListener('message', (event) => {
  const data: unknown = event.data;
  if (typeof data === 'object' && data !== null && (data as { type?: unknown }).type === 'SKIP_WAITING')
    void sw.skipWaiting();
  if (typeof data === 'object' && data !== null && (data as { type?: unknown }).type === 'GET_VERSION') {
    event.ports[0]?.postMessage({ version: manifest.version, files: manifest.files.length });
  }
});

/**
 * The response with the page's CSP as a header (appended: a policy the server sent stays in force too). Whatever this
 * worker serves, from the cache or the network, then carries the policy even from a server that sends no headers: the
 * page (its meta tag says the same) and, above all, any worker script, which takes its policy from its response.
 */
function withPolicy(res: Response): Response {
  if (!manifest.csp || res.type === 'opaque' || res.type === 'opaqueredirect' || res.type === 'error') return res;
  const headers = new Headers(res.headers);
  if (!(headers.get('Content-Security-Policy') ?? '').includes(manifest.csp))
    headers.append('Content-Security-Policy', manifest.csp);
  return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
}

sw.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== scope.origin) return; // the CSP refuses these anyway; never touch them
  // every page of the app is the one shell (e.g. `/?test`, `/index.html`)
  const key = req.mode === 'navigate' ? shell : url.origin + url.pathname;
  if (!urls.has(key) && req.mode !== 'navigate') return;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      const hit = await cache.match(key);
      if (hit) return withPolicy(hit);
      // precache incomplete (e.g. storage cleared by the browser): the network, if there is one
      return withPolicy(await fetch(req));
    })(),
  );
});
