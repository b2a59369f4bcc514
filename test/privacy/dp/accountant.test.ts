import { describe, expect, it } from 'vitest';
import { epsilonSpent, noiseMultiplierFor, stepsForEpochs } from '../../../src/privacy/dp/accountant.js';

// the reference values of DESIGN.md §7 (Opacus' RDPAccountant and get_noise_multiplier)
describe('RDP accountant: the reference values', () => {
  it('σ 1.5, q 0.04, 2 250 steps, δ 1e-5 → ε 7.32911117143 (±1e-6) at α 3.9', () => {
    const r = epsilonSpent([{ noiseMultiplier: 1.5, sampleRate: 0.04, steps: 2250 }], 1e-5);
    expect(Math.abs(r.epsilon - 7.32911117143)).toBeLessThan(1e-6);
    expect(r.order).toBeCloseTo(3.9, 12);
  });

  it('σ 1.1, q 0.01, 10 000 steps, δ 1e-5 → ε 5.63199 (±1e-4) at α 4.7', () => {
    const r = epsilonSpent([{ noiseMultiplier: 1.1, sampleRate: 0.01, steps: 10_000 }], 1e-5);
    expect(Math.abs(r.epsilon - 5.63199)).toBeLessThan(1e-4);
    expect(r.order).toBeCloseTo(4.7, 12);
  });

  it('target ε 8, δ 1e-5, q 0.04, 90 epochs → σ ≈ 1.416 (to 4 places), and that σ meets the target', () => {
    const steps = stepsForEpochs(90, 0.04);
    expect(steps).toBe(2250);
    const sigma = noiseMultiplierFor({ epsilon: 8, delta: 1e-5, sampleRate: 0.04, steps });
    expect(Math.abs(sigma - 1.416)).toBeLessThan(5e-5);
    const eps = epsilonSpent([{ noiseMultiplier: sigma, sampleRate: 0.04, steps }], 1e-5).epsilon;
    expect(eps).toBeLessThanOrEqual(8);
    expect(eps).toBeGreaterThanOrEqual(8 - 0.01);
  });
});

describe('RDP accountant: composition and the solver', () => {
  it('a history composes by adding RDP: two runs of 1 125 steps equal one of 2 250', () => {
    const half = { noiseMultiplier: 1.5, sampleRate: 0.04, steps: 1125 };
    const whole = epsilonSpent([{ ...half, steps: 2250 }], 1e-5);
    expect(epsilonSpent([half, half], 1e-5).epsilon).toBeCloseTo(whole.epsilon, 12);
    const mixed = epsilonSpent([half, { noiseMultiplier: 3, sampleRate: 0.04, steps: 1125 }], 1e-5).epsilon;
    expect(mixed).toBeLessThan(whole.epsilon);
    expect(mixed).toBeGreaterThan(epsilonSpent([half], 1e-5).epsilon);
  });

  it('nothing run spends nothing; more steps or a smaller δ spend more', () => {
    expect(epsilonSpent([], 1e-5)).toEqual({ epsilon: 0, order: 0 });
    const base = epsilonSpent([{ noiseMultiplier: 1.1, sampleRate: 0.01, steps: 1000 }], 1e-5).epsilon;
    expect(epsilonSpent([{ noiseMultiplier: 1.1, sampleRate: 0.01, steps: 2000 }], 1e-5).epsilon).toBeGreaterThan(base);
    expect(epsilonSpent([{ noiseMultiplier: 1.1, sampleRate: 0.01, steps: 1000 }], 1e-7).epsilon).toBeGreaterThan(base);
  });

  it('a tighter tolerance lands closer to the target, still from below; a hopeless budget throws', () => {
    const t = { epsilon: 2, delta: 1e-5, sampleRate: 0.02, steps: 500 };
    const sigma = noiseMultiplierFor({ ...t, tolerance: 1e-4 });
    const eps = epsilonSpent([{ noiseMultiplier: sigma, sampleRate: 0.02, steps: 500 }], 1e-5).epsilon;
    expect(eps).toBeLessThanOrEqual(2);
    expect(eps).toBeGreaterThan(2 - 1e-4);
    expect(() => noiseMultiplierFor({ epsilon: 1e-9, delta: 1e-5, sampleRate: 1, steps: 1e6 })).toThrow(/too small/);
  });

  it('rejects impossible inputs', () => {
    expect(() => epsilonSpent([{ noiseMultiplier: 1, sampleRate: 0.1, steps: 10 }], 0)).toThrow(RangeError);
    expect(() => epsilonSpent([{ noiseMultiplier: 1, sampleRate: 1.5, steps: 10 }], 1e-5)).toThrow(RangeError);
    expect(() => epsilonSpent([{ noiseMultiplier: 1, sampleRate: 0.1, steps: 2.5 }], 1e-5)).toThrow(RangeError);
    expect(() => stepsForEpochs(0, 0.1)).toThrow(RangeError);
  });
});
