import { describe, expect, it } from 'vitest';
import { epsilonFromRho, gaussianRho, gaussianSigmaForRho, rhoFromEpsilonDelta } from '../../../src/privacy/dp/zcdp.js';

describe('zCDP', () => {
  it('ρ from (ε, δ) by hand: δ = e⁻⁴, ε = 5 → (√9 − √4)² = 1; ε = 12 → (4 − 2)² = 4', () => {
    expect(rhoFromEpsilonDelta(5, Math.exp(-4))).toBeCloseTo(1, 13);
    expect(rhoFromEpsilonDelta(12, Math.exp(-4))).toBeCloseTo(4, 13);
  });

  it('ε 1, δ 1e-5 → ρ = (√(ln 1e5 + 1) − √(ln 1e5))² ≈ 0.020820', () => {
    expect(rhoFromEpsilonDelta(1, 1e-5)).toBeCloseTo(0.02082, 5);
  });

  it('ε from ρ is its inverse: ρ = 1, δ = e⁻⁴ → 1 + 2·√(1·4) = 5; a round trip returns ε', () => {
    expect(epsilonFromRho(1, Math.exp(-4))).toBeCloseTo(5, 13);
    for (const e of [0.1, 1, 8]) expect(epsilonFromRho(rhoFromEpsilonDelta(e, 1e-6), 1e-6)).toBeCloseTo(e, 12);
  });

  it("a Gaussian measurement's ρ = Δ²/(2σ²): Δ 1, σ 2 → 1/8; Δ √2, σ 1 → 1; and σ for a given ρ inverts it", () => {
    expect(gaussianRho(1, 2)).toBe(0.125);
    expect(gaussianRho(Math.SQRT2, 1)).toBeCloseTo(1, 15);
    expect(gaussianSigmaForRho(1, 0.125)).toBeCloseTo(2, 14);
    expect(gaussianRho(3, gaussianSigmaForRho(3, 0.07))).toBeCloseTo(0.07, 14);
  });

  it('rejects impossible inputs', () => {
    expect(() => rhoFromEpsilonDelta(0, 1e-5)).toThrow(RangeError);
    expect(() => rhoFromEpsilonDelta(1, 1)).toThrow(RangeError);
    expect(() => gaussianRho(1, 0)).toThrow(RangeError);
    expect(() => gaussianSigmaForRho(1, 0)).toThrow(RangeError);
  });
});
