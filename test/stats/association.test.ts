import { describe, expect, it } from 'vitest';
import {
  associationMatrix,
  correlationRatio,
  cramersV,
  DENSE_CELLS,
  pcd,
  pearson,
} from '../../src/stats/association.js';

describe('association measures, worked by hand', () => {
  it('Pearson: x = [1,2,3], y = [1,3,2] → Σdxdy = 1, Σdx² = Σdy² = 2 → r = 0.5', () => {
    expect(pearson([1, 2, 3], [1, 3, 2])).toBeCloseTo(0.5, 12);
    expect(pearson([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 12);
    expect(pearson([1, 1, 1], [3, 2, 1])).toBe(0); // constant side
  });

  it('correlation ratio: groups {1,3} and {5,7} → SSB 16, SST 20 → η = √0.8', () => {
    expect(correlationRatio([0, 0, 1, 1], [1, 3, 5, 7])).toBeCloseTo(Math.sqrt(0.8), 12);
    expect(correlationRatio([0, 1, 0, 1], [2, 2, 2, 2])).toBe(0);
    expect(correlationRatio([0, 0, 1, 1], [1, 1, 5, 5])).toBeCloseTo(1, 12);
  });

  it("bias-corrected Cramér's V of [[3,1],[1,3]]: χ² = 2, φ² = 0.25 → √(0.107143/0.857143) = √0.125", () => {
    // expected counts 2 each; χ² = 4·(1/2) = 2; φ²c = 0.25 − 1/7; r̃ = k̃ = 2 − 1/7
    const x = [0, 0, 0, 0, 1, 1, 1, 1];
    const y = [0, 0, 0, 1, 0, 1, 1, 1];
    expect(cramersV(x, y)).toBeCloseTo(Math.sqrt(0.125), 12);
  });

  it("Cramér's V of many-level columns (sparse table, over DENSE_CELLS cells) matches the worked block formula", () => {
    // B copies of the [[3,1],[1,3]] block on their own levels: r = k = 2B, n = 8B, each E = 2/B inside a block, so
    // Σ O²/E = B · 20 · B/2 = 10B² and χ² = 10B² − 8B, φ² = 1.25B − 1 (B = 1 gives the 0.25 above)
    const B = 600;
    const x: number[] = [];
    const y: number[] = [];
    for (let b = 0; b < B; b++) {
      x.push(...[0, 0, 0, 0, 1, 1, 1, 1].map((v) => 2 * b + v));
      y.push(...[0, 0, 0, 1, 0, 1, 1, 1].map((v) => 2 * b + v));
    }
    const n = 8 * B;
    const r = 2 * B;
    expect(r * r).toBeGreaterThan(DENSE_CELLS);
    const phi2c = 1.25 * B - 1 - (r - 1) ** 2 / (n - 1);
    const rc = r - (r - 1) ** 2 / (n - 1);
    expect(cramersV(x, y)).toBeCloseTo(Math.sqrt(phi2c / (rc - 1)), 10);
    // identical columns of 1 100 levels, 3 rows each: χ² = n(L − 1), so the corrected V is exactly 1
    const same = Array.from({ length: 3300 }, (_, i) => i % 1100);
    expect(cramersV(same, same)).toBeCloseTo(1, 10);
  });

  it("Cramér's V: independent table → 0, identical columns with many rows → ≈ 1", () => {
    expect(cramersV([0, 0, 1, 1], [0, 1, 0, 1])).toBe(0);
    const a = Array.from({ length: 300 }, (_, i) => i % 3);
    expect(cramersV(a, a)).toBeGreaterThan(0.99);
    expect(cramersV([1, 1, 1], [0, 1, 2])).toBe(0); // one level
  });
});

describe('association matrix and PCD', () => {
  it('mixes the three measures and is symmetric with unit diagonal', () => {
    const m = associationMatrix([
      { kind: 'num', values: [1, 2, 3, 4] },
      { kind: 'num', values: [1, 3, 5, 7] },
      { kind: 'cat', codes: [0, 0, 1, 1] },
    ]);
    expect([m[0], m[4], m[8]]).toEqual([1, 1, 1]);
    expect(m[1]).toBeCloseTo(1, 12);
    expect(m[5]).toBeCloseTo(Math.sqrt(0.8), 12); // η of [1,3,5,7] by [0,0,1,1]
    expect(m[7]).toBe(m[5]);
  });

  it('PCD: r = 1 in the real data and 0 in the synthetic → ‖[[0,1],[1,0]]‖_F = √2', () => {
    const real = [
      { kind: 'num' as const, values: [1, 2, 3, 4] },
      { kind: 'num' as const, values: [2, 4, 6, 8] },
    ];
    const synth = [
      { kind: 'num' as const, values: [1, 2, 3, 4] },
      { kind: 'num' as const, values: [5, 1, 1, 5] }, // r = 0 with [1,2,3,4]
    ];
    expect(pcd(real, synth)).toBeCloseTo(Math.SQRT2, 12);
    expect(pcd(real, real)).toBe(0);
  });

  it('a constant column associates 0 with everything', () => {
    const m = associationMatrix([
      { kind: 'num', values: [1, 2, 3] },
      { kind: 'cat', codes: [4, 4, 4] },
    ]);
    expect(m[1]).toBe(0);
  });
});
