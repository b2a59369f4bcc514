/**
 * Categorical cross-entropy between generated logits and (soft) target distributions, per one-hot block:
 * CE = mean_rows Σ_blocks −Σ_c t_c · log softmax(logits)_c. GenerativeMTD's categorical reconstruction term
 * (DESIGN.md §3). Unlike the authors' code (an argmax target, zero gradient) it is taken on the logits, so its
 * gradient p − t reaches the decoder; targets may be one-hot or soft.
 */
import { tf, type Scalar, type Tensor2D } from '../tf.js';

/** A categorical block of the model vector: columns [start, start + size). */
export interface Block {
  start: number;
  size: number;
}

/** Sum over blocks of the mean cross-entropy; 0 when there is no block. */
export function blockCrossEntropy(logits: Tensor2D, targets: Tensor2D, blocks: readonly Block[]): Scalar {
  return tf.tidy(() => {
    let total: tf.Tensor = tf.scalar(0);
    for (const b of blocks) {
      const l = tf.slice(logits, [0, b.start], [-1, b.size]);
      const t = tf.slice(targets, [0, b.start], [-1, b.size]);
      const logp = tf.logSoftmax(l);
      total = tf.add(total, tf.neg(tf.mean(tf.sum(tf.mul(t, logp), 1))));
    }
    return total as Scalar;
  });
}
