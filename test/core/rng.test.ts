import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng.js';

describe('Rng', () => {
  it('same seed → same stream; different seeds → different streams', () => {
    const a = new Rng(7);
    const b = new Rng(7);
    const c = new Rng(8);
    const sa = Array.from({ length: 20 }, () => a.nextUint32());
    expect(Array.from({ length: 20 }, () => b.nextUint32())).toEqual(sa);
    expect(Array.from({ length: 20 }, () => c.nextUint32())).not.toEqual(sa);
  });

  it('uniform floats have mean ½ and variance 1/12; normals have mean 0 and variance 1', () => {
    const r = new Rng(1);
    const n = 200_000;
    let s = 0;
    let s2 = 0;
    let z = 0;
    let z2 = 0;
    for (let i = 0; i < n; i++) {
      const u = r.next();
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThan(1);
      s += u;
      s2 += u * u;
      const g = r.normal();
      z += g;
      z2 += g * g;
    }
    // standard errors: uniform mean 0.00065, normal mean 0.0022, normal variance 0.0032
    expect(Math.abs(s / n - 0.5)).toBeLessThan(0.003);
    expect(Math.abs(s2 / n - (s / n) ** 2 - 1 / 12)).toBeLessThan(0.002);
    expect(Math.abs(z / n)).toBeLessThan(0.01);
    expect(Math.abs(z2 / n - 1)).toBeLessThan(0.015);
  });

  it('int(n) is uniform over [0, n)', () => {
    const r = new Rng(2);
    const counts = new Array(5).fill(0);
    for (let i = 0; i < 50_000; i++) counts[r.int(5)]++;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(400); // ≈ 4.5 standard deviations
  });

  it('choose(n, k) returns k distinct indices', () => {
    const r = new Rng(3);
    const idx = r.choose(100, 40);
    expect(new Set(idx).size).toBe(40);
    for (const i of idx) expect(i >= 0 && i < 100).toBe(true);
    expect(() => r.choose(3, 4)).toThrow();
  });
});
