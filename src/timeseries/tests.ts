/**
 * The tests that choose the differencing orders, as forecast's auto.arima does: KPSS (level stationarity, the
 * Newey–West lag trunc(3√n/13) of ndiffs, 5% critical value 0.463) for d, and the seasonal strength of a
 * decomposition for D (D = 1 when F_s > 0.64, nsdiffs' default rule; a classical moving-average decomposition stands
 * in for STL). The seasonal period, when not given by the frequency, is the highest local maximum of the ACF.
 */
import { difference } from './polynomial.js';

const mean = (x: readonly number[]): number => x.reduce((a, b) => a + b, 0) / x.length;
const variance = (x: readonly number[]): number => {
  const m = mean(x);
  return x.reduce((a, b) => a + (b - m) ** 2, 0) / (x.length - 1);
};

/** KPSS statistic for level stationarity (large = a unit root). */
export function kpssStatistic(x: readonly number[], lags = Math.trunc((3 * Math.sqrt(x.length)) / 13)): number {
  const n = x.length;
  const m = mean(x);
  const e = x.map((v) => v - m);
  let s = 0;
  let eta = 0;
  for (const v of e) {
    s += v;
    eta += s * s;
  }
  let lrv = e.reduce((a, v) => a + v * v, 0) / n;
  for (let l = 1; l <= lags; l++) {
    let c = 0;
    for (let t = l; t < n; t++) c += e[t]! * e[t - l]!;
    lrv += (2 * (1 - l / (lags + 1)) * c) / n;
  }
  return eta / (n * n * lrv);
}

/** Number of first differences (0–2) after which KPSS no longer rejects at 5%. */
export function chooseD(x: readonly number[], maxD = 2): number {
  let w = x.filter((v) => !Number.isNaN(v));
  for (let d = 0; d < maxD; d++) {
    if (w.length < 5 || variance(w) < 1e-12 || kpssStatistic(w) <= 0.463) return d;
    w = difference(w, 1, 0, 1);
  }
  return maxD;
}

/** Seasonal strength max(0, 1 − var(R) / var(S + R)) of a classical decomposition with period s. */
export function seasonalStrength(x: readonly number[], s: number): number {
  const n = x.length;
  if (s < 2 || n < 2 * s + 1) return 0;
  const half = Math.floor(s / 2);
  const detrended: number[] = new Array<number>(n).fill(NaN);
  for (let t = half; t < n - half; t++) {
    // centred moving average of order s (2 × s when s is even)
    let sum = 0;
    for (let k = -half; k <= half; k++) sum += x[t + k]! * (s % 2 === 0 && Math.abs(k) === half ? 0.5 : 1);
    detrended[t] = x[t]! - sum / s;
  }
  const profile = Array.from({ length: s }, (_, j) => {
    const vals = detrended.filter((v, t) => t % s === j && !Number.isNaN(v));
    return vals.length ? mean(vals) : 0;
  });
  const centre = mean(profile);
  const sr: number[] = [];
  const rem: number[] = [];
  detrended.forEach((v, t) => {
    if (Number.isNaN(v)) return;
    sr.push(v);
    rem.push(v - (profile[t % s]! - centre));
  });
  const vsr = variance(sr);
  return vsr > 0 ? Math.max(0, 1 - variance(rem) / vsr) : 0;
}

/** D: 1 when the seasonal strength exceeds 0.64 (and two full periods exist), else 0. */
export function chooseSeasonalD(x: readonly number[], s: number): number {
  return s > 1 && x.length >= 2 * s && seasonalStrength(x, s) > 0.64 ? 1 : 0;
}

/** Sample autocorrelations ρ(1 … maxLag) (missing points skipped pairwise, normalised by the full variance). */
export function acf(x: readonly number[], maxLag: number): number[] {
  const obs = x.filter((v) => !Number.isNaN(v));
  const m = mean(obs);
  const c0 = obs.reduce((a, v) => a + (v - m) ** 2, 0);
  const out: number[] = [];
  for (let l = 1; l <= maxLag; l++) {
    let c = 0;
    for (let t = l; t < x.length; t++)
      if (!Number.isNaN(x[t]) && !Number.isNaN(x[t - l])) c += (x[t]! - m) * (x[t - l]! - m);
    out.push(c0 > 0 ? c / c0 : 0);
  }
  return out;
}

/** The seasonal period from the ACF of the (detrended by one difference) series, or 1 when no peak stands out. */
export function periodFromAcf(x: readonly number[], maxPeriod = Math.floor(x.length / 3)): number {
  const w = difference(x, 1, 0, 1);
  const rho = acf(w, Math.max(2, maxPeriod + 1));
  const threshold = Math.max(0.3, 2 / Math.sqrt(w.length));
  let best = 1;
  for (let l = 2; l <= maxPeriod; l++) {
    const v = rho[l - 1]!;
    if (v > rho[l - 2]! && v >= rho[l]! && v > threshold && (best === 1 || v > rho[best - 1]!)) best = l;
  }
  return best;
}
