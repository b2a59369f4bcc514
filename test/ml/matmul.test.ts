import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../src/ml/backend.js';
import { matMul2d } from '../../src/ml/matmul.js';
import { tf, type Tensor2D } from '../../src/ml/tf.js';

type M = number[][];
const T = (a: M): M => a[0]!.map((_, j) => a.map((r) => r[j]!));
const mul = (a: M, b: M): M => a.map((r) => b[0]!.map((_, j) => r.reduce((s, v, k) => s + v * b[k]![j]!, 0)));
/** L(A, B) = Σ W ⊙ op(A)·op(B) in float64. */
const loss = (a: M, b: M, w: M, ta: boolean, tb: boolean): number =>
  mul(ta ? T(a) : a, tb ? T(b) : b).reduce((s, r, i) => s + r.reduce((t, v, j) => t + v * w[i]![j]!, 0), 0);
/** Central differences of the float64 loss: exact up to rounding, because L is linear in each argument. */
function numGrad(a: M, b: M, w: M, ta: boolean, tb: boolean, which: 0 | 1): M {
  const x = which === 0 ? a : b;
  return x.map((r, i) =>
    r.map((_, j) => {
      const plus = x.map((rr) => [...rr]);
      const minus = x.map((rr) => [...rr]);
      plus[i]![j]! += 0.5;
      minus[i]![j]! -= 0.5;
      const f = (m: M): number => (which === 0 ? loss(m, b, w, ta, tb) : loss(a, m, w, ta, tb));
      return f(plus) - f(minus);
    }),
  );
}

describe('matMul2d (wasm: explicit transposes and its own gradient)', () => {
  let before = '';
  beforeAll(async () => {
    before = tf.getBackend();
    await selectBackend('wasm');
  });
  afterAll(async () => {
    if (before) await tf.setBackend(before);
  });

  it('runs on wasm, where the custom gradient is used', () => {
    expect(tf.getBackend()).toBe('wasm');
  });

  it('A·B of a hand-worked 2×2 case, with dL/dA = W·Bᵀ and dL/dB = Aᵀ·W', () => {
    // A = [[1,2],[3,4]], B = [[5,6],[7,8]]: A·B = [[19,22],[43,50]]; W = [[1,0],[0,2]]:
    // W·Bᵀ = [[5,7],[12,16]], Aᵀ·W = [[1,6],[2,8]]
    const a = tf.tensor2d([
      [1, 2],
      [3, 4],
    ]);
    const b = tf.tensor2d([
      [5, 6],
      [7, 8],
    ]);
    const w = tf.tensor2d([
      [1, 0],
      [0, 2],
    ]);
    expect(matMul2d(a, b).arraySync()).toEqual([
      [19, 22],
      [43, 50],
    ]);
    const [ga, gb] = tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.mul(matMul2d(x, y), w)))([a, b]);
    expect(ga!.arraySync()).toEqual([
      [5, 7],
      [12, 16],
    ]);
    expect(gb!.arraySync()).toEqual([
      [1, 6],
      [2, 8],
    ]);
  });

  const a: M = [
    [0.5, -1, 2],
    [1.5, 0.25, -0.75],
  ];
  for (const [ta, tb] of [
    [false, false],
    [true, false],
    [false, true],
    [true, true],
  ] as const) {
    it(`value and both gradients match float64 references (transposeA ${ta}, transposeB ${tb})`, () => {
      // op(A) is 2×3 or 3×2; choose B so op(B) has as many rows as op(A) has columns
      const inner = ta ? 2 : 3;
      const opB: M = Array.from({ length: inner }, (_, i) =>
        Array.from({ length: 4 }, (_, j) => ((i * 4 + j) % 5) - 1.5 + 0.1 * i),
      );
      const b = tb ? T(opB) : opB;
      const rows = ta ? 3 : 2;
      const w: M = Array.from({ length: rows }, (_, i) => Array.from({ length: 4 }, (_, j) => 0.3 * (i + 1) - 0.2 * j));
      const wT = tf.tensor2d(w);
      const got = matMul2d(tf.tensor2d(a), tf.tensor2d(b), ta, tb).arraySync();
      const want = mul(ta ? T(a) : a, tb ? T(b) : b);
      got.forEach((r, i) => r.forEach((v, j) => expect(v).toBeCloseTo(want[i]![j]!, 5)));
      const [ga, gb] = tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.mul(matMul2d(x, y, ta, tb), wT)))([
        tf.tensor2d(a),
        tf.tensor2d(b),
      ]);
      const ra = numGrad(a, b, w, ta, tb, 0);
      const rb = numGrad(a, b, w, ta, tb, 1);
      (ga!.arraySync() as M).forEach((r, i) => r.forEach((v, j) => expect(v).toBeCloseTo(ra[i]![j]!, 5)));
      (gb!.arraySync() as M).forEach((r, i) => r.forEach((v, j) => expect(v).toBeCloseTo(rb[i]![j]!, 5)));
      // and the same as tfjs's own matMul and gradient
      const ref = tf.grads((x: tf.Tensor, y: tf.Tensor) =>
        tf.sum(tf.mul(tf.matMul(x as Tensor2D, y as Tensor2D, ta, tb), wT)),
      )([tf.tensor2d(a), tf.tensor2d(b)]);
      expect(tf.max(tf.abs(tf.sub(ga!, ref[0]!))).dataSync()[0]).toBeLessThan(1e-5);
      expect(tf.max(tf.abs(tf.sub(gb!, ref[1]!))).dataSync()[0]).toBeLessThan(1e-5);
    });
  }
});
