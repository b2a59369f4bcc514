import { beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../../../src/core/rng.js';
import { selectBackend } from '../../../src/ml/backend.js';
import { Residual } from '../../../src/ml/layers/residual.js';
import { tf } from '../../../src/ml/tf.js';

beforeAll(async () => {
  await selectBackend('cpu');
});

const rows = (t: tf.Tensor): number[][] => t.arraySync() as number[][];

describe('Residual block (CTGAN)', () => {
  it('outputs [ReLU(BN(Linear(x))) ‖ x]', () => {
    const r = Residual.create(3, 4, new Rng(1));
    expect(r.width).toBe(7);
    const x = tf.tensor2d([
      [1, 2, 3],
      [0, -1, 4],
      [2, 2, -2],
    ]);
    const y = rows(r.apply(x, { training: true, nextSeed: () => 1 }));
    y.forEach((row, i) => {
      expect(row).toHaveLength(7);
      row.slice(0, 4).forEach((v) => expect(v).toBeGreaterThanOrEqual(0));
      expect(row.slice(4)).toEqual(rows(x)[i]);
    });
    // in training each feature is normalised over the batch: before ReLU every column sums to 0, so not all rows are 0
    for (let j = 0; j < 4; j++) expect(y.some((row) => row[j]! > 0)).toBe(true);
    expect(r.variables()).toHaveLength(4);
    expect(r.stateVariables()).toHaveLength(6);
    r.dispose();
  });

  it('saves and loads: the same output in inference', () => {
    const r = Residual.create(2, 3, new Rng(2));
    r.apply(
      tf.tensor2d([
        [1, 2],
        [3, 1],
        [0, 0],
      ]),
      { training: true, nextSeed: () => 1 },
    );
    const back = Residual.fromJSON(JSON.parse(JSON.stringify(r.toJSON())));
    const probe = tf.tensor2d([[0.3, -0.7]]);
    expect(rows(back.apply(probe, { training: false }))).toEqual(rows(r.apply(probe, { training: false })));
    r.dispose();
    back.dispose();
  });
});
