/**
 * Categorical cross-entropy between generated logits and (soft) target distributions over the softmax spans of a
 * layout (transforms/vector-layout.ts): CE = mean_rows Σ_spans −Σ_c t_c · log softmax(logits)_c. GenerativeMTD's
 * categorical reconstruction term (DESIGN.md §3), TVAE's discrete term. Unlike GenerativeMTD's authors' code (an
 * argmax target, zero gradient) it is taken on the logits, so its gradient p − t reaches the decoder; targets
 * may be one-hot or soft. Tanh spans are skipped.
 */
import { softmaxSpans, type Span } from '../../transforms/vector-layout.js';
import { tf, type Scalar, type Tensor2D } from '../tf.js';

/** Sum over the softmax spans of the mean cross-entropy; 0 when there is none. */
export function spanCrossEntropy(logits: Tensor2D, targets: Tensor2D, spans: readonly Span[]): Scalar {
  return tf.tidy(() => {
    let total: tf.Tensor = tf.scalar(0);
    for (const s of softmaxSpans(spans)) {
      const l = tf.slice(logits, [0, s.start], [-1, s.width]);
      const t = tf.slice(targets, [0, s.start], [-1, s.width]);
      const logp = tf.logSoftmax(l);
      total = tf.add(total, tf.neg(tf.mean(tf.sum(tf.mul(t, logp), 1))));
    }
    return total as Scalar;
  });
}
