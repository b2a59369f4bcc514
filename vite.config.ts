/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';
import { readPageCsp } from './build/csp.js';
import { precacheServiceWorker } from './build/precache-plugin.js';
import { wasmThreadsPlugin } from './build/wasm-threads-plugin.js';

/**
 * Headers of the dev and preview servers: cross-origin isolation (wasm threads, precise timers), and the page's CSP
 * (index.html's meta) as a header too, so that it also binds what no meta tag reaches: sw.js (the service worker
 * takes its policy from its own response) and any worker loaded from a URL. README "Three ways to run it" has the same
 * headers for other servers.
 */
const headers = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Content-Security-Policy': readPageCsp(fileURLToPath(new URL('.', import.meta.url))),
};

export default defineConfig({
  // sw.js: precaches the whole build for offline use (production build only)
  // wasmThreadsPlugin: tfjs' threaded wasm survives minification (STACK.md); tfjs runs in the worker, hence both lists
  plugins: [svelte(), wasmThreadsPlugin(), precacheServiceWorker()],
  worker: { format: 'es', plugins: () => [wasmThreadsPlugin()] },
  server: { headers, port: 5173, strictPort: false },
  preview: { headers, port: 4173 },
  build: { target: 'es2022', sourcemap: false, chunkSizeWarningLimit: 4096 },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
    reporters: ['default', './test/support/closing-line-reporter.ts'],
  },
});
