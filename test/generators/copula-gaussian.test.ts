import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng.js';
import {
  cholesky,
  conditionGaussian,
  correlationMatrix,
  nearestCorrelation,
  TruncatedMvn,
  truncatedNormal,
} from '../../src/generators/copula/gaussian.js';
import { categoryOf, fitCatMarginal, normalScore } from '../../src/generators/shared/marginals.js';
import { fitEmpirical } from '../../src/transforms/distributions.js';

describe('copula normal scores', () => {
  it('empirical marginal: z = Φ⁻¹(rank/(n+1))', () => {
    // n = 4 distinct values: ranks 1…4 over 5; Φ⁻¹(0.2) = −0.8416212335729142, Φ⁻¹(0.4) = −0.2533471031357997 (scipy)
    const v = [10, 40, 20, 30];
    const e = fitEmpirical(v);
    const z = v.map((x) => normalScore(e.cdf(x), v.length));
    expect(z[0]).toBeCloseTo(-0.8416212335729142, 12);
    expect(z[2]).toBeCloseTo(-0.2533471031357997, 12);
    expect(z[3]).toBeCloseTo(0.2533471031357997, 12);
    expect(z[1]).toBeCloseTo(0.8416212335729142, 12);
  });

  it('scores are clipped to [1/(2n), 1 − 1/(2n)]: Φ⁻¹(0.05) = −1.6448536269514729 for n = 10', () => {
    expect(normalScore(0, 10)).toBeCloseTo(-1.6448536269514729, 12);
    expect(normalScore(1, 10)).toBeCloseTo(1.6448536269514729, 12);
  });

  it('categories: frequency-ordered intervals of [0, 1]', () => {
    // counts: code 0 ×2, code 1 ×3, code 2 ×1 (of 6) → order 1, 0, 2; cuts 0, 1/2, 5/6, 1; level 3 unseen
    const m = fitCatMarginal(Int32Array.from([0, 1, 1, 2, 1, 0]), 4);
    expect(m.order).toEqual([1, 0, 2]);
    expect(m.cuts[1]).toBeCloseTo(0.5, 15);
    expect(m.cuts[2]).toBeCloseTo(5 / 6, 15);
    expect(m.cuts[3]).toBe(1);
    expect(m.slot).toEqual([1, 0, 2, -1]);
    expect(categoryOf(m, 0)).toBe(1);
    expect(categoryOf(m, 0.4999)).toBe(1);
    expect(categoryOf(m, 0.5)).toBe(0);
    expect(categoryOf(m, 0.9)).toBe(2);
    expect(categoryOf(m, 1)).toBe(2);
  });
});

describe('Gaussian algebra', () => {
  it('Pearson correlation by hand: x = 1…10, y = pairs swapped → r = 77.5/82.5', () => {
    const x = Float64Array.from({ length: 10 }, (_, i) => i + 1);
    const y = Float64Array.from([2, 1, 4, 3, 6, 5, 8, 7, 10, 9]);
    expect(correlationMatrix([x, y])[0]![1]).toBeCloseTo(77.5 / 82.5, 14);
  });

  it('conditioning a 2-D normal with ρ = 0.8 on X1 = 1: E[X2|X1] = 0.8, Var = 1 − 0.64 = 0.36', () => {
    const c = conditionGaussian(
      [0, 0],
      [
        [1, 0.8],
        [0.8, 1],
      ],
      [0],
      [1],
    );
    expect(c.rest).toEqual([1]);
    expect(c.mean[0]).toBeCloseTo(0.8, 14);
    expect(c.cov[0]![0]).toBeCloseTo(0.36, 14);
    expect(c.coef[0]![0]).toBeCloseTo(0.8, 14);
  });

  it('conditioning a 3-D normal on two coordinates (Schur complement by hand)', () => {
    // Σ_GG = [[1, .5], [.5, 1]], Σ_GG⁻¹ = [[1, −.5], [−.5, 1]]/0.75, Σ_RG = [.3, .2]:
    // coef = [.2, .05]/.75, mean at (1, 0) = .2/.75, var = 1 − (.3·.2 + .2·.05)/.75 = 1 − .07/.75
    const cov = [
      [1, 0.5, 0.3],
      [0.5, 1, 0.2],
      [0.3, 0.2, 1],
    ];
    const c = conditionGaussian([0, 0, 0], cov, [0, 1], [1, 0]);
    expect(c.rest).toEqual([2]);
    expect(c.coef[0]![0]).toBeCloseTo(0.2 / 0.75, 13);
    expect(c.coef[0]![1]).toBeCloseTo(0.05 / 0.75, 13);
    expect(c.mean[0]).toBeCloseTo(0.2 / 0.75, 13);
    expect(c.cov[0]![0]).toBeCloseTo(1 - 0.07 / 0.75, 13);
  });

  it('nearest correlation: leaves a PD matrix alone, repairs an indefinite one to unit diagonal and PD', () => {
    const ok = [
      [1, 0.3],
      [0.3, 1],
    ];
    expect(nearestCorrelation(ok)).toMatchObject({ repaired: false, matrix: ok });
    // pairwise plausible but jointly impossible correlations (eigenvalue 1 − 0.9·2 < 0)
    const bad = [
      [1, 0.9, -0.9],
      [0.9, 1, 0.9],
      [-0.9, 0.9, 1],
    ];
    const r = nearestCorrelation(bad);
    expect(r.repaired).toBe(true);
    expect(r.minEigenvalue).toBeLessThan(0);
    for (let i = 0; i < 3; i++) expect(r.matrix[i]![i]).toBeCloseTo(1, 12);
    expect(() => cholesky(r.matrix)).not.toThrow();
    const l = cholesky(r.matrix);
    expect(l[0]![0]).toBeGreaterThan(0);
  });

  it('1-D truncated normal by inversion: E[Z | Z ≥ 1] = φ(1)/(1 − Φ(1)) = 1.525135', () => {
    const rng = new Rng(1);
    const n = 40000;
    let s = 0;
    for (let i = 0; i < n; i++) {
      const z = truncatedNormal(rng, 0, 1, [[1, Infinity]]);
      expect(z).toBeGreaterThanOrEqual(1);
      s += z;
    }
    // sd of Z | Z ≥ 1 is 0.4410: 4.5 standard errors = 0.01
    expect(Math.abs(s / n - 1.525135)).toBeLessThan(0.01);
  });

  it('union of intervals: |Z| ≥ 2 gives E|Z| = φ(2)/(1 − Φ(2)) = 2.373216 and both signs equally often; far tails stay exact', () => {
    const rng = new Rng(2);
    const n = 40000;
    let s = 0;
    let pos = 0;
    for (let i = 0; i < n; i++) {
      const z = truncatedNormal(rng, 0, 1, [
        [-Infinity, -2],
        [2, Infinity],
      ]);
      expect(Math.abs(z)).toBeGreaterThanOrEqual(2);
      s += Math.abs(z);
      if (z > 0) pos++;
    }
    expect(Math.abs(s / n - 2.373216)).toBeLessThan(0.01);
    expect(Math.abs(pos / n - 0.5)).toBeLessThan(0.015);
    for (let i = 0; i < 100; i++) {
      const z = truncatedNormal(rng, 0, 1, [[9, 9.5]]);
      expect(z).toBeGreaterThanOrEqual(9);
      expect(z).toBeLessThanOrEqual(9.5);
    }
  });

  it('Gibbs draws of a truncated 2-D normal match rejection sampling', () => {
    const cov = [
      [1, 0.8],
      [0.8, 1],
    ];
    const box: [number, number][][] = [[[0, Infinity]], [[-Infinity, 0.5]]];
    const t = new TruncatedMvn([0, 0], cov, box, 30);
    const rng = new Rng(3);
    const n = 20000;
    const out = new Float64Array(2);
    let m0 = 0;
    let m1 = 0;
    for (let i = 0; i < n; i++) {
      t.draw(rng, out);
      expect(out[0]).toBeGreaterThanOrEqual(0);
      expect(out[1]).toBeLessThanOrEqual(0.5);
      m0 += out[0]!;
      m1 += out[1]!;
    }
    // reference: plain draws of the bivariate normal kept when inside the box
    const ref = new Rng(4);
    let r0 = 0;
    let r1 = 0;
    let kept = 0;
    while (kept < n) {
      const a = ref.normal();
      const b = 0.8 * a + 0.6 * ref.normal();
      if (a >= 0 && b <= 0.5) {
        r0 += a;
        r1 += b;
        kept++;
      }
    }
    expect(Math.abs(m0 / n - r0 / n)).toBeLessThan(0.02);
    expect(Math.abs(m1 / n - r1 / n)).toBeLessThan(0.02);
  });
});
