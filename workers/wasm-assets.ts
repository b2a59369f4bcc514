/**
 * The tfjs wasm binaries as build assets: each `?url` import makes Vite emit the file with a content hash (so the
 * service worker's precache lists it, `build/precache-plugin.ts`) — or, in the single-file build, inline it as a
 * data: URL (`assetsInlineLimit: () => true` in `build/standalone.ts`; its CSP's `connect-src data:` lets tfjs read
 * it). Nothing comes from a CDN. Called once at the top of the synth worker, before any backend starts.
 *
 * Threads: the threaded build is handed over too, but tfjs only picks it in a cross-origin-isolated context
 * (COOP/COEP: `SharedArrayBuffer` transferable); elsewhere (a server without those headers, `file://`) it loads the
 * SIMD build on one thread. The minifier trap of the threaded build (STACK.md, tensorflow/tfjs#4253) is checked by
 * the e2e tests on the *built* app (test/e2e/gmtd.test.ts); `src/ml/backend.ts` drops to one thread if it recurs.
 */
import wasm from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { setWasmPaths } from '../src/ml/backend.js';

/**
 * A bundled file's URL, absolute. Vite writes root-relative paths (`/assets/…`), and the synth worker runs from a
 * `blob:` URL (src/app/bridge/worker-factory.ts), against which such a path cannot be resolved; this module's own URL
 * (the worker chunk on the app's origin) can. data: URLs (the single-file build) are absolute already.
 */
function absolute(url: string): string {
  return /^[a-z][a-z0-9+.-]*:/i.test(url) ? url : new URL(url, import.meta.url).href;
}

/** The three binaries' URLs, keyed by the file names tfjs asks for. */
export const BUNDLED_WASM = {
  'tfjs-backend-wasm.wasm': absolute(wasm),
  'tfjs-backend-wasm-simd.wasm': absolute(wasmSimd),
  'tfjs-backend-wasm-threaded-simd.wasm': absolute(wasmThreadedSimd),
} as const;

/** Points tfjs' wasm backend at the bundled binaries (browser workers only: Node finds them by itself). */
export function useBundledWasm(): void {
  setWasmPaths({ ...BUNDLED_WASM });
}
