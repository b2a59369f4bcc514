import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/core/rng.js';
import { diffuseCell, mtdBounds, mtdCdf, truncatedBinomial } from '../../../src/generators/shared/mtd.js';
import { ksStatistic as ks } from '../../../src/metrics/fidelity.js';
import { diffuseCellByRejection } from '../../reference/mtd-rejection.js';

const N = 5000;
// KS critical value at α = 0.001 for two samples of N: 1.949·√(2/N) ≈ 0.039
const CRIT = 1.949 * Math.sqrt(2 / N);

const cases: {
  name: string;
  s: number[];
  x0: number;
  lo: number;
  hi: number;
  levels: number[] | null;
  count?: number;
}[] = [
  { name: 'continuous, inside the range', s: [1, 2, 4], x0: 2, lo: -100, hi: 100, levels: null },
  { name: 'continuous, x0 on the lower bound (clipping mass)', s: [1, 2, 4], x0: 1, lo: 1, hi: 4, levels: null },
  { name: 'continuous, x0 on the upper bound', s: [1, 2, 4], x0: 4, lo: 0.5, hi: 4, levels: null },
  { name: 'continuous, far tail of the neighbourhood', s: [0, 0.1, 9], x0: 9, lo: -5, hi: 20, levels: null },
  { name: 'snapped levels', s: [1, 2, 3], x0: 2, lo: 0, hi: 8, levels: [0, 1, 2, 3, 5, 8] },
  { name: 'snapped, x0 on the edge', s: [5, 8, 8], x0: 8, lo: 0, hi: 8, levels: [0, 1, 2, 3, 5, 8] },
  { name: 'zero variance, continuous', s: [5, 5, 5], x0: 5, lo: 0, hi: 30, levels: null },
  { name: 'zero variance, negative value', s: [-2, -2], x0: -2, lo: -10, hi: 0, levels: null },
  { name: 'zero variance, snapped', s: [2, 2, 2], x0: 2, lo: 0, hi: 8, levels: [0, 1, 2, 3, 5, 8] },
  // few draws: kept values lie far from x0, where the two sides' densities differ (tests the side choice)
  {
    name: 'few draws, continuous, skewed neighbourhood',
    s: [0, 0.2, 0.3, 10],
    x0: 0.3,
    lo: -50,
    hi: 50,
    levels: null,
    count: 5,
  },
  { name: 'few draws, continuous, clipped near x0', s: [1, 2, 4], x0: 1.5, lo: 1, hi: 4, levels: null, count: 4 },
  {
    name: 'few draws, snapped ties at equal distance',
    s: [0, 1, 8],
    x0: 2,
    lo: 0,
    hi: 8,
    levels: [0, 1, 2, 3, 4, 8],
    count: 4,
  },
];

describe('fast kNNMTD cell = rejection reference in distribution', () => {
  for (const c of cases) {
    it(c.name, () => {
      const lv = c.levels ? Float64Array.from(c.levels) : null;
      const fast: number[][] = [[], [], []];
      const ref: number[][] = [[], [], []];
      const out = new Float64Array(3);
      const r1 = new Rng(101);
      const r2 = new Rng(202);
      for (let t = 0; t < N; t++) {
        diffuseCell(c.s, c.x0, c.count ?? 1000, 3, r1, lv, c.lo, c.hi, out);
        out.forEach((v, j) => fast[j]!.push(v));
        diffuseCellByRejection(c.s, c.x0, c.count ?? 1000, 3, r2, lv, c.lo, c.hi, out);
        out.forEach((v, j) => ref[j]!.push(v));
      }
      for (let j = 0; j < 3; j++) {
        // kept values are ordered by distance to x0 in both implementations
        for (const v of fast[j]!) {
          expect(v).toBeGreaterThanOrEqual(c.lo);
          expect(v).toBeLessThanOrEqual(c.hi);
          if (lv) expect(c.levels).toContain(v);
        }
        expect(ks(fast[j]!, ref[j]!)).toBeLessThan(CRIT);
      }
    });
  }
});

describe('pieces of the fast path', () => {
  it('MTD CDF: triangular(0, 2, 6) has F(1) = 1/12, F(2) = 1/3, F(4) = 1 − 4/24', () => {
    const b = { u: 2, L: 0, U: 6, variance: 1, nL: 1, nU: 1 };
    expect(mtdCdf(b, 1)).toBeCloseTo(1 / 12, 14);
    expect(mtdCdf(b, 2)).toBeCloseTo(1 / 3, 14);
    expect(mtdCdf(b, 4)).toBeCloseTo(1 - 4 / 24, 14);
    expect(mtdCdf(b, -1)).toBe(0);
    expect(mtdCdf(b, 7)).toBe(1);
    expect(mtdCdf(mtdBounds([5, 5]), 13)).toBeCloseTo(0.5, 14); // uniform on [1, 25]
  });

  it('truncated binomial: P(0) = (1−q)^m, P(1) = m q (1−q)^(m−1), rest capped', () => {
    // m = 4, q = 0.25: P(0) = 0.3164, P(1) = 0.4219, P(≥2) = 0.2617
    const rng = new Rng(4);
    const counts = [0, 0, 0];
    const n = 100_000;
    for (let i = 0; i < n; i++) counts[truncatedBinomial(4, 0.25, 2, rng)]!++;
    expect(Math.abs(counts[0]! / n - 0.31640625)).toBeLessThan(0.006);
    expect(Math.abs(counts[1]! / n - 0.421875)).toBeLessThan(0.006);
    expect(Math.abs(counts[2]! / n - 0.26171875)).toBeLessThan(0.006);
  });
});
