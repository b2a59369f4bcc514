import { beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../../../src/core/rng.js';
import { selectBackend } from '../../../src/ml/backend.js';
import { Mlp } from '../../../src/ml/layers/mlp.js';
import { tf, type Tensor2D } from '../../../src/ml/tf.js';

beforeAll(async () => {
  await selectBackend('cpu');
});

const rows = (t: tf.Tensor): number[][] => t.arraySync() as number[][];

describe('Mlp', () => {
  it('initialises like nn.Linear: every weight within ±1/√fan_in, from the seed', () => {
    const m = Mlp.create({ sizes: [4, 3, 1], slope: 0.2, dropout: 0, finalBlock: false }, new Rng(1));
    const [w1, b1, w2] = m.variables().map((v) => Array.from(v.dataSync()));
    for (const v of [...w1!, ...b1!]) expect(Math.abs(v)).toBeLessThanOrEqual(0.5);
    for (const v of w2!) expect(Math.abs(v)).toBeLessThanOrEqual(1 / Math.sqrt(3));
    const again = Mlp.create({ sizes: [4, 3, 1], slope: 0.2, dropout: 0, finalBlock: false }, new Rng(1));
    expect(Array.from(again.variables()[0]!.dataSync())).toEqual(w1);
    m.dispose();
    again.dispose();
  });

  it('saves and loads; inputGradient equals tfjs autodiff of the critic', () => {
    const m = Mlp.create({ sizes: [3, 5, 5, 1], slope: 0.2, dropout: 0, finalBlock: false }, new Rng(3));
    const back = Mlp.fromJSON(JSON.parse(JSON.stringify(m.toJSON())));
    const x = tf.tensor2d([
      [0.1, -0.4, 0.9],
      [1.5, 0.2, -0.3],
    ]) as Tensor2D;
    expect(rows(back.apply(x, { training: false }))).toEqual(rows(m.apply(x, { training: false })));
    const auto = rows(tf.grad((v: tf.Tensor) => tf.sum(m.apply(v as Tensor2D, { training: false })))(x));
    const hand = rows(m.inputGradient(x, { training: false }));
    auto.forEach((r, i) => r.forEach((g, j) => expect(hand[i]![j]!).toBeCloseTo(g, 5)));
    m.dispose();
    back.dispose();
  });
});
