import { describe, expect, it } from 'vitest';
import { associationMatrix, correlationRatio, cramersV, pcd, pearson } from '../../src/stats/association.js';

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
