/**
 * Squared maximum mean discrepancy with a sum of Gaussian kernels (GenerativeMTD's "multiscale" MMD reconstruction
 * term, Sivakumar et al. 2023; DESIGN.md §3): k(u, v) = Σ_s exp(−‖u − v‖² / (2 σ_s²)).
 * The biased (V-statistic) estimate MMD² = mean K(x,x') + mean K(y,y') − 2 mean K(x,y): never negative, exactly 0
 * for identical sets, smooth in both arguments.
 */
import { tf, type Scalar, type Tensor2D } from '../tf.js';
import { squaredDistances } from './squared-distances.js';

/**
 * MMD² between the rows of `x` (n) and `y` (m) under Gaussian kernels of bandwidths `sigmas` (same units as the
 * data). One distance matrix over the stacked rows [x; y] and one weighted sum, W = 1/n² on x–x pairs, 1/m² on
 * y–y pairs, −1/(nm) on cross pairs (both orders): mean K(x,x') + mean K(y,y') − 2 mean K(x,y) in a handful of
 * tfjs ops (each op has a fixed cost on wasm that dwarfs these small matrices).
 */
export function mmd2(x: Tensor2D, y: Tensor2D, sigmas: readonly number[]): Scalar {
  if (sigmas.length === 0) throw new RangeError('mmd2 needs at least one bandwidth');
  const n = x.shape[0];
  const m = y.shape[0];
  const t = n + m;
  const w = new Float32Array(t * t);
  for (let i = 0; i < t; i++) {
    for (let j = 0; j < t; j++)
      w[i * t + j] = i < n ? (j < n ? 1 / (n * n) : -1 / (n * m)) : j < n ? -1 / (n * m) : 1 / (m * m);
  }
  return tf.tidy(() => {
    const z = tf.concat([x, y], 0) as Tensor2D;
    const d2 = squaredDistances(z, z);
    let k: tf.Tensor = tf.exp(tf.mul(d2, -1 / (2 * sigmas[0]! * sigmas[0]!)));
    for (const s of sigmas.slice(1)) k = tf.add(k, tf.exp(tf.mul(d2, -1 / (2 * s * s))));
    // the V-statistic is ≥ 0; rounding can leave −1e-8
    return tf.relu(tf.sum(tf.mul(k, tf.tensor2d(w, [t, t])))) as Scalar;
  });
}

/**
 * Bandwidths for data whose columns live in about [−1, 1] (the GenerativeMTD transform): a geometric ladder around
 * the typical pair distance √d·0.4, from 8× finer to 4× coarser, so both local and global mismatch is seen.
 */
export function defaultBandwidths(dims: number): number[] {
  const base = 0.4 * Math.sqrt(Math.max(1, dims));
  return [0.125, 0.25, 0.5, 1, 2, 4].map((f) => f * base);
}
