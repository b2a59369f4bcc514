/**
 * Polyak averaging of weights, w̄ ← d·w̄ + (1 − d)·w after every step: GAN training oscillates, the average sits
 * near the centre of the oscillation (Yazıcı et al., ICLR 2019, "The unusual effectiveness of averaging in GAN training").
 * Starts as a copy; early steps are bias-corrected by using d_t = min(d, (1 + t)/(10 + t)).
 */
import { tf, type Variable } from '../tf.js';

export class WeightAverage {
  private readonly avg: Variable[];
  private t = 0;

  constructor(
    vars: readonly Variable[],
    private readonly decay: number,
  ) {
    // tidy frees the clones; the variables survive it
    this.avg = tf.tidy(() => vars.map((v) => tf.variable(v.clone(), false)));
  }

  /** One step of the average towards the current values of `vars` (the list it was made from). */
  update(vars: readonly Variable[]): void {
    this.t++;
    const d = Math.min(this.decay, (1 + this.t) / (10 + this.t));
    tf.tidy(() => this.avg.forEach((a, i) => a.assign(tf.add(tf.mul(a, d), tf.mul(vars[i]!, 1 - d)))));
  }

  /** Sets `vars` to the average. */
  copyInto(vars: readonly Variable[]): void {
    tf.tidy(() => vars.forEach((v, i) => v.assign(this.avg[i]!)));
  }

  dispose(): void {
    for (const a of this.avg) a.dispose();
  }
}
