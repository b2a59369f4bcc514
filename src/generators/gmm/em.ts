/**
 * EM for a Gaussian mixture with full covariances (Bishop, PRML §9.2), k-means++ initialisation (Arthur &
 * Vassilvitskii 2007), BIC = −2 log L + p log n with p = (K − 1) + K·D + K·D(D+1)/2.
 * Data: n × D row-major Float64Array.
 */
import type { Rng } from '../../core/rng.js';

export interface Mixture {
  K: number;
  D: number;
  weights: Float64Array;
  /** K × D */
  means: Float64Array;
  /** K × D × D lower Cholesky factors of the covariances */
  chol: Float64Array;
  logLik: number;
}

/** Lower Cholesky factor of a D × D SPD matrix (row-major); throws if not positive definite. */
export function cholesky(A: Float64Array, D: number): Float64Array {
  const L = new Float64Array(D * D);
  for (let i = 0; i < D; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i * D + j]!;
      for (let k = 0; k < j; k++) s -= L[i * D + k]! * L[j * D + k]!;
      if (i === j) {
        if (!(s > 0)) throw new RangeError('covariance is not positive definite');
        L[i * D + i] = Math.sqrt(s);
      } else L[i * D + j] = s / L[j * D + j]!;
    }
  }
  return L;
}

/**
 * Cholesky of a covariance that may be singular (ridge 0 on one-hot blocks, a component on a few identical rows):
 * on failure adds 1e-10 × (mean diagonal) to the diagonal, ten times more each retry, as sklearn's reg_covar would.
 */
export function choleskyJitter(A: Float64Array, D: number): Float64Array {
  try {
    return cholesky(A, D);
  } catch {
    let scale = 0;
    for (let i = 0; i < D; i++) scale += A[i * D + i]! / D;
    if (!(scale > 0)) scale = 1;
    for (let jitter = 1e-10 * scale; ; jitter *= 10) {
      const B = Float64Array.from(A);
      for (let i = 0; i < D; i++) B[i * D + i]! += jitter;
      try {
        return cholesky(B, D);
      } catch {
        if (jitter > 1e6 * scale) throw new RangeError('covariance is not positive definite, even with a ridge');
      }
    }
  }
}

/** log N(x; μ, LLᵀ) */
export function logNormal(
  x: ArrayLike<number>,
  xo: number,
  mu: Float64Array,
  mo: number,
  L: Float64Array,
  lo: number,
  D: number,
  work: Float64Array,
): number {
  // solve L z = x − μ; log N = −½|z|² − Σ log L_ii − D/2 log 2π
  let quad = 0;
  let logDet = 0;
  for (let i = 0; i < D; i++) {
    let s = x[xo + i]! - mu[mo + i]!;
    for (let k = 0; k < i; k++) s -= L[lo + i * D + k]! * work[k]!;
    const z = s / L[lo + i * D + i]!;
    work[i] = z;
    quad += z * z;
    logDet += Math.log(L[lo + i * D + i]!);
  }
  return -0.5 * quad - logDet - 0.5 * D * Math.log(2 * Math.PI);
}

function kmeansPP(X: Float64Array, n: number, D: number, K: number, rng: Rng): Float64Array {
  const centres = new Float64Array(K * D);
  const first = rng.int(n);
  centres.set(X.subarray(first * D, first * D + D), 0);
  const d2 = new Float64Array(n).fill(Infinity);
  for (let k = 1; k < K; k++) {
    let total = 0;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < D; j++) s += (X[i * D + j]! - centres[(k - 1) * D + j]!) ** 2;
      d2[i] = Math.min(d2[i]!, s);
      total += d2[i]!;
    }
    let r = rng.next() * total;
    let pick = n - 1;
    for (let i = 0; i < n; i++) {
      r -= d2[i]!;
      if (r <= 0) {
        pick = i;
        break;
      }
    }
    centres.set(X.subarray(pick * D, pick * D + D), k * D);
  }
  return centres;
}

/**
 * E step: responsibilities r_ik = π_k N(x_i; μ_k, Σ_k) / Σ_j π_j N(x_i; μ_j, Σ_j) written into `resp` (n × K, may
 * be null), and the mixture log-likelihood Σ_i log Σ_k π_k N(x_i; μ_k, Σ_k) returned (log-sum-exp for stability).
 */
export function eStep(X: Float64Array, n: number, m: Omit<Mixture, 'logLik'>, resp: Float64Array | null): number {
  const { K, D, weights, means, chol } = m;
  const work = new Float64Array(D);
  const row = new Float64Array(K);
  let logLik = 0;
  for (let i = 0; i < n; i++) {
    let mx = -Infinity;
    for (let k = 0; k < K; k++) {
      const v = Math.log(weights[k]!) + logNormal(X, i * D, means, k * D, chol, k * D * D, D, work);
      row[k] = v;
      if (v > mx) mx = v;
    }
    let s = 0;
    for (let k = 0; k < K; k++) s += Math.exp(row[k]! - mx);
    const lse = mx + Math.log(s);
    logLik += lse;
    if (resp) for (let k = 0; k < K; k++) resp[i * K + k] = Math.exp(row[k]! - lse);
  }
  return logLik;
}

/** The log-likelihood of a mixture on n × D rows X. */
export function mixtureLogLik(X: Float64Array, n: number, m: Omit<Mixture, 'logLik'>): number {
  return eStep(X, n, m, null);
}

/**
 * Fits a K-component mixture by EM. Stops after `iterations` M steps, or when the mean log-likelihood per row
 * gains less than `tol` (sklearn's GaussianMixture criterion; its default tol is 1e-3). `ridge` is added to every
 * covariance diagonal (sklearn's reg_covar) so a component never collapses onto a point or a one-hot face.
 * The returned `logLik` is that of the returned parameters.
 */
export function fitMixture(
  X: Float64Array,
  n: number,
  D: number,
  K: number,
  rng: Rng,
  iterations: number,
  ridge: number,
  tol = 1e-4,
): Mixture & { iterations: number } {
  const means = kmeansPP(X, n, D, K, rng);
  const weights = new Float64Array(K).fill(1 / K);
  // start from the global covariance for every component
  const gm = new Float64Array(D);
  for (let i = 0; i < n; i++) for (let j = 0; j < D; j++) gm[j]! += X[i * D + j]! / n;
  const cov = new Float64Array(K * D * D);
  for (let a = 0; a < D; a++) {
    for (let b = 0; b < D; b++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += (X[i * D + a]! - gm[a]!) * (X[i * D + b]! - gm[b]!);
      for (let k = 0; k < K; k++) cov[k * D * D + a * D + b] = s / n + (a === b ? ridge : 0);
    }
  }
  let chol = new Float64Array(K * D * D);
  for (let k = 0; k < K; k++) chol.set(choleskyJitter(cov.subarray(k * D * D, (k + 1) * D * D), D), k * D * D);
  const resp = new Float64Array(n * K);
  const centred = new Float64Array(n * D);
  let logLik = eStep(X, n, { K, D, weights, means, chol }, resp);
  let it = 0;
  while (it < iterations) {
    // M step (Bishop, PRML eqs. 9.24–9.27)
    const next = new Float64Array(K * D * D);
    for (let k = 0; k < K; k++) {
      let nk = 0;
      for (let i = 0; i < n; i++) nk += resp[i * K + k]!;
      nk = Math.max(nk, 1e-10);
      weights[k] = nk / n;
      for (let j = 0; j < D; j++) {
        let s = 0;
        for (let i = 0; i < n; i++) s += resp[i * K + k]! * X[i * D + j]!;
        means[k * D + j] = s / nk;
      }
      // √r_ik (x_i − μ_k), row-major, so the D × D sums below read contiguous rows
      for (let i = 0; i < n; i++) {
        const w = Math.sqrt(resp[i * K + k]!);
        for (let j = 0; j < D; j++) centred[i * D + j] = w * (X[i * D + j]! - means[k * D + j]!);
      }
      const C = next.subarray(k * D * D, (k + 1) * D * D);
      for (let i = 0; i < n; i++) {
        const o = i * D;
        for (let a = 0; a < D; a++) {
          const va = centred[o + a]!;
          if (va === 0) continue;
          for (let b = a; b < D; b++) C[a * D + b]! += va * centred[o + b]!;
        }
      }
      for (let a = 0; a < D; a++) {
        for (let b = a; b < D; b++) {
          const v = C[a * D + b]! / nk + (a === b ? ridge : 0);
          C[a * D + b] = v;
          C[b * D + a] = v;
        }
      }
    }
    chol = new Float64Array(K * D * D);
    for (let k = 0; k < K; k++) chol.set(choleskyJitter(next.subarray(k * D * D, (k + 1) * D * D), D), k * D * D);
    it++;
    // E step with the new parameters: EM never lowers the likelihood (Dempster et al. 1977), so a small gain means converged
    const prev = logLik;
    logLik = eStep(X, n, { K, D, weights, means, chol }, resp);
    if ((logLik - prev) / n < tol) break;
  }
  return { K, D, weights, means, chol, logLik, iterations: it };
}

/** Free parameters of a K-component, D-dimensional full-covariance mixture. */
export function parameterCount(K: number, D: number): number {
  return K - 1 + K * D + (K * D * (D + 1)) / 2;
}

export function bic(m: Mixture, n: number): number {
  return -2 * m.logLik + parameterCount(m.K, m.D) * Math.log(n);
}

/** One draw: pick a component by weight, then μ + L ε. */
export function sampleMixture(m: Mixture, rng: Rng, out: Float64Array): void {
  let r = rng.next();
  let k = 0;
  while (k < m.K - 1 && r >= m.weights[k]!) {
    r -= m.weights[k]!;
    k++;
  }
  const D = m.D;
  const eps = Float64Array.from({ length: D }, () => rng.normal());
  for (let i = 0; i < D; i++) {
    let s = m.means[k * D + i]!;
    for (let j = 0; j <= i; j++) s += m.chol[k * D * D + i * D + j]! * eps[j]!;
    out[i] = s;
  }
}
