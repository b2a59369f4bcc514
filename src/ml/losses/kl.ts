/**
 * The VAE's prior term: KL(N(μ, σ²) ‖ N(0, I)) = ½ Σ_k (μ_k² + σ_k² − 1 − log σ_k²) per row (Kingma & Welling 2014,
 * appendix B), averaged over the rows. It is what keeps σ from collapsing, so that sampling's z = μ + ε·σ explores
 * around each encoded row instead of returning the same point.
 */
import { tf, type Scalar, type Tensor2D } from '../tf.js';

export function klToStandardNormal(mu: Tensor2D, logvar: Tensor2D): Scalar {
  return tf.tidy(
    () => tf.mul(0.5, tf.mean(tf.sum(tf.sub(tf.add(tf.square(mu), tf.exp(logvar)), tf.add(1, logvar)), 1))) as Scalar,
  );
}
