/**
 * Starts the synth worker (the hosted build and `vite dev`) from a two-line `blob:` module that imports the real worker
 * chunk by its absolute same-origin URL. Why: a worker started from a URL takes its Content-Security-Policy from its
 * own response headers, which a plain static server does not send; a `blob:` worker inherits the page's policy (the
 * `<meta>` tag in index.html), so `fetch`, XHR, `import()` and `WebSocket` off the origin are refused inside it however
 * the app is served (test/e2e/worker-csp.test.ts). The chunk keeps its own URL, so its relative imports and
 * `import.meta.url` (the wasm files, workers/wasm-assets.ts) resolve as before.
 *
 * The single-file build swaps this module for `worker-factory.standalone.ts` (see build/standalone.ts), which starts
 * the worker from inlined code.
 */
import entry from '../../../workers/synth.worker.ts?worker&url';

export function defaultWorker(): Worker {
  const src = new URL(entry, import.meta.url).href;
  // the blob URL is revoked by the worker once its module graph has run, or here if it never starts
  const code = `import ${JSON.stringify(src)};\nURL.revokeObjectURL(import.meta.url);\n`;
  const url = URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
  const worker = new Worker(url, { type: 'module', name: 'synth' });
  worker.addEventListener('error', () => URL.revokeObjectURL(url), { once: true });
  return worker;
}
