/**
 * How this copy of the app runs offline, for the header's status line and the update banner:
 * - the hosted build registers `sw.js` (written by build/precache-plugin.ts) and reports when the whole build is
 *   cached; a newer version waits until the user presses Reload (`applyUpdate`), then the page reloads once;
 * - `vite dev`, `file://` and the single-file build register nothing (there is no server to update from) and say so;
 * - without cross-origin isolation (single file, or a host without COOP/COEP headers) wasm runs on one thread.
 */

/** Where this copy runs from. */
export type OfflineMode =
  /** `vite dev`: no service worker, on purpose (it would cache files that change on every edit). */
  | 'dev'
  /** The single-file build (or any page opened from `file://`): already offline, nothing to install. */
  | 'single-file'
  /** The browser has no service workers (or they are turned off, e.g. private windows in some browsers). */
  | 'unsupported'
  /** Registering, or caching the build. */
  | 'installing'
  /** Every file of the build is cached: the app loads and runs with the network gone. */
  | 'ready'
  /** Registration failed (message in `detail`); the app still works while online. */
  | 'error';

interface VersionReply {
  version: string;
  files: number;
}

/** Asks a service worker for its build version (see workers/sw.ts, message GET_VERSION). */
function askVersion(sw: ServiceWorker): Promise<VersionReply | null> {
  return new Promise((resolve) => {
    const ch = new MessageChannel();
    const timer = setTimeout(() => resolve(null), 3000);
    ch.port1.onmessage = (e: MessageEvent<VersionReply>) => {
      clearTimeout(timer);
      resolve(e.data);
    };
    sw.postMessage({ type: 'GET_VERSION' }, [ch.port2]);
  });
}

export class OfflineState {
  mode = $state<OfflineMode>('installing');
  /** Why `mode` is 'error' or 'unsupported'. */
  detail = $state('');
  /** Build version of the cached copy (16 hex digits), once known. */
  version = $state<string | null>(null);
  /** Files the service worker precached. */
  files = $state(0);
  /** A newer version has installed and waits for the user's "Reload". */
  updateReady = $state(false);
  /** wasm threads need cross-origin isolation (COOP/COEP headers); false in the single file. */
  readonly threads: boolean = typeof crossOriginIsolated === 'boolean' && crossOriginIsolated;

  private waiting: ServiceWorker | null = null;
  private agreed = false;

  constructor() {
    if (import.meta.env.MODE === 'standalone' || location.protocol === 'file:') this.mode = 'single-file';
    // `import.meta.hot` exists only under the dev server (import.meta.env.PROD also depends on NODE_ENV, which
    // test runners set to 'test' around a real `vite build`)
    else if (import.meta.hot) this.mode = 'dev';
    else if (!('serviceWorker' in navigator)) {
      this.mode = 'unsupported';
      this.detail = 'This browser has no service workers here.';
    }
  }

  /** Registers the service worker (hosted production build only); safe to call once per page. */
  async register(): Promise<void> {
    if (this.mode !== 'installing') return;
    const sws = navigator.serviceWorker;
    try {
      const base = import.meta.env.BASE_URL;
      const reg = await sws.register(`${base}sw.js`, { scope: base });
      sws.addEventListener('controllerchange', () => {
        // only the version the user agreed to reloads the page; the first install's claim does not
        if (this.agreed) location.reload();
      });
      if (reg.waiting && sws.controller) this.offer(reg.waiting);
      reg.addEventListener('updatefound', () => {
        const next = reg.installing;
        next?.addEventListener('statechange', () => {
          if (next.state === 'installed' && sws.controller) this.offer(next);
        });
      });
      const ready = await sws.ready;
      if (ready.active) await this.describe(ready.active);
      this.mode = 'ready';
    } catch (e) {
      this.mode = 'error';
      this.detail = e instanceof Error ? e.message : String(e);
    }
  }

  /** Activates the waiting version (the page reloads when it takes over). */
  applyUpdate(): void {
    if (!this.waiting) return;
    this.agreed = true;
    this.waiting.postMessage({ type: 'SKIP_WAITING' });
  }

  /** Checks the server for a newer build now (the browser also does on each navigation). */
  async checkForUpdate(): Promise<void> {
    const reg = await navigator.serviceWorker?.getRegistration();
    await reg?.update();
  }

  private offer(sw: ServiceWorker): void {
    this.waiting = sw;
    this.updateReady = true;
  }

  private async describe(sw: ServiceWorker): Promise<void> {
    const v = await askVersion(sw);
    if (v) {
      this.version = v.version;
      this.files = v.files;
    }
  }
}
