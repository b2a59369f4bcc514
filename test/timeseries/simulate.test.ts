import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng.js';
import { fitArima, type ArimaFit, type ArimaOrder } from '../../src/timeseries/arima.js';
import { stateSpace } from '../../src/timeseries/kalman.js';
import { continueSeries, fanChart, simulateSeries } from '../../src/timeseries/simulate.js';
import { fixtureSeries } from './series.js';

const airline: ArimaOrder = { p: 0, d: 1, q: 1, P: 0, D: 1, Q: 1, s: 12 };

/** A model with given coefficients (no data behind it) to simulate from. */
function model(order: ArimaOrder, c: Partial<ArimaFit>): ArimaFit {
  return {
    order,
    ar: [],
    ma: [],
    sar: [],
    sma: [],
    mean: 0,
    includeMean: false,
    sigma2: 1,
    logLik: 0,
    aic: 0,
    nUsed: 0,
    coef: [],
    residuals: [],
    ...c,
  };
}

describe('state space', () => {
  it('stationary covariance of an AR(1) is 1 / (1 − φ²) and of an MA(1) is [[1+θ², θ],[θ, θ²]]', () => {
    expect(stateSpace([0.8], []).p0[0]).toBeCloseTo(1 / (1 - 0.64), 10);
    expect(Array.from(stateSpace([], [0.5]).p0)).toEqual([1.25, 0.5, 0.5, 0.25].map((v) => expect.closeTo(v, 12)));
  });
});

describe('simulation', () => {
  it('is reproducible for a seed and differs between seeds', () => {
    const y = fixtureSeries('us_acc_deaths').values;
    const fit = fitArima(y, airline);
    const a = simulateSeries(fit, y, 30, new Rng(3));
    expect(simulateSeries(fit, y, 30, new Rng(3))).toEqual(a);
    expect(simulateSeries(fit, y, 30, new Rng(4))).not.toEqual(a);
    expect(a).toHaveLength(30);
  });

  it('continuations average to R’s forecast of USAccDeaths and spread as its prediction error', () => {
    const y = fixtureSeries('us_acc_deaths').values;
    const fit = fitArima(y, airline);
    const fan = fanChart(fit, y, 6, 3000, new Rng(11));
    // predict(arima(USAccDeaths, c(0,1,1), list(order = c(0,1,1))), 6)$pred
    const r = [8336.06, 7531.83, 8314.64, 8616.87, 9488.92, 9859.76];
    fan.mean.forEach((m, h) => expect(Math.abs(m - r[h]!)).toBeLessThan(40));
    const halfWidth = (fan.quantiles[0]![4]! - fan.quantiles[0]![0]!) / 2; // 90% interval at one step ahead
    expect(halfWidth / (1.645 * Math.sqrt(fit.sigma2))).toBeGreaterThan(0.9);
    expect(halfWidth / (1.645 * Math.sqrt(fit.sigma2))).toBeLessThan(1.1);
    expect(continueSeries(fit, y, 4, new Rng(1))).toHaveLength(4);
  });

  it('simulate → refit recovers ARMA(1,1) with mean within 3 standard errors on 4000 points', () => {
    const order: ArimaOrder = { p: 1, d: 0, q: 1, P: 0, D: 0, Q: 0, s: 1 };
    const truth = model(order, { ar: [0.6], ma: [-0.3], mean: 5, includeMean: true, sigma2: 2 });
    const y = simulateSeries(truth, [], 4000, new Rng(7));
    const fit = fitArima(y, order);
    const want: Record<string, number> = { ar1: 0.6, ma1: -0.3, mean: 5 };
    for (const c of fit.coef) expect(Math.abs(c.value - want[c.name]!) / c.se).toBeLessThan(3);
    expect(Math.abs(fit.sigma2 - 2)).toBeLessThan(3 * 2 * Math.sqrt(2 / 4000));
  });

  it('simulate → refit recovers a seasonal airline model within 3 standard errors', () => {
    const truth = model(airline, { ma: [-0.4], sma: [-0.6], sigma2: 1 });
    const start = Array.from({ length: 13 }, (_, t) => 100 + 10 * Math.sin((2 * Math.PI * t) / 12));
    const y = [...start, ...simulateSeries(truth, start, 1500, new Rng(5))];
    const fit = fitArima(y, airline);
    const want: Record<string, number> = { ma1: -0.4, sma1: -0.6 };
    for (const c of fit.coef) expect(Math.abs(c.value - want[c.name]!) / c.se).toBeLessThan(3);
  });
});
