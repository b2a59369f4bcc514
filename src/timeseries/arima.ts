/**
 * ARIMA(p,d,q)(P,D,Q)s fitted as R's `stats::arima` does with method "CSS-ML": conditional sum of squares for the
 * starting values, then the exact Gaussian likelihood (Kalman filter) maximised by BFGS with the AR parts mapped to
 * partial autocorrelations. The series is differenced first; the ARMA likelihood of the differenced series equals
 * R's diffuse-prior likelihood. A mean is estimated only when there is no differencing (R ignores include.mean then).
 */
import { bfgs, invert, numericHessian } from './optimize.js';
import { difference, expandAr, expandMa, fromStationary, isStationary, toStationary } from './polynomial.js';
import { kalmanFilter, stateSpace, type FilterResult } from './kalman.js';

/** The orders of a seasonal ARIMA model. */
export interface ArimaOrder {
  p: number;
  d: number;
  q: number;
  P: number;
  D: number;
  Q: number;
  /** Seasonal period (1 when there is no seasonal part). */
  s: number;
}

/** A fitted model: everything simulation and reporting need. */
export interface ArimaFit {
  order: ArimaOrder;
  ar: number[];
  ma: number[];
  sar: number[];
  sma: number[];
  /** The mean of the (undifferenced) series when estimated, else 0. */
  mean: number;
  includeMean: boolean;
  /** Innovation variance: the concentrated ML estimate Σ v²/F / n_used, as R reports it. */
  sigma2: number;
  logLik: number;
  /** −2 log L + 2k with k = the coefficients (mean included) + 1 for σ². */
  aic: number;
  /** Number of points the likelihood used (n − d − sD less missing ones). */
  nUsed: number;
  /** Coefficient names, values and standard errors (from the numerical Hessian; NaN when it is singular). */
  coef: { name: string; value: number; se: number }[];
  /** Standardised innovations of the differenced series. */
  residuals: number[];
}

/** How the free parameters map to the model. */
interface Layout {
  order: ArimaOrder;
  includeMean: boolean;
  names: string[];
}

function layout(order: ArimaOrder, includeMean: boolean): Layout {
  const names: string[] = [];
  const add = (prefix: string, k: number): void => {
    for (let i = 1; i <= k; i++) names.push(`${prefix}${i}`);
  };
  add('ar', order.p);
  add('ma', order.q);
  add('sar', order.P);
  add('sma', order.Q);
  if (includeMean) names.push('mean');
  return { order, includeMean, names };
}

interface Parts {
  ar: number[];
  ma: number[];
  sar: number[];
  sma: number[];
  mean: number;
}

function split(l: Layout, par: readonly number[], transformed: boolean): Parts {
  const { p, q, P, Q } = l.order;
  let k = 0;
  const take = (n: number): number[] => par.slice(k, (k += n));
  const ar = take(p);
  const ma = take(q);
  const sar = take(P);
  const sma = take(Q);
  const mean = l.includeMean ? par[k]! : 0;
  return transformed ? { ar: toStationary(ar), ma, sar: toStationary(sar), sma, mean } : { ar, ma, sar, sma, mean };
}

function join(l: Layout, c: Parts, transform: boolean): number[] | null {
  const ar = transform ? fromStationary(c.ar) : c.ar;
  const sar = transform ? fromStationary(c.sar) : c.sar;
  if (!ar || !sar) return null;
  return [...ar, ...c.ma, ...sar, ...c.sma, ...(l.includeMean ? [c.mean] : [])];
}

function filterParts(l: Layout, c: Parts, w: readonly number[]): FilterResult {
  const s = l.order.s;
  const ss = stateSpace(expandAr(c.ar, c.sar, s), expandMa(c.ma, c.sma, s));
  return kalmanFilter(
    ss,
    w.map((v) => v - c.mean),
  );
}

/** 0.5 (log σ̂² + Σ log F / n): minus the concentrated log-likelihood per point, up to constants (R's armafn). */
function exactObjective(l: Layout, c: Parts, w: readonly number[]): number {
  if (!isStationary(expandAr(c.ar, c.sar, l.order.s))) return Infinity;
  try {
    const f = filterParts(l, c, w);
    const s2 = f.ssq / f.nu;
    return 0.5 * (Math.log(s2) + f.sumLog / f.nu);
  } catch {
    return Infinity;
  }
}

/** 0.5 log(conditional sum of squares / n): R's armaCSS, conditioning on the first p + sP points. */
function cssObjective(l: Layout, c: Parts, w: readonly number[]): number {
  const s = l.order.s;
  const phi = expandAr(c.ar, c.sar, s);
  const theta = expandMa(c.ma, c.sma, s);
  const x = w.map((v) => v - c.mean);
  const e = new Array<number>(x.length).fill(0);
  let ssq = 0;
  let nu = 0;
  for (let t = phi.length; t < x.length; t++) {
    if (Number.isNaN(x[t])) continue;
    let v = x[t]!;
    for (let j = 0; j < phi.length; j++) v -= phi[j]! * x[t - j - 1]!;
    for (let j = 0; j < theta.length && j < t; j++) v -= theta[j]! * e[t - j - 1]!;
    e[t] = Number.isNaN(v) ? 0 : v;
    if (Number.isNaN(v)) continue;
    ssq += v * v;
    nu++;
  }
  return nu > 0 && Number.isFinite(ssq) ? 0.5 * Math.log(ssq / nu) : Infinity;
}

function observedMean(w: readonly number[]): number {
  const obs = w.filter((v) => !Number.isNaN(v));
  return obs.reduce((a, b) => a + b, 0) / Math.max(obs.length, 1);
}

/** CSS estimates (untransformed), or zeros when CSS lands on a non-stationary AR part. */
function cssStart(l: Layout, w: readonly number[]): number[] {
  const zero = new Array<number>(l.names.length).fill(0);
  if (l.includeMean) zero[zero.length - 1] = observedMean(w);
  const fit = bfgs((par) => cssObjective(l, split(l, par, false), w), zero, 1e-8, 100);
  const c = split(l, fit.x, false);
  const bounded = [...c.ma, ...c.sma].every((v) => Math.abs(v) < 1);
  return Number.isFinite(fit.value) && bounded && join(l, c, true) ? fit.x : zero;
}

/** Fits ARIMA(order) to y (NaN = missing) by CSS-ML. `includeMean` is honoured only when d + D = 0. */
export function fitArima(y: readonly number[], order: ArimaOrder, includeMean = true): ArimaFit {
  const s = order.P + order.D + order.Q > 0 ? order.s : 1;
  const ord = { ...order, s, ...(s === 1 ? { P: 0, D: 0, Q: 0 } : {}) };
  const w = difference(y, ord.d, ord.D, s);
  const l = layout(ord, includeMean && ord.d + ord.D === 0);
  if (w.filter((v) => !Number.isNaN(v)).length <= l.names.length + 1)
    throw new RangeError(`fitArima: too few points for ARIMA with ${l.names.length} coefficients`);
  const start = cssStart(l, w);
  const startT = join(l, split(l, start, false), true) ?? new Array<number>(start.length).fill(0);
  const ml = bfgs((par) => exactObjective(l, split(l, par, true), w), startT);
  const parts = split(l, ml.x, true);
  const f = filterParts(l, parts, w);
  const sigma2 = f.ssq / f.nu;
  const logLik = -0.5 * (f.nu * Math.log(2 * Math.PI * sigma2) + f.sumLog + f.nu);
  const values = join(l, parts, false) ?? [];
  const hess = numericHessian((par) => exactObjective(l, split(l, par, false), w), values);
  const cov = invert(hess.map((row) => row.map((v) => v * f.nu)));
  const coef = l.names.map((name, i) => {
    const v = cov ? cov[i]![i]! : NaN;
    return { name, value: values[i]!, se: v > 0 ? Math.sqrt(v) : NaN };
  });
  return {
    order: ord,
    ...parts,
    includeMean: l.includeMean,
    sigma2,
    logLik,
    aic: -2 * logLik + 2 * (l.names.length + 1),
    nUsed: f.nu,
    coef,
    residuals: f.residuals,
  };
}

/** The expanded ARMA polynomials of a fit (φ of length p + sP, θ of length q + sQ). */
export function armaPolynomials(fit: ArimaFit): { phi: number[]; theta: number[] } {
  const s = fit.order.s;
  return { phi: expandAr(fit.ar, fit.sar, s), theta: expandMa(fit.ma, fit.sma, s) };
}
