/**
 * A snapshot of variables on the device (for keeping the best epoch's weights): clones, no read-back, so it works
 * on backends without synchronous reads (WebGPU).
 */
import { tf, type Variable } from '../tf.js';

export class Checkpoint {
  private constructor(private readonly tensors: tf.Tensor[]) {}

  /** Copies of the current values of `vars`. */
  static take(vars: readonly Variable[]): Checkpoint {
    return new Checkpoint(vars.map((v) => tf.clone(v)));
  }

  /** Sets `vars` (the same list, in the same order, as taken) to the snapshot's values; the snapshot stays. */
  restoreInto(vars: readonly Variable[]): void {
    if (vars.length !== this.tensors.length)
      throw new RangeError(`a checkpoint of ${this.tensors.length} variables cannot restore ${vars.length}`);
    vars.forEach((v, i) => v.assign(this.tensors[i]!));
  }

  dispose(): void {
    for (const t of this.tensors) t.dispose();
  }
}
