import { describe, expect, it } from 'vitest';
import {
  associationPair,
  binWithRealEdges,
  contingencySimilarity,
  ksStatistic,
  pairTrends,
  pcdHoldoutReference,
  tvDistance,
  wasserstein1,
} from '../../src/metrics/fidelity.js';
import type { Prepared } from '../../src/metrics/prepare.js';

describe('per-column fidelity, worked by hand', () => {
  it('KS of [1,2,3] vs [2,3,4]: the ECDFs differ by 1/3 at 1, 2 and 3', () => {
    expect(ksStatistic([1, 2, 3], [2, 3, 4])).toBeCloseTo(1 / 3, 12);
    expect(ksStatistic([1, 2, 3], [1, 2, 3])).toBe(0);
    expect(ksStatistic([1, 2], [5, 6])).toBe(1);
    expect(ksStatistic([1, NaN, 2], [1, 2])).toBe(0); // missing excluded
  });

  it('Wasserstein-1 of a sample and its shift by 1 is 1; of [0,0] vs [0,3] is 1.5', () => {
    expect(wasserstein1([1, 2, 3], [2, 3, 4])).toBeCloseTo(1, 12);
    expect(wasserstein1([0, 0], [0, 3])).toBeCloseTo(1.5, 12);
  });

  it('TV distance of shares (½,½) vs (¼,¾) is ¼', () => {
    expect(tvDistance([0, 0, 1, 1], [0, 1, 1, 1])).toBeCloseTo(0.25, 12);
    expect(tvDistance([0, 1], [2, 2])).toBe(1);
  });

  it('contingency similarity: uniform 2×2 vs all mass on (0,0) → 1 − ½(¾ + 3·¼) = 0.25', () => {
    expect(contingencySimilarity([0, 0, 1, 1], [0, 1, 0, 1], [0, 0, 0, 0], [0, 0, 0, 0])).toBeCloseTo(0.25, 12);
    expect(contingencySimilarity([0, 1], [1, 0], [1, 0], [0, 1])).toBeCloseTo(1, 12);
  });

  it("binning uses the real column's 10 equal-width bins (numpy histogram_bin_edges + digitize)", () => {
    const real = Float64Array.from({ length: 11 }, (_, i) => i); // edges 0,1,…,10 → inner edges 1…9
    const [r, s] = binWithRealEdges(real, Float64Array.from([0.5, 1, 9.99, 10, 11, -3]));
    expect(Array.from(r)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 9]);
    expect(Array.from(s)).toEqual([0, 1, 9, 9, 9, 0]);
  });
});

describe('column pair trends', () => {
  const part = (cols: number[][]) => ({
    n: cols[0]!.length,
    raw: cols.map(() => null),
    values: cols.map((c) => Float64Array.from(c)),
  });
  const P = (real: number[][], synth: number[][], kinds: ('num' | 'cat')[]): Prepared => ({
    names: kinds.map((_, j) => `c${j}`),
    kinds,
    levels: kinds.map(() => []),
    realLevels: kinds.map(() => 0),
    min: kinds.map(() => 0),
    max: kinds.map(() => 0),
    real: part(real),
    synth: part(synth),
    holdout: null,
    target: -1,
  });

  it('r = 1 in the real data and −1 in the synthetic data scores 1 − |1 − (−1)|/2 = 0', () => {
    const t = pairTrends(
      P(
        [
          [1, 2, 3],
          [1, 2, 3],
        ],
        [
          [1, 2, 3],
          [3, 2, 1],
        ],
        ['num', 'num'],
      ),
    );
    expect(t.score).toBeCloseTo(0, 12);
    expect(t.numNum).toBeCloseTo(0, 12);
  });

  it('a pair with a constant real column is not scored; a categorical pair uses contingency similarity', () => {
    const t = pairTrends(
      P(
        [
          [1, 1, 1],
          [1, 2, 3],
          [0, 1, 1],
        ],
        [
          [1, 1, 1],
          [1, 2, 3],
          [0, 1, 1],
        ],
        ['num', 'num', 'cat'],
      ),
    );
    // pairs: (c0,c1) skipped; (c0,c2) mixed; (c1,c2) mixed — identical tables → 1
    expect(t.pairs).toBe(2);
    expect(t.mixed).toBeCloseTo(1, 12);
    expect(t.numNum).toBeNull();
  });
});

describe('PCD of unseen real rows (the reference the PCD verdict is read against)', () => {
  const part = (cols: number[][]) => ({
    n: cols[0]!.length,
    raw: cols.map(() => null),
    values: cols.map((c) => Float64Array.from(c)),
  });
  const up = [1, 2, 3, 4];
  const down = [4, 3, 2, 1];
  const P = (holdout: number[][] | null, synthRows: number): Prepared => ({
    names: ['x', 'y'],
    kinds: ['num', 'num'],
    levels: [[], []],
    realLevels: [0, 0],
    min: [1, 1],
    max: [4, 4],
    real: part([up, up]),
    synth: part([Array.from({ length: synthRows }, (_, i) => i), Array.from({ length: synthRows }, (_, i) => i % 3)]),
    holdout: holdout ? part(holdout) : null,
    target: -1,
  });

  it('r = 1 in the real rows and −1 in 4 holdout rows: PCD √(2² + 2²) = √8; at 12 synthetic rows × √((1/4 + 1/12) / (1/4 + 1/4))', () => {
    const p = P([up, down], 12);
    const ref = pcdHoldoutReference(p, associationPair(p).real)!;
    expect(ref.holdout).toBeCloseTo(Math.sqrt(8), 12);
    // √8 · √(2/3) = √(16/3)
    expect(ref.atSynthSize).toBeCloseTo(4 / Math.sqrt(3), 12);
  });

  it("a holdout with the real rows' associations scores 0; no holdout (or under 3 rows) gives no reference", () => {
    const p = P([up, up], 4);
    expect(pcdHoldoutReference(p, associationPair(p).real)!.holdout).toBeCloseTo(0, 12);
    expect(pcdHoldoutReference(P(null, 4), associationPair(P(null, 4)).real)).toBeNull();
    const small = P(
      [
        [1, 2],
        [2, 1],
      ],
      4,
    );
    expect(pcdHoldoutReference(small, associationPair(small).real)).toBeNull();
  });
});
