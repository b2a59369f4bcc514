/** The tfjs Sinkhorn reference (test/reference/sinkhorn.ts) against hand-worked values and finite differences. */
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../src/ml/backend.js';
import { tf, type Tensor2D } from '../../src/ml/tf.js';
import { divergence2x2, ot2x2 } from './ot2x2.js';
import { entropicOT, sinkhornDivergence } from './sinkhorn.js';

const t2 = (rows: number[][]): Tensor2D => tf.tensor2d(rows);
const val = (s: tf.Tensor): number => s.dataSync()[0]!;

beforeAll(async () => {
  await selectBackend('cpu');
});

describe('Sinkhorn', () => {
  // x = {0, 1}, y = {0, 2} in 1-D: C_xy = [[0, 4], [1, 1]], C_xx = [[0, 1], [1, 0]], C_yy = [[0, 4], [4, 0]]
  const x = [[0], [1]];
  const y = [[0], [2]];
  const eps = 0.5;

  for (const gradient of ['unrolled', 'implicit'] as const) {
    it(`OT_ε and the debiased divergence match the hand-worked 2×2 case (${gradient})`, () => {
      const ot = entropicOT(t2(x), t2(y), { epsilon: eps, gradient, maxIter: 1000, tol: 1e-7 });
      expect(val(ot.value)).toBeCloseTo(
        ot2x2(
          [
            [0, 4],
            [1, 1],
          ],
          eps,
        ),
        5,
      );
      const s = sinkhornDivergence(t2(x), t2(y), { epsilon: eps, gradient, maxIter: 1000, tol: 1e-7 });
      const want = divergence2x2(eps);
      expect(val(s.value)).toBeCloseTo(want, 5);
    });
  }

  it('S(a, a) = 0 and S > 0 for different clouds', () => {
    const a = t2([
      [0.1, 0.3],
      [-1, 2],
      [0.5, 0.5],
    ]);
    expect(Math.abs(val(sinkhornDivergence(a, a, { epsilon: 0.1 }).value))).toBeLessThan(1e-5);
    expect(
      val(
        sinkhornDivergence(
          a,
          t2([
            [1, 1],
            [2, 2],
            [0, 3],
          ]),
          { epsilon: 0.1 },
        ).value,
      ),
    ).toBeGreaterThan(0.1);
  });

  it('as ε → 0, OT_ε approaches the exact assignment cost', () => {
    // 3 points each; squared costs; the best permutation by brute force
    const xs = [
      [0, 0],
      [1, 0],
      [0, 2],
    ];
    const ys = [
      [0.2, 1.9],
      [0.1, 0.1],
      [1.3, 0.2],
    ];
    const cost = (i: number, j: number): number => (xs[i]![0]! - ys[j]![0]!) ** 2 + (xs[i]![1]! - ys[j]![1]!) ** 2;
    const perms = [
      [0, 1, 2],
      [0, 2, 1],
      [1, 0, 2],
      [1, 2, 0],
      [2, 0, 1],
      [2, 1, 0],
    ];
    const exact = Math.min(...perms.map((p) => (cost(0, p[0]!) + cost(1, p[1]!) + cost(2, p[2]!)) / 3));
    // with the KL-to-a⊗b regulariser, exact ≤ OT_ε ≤ exact + ε·ln n (the optimal permutation has KL = ln n)
    for (const e of [0.3, 0.1, 0.01]) {
      const v = val(entropicOT(t2(xs), t2(ys), { epsilon: e, maxIter: 2000, tol: 1e-6 }).value);
      expect(v).toBeGreaterThanOrEqual(exact - 1e-4);
      expect(v).toBeLessThanOrEqual(exact + e * Math.log(3) + 1e-4);
    }
  });

  it('gradients flow through the iterations (unrolled = finite differences) and the implicit gradient agrees at convergence', () => {
    const x0 = [
      [0.2, -0.1],
      [0.9, 0.4],
      [-0.5, 0.3],
    ];
    const yv = t2([
      [0.1, 0.2],
      [1.2, -0.3],
      [0.4, 0.9],
      [-0.2, -0.6],
    ]);
    const opts = { epsilon: 0.2, maxIter: 500, tol: 1e-6 };
    const f = (xs: tf.Tensor): tf.Scalar => sinkhornDivergence(xs as Tensor2D, yv, opts).value;
    const g = tf.grad(f)(t2(x0)).arraySync() as number[][];
    const gi = tf
      .grad((xs: tf.Tensor) => sinkhornDivergence(xs as Tensor2D, yv, { ...opts, gradient: 'implicit' }).value)(t2(x0))
      .arraySync() as number[][];
    const h = 1e-2;
    for (let i = 0; i < 3; i++) {
      for (let d = 0; d < 2; d++) {
        const up = x0.map((r) => [...r]);
        const dn = x0.map((r) => [...r]);
        up[i]![d]! += h;
        dn[i]![d]! -= h;
        const fd = (val(f(t2(up))) - val(f(t2(dn)))) / (2 * h);
        expect(g[i]![d]!).toBeCloseTo(fd, 2);
        expect(gi[i]![d]!).toBeCloseTo(g[i]![d]!, 3);
      }
    }
  });
});
