/** What every layer's forward pass shares: the mode (inference, or training with seeded dropout) and dropout. */
import { tf, type Tensor2D } from '../tf.js';

/** Forward-pass mode: inference (no dropout, batch norm on its running statistics) or training with a seed source for the dropout masks. */
export type Mode = { training: false } | { training: true; nextSeed: () => number };

/** A training mode whose dropout seeds come from `seed` (the same seed gives the same masks). */
export type TrainingMode = Extract<Mode, { training: true }>;

/** Inverted-dropout mask: 1/(1−rate) where kept, 0 where dropped. */
export function dropoutMask(shape: [number, number], rate: number, seed: number): Tensor2D {
  return tf.tidy(
    () => tf.div(tf.step(tf.sub(tf.randomUniform(shape, 0, 1, 'float32', seed), rate)), 1 - rate) as Tensor2D,
  );
}
