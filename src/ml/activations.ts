/** Output activations of GenerativeMTD's decoder (DESIGN.md §3): tanh for continuous, Gumbel-softmax for one-hot. */
import { tf, type Tensor2D } from './tf.js';
import type { Block } from './losses/cross-entropy.js';

/** Gumbel noise −log(−log U), U ~ U(0,1) drawn with `seed`. */
export function gumbelNoise(shape: [number, number], seed: number): Tensor2D {
  return tf.tidy(() => {
    const u = tf.randomUniform(shape, 1e-7, 1 - 1e-7, 'float32', seed);
    return tf.neg(tf.log(tf.neg(tf.log(u)))) as Tensor2D;
  });
}

/** softmax((logits + Gumbel)/τ): a differentiable, nearly one-hot draw from softmax(logits) (Jang et al. 2017). */
export function gumbelSoftmax(logits: Tensor2D, tau: number, seed: number): Tensor2D {
  return tf.tidy(() => tf.softmax(tf.div(tf.add(logits, gumbelNoise(logits.shape, seed)), tau)) as Tensor2D);
}

/**
 * Activates a decoder output laid out as [`nNum` continuous | categorical blocks]: tanh on the continuous part,
 * Gumbel-softmax (temperature `tau`) on each block, one seed per block from `nextSeed`. With `hard`, blocks get
 * logits + Gumbel noise instead (for sampling: take the argmax).
 */
export function activateOutput(raw: Tensor2D, nNum: number, blocks: readonly Block[], tau: number, nextSeed: () => number, hard = false): Tensor2D {
  return tf.tidy(() => {
    const parts: Tensor2D[] = [];
    if (nNum > 0) parts.push(tf.tanh(tf.slice(raw, [0, 0], [-1, nNum])));
    for (const b of blocks) {
      const logits = tf.slice(raw, [0, b.start], [-1, b.size]) as Tensor2D;
      // hard: logits + Gumbel noise, whose argmax is an exact draw from softmax(logits) (the τ → 0 limit)
      parts.push(hard ? (tf.add(logits, gumbelNoise(logits.shape, nextSeed())) as Tensor2D) : gumbelSoftmax(logits, tau, nextSeed()));
    }
    return (parts.length === 1 ? parts[0]! : tf.concat(parts, 1)) as Tensor2D;
  });
}
