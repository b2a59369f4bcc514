/**
 * Vite plugin (build): keeps tfjs-backend-wasm's *threaded* build working after minification (tensorflow/tfjs#4253,
 * STACK.md). tfjs starts each pthread worker from `'var WasmBackendModuleThreadedSimd = ' + factory.toString()`:
 * the source text of a function that, once minified, names variables of its enclosing scope under their new short
 * names (`_scriptDir` becomes `e`), so every pthread dies with "ReferenceError: e is not defined" and the synth
 * worker crashes. The plugin puts the package's own, unminified script text there instead — the exact file the
 * factory came from, which defines `WasmBackendModuleThreadedSimd` by itself when a worker imports it.
 *
 * Registered in `plugins` and in `worker.plugins` (tfjs runs inside the synth worker). It fails the build if tfjs
 * ever changes that line, rather than shipping a build whose wasm backend crashes.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';

/** The expression tfjs builds the pthread script from (tfjs-backend-wasm 4.x, `dist/backend_wasm.js`). */
const FACTORY_TEXT = /`var WasmBackendModuleThreadedSimd = `\s*\+\s*wasmFactoryThreadedSimd\.toString\(\)/;

/** Replaces the pthread script's text with the unminified original (`wasm-out/tfjs-backend-wasm-threaded-simd.js`). */
export function patchThreadedWasm(code: string, id: string): string {
  if (!FACTORY_TEXT.test(code)) {
    throw new Error(
      `${id}: tfjs' pthread script line was not found; update build/wasm-threads-plugin.ts for this tfjs version`,
    );
  }
  const script = readFileSync(join(dirname(id), '../wasm-out/tfjs-backend-wasm-threaded-simd.js'), 'utf8');
  return code.replace(FACTORY_TEXT, () => JSON.stringify(script));
}

export function wasmThreadsPlugin(): Plugin {
  return {
    name: 'localsynth:tfjs-wasm-threads',
    apply: 'build',
    transform: {
      filter: { id: /tfjs-backend-wasm[\\/]dist[\\/]backend_wasm\.js$/ },
      handler(code, id) {
        return { code: patchThreadedWasm(code, id.split('?')[0]!), map: null };
      },
    },
  };
}
