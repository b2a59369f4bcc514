/**
 * Exact Gaussian likelihood of an ARMA process by the Kalman filter on its state-space form (Harvey 1989; Gardner,
 * Harvey & Phillips 1980, the form R's `arima` uses): state length r = max(p, q + 1), transition T with φ in the
 * first column and an identity above the diagonal, disturbance loading R = (1, θ_1 … θ_{r−1}), observation the first
 * state. The innovation variance σ² is concentrated out, so the filter runs with σ² = 1.
 */

/** The ARMA's state-space system. */
export interface StateSpace {
  r: number;
  /** φ padded to r. */
  phi: number[];
  /** (1, θ_1, …) padded to r. */
  loading: number[];
  /** Stationary state covariance (σ² = 1), r × r row-major. */
  p0: Float64Array;
}

/** What the filter returns: the sums of the concentrated likelihood and the end state. */
export interface FilterResult {
  /** Σ v_t² / F_t over the observed points. */
  ssq: number;
  /** Σ log F_t. */
  sumLog: number;
  /** Number of observed points. */
  nu: number;
  /** Standardised innovations v_t / √F_t (NaN where the point is missing). */
  residuals: number[];
  /** Filtered state at the last point, a_{n|n}. */
  state: number[];
  /** Its covariance (σ² = 1), row-major. */
  stateCov: Float64Array;
}

function matMul(a: Float64Array, b: Float64Array, r: number): Float64Array {
  const out = new Float64Array(r * r);
  for (let i = 0; i < r; i++)
    for (let k = 0; k < r; k++) {
      const v = a[i * r + k]!;
      if (v === 0) continue;
      for (let j = 0; j < r; j++) out[i * r + j]! += v * b[k * r + j]!;
    }
  return out;
}

function transpose(a: Float64Array, r: number): Float64Array {
  const out = new Float64Array(r * r);
  for (let i = 0; i < r; i++) for (let j = 0; j < r; j++) out[j * r + i] = a[i * r + j]!;
  return out;
}

/** P = T P T' + R R' by the doubling algorithm: quadratic convergence, exact after log2 r steps for a pure MA. */
function stationaryCovariance(phi: number[], loading: number[], r: number): Float64Array {
  let a: Float64Array = new Float64Array(r * r);
  for (let i = 0; i < r; i++) {
    a[i * r] = phi[i]!;
    if (i + 1 < r) a[i * r + i + 1] = 1;
  }
  const p = new Float64Array(r * r);
  for (let i = 0; i < r; i++) for (let j = 0; j < r; j++) p[i * r + j] = loading[i]! * loading[j]!;
  for (let it = 0; it < 200; it++) {
    const apa = matMul(matMul(a, p, r), transpose(a, r), r);
    let change = 0;
    let size = 0;
    for (let k = 0; k < r * r; k++) {
      p[k]! += apa[k]!;
      change = Math.max(change, Math.abs(apa[k]!));
      size = Math.max(size, Math.abs(p[k]!));
    }
    if (change <= 1e-13 * size) break;
    a = matMul(a, a, r);
  }
  return p;
}

/** The state-space form of the ARMA with full (expanded) coefficients φ and θ; null when φ is not stationary. */
export function stateSpace(phi: readonly number[], theta: readonly number[]): StateSpace {
  const r = Math.max(phi.length, theta.length + 1, 1);
  const ph = new Array<number>(r).fill(0);
  phi.forEach((v, i) => (ph[i] = v));
  const loading = new Array<number>(r).fill(0);
  loading[0] = 1;
  theta.forEach((v, i) => (loading[i + 1] = v));
  return { r, phi: ph, loading, p0: stationaryCovariance(ph, loading, r) };
}

/** T P T' + R R' for the ARMA transition (O(r²) thanks to its shape). */
function predictCov(ss: StateSpace, p: Float64Array): Float64Array {
  const { r, phi, loading } = ss;
  const m = new Float64Array(r * r); // T P
  for (let i = 0; i < r; i++)
    for (let j = 0; j < r; j++) m[i * r + j] = phi[i]! * p[j]! + (i + 1 < r ? p[(i + 1) * r + j]! : 0);
  const out = new Float64Array(r * r); // (T P) T' + R R'
  for (let i = 0; i < r; i++)
    for (let j = 0; j < r; j++)
      out[i * r + j] = m[i * r]! * phi[j]! + (j + 1 < r ? m[i * r + j + 1]! : 0) + loading[i]! * loading[j]!;
  return out;
}

function predictState(ss: StateSpace, a: number[]): number[] {
  const { r, phi } = ss;
  return a.map((_, i) => phi[i]! * a[0]! + (i + 1 < r ? a[i + 1]! : 0));
}

/** Runs the filter over x (the zero-mean differenced series; NaN = missing), from the stationary start. */
export function kalmanFilter(ss: StateSpace, x: readonly number[]): FilterResult {
  const { r, loading } = ss;
  let a = new Array<number>(r).fill(0);
  let p = ss.p0;
  let ssq = 0;
  let sumLog = 0;
  let nu = 0;
  let steady = false; // once P_{t|t−1} = R R' the gain is R and F = 1 (Gardner et al.'s fast recursions)
  const residuals: number[] = [];
  let filtered = a;
  let filteredCov = p;
  for (let t = 0; t < x.length; t++) {
    if (Number.isNaN(x[t])) {
      residuals.push(NaN);
      filtered = a;
      filteredCov = p;
    } else if (steady) {
      const v = x[t]! - a[0]!;
      ssq += v * v;
      nu++;
      residuals.push(v);
      filtered = a.map((ai, i) => ai + loading[i]! * v);
    } else {
      const f = p[0]!;
      if (!(f > 0)) throw new RangeError('kalmanFilter: non-positive prediction variance');
      const v = x[t]! - a[0]!;
      ssq += (v * v) / f;
      sumLog += Math.log(f);
      nu++;
      residuals.push(v / Math.sqrt(f));
      filtered = a.map((ai, i) => ai + (p[i * r]! / f) * v);
      const pf = new Float64Array(r * r);
      for (let i = 0; i < r; i++) for (let j = 0; j < r; j++) pf[i * r + j] = p[i * r + j]! - (p[i * r]! * p[j]!) / f;
      filteredCov = pf;
    }
    a = predictState(ss, filtered);
    if (!steady) {
      p = predictCov(ss, filteredCov);
      let dev = 0;
      for (let i = 0; i < r; i++)
        for (let j = 0; j < r; j++) dev = Math.max(dev, Math.abs(p[i * r + j]! - loading[i]! * loading[j]!));
      steady = dev < 1e-10 && !x.slice(t + 1).some(Number.isNaN);
    }
  }
  return {
    ssq,
    sumLog,
    nu,
    residuals,
    state: filtered,
    stateCov: steady ? new Float64Array(r * r) : filteredCov,
  };
}
