import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/core/rng.js';
import {
  drawCandidates,
  membership,
  mtdBounds,
  nearestValues,
  snapToLevel,
} from '../../../src/generators/shared/mtd.js';
import { diffuseCellByRejection as diffuseCell } from '../../reference/mtd-rejection.js';

describe('MTD bounds (DESIGN.md §2.2), worked by hand', () => {
  it('s = [1, 2, 4]', () => {
    // min 1, max 4, u = 2.5; N_L = #(s < 2.5) = 2, N_U = #(s > 2.5) = 1 → skew_L = 2/3, skew_U = 1/3
    // mean 7/3, var = ((4/3)² + (1/3)² + (5/3)²)/2 = (42/9)/2 = 7/3
    // −2·ln(1e−20) = 92.10340
    // a = 2.5 − (2/3)·√(92.10340·(7/3)/2) = 2.5 − (2/3)·10.36602 = −4.41068
    // b = 2.5 + (1/3)·√(92.10340·(7/3)/1) = 2.5 + (1/3)·14.65974 = 7.38658
    const b = mtdBounds([1, 2, 4]);
    expect(b.u).toBe(2.5);
    expect(b.nL).toBe(2);
    expect(b.nU).toBe(1);
    expect(b.variance).toBeCloseTo(7 / 3, 12);
    expect(b.L).toBeCloseTo(-4.41067, 4);
    expect(b.U).toBeCloseTo(7.38658, 4);
  });

  it('symmetric s = [0, 10]: a = 5 − ½·√(92.1034·50) = 5 − ½·67.8614 = −28.9307, b = 38.9307', () => {
    // var = 50 (n−1 = 1), N_L = N_U = 1, skew ½ each
    const b = mtdBounds([0, 10]);
    expect(b.L).toBeCloseTo(5 - 0.5 * Math.sqrt(92.10340371976183 * 50), 9);
    expect(b.L).toBeCloseTo(-28.9307, 3);
    expect(b.U).toBeCloseTo(38.9307, 3);
  });

  it("zero variance: the authors' [min/5, max·5]", () => {
    const b = mtdBounds([5, 5, 5]);
    expect(b.variance).toBe(0);
    expect(b.L).toBe(1);
    expect(b.U).toBe(25);
  });

  it('L ≤ min and U ≥ max always', () => {
    const rng = new Rng(3);
    for (let t = 0; t < 200; t++) {
      const s = Array.from({ length: 2 + rng.int(8) }, () => rng.normal() * 10);
      const b = mtdBounds(s);
      expect(b.L).toBeLessThanOrEqual(Math.min(...s));
      expect(b.U).toBeGreaterThanOrEqual(Math.max(...s));
    }
  });
});

describe('membership function and rejection sampling', () => {
  const b = { u: 2, L: 0, U: 6, variance: 1, nL: 1, nU: 1 };
  it('is triangular: 0 at L and U, 1 at u, linear between', () => {
    expect(membership(0, b)).toBe(0);
    expect(membership(2, b)).toBe(1);
    expect(membership(1, b)).toBe(0.5);
    expect(membership(4, b)).toBe(0.5);
    expect(membership(6, b)).toBe(0);
    expect(membership(-1, b)).toBe(0);
  });

  it('accepted candidates follow the triangular density on [L, U] with mode u', () => {
    // triangular(L=0, mode=2, U=6): mean (0+2+6)/3 = 8/3; P(x ≤ 2) = (2−0)/(6−0) = 1/3
    const rng = new Rng(11);
    let n = 0;
    let sum = 0;
    let below = 0;
    drawCandidates(b, 200_000, rng, (x) => {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(6);
      n++;
      sum += x;
      if (x <= 2) below++;
    });
    expect(n).toBe(200_000);
    // standard error of the mean: sd = √((0²+2²+6²−0·2−0·6−2·6)/18) = √(28/18) ≈ 1.247 → se ≈ 0.0028
    expect(sum / n).toBeCloseTo(8 / 3, 1);
    expect(Math.abs(sum / n - 8 / 3)).toBeLessThan(0.012);
    expect(Math.abs(below / n - 1 / 3)).toBeLessThan(0.005);
  });

  it('a zero-variance neighbourhood draws uniformly on [L, U]', () => {
    const rng = new Rng(5);
    let sum = 0;
    const bz = mtdBounds([5, 5, 5]);
    drawCandidates(bz, 100_000, rng, (x) => (sum += x));
    expect(Math.abs(sum / 100_000 - 13)).toBeLessThan(0.1); // mean of U(1, 25)
  });
});

describe('snapping to real levels (mid-point bins)', () => {
  const levels = Float64Array.from([1, 2, 5, 10]);
  it('goes to the nearest level; a value on a centre goes to the lower level', () => {
    expect(snapToLevel(-3, levels)).toBe(1);
    expect(snapToLevel(1.49, levels)).toBe(1);
    expect(snapToLevel(1.5, levels)).toBe(1); // centre of 1 and 2
    expect(snapToLevel(1.51, levels)).toBe(2);
    expect(snapToLevel(3.5, levels)).toBe(2); // centre of 2 and 5
    expect(snapToLevel(3.6, levels)).toBe(5);
    expect(snapToLevel(7.6, levels)).toBe(10);
    expect(snapToLevel(99, levels)).toBe(10);
  });
});

describe('nearest values of a column', () => {
  const sorted = Float64Array.from([1, 2, 4, 7, 8, 20]);
  it('takes the k closest values, the value itself included', () => {
    const out = new Float64Array(6);
    expect(nearestValues(sorted, 7, 3, out)).toBe(3);
    expect([...out.subarray(0, 3)].sort((a, b) => a - b)).toEqual([4, 7, 8]);
    expect(nearestValues(sorted, 1, 3, out)).toBe(3);
    expect([...out.subarray(0, 3)].sort((a, b) => a - b)).toEqual([1, 2, 4]);
    expect(nearestValues(sorted, 20, 2, out)).toBe(2);
    expect([...out.subarray(0, 2)].sort((a, b) => a - b)).toEqual([8, 20]);
  });
  it('returns the whole group when it is smaller than k', () => {
    const out = new Float64Array(10);
    expect(nearestValues(sorted, 4, 10, out)).toBe(6);
  });
});

describe('one kNNMTD cell', () => {
  it('keeps the `keep` candidates closest to the real value, all inside the diffusion bounds', () => {
    const s = [1, 2, 4];
    const b = mtdBounds(s);
    const out = new Float64Array(3);
    diffuseCell(s, 2, 1000, 3, new Rng(1), null, -Infinity, Infinity, out);
    for (const x of out) {
      expect(x).toBeGreaterThanOrEqual(b.L);
      expect(x).toBeLessThanOrEqual(b.U);
    }
    // 1000 draws with density ≈ 0.12 near x0 = 2: the 3 closest lie within ~0.03 of it
    const d = [...out].map((x) => Math.abs(x - 2));
    expect(d[0]!).toBeLessThanOrEqual(d[1]!);
    expect(d[1]!).toBeLessThanOrEqual(d[2]!);
    expect(d[2]!).toBeLessThan(0.05);
  });

  it('integer columns stay on real levels and inside the legal range', () => {
    const levels = Float64Array.from([0, 1, 3, 7]);
    const out = new Float64Array(5);
    for (let seed = 0; seed < 20; seed++) {
      diffuseCell([1, 3, 3], 3, 50, 5, new Rng(seed), levels, 0, 7, out);
      for (const x of out) expect([0, 1, 3, 7]).toContain(x);
    }
  });
});
