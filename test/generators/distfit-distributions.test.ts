import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng.js';
import {
  fitBest,
  fitEmpirical,
  fitFamily,
  ksStatistic,
  makeDistribution,
  PARAMETRIC_FAMILIES,
} from '../../src/transforms/distributions.js';
import { betaI, digamma, gammaP, logGamma, normCdf, normInv } from '../../src/transforms/special-functions.js';
import { betaSample, gammaSample } from './classic-helpers.js';

// Reference values: a one-off scipy 1.x computation (stats.norm.cdf/ppf, special.gammaln/digamma/gammainc/betainc):
// /usr/bin/python3 -c "from scipy import stats, special as sp; print(stats.norm.cdf(-8), sp.gammainc(2.5, 3), ...)"
const close = (got: number, want: number, rel: number): void => {
  expect(Math.abs(got - want)).toBeLessThanOrEqual(rel * Math.max(Math.abs(want), 1e-300));
};

describe('special functions against scipy', () => {
  it('Φ and Φ⁻¹, tails included', () => {
    for (const [x, p] of [
      [-30, 4.906713927147908e-198],
      [-8, 6.22096057427174e-16],
      [-1.5, 0.06680720126885807],
      [0, 0.5],
      [0.3, 0.6179114221889526],
      [2.5, 0.9937903346742238],
    ] as const) {
      close(normCdf(x), p, 1e-12);
    }
    for (const [p, x] of [
      [1e-300, -37.0470962993612],
      [1e-10, -6.361340902404056],
      [0.02, -2.053748910631823],
      [0.2, -0.8416212335729142],
      [0.9, 1.2815515655446004],
      [0.999999, 4.753424308817087],
    ] as const) {
      close(normInv(p), x, 1e-12);
    }
    expect(normInv(0.5)).toBeCloseTo(0, 15);
  });
  it('ln Γ, ψ, regularised incomplete gamma and beta', () => {
    close(logGamma(0.1), 2.252712651734206, 1e-13);
    close(logGamma(4.5), 2.4537365708424423, 1e-13);
    close(logGamma(30.2), 71.93460296839497, 1e-13);
    close(digamma(0.3), -3.502524222200133, 1e-12);
    close(digamma(2.5), 0.7031566406452432, 1e-12);
    close(digamma(17), 2.8035133283274605, 1e-12);
    close(gammaP(0.5, 0.2), 0.47291074313446196, 1e-12);
    close(gammaP(2.5, 3), 0.6937810815867212, 1e-12);
    close(gammaP(10, 20), 0.9950045876916924, 1e-12);
    close(gammaP(3, 0.01), 1.6542165280748778e-7, 1e-10);
    close(betaI(2, 5, 0.3), 0.5798250000000001, 1e-12);
    close(betaI(0.5, 0.7, 0.9), 0.8837889567707921, 1e-12);
    close(betaI(30, 40, 0.45), 0.6447480085585666, 1e-11);
  });
});

describe('distributions', () => {
  it('KS statistic by hand: sample {1,2,3,4} against U(0,4) has D = 1/4', () => {
    // F(x_i) = i/4 and the ECDF jumps from (i−1)/4 to i/4 at x_i: the largest gap is 1/4 just below each point
    expect(ksStatistic([1, 2, 3, 4], (x) => x / 4)).toBeCloseTo(0.25, 15);
    // against U(0,8): F = 1/8 … 1/2, the gap after x=4 is 1 − 1/2
    expect(ksStatistic([1, 2, 3, 4], (x) => x / 8)).toBeCloseTo(0.5, 15);
  });

  it('every family: ppf inverts cdf', () => {
    const params = {
      normal: { mu: 1, sigma: 2 },
      lognormal: { mu: 0.5, sigma: 0.7 },
      gamma: { shape: 0.8, scale: 3 },
      beta: { a: 2, b: 0.6, lo: -1, hi: 3 },
      truncnormal: { mu: 0, sigma: 1, lo: 0.5, hi: 4 },
      uniform: { lo: 2, hi: 5 },
    } as const;
    for (const f of PARAMETRIC_FAMILIES) {
      const d = makeDistribution(f, params[f]);
      // relative 1e-8, or a few ulps of x where the family is shifted away from 0 (x ≈ lo + tiny)
      for (const p of [1e-9, 0.01, 0.3, 0.5, 0.8, 0.999])
        expect(Math.abs(d.cdf(d.ppf(p)) - p), `${f} at ${p}`).toBeLessThan(1e-8 * p + 1e-15);
    }
  });

  it('maximum-likelihood gamma recovers its parameters; lognormal and gamma refuse values ≤ 0', () => {
    const rng = new Rng(3);
    const v = Array.from({ length: 20000 }, () => 2 * gammaSample(rng, 2.5));
    const d = fitFamily('gamma', v)!;
    expect(d.params['shape']).toBeGreaterThan(2.4);
    expect(d.params['shape']).toBeLessThan(2.6);
    expect(d.params['scale']).toBeGreaterThan(1.9);
    expect(d.params['scale']).toBeLessThan(2.1);
    expect(fitFamily('gamma', [0, 1, 2])).toBeNull();
    expect(fitFamily('lognormal', [-1, 1, 2])).toBeNull();
  });

  it('KS selection picks the family a large sample was drawn from', () => {
    const rng = new Rng(11);
    const n = 4000;
    const cases: [string, number[]][] = [
      ['gamma', Array.from({ length: n }, () => 2 * gammaSample(rng, 2.5))],
      ['beta', Array.from({ length: n }, () => betaSample(rng, 2, 5))],
      ['lognormal', Array.from({ length: n }, () => Math.exp(1 + 0.6 * rng.normal()))],
    ];
    for (const [family, v] of cases) {
      const c = fitBest(v);
      expect(c.best.family, family).toBe(family);
      expect(c.ks).toBeLessThan(0.03);
      expect(c.candidates.map((x) => x.family)).toEqual([...PARAMETRIC_FAMILIES]);
    }
    // a uniform sample: uniform, or a very flat truncated normal on [min, max] (it nests the uniform as σ → ∞)
    const uni = fitBest(Array.from({ length: n }, () => rng.uniform(-1, 4)));
    expect(['uniform', 'truncnormal']).toContain(uni.best.family);
    expect(uni.candidates.find((x) => x.family === 'uniform')!.ks!).toBeLessThan(0.03);
    // a normal sample: normal, or the truncated normal on [min, max] that nests it, within a hair of each other
    const normal = fitBest(Array.from({ length: n }, () => 3 + 2 * rng.normal()));
    expect(['normal', 'truncnormal']).toContain(normal.best.family);
    expect(normal.candidates.find((x) => x.family === 'normal')!.ks! - normal.ks).toBeLessThan(0.002);
  });

  it('smoothed empirical CDF: mid-ranks over n+1, linear in between', () => {
    // values 1, 2, 2, 5: ranks 1, (2+3)/2, 4 over n+1 = 5
    const e = fitEmpirical([5, 2, 1, 2]);
    expect(e.knots).toEqual({ xs: [1, 2, 5], ps: [0.2, 0.5, 0.8] });
    expect(e.cdf(2)).toBeCloseTo(0.5, 15);
    expect(e.cdf(3.5)).toBeCloseTo(0.65, 15);
    expect(e.ppf(0.65)).toBeCloseTo(3.5, 12);
    expect(e.ppf(0.05)).toBe(1);
    expect(e.ppf(0.95)).toBe(5);
  });
});
