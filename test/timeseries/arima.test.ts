import { describe, expect, it } from 'vitest';
import { fitArima } from '../../src/timeseries/arima.js';
import { fixtureSeries } from './series.js';

const coef = (fit: ReturnType<typeof fitArima>, name: string): number => {
  const c = fit.coef.find((x) => x.name === name);
  if (!c) throw new Error(`no coefficient ${name}`);
  return c.value;
};

describe('fitArima reproduces R 4.2 stats::arima (DESIGN.md §9)', () => {
  it('us_acc_deaths (0,1,1)(0,1,1)12', () => {
    const fit = fitArima(fixtureSeries('us_acc_deaths').values, { p: 0, d: 1, q: 1, P: 0, D: 1, Q: 1, s: 12 });
    expect(Math.abs(coef(fit, 'ma1') - -0.4303)).toBeLessThan(0.01);
    expect(Math.abs(coef(fit, 'sma1') - -0.5528)).toBeLessThan(0.01);
    expect(Math.abs(fit.sigma2 - 99347) / 99347).toBeLessThan(0.01);
    expect(Math.abs(fit.logLik - -425.44)).toBeLessThan(0.5);
    expect(Math.abs(fit.aic - 856.88)).toBeLessThan(1);
    expect(fit.nUsed).toBe(72 - 13);
    expect(fit.includeMean).toBe(false); // differenced: no mean, as R
    // R's standard errors: 0.1228 and 0.1784
    expect(fit.coef.map((c) => c.se)).toEqual([expect.closeTo(0.1228, 2), expect.closeTo(0.1784, 2)]);
  });

  it('lh (1,0,0) with mean', () => {
    const fit = fitArima(fixtureSeries('lh').values, { p: 1, d: 0, q: 0, P: 0, D: 0, Q: 0, s: 1 });
    expect(Math.abs(coef(fit, 'ar1') - 0.5739)).toBeLessThan(0.01);
    expect(Math.abs(coef(fit, 'mean') - 2.4133)).toBeLessThan(0.01);
    expect(Math.abs(fit.sigma2 - 0.1975)).toBeLessThan(0.002);
    expect(Math.abs(fit.logLik - -29.38)).toBeLessThan(0.5);
    expect(Math.abs(fit.aic - 64.76)).toBeLessThan(1);
    expect(fit.coef.map((c) => c.se)).toEqual([expect.closeTo(0.1161, 2), expect.closeTo(0.1466, 2)]);
  });

  it('the AIC counts σ² and the mean: (0,0,0) with mean on lh has k = 2', () => {
    const fit = fitArima(fixtureSeries('lh').values, { p: 0, d: 0, q: 0, P: 0, D: 0, Q: 0, s: 1 });
    expect(fit.aic).toBeCloseTo(-2 * fit.logLik + 4, 10);
    const values = fixtureSeries('lh').values;
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    expect(coef(fit, 'mean')).toBeCloseTo(mean, 4);
    // white noise: σ² is the ML variance Σ(x − x̄)²/n
    expect(fit.sigma2).toBeCloseTo(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length, 4);
  });
});
