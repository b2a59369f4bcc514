/**
 * Synthesis from a fitted ARIMA: the ARMA state is drawn (from its stationary law for a new series, from the Kalman
 * filter's end state for a continuation), run forward with fresh Gaussian innovations of variance σ², and the
 * differencing is undone from d + sD starting values of the real series.
 */
import type { Rng } from '../core/rng.js';
import { armaPolynomials, type ArimaFit } from './arima.js';
import { kalmanFilter, stateSpace, type StateSpace } from './kalman.js';
import { difference, differencingPolynomial } from './polynomial.js';

/** Lower-triangular L with L Lᵀ = A for a positive semi-definite A (zero columns where a pivot vanishes). */
function choleskyPsd(a: Float64Array, r: number): Float64Array {
  const l = new Float64Array(r * r);
  const scale = Math.max(1e-300, ...Array.from({ length: r }, (_, i) => Math.abs(a[i * r + i]!)));
  for (let j = 0; j < r; j++) {
    let d = a[j * r + j]!;
    for (let k = 0; k < j; k++) d -= l[j * r + k]! ** 2;
    if (d <= 1e-12 * scale) continue;
    const root = Math.sqrt(d);
    l[j * r + j] = root;
    for (let i = j + 1; i < r; i++) {
      let v = a[i * r + j]!;
      for (let k = 0; k < j; k++) v -= l[i * r + k]! * l[j * r + k]!;
      l[i * r + j] = v / root;
    }
  }
  return l;
}

/** mean + σ L z for standard normal z. */
function drawState(mean: readonly number[], cov: Float64Array, sigma: number, rng: Rng): number[] {
  const r = mean.length;
  const l = choleskyPsd(cov, r);
  const z = mean.map(() => rng.normal());
  return mean.map((m, i) => {
    let v = 0;
    for (let k = 0; k <= i; k++) v += l[i * r + k]! * z[k]!;
    return m + sigma * v;
  });
}

/** n steps of the ARMA from state α (the first output is α's successor when `advanceFirst`, else α itself). */
function runArma(ss: StateSpace, alpha: number[], n: number, sigma: number, rng: Rng, advanceFirst: boolean): number[] {
  const { r, phi, loading } = ss;
  let a = alpha;
  const out: number[] = [];
  for (let t = 0; t < n; t++) {
    if (advanceFirst || t > 0) {
      const e = sigma * rng.normal();
      a = a.map((_, i) => phi[i]! * a[0]! + (i + 1 < r ? a[i + 1]! : 0) + loading[i]! * e);
    }
    out.push(a[0]!);
  }
  return out;
}

/** Integrates w onto the history: y_t = w_t + Σ δ_k y_{t−k} (+ the mean when the model has one). */
function integrate(fit: ArimaFit, history: readonly number[], w: readonly number[]): number[] {
  const delta = differencingPolynomial(fit.order.d, fit.order.D, fit.order.s);
  const y = history.slice();
  for (const v of w) {
    const t = y.length;
    y.push(v + fit.mean + delta.reduce((s, c, k) => s + c * y[t - k - 1]!, 0));
  }
  return y.slice(history.length);
}

function systemOf(fit: ArimaFit): StateSpace {
  const { phi, theta } = armaPolynomials(fit);
  return stateSpace(phi, theta);
}

/**
 * A new series of `length` points: the ARMA part starts from its stationary distribution; a differenced model is
 * integrated from the first d + sD values of `y` (those are not part of the output, which follows them in time).
 */
export function simulateSeries(fit: ArimaFit, y: readonly number[], length: number, rng: Rng): number[] {
  const ss = systemOf(fit);
  const sigma = Math.sqrt(fit.sigma2);
  const alpha = drawState(new Array<number>(ss.r).fill(0), ss.p0, sigma, rng);
  const w = runArma(ss, alpha, length, sigma, rng, false);
  const k = fit.order.d + fit.order.D * fit.order.s;
  if (y.length < k || y.slice(0, k).some(Number.isNaN)) throw new RangeError('simulateSeries: too few starting values');
  return integrate(fit, y.slice(0, k), w);
}

/** One path of `horizon` points continuing y (the filter's end state, then fresh innovations). */
export function continueSeries(fit: ArimaFit, y: readonly number[], horizon: number, rng: Rng): number[] {
  const ss = systemOf(fit);
  const sigma = Math.sqrt(fit.sigma2);
  const w = difference(y, fit.order.d, fit.order.D, fit.order.s).map((v) => v - fit.mean);
  const end = kalmanFilter(ss, w);
  const alpha = drawState(end.state, end.stateCov, sigma, rng);
  return integrate(fit, y, runArma(ss, alpha, horizon, sigma, rng, true));
}

/** Fan-chart data: per step ahead, the quantiles (at `probs`) and the mean of `paths` simulated continuations. */
export interface FanChart {
  probs: number[];
  /** quantiles[h][i]: quantile probs[i] at step h + 1. */
  quantiles: number[][];
  mean: number[];
}

/** Type-7 quantile (R's default) of sorted values. */
export function quantileSorted(sorted: readonly number[], prob: number): number {
  const h = (sorted.length - 1) * prob;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

export function fanChart(
  fit: ArimaFit,
  y: readonly number[],
  horizon: number,
  paths: number,
  rng: Rng,
  probs: readonly number[] = [0.05, 0.25, 0.5, 0.75, 0.95],
): FanChart {
  const sims = Array.from({ length: paths }, () => continueSeries(fit, y, horizon, rng));
  const quantiles: number[][] = [];
  const mean: number[] = [];
  for (let h = 0; h < horizon; h++) {
    const col = sims.map((s) => s[h]!).sort((a, b) => a - b);
    quantiles.push(probs.map((p) => quantileSorted(col, p)));
    mean.push(col.reduce((a, b) => a + b, 0) / col.length);
  }
  return { probs: probs.slice(), quantiles, mean };
}
