/** The squared Euclidean cost matrix: the Sinkhorn term's cost and the MMD kernel's argument. */
import { matMul2d } from '../matmul.js';
import { tf, type Tensor2D } from '../tf.js';

/** ‖x_i − y_j‖² for every pair of rows, clamped at 0 against rounding. */
export function squaredDistances(x: Tensor2D, y: Tensor2D): Tensor2D {
  return tf.tidy(() => {
    const xx = tf.sum(tf.square(x), 1, true);
    const yy = tf.reshape(tf.sum(tf.square(y), 1), [1, -1]);
    return tf.relu(tf.sub(tf.add(xx, yy), tf.mul(2, matMul2d(x, y, false, true)))) as Tensor2D;
  });
}
