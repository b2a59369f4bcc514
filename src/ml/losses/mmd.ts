/**
 * Squared maximum mean discrepancy with a sum of Gaussian kernels (GenerativeMTD's "multiscale" MMD reconstruction
 * term, Sivakumar et al. 2023; DESIGN.md §3): k(u, v) = Σ_s exp(−‖u − v‖² / (2 σ_s²)).
 * The biased (V-statistic) estimate MMD² = mean K(x,x') + mean K(y,y') − 2 mean K(x,y): never negative, exactly 0
 * for identical sets, smooth in both arguments.
 */
import { tf, type Scalar, type Tensor2D } from '../tf.js';
import { squaredDistances } from './sinkhorn.js';

/** Mean of the multi-bandwidth Gaussian kernel over all pairs of rows of `x` and `y`. */
function meanKernel(x: Tensor2D, y: Tensor2D, sigmas: readonly number[]): Scalar {
  return tf.tidy(() => {
    const d2 = squaredDistances(x, y);
    let k: tf.Tensor = tf.scalar(0);
    for (const s of sigmas) k = tf.add(k, tf.mean(tf.exp(tf.mul(d2, -1 / (2 * s * s)))));
    return k as Scalar;
  });
}

/** MMD² between the rows of `x` and `y` under Gaussian kernels of bandwidths `sigmas` (same units as the data). */
export function mmd2(x: Tensor2D, y: Tensor2D, sigmas: readonly number[]): Scalar {
  if (sigmas.length === 0) throw new RangeError('mmd2 needs at least one bandwidth');
  return tf.tidy(() => tf.sub(tf.add(meanKernel(x, x, sigmas), meanKernel(y, y, sigmas)), tf.mul(2, meanKernel(x, y, sigmas))) as Scalar);
}

/**
 * Bandwidths for data whose columns live in about [−1, 1] (the GenerativeMTD transform): a geometric ladder around
 * the typical pair distance √d·0.4, from 8× finer to 4× coarser, so both local and global mismatch is seen.
 */
export function defaultBandwidths(dims: number): number[] {
  const base = 0.4 * Math.sqrt(Math.max(1, dims));
  return [0.125, 0.25, 0.5, 1, 2, 4].map((f) => f * base);
}
