/**
 * A fully connected layer y = x W + b on raw tfjs variables, initialised like PyTorch's `nn.Linear` (weights, then
 * biases, U(−1/√fan_in, 1/√fan_in)) from a seeded `Rng`, saved as base64 float32 (ml/weights.ts).
 */
import type { Rng } from '../../core/rng.js';
import { matMul2d } from '../matmul.js';
import { tf, type Tensor2D, type Variable } from '../tf.js';
import { base64ToFloat32, float32ToBase64 } from '../weights.js';

export interface Linear {
  /** Row-major fan_in × fan_out. */
  w: Variable;
  b: Variable;
}

export interface LinearJSON {
  w: string;
  b: string;
}

/** Variables from initial values (tidy frees the initial tensors; variables survive it). */
function linearOf(w: Float32Array, b: Float32Array, fin: number, fout: number): Linear {
  return tf.tidy(() => ({ w: tf.variable(tf.tensor2d(w, [fin, fout])), b: tf.variable(tf.tensor1d(b)) }));
}

export function createLinear(fin: number, fout: number, rng: Rng): Linear {
  const bound = 1 / Math.sqrt(fin);
  const w = new Float32Array(fin * fout);
  for (let i = 0; i < w.length; i++) w[i] = rng.uniform(-bound, bound);
  const b = new Float32Array(fout);
  for (let i = 0; i < fout; i++) b[i] = rng.uniform(-bound, bound);
  return linearOf(w, b, fin, fout);
}

export function linearFromJSON(j: LinearJSON, fin: number, fout: number): Linear {
  const w = base64ToFloat32(j.w);
  const b = base64ToFloat32(j.b);
  if (w.length !== fin * fout || b.length !== fout)
    throw new RangeError(`a ${fin}→${fout} linear layer has the wrong number of weights`);
  return linearOf(w, b, fin, fout);
}

export function linearToJSON(l: Linear): LinearJSON {
  return { w: float32ToBase64(l.w.dataSync() as Float32Array), b: float32ToBase64(l.b.dataSync() as Float32Array) };
}

export function applyLinear(x: Tensor2D, l: Linear): Tensor2D {
  return tf.tidy(() => tf.add(matMul2d(x, l.w), l.b) as Tensor2D);
}

export function disposeLinear(l: Linear): void {
  l.w.dispose();
  l.b.dispose();
}
