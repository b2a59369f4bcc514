import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng.js';
import { autoArima, differencingOrders, exhaustiveArima } from '../../src/timeseries/auto.js';
import {
  acf,
  chooseD,
  chooseSeasonalD,
  kpssStatistic,
  periodFromAcf,
  seasonalStrength,
} from '../../src/timeseries/tests.js';
import { fixtureSeries } from './series.js';

const noise = (n: number, seed: number): number[] => {
  const rng = new Rng(seed);
  return Array.from({ length: n }, () => rng.normal());
};
const cumsum = (x: number[]): number[] => {
  let s = 0;
  return x.map((v) => (s += v));
};

describe('differencing tests', () => {
  it('KPSS by hand on a short series with lag 0', () => {
    // x = 1,2,3,4: e = −1.5, −.5, .5, 1.5; S = −1.5, −2, −1.5, 0; ΣS² = 8.5; σ² = 5/4 → 8.5 / (16 · 1.25) = 0.425
    expect(kpssStatistic([1, 2, 3, 4], 0)).toBeCloseTo(0.425, 12);
  });
  it('d = 0 for white noise, 1 for a random walk, 2 for an integrated random walk', () => {
    expect(chooseD(noise(300, 1))).toBe(0);
    expect(chooseD(cumsum(noise(300, 2)))).toBe(1);
    expect(chooseD(cumsum(cumsum(noise(300, 3))))).toBe(2);
  });
  it('seasonal strength is high for a noisy sine with trend and low for noise; D follows it', () => {
    const z = noise(120, 4);
    const seasonal = z.map((v, t) => 0.05 * t + 3 * Math.sin((2 * Math.PI * t) / 12) + 0.5 * v);
    expect(seasonalStrength(seasonal, 12)).toBeGreaterThan(0.9);
    expect(seasonalStrength(z, 12)).toBeLessThan(0.3);
    expect(chooseSeasonalD(seasonal, 12)).toBe(1);
    expect(chooseSeasonalD(z, 12)).toBe(0);
  });
  it('the period from the ACF: 7 for a weekly pattern, 12 for USAccDeaths, 1 for lh', () => {
    const weekly = noise(140, 5).map((v, t) => [5, 1, 0, 0, 1, 2, 8][t % 7]! + v);
    expect(periodFromAcf(weekly)).toBe(7);
    expect(periodFromAcf(fixtureSeries('us_acc_deaths').values)).toBe(12);
    expect(periodFromAcf(fixtureSeries('lh').values)).toBe(1);
  });
  it('acf by hand: 1, 2, 3, 4', () => {
    // mean 2.5, c0 = 5; lag 1: (−1.5·−.5 + −.5·.5 + .5·1.5) = 1.25 → 0.25
    expect(acf([1, 2, 3, 4], 2)).toEqual([expect.closeTo(0.25, 12), expect.closeTo((-1.5 * 0.5 + -0.5 * 1.5) / 5, 12)]);
  });
});

describe('autoArima', () => {
  it('chooses the airline model for USAccDeaths, as auto.arima does', () => {
    const y = fixtureSeries('us_acc_deaths').values;
    expect(differencingOrders(y)).toEqual({ d: 1, D: 1, s: 12 });
    const { best, tried } = autoArima(y);
    expect(best.order).toEqual({ p: 0, d: 1, q: 1, P: 0, D: 1, Q: 1, s: 12 });
    expect(best.aic).toBeCloseTo(856.88, 1);
    expect(tried.length).toBeGreaterThan(4);
  });
  it('on lh its AIC is within 2 of the best order with p, q ≤ 2', () => {
    const y = fixtureSeries('lh').values;
    const { best } = autoArima(y);
    expect(best.order.d).toBe(0);
    expect(best.includeMean).toBe(true);
    expect(best.aic - exhaustiveArima(y, 0, 0, 1).aic).toBeLessThan(2);
  });
});
