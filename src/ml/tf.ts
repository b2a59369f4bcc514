/**
 * The one tfjs entry point of the project: `@tensorflow/tfjs-core` and the plain-JS cpu backend (always
 * available). The faster backends (wasm, webgl, webgpu) are loaded on demand by `backend.ts`.
 *
 * Why not the `@tensorflow/tfjs` bundle in the browser: it adds tfjs-layers, -converter and -data (≈ 2 MB) for what
 * is here three small MLPs written with `tf.variable` + `matMul`. Own variables also make save/load a few lines
 * (`weights.ts`) and per-call seeded dropout possible.
 *
 * Gradients: tfjs-core registers none by itself. In a bundler (Vite) its ESM `register_all_gradients` module does
 * it. In Node, `@tensorflow/tfjs-core` resolves to a CommonJS bundle without them and that ESM file cannot be
 * loaded (extension-less imports), so there we load the `@tensorflow/tfjs` CommonJS bundle, which registers them
 * on the same core instance (size does not matter in Node). The specifier is hidden from Vite so the browser
 * build never bundles it.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';

export { tf };
export type { Tensor, Tensor1D, Tensor2D, Scalar, Variable } from '@tensorflow/tfjs-core';

function isNode(): boolean {
  const p = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof p?.versions?.node === 'string';
}

// tfjs' cpu backend prints a multi-line "install tfjs-node" notice to stderr on first use in Node, which would break
// the CLI's one-line stderr; PROD silences tfjs' warnings (it changes nothing else the project relies on)
if (isNode()) tf.env().set('PROD', true);

let gradients: Promise<void> | null = null;

/** Registers tfjs' gradient functions once (needed before any `tf.grad`/optimiser call). */
export function loadGradients(): Promise<void> {
  gradients ??= (async () => {
    if (isNode()) {
      const spec = '@tensorflow/tfjs';
      await import(/* @vite-ignore */ spec);
    } else {
      await import('@tensorflow/tfjs-core/dist/register_all_gradients');
    }
  })();
  return gradients;
}
