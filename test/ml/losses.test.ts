import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../src/ml/backend.js';
import { spanCrossEntropy } from '../../src/ml/losses/cross-entropy.js';
import { gradientPenalty } from '../../src/ml/losses/gradient-penalty.js';
import { klToStandardNormal } from '../../src/ml/losses/kl.js';
import { mmd2 } from '../../src/ml/losses/mmd.js';
import { sinkhornDivergencePlain } from '../../src/ml/losses/sinkhorn-plain.js';
import { tf, type Tensor2D } from '../../src/ml/tf.js';
import type { Span } from '../../src/transforms/vector-layout.js';
import { divergence2x2 } from '../reference/ot2x2.js';
import { sinkhornDivergence } from '../reference/sinkhorn.js';

const t2 = (rows: number[][]): Tensor2D => tf.tensor2d(rows);
const val = (s: tf.Tensor): number => s.dataSync()[0]!;

beforeAll(async () => {
  await selectBackend('cpu');
});

describe('Sinkhorn in plain JS (the training path)', () => {
  it('matches the hand-worked 2×2 divergence', () => {
    const eps = 0.5;
    const want = divergence2x2(eps);
    for (const domain of ['auto', 'log'] as const) {
      const s = sinkhornDivergencePlain([0, 1], 2, [0, 2], 2, 1, { epsilon: eps, maxIter: 1000, tol: 1e-9, domain });
      expect(s.value).toBeCloseTo(want, 6);
    }
    // ε small enough that C/ε > 300 switches to the log domain by itself; the value stays finite and near OT_0
    const tiny = sinkhornDivergencePlain([0, 1], 2, [0, 2], 2, 1, { epsilon: 0.005, maxIter: 5000, tol: 1e-9 });
    expect(tiny.value).toBeCloseTo(divergence2x2(0.005), 4);
  });

  it('is 0 with a zero gradient for identical clouds', () => {
    const a = [0.1, 0.3, -1, 2, 0.5, 0.5];
    const s = sinkhornDivergencePlain(a, 3, a, 3, 2, { epsilon: 0.1, maxIter: 1000, tol: 1e-9 });
    expect(Math.abs(s.value)).toBeLessThan(1e-9);
    for (const g of s.grad) expect(Math.abs(g)).toBeLessThan(1e-6);
  });

  it('value and gradient equal the tfjs unrolled version (autodiff through the iterations) at convergence', () => {
    const x0 = [
      [0.2, -0.1],
      [0.9, 0.4],
      [-0.5, 0.3],
    ];
    const y0 = [
      [0.1, 0.2],
      [1.2, -0.3],
      [0.4, 0.9],
      [-0.2, -0.6],
    ];
    const opts = { epsilon: 0.2, maxIter: 500, tol: 1e-6 };
    const yv = t2(y0);
    const f = (xs: tf.Tensor): tf.Scalar => sinkhornDivergence(xs as Tensor2D, yv, opts).value;
    const g = tf.grad(f)(t2(x0)).arraySync() as number[][];
    for (const domain of ['auto', 'log'] as const) {
      // auto: C/ε ≤ 300 here, so the kernel-domain iteration; log: the log-domain one
      const p = sinkhornDivergencePlain(x0.flat(), 3, y0.flat(), 4, 2, { ...opts, tol: 1e-9, domain });
      expect(p.value).toBeCloseTo(val(f(t2(x0))), 4);
      for (let i = 0; i < 3; i++) for (let d = 0; d < 2; d++) expect(p.grad[i * 2 + d]!).toBeCloseTo(g[i]![d]!, 3);
    }
  });

  it('of two single points is ‖x − y‖² with gradient 2(x − y), whatever ε', () => {
    // one point per cloud: the only coupling is π = 1, OT(x,x) = OT(y,y) = 0
    const s = sinkhornDivergencePlain([0, 0], 1, [3, 4], 1, 2, { epsilon: 0.01 });
    expect(s.value).toBeCloseTo(25, 6);
    expect(Array.from(s.grad)).toEqual([-6, -8]);
  });
});

describe('MMD²', () => {
  it('is 0 for identical sets', () => {
    const a = t2([
      [0.1, 0.2],
      [0.5, -0.3],
      [1, 1],
    ]);
    expect(Math.abs(val(mmd2(a, a, [0.5, 1, 2])))).toBeLessThan(1e-6);
  });

  it('matches hand-worked 1-D values', () => {
    // x = {0}, y = {1}, σ = 1: 1 + 1 − 2e^{−1/2}
    expect(val(mmd2(t2([[0]]), t2([[1]]), [1]))).toBeCloseTo(2 - 2 * Math.exp(-0.5), 5);
    // x = {0, 1}, y = {2}, σ = 1: Kxx = (2 + 2e^{−1/2})/4, Kyy = 1, Kxy = (e^{−2} + e^{−1/2})/2
    const want = (2 + 2 * Math.exp(-0.5)) / 4 + 1 - (Math.exp(-2) + Math.exp(-0.5));
    expect(val(mmd2(t2([[0], [1]]), t2([[2]]), [1]))).toBeCloseTo(want, 5);
    // two bandwidths add their kernels: σ = 1 and 2 for x = {0}, y = {1}
    expect(val(mmd2(t2([[0]]), t2([[1]]), [1, 2]))).toBeCloseTo(4 - 2 * Math.exp(-0.5) - 2 * Math.exp(-1 / 8), 5);
  });
});

describe('gradient penalty', () => {
  it('of a linear critic D(x) = w·x is λ(‖w‖ − 1)² exactly', () => {
    const w = [0.5, -2, 1];
    const at = t2([
      [0, 1, 2],
      [3, -1, 0.5],
      [1, 1, 1],
      [-2, 0, 4],
    ]);
    const inputGradient = (x: Tensor2D): Tensor2D => tf.tile(tf.tensor2d([w]), [x.shape[0], 1]) as Tensor2D;
    const norm = Math.hypot(...w);
    expect(val(gradientPenalty(inputGradient, at, 10))).toBeCloseTo(10 * (norm - 1) ** 2, 4);
    expect(val(gradientPenalty(() => tf.tile(tf.tensor2d([[0.6, 0.8, 0]]), [4, 1]) as Tensor2D, at, 10))).toBeCloseTo(
      0,
      6,
    );
  });
});

describe('cross-entropy over spans', () => {
  it('matches a hand-worked value and has the gradient softmax − target', () => {
    // logits [0, ln 3] → p = [¼, ¾]; target [0, 1] → CE = −ln ¾; second span [0,0] vs [1,0] → ln 2
    const logits = t2([[0, Math.log(3), 0, 0]]);
    const target = t2([[0, 1, 1, 0]]);
    const spans: Span[] = [
      { kind: 'softmax', width: 2 },
      { kind: 'softmax', width: 2 },
    ];
    expect(val(spanCrossEntropy(logits, target, spans))).toBeCloseTo(-Math.log(0.75) + Math.log(2), 5);
    const g = tf
      .grad((l: tf.Tensor) => spanCrossEntropy(l as Tensor2D, target, spans))(logits)
      .arraySync() as number[][];
    const want = [0.25, -0.25, -0.5, 0.5];
    want.forEach((x, i) => expect(g[0]![i]!).toBeCloseTo(x, 5));
  });

  it('walks spans in any order, skips tanh spans, and averages over rows', () => {
    // [tanh | softmax 3 | tanh tanh | softmax 2]; row 1: logits [ln 2, 0, 0] (p = [½, ¼, ¼]) with target level 1,
    // and [0, 0] with target level 0; row 2: the same logits with targets level 0 and level 1
    const spans: Span[] = [
      { kind: 'tanh', width: 1 },
      { kind: 'softmax', width: 3 },
      { kind: 'tanh', width: 2 },
      { kind: 'softmax', width: 2 },
    ];
    const l = [9, Math.log(2), 0, 0, -7, 5, 0, 0];
    const logits = t2([l, l]);
    const target = t2([
      [3, 0, 1, 0, 3, 3, 1, 0],
      [-1, 1, 0, 0, 2, 2, 0, 1],
    ]);
    const row1 = -Math.log(0.25) + Math.log(2);
    const row2 = -Math.log(0.5) + Math.log(2);
    expect(val(spanCrossEntropy(logits, target, spans))).toBeCloseTo((row1 + row2) / 2, 5);
    // no softmax span: 0
    expect(val(spanCrossEntropy(logits, target, [{ kind: 'tanh', width: 8 }]))).toBe(0);
  });
});

describe('KL to the standard normal', () => {
  it('is 0 at N(0, 1) and matches ½(μ² + σ² − 1 − ln σ²) summed over dims, averaged over rows', () => {
    expect(val(klToStandardNormal(t2([[0, 0]]), t2([[0, 0]])))).toBeCloseTo(0, 6);
    // row 1: μ = (1, 0), σ² = (1, 4) → ½·1 + ½·(4 − 1 − ln 4); row 2: μ = (0, 2), σ² = (e⁻¹, 1) → ½(e⁻¹ − 1 + 1) + ½·4
    const r1 = 0.5 + 0.5 * (3 - Math.log(4));
    const r2 = 0.5 * Math.exp(-1) + 2;
    expect(
      val(
        klToStandardNormal(
          t2([
            [1, 0],
            [0, 2],
          ]),
          t2([
            [0, Math.log(4)],
            [-1, 0],
          ]),
        ),
      ),
    ).toBeCloseTo((r1 + r2) / 2, 5);
    // ∂/∂μ = μ / rows
    const g = tf
      .grad((m: tf.Tensor) =>
        klToStandardNormal(
          m as Tensor2D,
          t2([
            [0, 0],
            [0, 0],
          ]),
        ),
      )(
        t2([
          [1, -2],
          [0.5, 0],
        ]),
      )
      .arraySync() as number[][];
    expect(g).toEqual([
      [0.5, -1],
      [0.25, 0],
    ]);
  });
});
