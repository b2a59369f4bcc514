import { describe, expect, it } from 'vitest';
import {
  composedRdp,
  DEFAULT_ORDERS,
  logAdd,
  logSub,
  rdpToEpsilon,
  sampledGaussianRdp,
} from '../../../src/privacy/dp/rdp.js';

describe('log-space arithmetic', () => {
  it('adds and subtracts exponentials without overflow', () => {
    expect(logAdd(Math.log(2), Math.log(3))).toBeCloseTo(Math.log(5), 14);
    expect(logAdd(-Infinity, 1.5)).toBe(1.5);
    expect(logAdd(1000, 1000)).toBeCloseTo(1000 + Math.LN2, 12);
    expect(logSub(Math.log(5), Math.log(3))).toBeCloseTo(Math.log(2), 14);
    expect(logSub(2, 2)).toBe(-Infinity);
    expect(logSub(800, 0)).toBe(800);
    expect(() => logSub(1, 2)).toThrow(RangeError);
  });
});

describe('RDP of the sampled Gaussian mechanism', () => {
  it('order 2 by hand: A₂ = (1−q)² + 2q(1−q) + q²·e^(1/σ²) = 1 + q²(e^(1/σ²) − 1)', () => {
    for (const [q, s] of [
      [0.04, 1.5],
      [0.3, 0.7],
      [0.01, 4],
    ] as const)
      expect(sampledGaussianRdp(q, s, 2)).toBeCloseTo(Math.log1p(q * q * Math.expm1(1 / (s * s))), 13);
  });

  it('order 3 by hand: A₃ = 1 + 3q²(e^(1/σ²) − 1) + q³(e^(3/σ²) − 3e^(1/σ²) + 2)', () => {
    const q = 0.1;
    const s = 1.2;
    const e1 = Math.exp(1 / (s * s));
    const e3 = Math.exp(3 / (s * s));
    const a3 = 1 + 3 * q * q * (e1 - 1) + q ** 3 * (e3 - 3 * e1 + 2);
    expect(sampledGaussianRdp(q, s, 3)).toBeCloseTo(Math.log(a3) / 2, 13);
  });

  it('the fractional series meets the binomial expansion at whole orders (it is continuous in α)', () => {
    for (const a of [2, 3, 6])
      for (const [q, s] of [
        [0.04, 1.5],
        [0.01, 1.1],
        [0.2, 3],
      ] as const) {
        const whole = sampledGaussianRdp(q, s, a);
        expect(Math.abs(sampledGaussianRdp(q, s, a - 1e-7) - whole)).toBeLessThan(1e-6 * whole + 1e-12);
        expect(Math.abs(sampledGaussianRdp(q, s, a + 1e-7) - whole)).toBeLessThan(1e-6 * whole + 1e-12);
      }
  });

  it('edge cases: no sampling costs nothing, no noise costs everything, q = 1 is the plain Gaussian α/(2σ²)', () => {
    expect(sampledGaussianRdp(0, 1, 3.5)).toBe(0);
    expect(sampledGaussianRdp(0.1, 0, 3.5)).toBe(Infinity);
    expect(sampledGaussianRdp(1, 2, 3.5)).toBe(3.5 / 8);
  });

  it('grows with the order and the sampling rate, shrinks with the noise; steps add', () => {
    const r = composedRdp(0.04, 1.5, 1);
    for (let k = 1; k < r.length; k++) expect(r[k]!).toBeGreaterThan(r[k - 1]!);
    expect(sampledGaussianRdp(0.05, 1.5, 4.5)).toBeGreaterThan(sampledGaussianRdp(0.04, 1.5, 4.5));
    expect(sampledGaussianRdp(0.04, 1.6, 4.5)).toBeLessThan(sampledGaussianRdp(0.04, 1.5, 4.5));
    expect(composedRdp(0.04, 1.5, 7, [4.5])[0]).toBeCloseTo(7 * sampledGaussianRdp(0.04, 1.5, 4.5), 14);
  });
});

describe('the order grid and the (ε, δ) conversion', () => {
  it('orders: 1 + x/10 for x = 1…99, then 12…63', () => {
    expect(DEFAULT_ORDERS).toHaveLength(151);
    expect(DEFAULT_ORDERS[0]).toBeCloseTo(1.1, 15);
    expect(DEFAULT_ORDERS[98]).toBeCloseTo(10.9, 15);
    expect(DEFAULT_ORDERS.slice(99, 101)).toEqual([12, 13]);
    expect(DEFAULT_ORDERS.at(-1)).toBe(63);
  });

  it('Balle et al. by hand: RDP 0 at α = 2 gives ε = ln(1/δ) − 2 ln 2; the smallest over orders wins', () => {
    expect(rdpToEpsilon([0], [2], 1e-5).epsilon).toBeCloseTo(Math.log(1e5) - 2 * Math.LN2, 13);
    // α = 3: ε = 1 + ln(2/3) − (ln δ + ln 3)/2
    const e3 = 1 + Math.log(2 / 3) - (Math.log(1e-5) + Math.log(3)) / 2;
    const best = rdpToEpsilon([5, 1], [2, 3], 1e-5);
    expect(best.order).toBe(3);
    expect(best.epsilon).toBeCloseTo(e3, 13);
    expect(rdpToEpsilon([NaN, 1], [2, 3], 1e-5).order).toBe(3);
    expect(() => rdpToEpsilon([1], [2, 3], 1e-5)).toThrow(RangeError);
  });
});
