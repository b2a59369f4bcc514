/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { precacheServiceWorker } from './build/precache-plugin.js';
import { wasmThreadsPlugin } from './build/wasm-threads-plugin.js';

/** Cross-origin isolation (wasm threads, precise timers) on the dev and preview servers. */
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  // sw.js: precaches the whole build for offline use (production build only)
  // wasmThreadsPlugin: tfjs' threaded wasm survives minification (STACK.md); tfjs runs in the worker, hence both lists
  plugins: [svelte(), wasmThreadsPlugin(), precacheServiceWorker()],
  worker: { format: 'es', plugins: () => [wasmThreadsPlugin()] },
  server: { headers: isolation, port: 5173, strictPort: false },
  preview: { headers: isolation, port: 4173 },
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
