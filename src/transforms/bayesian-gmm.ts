/**
 * A one-dimensional variational Bayesian Gaussian mixture with a Dirichlet-process (stick-breaking) prior on the
 * weights: the model behind CTGAN's mode-specific normalisation (Xu et al. 2019; DESIGN.md §4). It follows
 * scikit-learn's `BayesianGaussianMixture(weight_concentration_prior_type='dirichlet_process')` (Bishop, PRML §10.2;
 * Blei & Jordan 2006): Normal–Wishart priors with mean prior = the data mean, mean precision prior 1, one degree of
 * freedom, covariance prior = the data variance, and a small weight concentration (CTGAN's 0.001), so surplus
 * components get almost no weight and are dropped by the caller. No npm package fits such a mixture, hence this file.
 *
 * The fit runs on the standardised values (the priors are scale-free; only the variance floor is absolute) and is
 * initialised by 1-D k-means from evenly spaced quantiles, so it is deterministic. Plain TypeScript, no tfjs.
 */
import { digamma } from './special-functions.js';

export interface BayesianGmmSpec {
  /** Most components. @default 10 */
  components?: number;
  /** Stick-breaking concentration γ of the Dirichlet process. @default 0.001 */
  weightConcentration?: number;
  /** Most variational EM iterations. @default 100 */
  maxIter?: number;
  /** Stop when the summed log-evidence moves less than this (as scikit-learn's lower bound). @default 1e-3 */
  tol?: number;
}

/** The variational posterior, in the data's own units. */
export interface BayesianGmm {
  /** Expected mixture weights (stick-breaking means), summing to 1. */
  weights: number[];
  means: number[];
  /** Standard deviations (square roots of the posterior covariance estimates). */
  stds: number[];
  /** For `responsibilities`: the expected log weights and the Wishart terms, per component. */
  logWeights: number[];
  precisions: number[];
  /** Mean precision and degrees of freedom of the posterior (the posterior predictive's correction terms). */
  meanPrecision: number[];
  dof: number[];
}

const REG_COVAR = 1e-6;
const LOG_2PI = Math.log(2 * Math.PI);

/** The number of distinct values, counted up to `cap`. */
function distinctUpTo(values: ArrayLike<number>, cap: number): number {
  const seen = new Set<number>();
  for (let i = 0; i < values.length && seen.size < cap; i++) seen.add(values[i]!);
  return seen.size;
}

/** 1-D k-means from evenly spaced quantiles (deterministic), as labels. */
function kmeansLabels(x: Float64Array, k: number): Int32Array {
  const sorted = Float64Array.from(x).sort();
  const c = Array.from(
    { length: k },
    (_, j) => sorted[Math.min(x.length - 1, Math.floor(((j + 0.5) * x.length) / k))]!,
  );
  const labels = new Int32Array(x.length);
  for (let it = 0; it < 50; it++) {
    let moved = false;
    for (let i = 0; i < x.length; i++) {
      let best = 0;
      for (let j = 1; j < k; j++) if (Math.abs(x[i]! - c[j]!) < Math.abs(x[i]! - c[best]!)) best = j;
      if (labels[i] !== best) moved = true;
      labels[i] = best;
    }
    const sum = new Float64Array(k);
    const cnt = new Float64Array(k);
    for (let i = 0; i < x.length; i++) {
      sum[labels[i]!]! += x[i]!;
      cnt[labels[i]!]! += 1;
    }
    for (let j = 0; j < k; j++) if (cnt[j]! > 0) c[j] = sum[j]! / cnt[j]!;
    if (!moved && it > 0) break;
  }
  return labels;
}

interface Posterior {
  beta1: number[];
  beta2: number[];
  means: number[];
  meanPrecision: number[];
  dof: number[];
  /** Covariance estimates (the Wishart scale over the degrees of freedom). */
  cov: number[];
}

/** The M step: the variational posterior from responsibilities `resp` (n × k, row-major). */
function mStep(z: Float64Array, resp: Float64Array, k: number, gamma: number): Posterior {
  const n = z.length;
  // priors on standardised data: mean 0, variance 1 (the sample's, biased as scikit-learn's np.cov… ≈ 1)
  const meanPrior = 0;
  const covPrior = 1;
  const mpp = 1;
  const dofPrior = 1;
  const nk = new Float64Array(k);
  const xk = new Float64Array(k);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < k; j++) {
      const r = resp[i * k + j]!;
      nk[j] = nk[j]! + r;
      xk[j] = xk[j]! + r * z[i]!;
    }
  for (let j = 0; j < k; j++) {
    nk[j] = nk[j]! + 10 * Number.EPSILON;
    xk[j] = xk[j]! / nk[j]!;
  }
  const sk = new Float64Array(k);
  for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) sk[j] = sk[j]! + resp[i * k + j]! * (z[i]! - xk[j]!) ** 2;
  const post: Posterior = { beta1: [], beta2: [], means: [], meanPrecision: [], dof: [], cov: [] };
  let tail = nk.reduce((a, b) => a + b, 0);
  for (let j = 0; j < k; j++) {
    tail -= nk[j]!;
    post.beta1.push(1 + nk[j]!);
    post.beta2.push(gamma + Math.max(0, tail));
    const s = sk[j]! / nk[j]! + REG_COVAR;
    const mp = mpp + nk[j]!;
    post.meanPrecision.push(mp);
    post.means.push((mpp * meanPrior + nk[j]! * xk[j]!) / mp);
    const dof = dofPrior + nk[j]!;
    post.dof.push(dof);
    post.cov.push((covPrior + nk[j]! * s + ((nk[j]! * mpp) / mp) * (xk[j]! - meanPrior) ** 2) / dof);
  }
  return post;
}

/** Expected log stick-breaking weights E[log π_k]. */
function expectedLogWeights(p: Posterior): number[] {
  let acc = 0;
  return p.beta1.map((b1, j) => {
    const ds = digamma(b1 + p.beta2[j]!);
    const v = digamma(b1) - ds + acc;
    acc += digamma(p.beta2[j]!) - ds;
    return v;
  });
}

/** log ρ_ik = E[log π_k] + E[log N(z_i | μ_k, Λ_k⁻¹)] (PRML eq. 10.46 with the stick-breaking weights). */
function logRho(
  zi: number,
  logW: readonly number[],
  g: Pick<BayesianGmm, 'means' | 'precisions' | 'meanPrecision' | 'dof'>,
  j: number,
): number {
  const prec = g.precisions[j]!;
  const dof = g.dof[j]!;
  const logGauss = -0.5 * (LOG_2PI + (zi - g.means[j]!) ** 2 * prec) + 0.5 * Math.log(prec) - 0.5 * Math.log(dof);
  const logLambda = Math.log(2) + digamma(0.5 * dof);
  return logW[j]! + logGauss + 0.5 * (logLambda - 1 / g.meanPrecision[j]!);
}

/** E step: responsibilities into `resp`; returns the mean log-normaliser (the convergence measure). */
function eStep(z: Float64Array, post: Posterior, resp: Float64Array): number {
  const k = post.means.length;
  const logW = expectedLogWeights(post);
  const g = {
    means: post.means,
    precisions: post.cov.map((c) => 1 / c),
    meanPrecision: post.meanPrecision,
    dof: post.dof,
  };
  let total = 0;
  const row = new Float64Array(k);
  for (let i = 0; i < z.length; i++) {
    let max = -Infinity;
    for (let j = 0; j < k; j++) {
      row[j] = logRho(z[i]!, logW, g, j);
      max = Math.max(max, row[j]!);
    }
    let s = 0;
    for (let j = 0; j < k; j++) s += Math.exp(row[j]! - max);
    const lse = max + Math.log(s);
    total += lse;
    for (let j = 0; j < k; j++) resp[i * k + j] = Math.exp(row[j]! - lse);
  }
  return total / z.length;
}

/** Fits the mixture to `values` (at least one value); see the file comment. */
export function fitBayesianGmm(values: ArrayLike<number>, spec: BayesianGmmSpec = {}): BayesianGmm {
  const n = values.length;
  // no more components than distinct values: duplicates would start on one point and share it evenly, and the
  // weight prior prunes such twins only after many more iterations than the cap
  const k = Math.max(1, Math.min(spec.components ?? 10, distinctUpTo(values, spec.components ?? 10)));
  const gamma = spec.weightConcentration ?? 1e-3;
  let m = 0;
  for (let i = 0; i < n; i++) m += values[i]!;
  m /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (values[i]! - m) ** 2;
  const s = Math.sqrt(ss / n) || 1;
  const z = Float64Array.from({ length: n }, (_, i) => (values[i]! - m) / s);
  const resp = new Float64Array(n * k);
  kmeansLabels(z, k).forEach((l, i) => (resp[i * k + l] = 1));
  let post = mStep(z, resp, k, gamma);
  let last = -Infinity;
  for (let it = 0; it < (spec.maxIter ?? 100); it++) {
    const ll = eStep(z, post, resp);
    post = mStep(z, resp, k, gamma);
    if (Math.abs(ll - last) * n < (spec.tol ?? 1e-3)) break;
    last = ll;
  }
  return toDataUnits(post, m, s);
}

/** The posterior in the data's units: z = (x − m)/s, so μ → m + sμ, σ → sσ, and precisions scale by 1/s². */
function toDataUnits(post: Posterior, m: number, s: number): BayesianGmm {
  const stick = post.beta1.map((b1, j) => b1 / (b1 + post.beta2[j]!));
  let rest = 1;
  const w = stick.map((v) => {
    const x = v * rest;
    rest *= 1 - v;
    return x;
  });
  const total = w.reduce((a, b) => a + b, 0);
  return {
    weights: w.map((x) => x / total),
    means: post.means.map((mu) => m + s * mu),
    stds: post.cov.map((c) => s * Math.sqrt(c)),
    logWeights: expectedLogWeights(post),
    precisions: post.cov.map((c) => 1 / (c * s * s)),
    meanPrecision: [...post.meanPrecision],
    dof: [...post.dof],
  };
}

/**
 * The posterior over components of one value x (data units), restricted to the components in `keep`, in that
 * order. The density's Jacobian (1/s) is common to all components and cancels in the normalisation.
 */
export function responsibilities(g: BayesianGmm, x: number, keep: readonly number[]): number[] {
  const logs = keep.map((j) => logRho(x, g.logWeights, g, j));
  const max = Math.max(...logs);
  const e = logs.map((l) => Math.exp(l - max));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}
