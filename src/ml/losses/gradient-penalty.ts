/**
 * WGAN-GP gradient penalty (Gulrajani et al. 2017), GenerativeMTD's critic regulariser (λ = 10; DESIGN.md §3):
 * GP = λ · mean_i (‖∇ₓ D(x̂_i)‖₂ − 1)², x̂_i = α_i·real_i + (1 − α_i)·fake_i, α_i ~ U(0, 1).
 *
 * tfjs cannot take second derivatives through LeakyReLU (its gradient uses `greater`, which has none), so the
 * critic supplies its input gradient as a differentiable function (`inputGradient`): for our MLP it is written out
 * by the chain rule (`Mlp.inputGradient`), for a linear critic it is its weight vector.
 */
import { tf, type Scalar, type Tensor2D } from '../tf.js';

/** λ of the paper. */
export const GP_LAMBDA = 10;

/** Rows of `real` and `fake` mixed with per-row weights α ~ U(0,1) drawn with `seed`. */
export function interpolate(real: Tensor2D, fake: Tensor2D, seed: number): Tensor2D {
  return tf.tidy(() => {
    const alpha = tf.randomUniform([real.shape[0], 1], 0, 1, 'float32', seed);
    return tf.add(tf.mul(alpha, real), tf.mul(tf.sub(1, alpha), fake)) as Tensor2D;
  });
}

/**
 * λ · mean (‖g_i‖ − 1)² of the critic's input gradients g_i at the points `at` (rows). `inputGradient(at)` must
 * return ∂D/∂x row by row, differentiable with respect to the critic's weights.
 */
export function gradientPenalty(inputGradient: (x: Tensor2D) => Tensor2D, at: Tensor2D, lambda = GP_LAMBDA): Scalar {
  return tf.tidy(() => {
    const g = inputGradient(at);
    // + tiny inside the root: finite gradient when a row's gradient is exactly 0
    const norm = tf.sqrt(tf.add(tf.sum(tf.square(g), 1), 1e-12));
    return tf.mul(lambda, tf.mean(tf.square(tf.sub(norm, 1)))) as Scalar;
  });
}
