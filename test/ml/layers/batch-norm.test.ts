import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../src/ml/backend.js';
import { BatchNorm } from '../../../src/ml/layers/batch-norm.js';
import { tf, type Tensor2D } from '../../../src/ml/tf.js';

beforeAll(async () => {
  await selectBackend('cpu');
});

const rows = (t: tf.Tensor): number[][] => t.arraySync() as number[][];
const train = { training: true, nextSeed: () => 1 } as const;

describe('BatchNorm (PyTorch BatchNorm1d)', () => {
  // columns: mean 2, 4; biased variance 1, 4; unbiased 2, 8
  const x = (): Tensor2D =>
    tf.tensor2d([
      [1, 2],
      [3, 6],
    ]);

  it('training: normalises by the batch statistics and moves the running ones (unbiased variance) by the momentum', () => {
    const bn = BatchNorm.create({ size: 2 });
    const y = rows(bn.apply(x(), train));
    const s = (v: number): number => 1 / Math.sqrt(v + 1e-5);
    [
      [-s(1), -2 * s(4)],
      [s(1), 2 * s(4)],
    ].forEach((r, i) => r.forEach((v, j) => expect(y[i]![j]!).toBeCloseTo(v, 5)));
    const [, , mean, variance] = bn.stateVariables().map((v) => Array.from(v.dataSync()));
    expect(mean![0]).toBeCloseTo(0.2, 6);
    expect(mean![1]).toBeCloseTo(0.4, 6);
    expect(variance![0]).toBeCloseTo(0.9 + 0.2, 6);
    expect(variance![1]).toBeCloseTo(0.9 + 0.8, 6);
    // inference: the running statistics, no update
    const z = rows(bn.apply(tf.tensor2d([[1.2, 0.4]]), { training: false }))[0]!;
    expect(z[0]).toBeCloseTo(1 / Math.sqrt(1.1 + 1e-5), 5);
    expect(z[1]).toBeCloseTo(0, 6);
    expect(Array.from(bn.stateVariables()[2]!.dataSync())[0]).toBeCloseTo(0.2, 6);
    bn.dispose();
  });

  it('γ and β are trained by an optimiser (∂/∂β of the sum = rows); the statistics are not optimiser variables', () => {
    const bn = BatchNorm.create({ size: 2 });
    expect(bn.variables()).toHaveLength(2);
    const { grads, value } = tf.variableGrads(() => tf.sum(bn.apply(x(), train)) as tf.Scalar, bn.variables());
    expect(Array.from(grads[bn.variables()[1]!.name]!.dataSync())).toEqual([2, 2]);
    // ∂/∂γ = Σ normalised values = 0 per column
    Array.from(grads[bn.variables()[0]!.name]!.dataSync()).forEach((g) => expect(g).toBeCloseTo(0, 5));
    value.dispose();
    Object.values(grads).forEach((g) => g.dispose());
    bn.dispose();
  });

  it('saves and loads every weight and statistic', () => {
    const bn = BatchNorm.create({ size: 2, momentum: 0.3 });
    bn.apply(x(), train);
    const back = BatchNorm.fromJSON(JSON.parse(JSON.stringify(bn.toJSON())));
    expect(back.momentum).toBe(0.3);
    const probe = tf.tensor2d([[0.5, -1]]);
    expect(rows(back.apply(probe, { training: false }))).toEqual(rows(bn.apply(probe, { training: false })));
    expect(() => BatchNorm.fromJSON({ ...bn.toJSON(), size: 3 })).toThrow(RangeError);
    bn.dispose();
    back.dispose();
  });
});
