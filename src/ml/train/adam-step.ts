/**
 * One Adam update with PyTorch's `weight_decay` (L2: wd·θ added to each gradient before the moments, not AdamW's
 * decoupled decay), which CTGAN's and TVAE's reference optimisers use and tfjs' Adam lacks. Returns the loss as a
 * plain number; every tensor it makes is freed.
 */
import { tf, type Scalar, type Variable } from '../tf.js';

export async function adamStep(
  opt: tf.Optimizer,
  loss: () => Scalar,
  vars: readonly Variable[],
  weightDecay: number,
): Promise<number> {
  const value = tf.tidy(() => {
    const { value, grads } = tf.variableGrads(loss, [...vars]);
    const decayed: tf.NamedTensorMap = {};
    for (const v of vars) {
      const g = grads[v.name];
      if (g) decayed[v.name] = weightDecay > 0 ? tf.add(g, tf.mul(v, weightDecay)) : g;
    }
    opt.applyGradients(decayed);
    return value;
  });
  const out = ((await value.data()) as Float32Array)[0]!;
  value.dispose();
  return out;
}
