/**
 * Univariate marginals for the classic generators (Gaussian copula, distribution fitting): six parametric families
 * fitted by maximum likelihood (or moments where that is the textbook estimator), the smoothed empirical CDF, and the
 * Kolmogorov–Smirnov statistic that picks the best family — the candidates and the KS rule follow SDV/copulas'
 * `select_univariate`. Every distribution is plain parameters (`params`) plus cdf/ppf/pdf closures rebuilt from them,
 * so a fitted model survives JSON.
 */
import {
  betaI,
  digamma,
  gammaP,
  invertCdf,
  logGamma,
  normCdf,
  normInv,
  normPdf,
  trigamma,
} from './special-functions.js';

export type ParametricFamily = 'normal' | 'lognormal' | 'gamma' | 'beta' | 'truncnormal' | 'uniform';
export type Family = ParametricFamily | 'empirical';

/** The candidates of the KS selection, in tie-break order. */
export const PARAMETRIC_FAMILIES: readonly ParametricFamily[] = [
  'normal',
  'lognormal',
  'gamma',
  'beta',
  'truncnormal',
  'uniform',
];

export interface Distribution {
  family: Family;
  /** Plain numbers that define it (see `makeDistribution`); empirical: `xs`/`ps` knots in `knots`. */
  params: Record<string, number>;
  knots?: { xs: number[]; ps: number[] };
  cdf(x: number): number;
  /** Quantile function F⁻¹(p), p ∈ (0, 1). */
  ppf(p: number): number;
}

export interface FitChoice {
  best: Distribution;
  /** KS statistic of the best family. */
  ks: number;
  /** Every family tried, with its KS statistic (null: not applicable to these values, e.g. lognormal of negatives). */
  candidates: { family: ParametricFamily; ks: number | null; params: Record<string, number> | null }[];
}

/** Builds a distribution from its parameters (the inverse of reading `params`). */
export function makeDistribution(family: ParametricFamily, params: Record<string, number>): Distribution {
  const p = (k: string): number => {
    const v = params[k];
    if (v === undefined || !Number.isFinite(v)) throw new RangeError(`${family}: parameter ${k} missing or not finite`);
    return v;
  };
  switch (family) {
    case 'normal': {
      const mu = p('mu');
      const sigma = p('sigma');
      return { family, params, cdf: (x) => normCdf((x - mu) / sigma), ppf: (q) => mu + sigma * normInv(q) };
    }
    case 'lognormal': {
      const mu = p('mu');
      const sigma = p('sigma');
      return {
        family,
        params,
        cdf: (x) => (x <= 0 ? 0 : normCdf((Math.log(x) - mu) / sigma)),
        ppf: (q) => Math.exp(mu + sigma * normInv(q)),
      };
    }
    case 'gamma': {
      const k = p('shape');
      const theta = p('scale');
      const lg = logGamma(k);
      const pdf = (x: number): number => (x <= 0 ? 0 : Math.exp((k - 1) * Math.log(x) - x - lg));
      return {
        family,
        params,
        cdf: (x) => gammaP(k, x / theta),
        // Wilson–Hilferty start, then safeguarded Newton on the standardised variable
        ppf: (q) =>
          theta *
          invertCdf(
            (x) => gammaP(k, x),
            pdf,
            q,
            0,
            Infinity,
            Math.max(1e-12, k * (1 - 1 / (9 * k) + normInv(q) / (3 * Math.sqrt(k))) ** 3),
          ),
      };
    }
    case 'beta': {
      const a = p('a');
      const b = p('b');
      const lo = p('lo');
      const w = p('hi') - lo;
      const lb = logGamma(a) + logGamma(b) - logGamma(a + b);
      const pdf = (y: number): number =>
        y <= 0 || y >= 1 ? 0 : Math.exp((a - 1) * Math.log(y) + (b - 1) * Math.log1p(-y) - lb);
      return {
        family,
        params,
        cdf: (x) => betaI(a, b, (x - lo) / w),
        ppf: (q) => lo + w * invertCdf((y) => betaI(a, b, y), pdf, q, 0, 1, a / (a + b)),
      };
    }
    case 'truncnormal': {
      const mu = p('mu');
      const sigma = p('sigma');
      const lo = p('lo');
      const hi = p('hi');
      const fa = normCdf((lo - mu) / sigma);
      const fb = normCdf((hi - mu) / sigma);
      const z = fb - fa;
      return {
        family,
        params,
        cdf: (x) => (x <= lo ? 0 : x >= hi ? 1 : (normCdf((x - mu) / sigma) - fa) / z),
        ppf: (q) => Math.min(hi, Math.max(lo, mu + sigma * normInv(fa + q * z))),
      };
    }
    case 'uniform': {
      const lo = p('lo');
      const w = p('hi') - lo;
      return { family, params, cdf: (x) => Math.min(1, Math.max(0, (x - lo) / w)), ppf: (q) => lo + q * w };
    }
  }
}

function moments(v: ArrayLike<number>): { mean: number; sd: number; min: number; max: number } {
  let s = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < v.length; i++) {
    const x = v[i]!;
    s += x;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  const mean = s / v.length;
  let ss = 0;
  for (let i = 0; i < v.length; i++) ss += (v[i]! - mean) ** 2;
  return { mean, sd: Math.sqrt(ss / v.length), min, max };
}

/**
 * Fits one family to `values` (at least 2 distinct values). Returns null where the family does not apply
 * (lognormal and gamma need positive values: they are fitted with location 0, as the textbook families).
 * normal, lognormal: MLE. gamma: MLE of the shape by Newton on ln k − ψ(k) = ln x̄ − mean ln x (Minka 2002 start).
 * beta: on [min − r/n, max + r/n] (r = range: the data's extremes are not the support's ends), MLE of (a, b) by
 * Newton from the method-of-moments start. truncnormal: on [min, max] as SDV's TruncatedGaussian, MLE of (μ, σ) by
 * Nelder–Mead. uniform: [min, max].
 */
export function fitFamily(family: ParametricFamily, values: ArrayLike<number>): Distribution | null {
  const n = values.length;
  const m = moments(values);
  if (!(m.sd > 0) || n < 2) return null;
  switch (family) {
    case 'normal':
      return makeDistribution('normal', { mu: m.mean, sigma: m.sd });
    case 'lognormal': {
      if (m.min <= 0) return null;
      const logs = Array.from(values, Math.log);
      const lm = moments(logs);
      return lm.sd > 0 ? makeDistribution('lognormal', { mu: lm.mean, sigma: lm.sd }) : null;
    }
    case 'gamma': {
      if (m.min <= 0) return null;
      let meanLog = 0;
      for (let i = 0; i < n; i++) meanLog += Math.log(values[i]!);
      meanLog /= n;
      const s = Math.log(m.mean) - meanLog;
      if (!(s > 0)) return null;
      let k = (3 - s + Math.sqrt((s - 3) ** 2 + 24 * s)) / (12 * s);
      for (let it = 0; it < 50; it++) {
        const step = (Math.log(k) - digamma(k) - s) / (1 / k - trigamma(k));
        const next = k - step;
        k = next > 0 ? next : k / 2;
        if (Math.abs(step) < 1e-12 * k) break;
      }
      return makeDistribution('gamma', { shape: k, scale: m.mean / k });
    }
    case 'beta':
      return fitBeta(values, m);
    case 'truncnormal':
      return fitTruncNormal(values, m);
    case 'uniform':
      return makeDistribution('uniform', { lo: m.min, hi: m.max });
  }
}

function fitBeta(values: ArrayLike<number>, m: ReturnType<typeof moments>): Distribution | null {
  const n = values.length;
  const pad = (m.max - m.min) / n;
  const lo = m.min - pad;
  const hi = m.max + pad;
  const w = hi - lo;
  const mean = (m.mean - lo) / w;
  const v = (m.sd / w) ** 2;
  const common = (mean * (1 - mean)) / v - 1;
  if (!(common > 0)) return null;
  let a = mean * common;
  let b = (1 - mean) * common;
  let sl = 0;
  let sl1 = 0;
  for (let i = 0; i < n; i++) {
    const y = (values[i]! - lo) / w;
    sl += Math.log(y);
    sl1 += Math.log1p(-y);
  }
  sl /= n;
  sl1 /= n;
  // Newton on the score equations ψ(a) − ψ(a+b) = mean ln y, ψ(b) − ψ(a+b) = mean ln(1−y)
  for (let it = 0; it < 100; it++) {
    const dab = digamma(a + b);
    const g1 = digamma(a) - dab - sl;
    const g2 = digamma(b) - dab - sl1;
    const tab = trigamma(a + b);
    const h11 = trigamma(a) - tab;
    const h22 = trigamma(b) - tab;
    const h12 = -tab;
    const det = h11 * h22 - h12 * h12;
    if (!(det > 0)) break;
    let da = (h22 * g1 - h12 * g2) / det;
    let db = (h11 * g2 - h12 * g1) / det;
    // keep both parameters positive: shrink the step
    let t = 1;
    while ((a - t * da <= 0 || b - t * db <= 0) && t > 1e-6) t /= 2;
    da *= t;
    db *= t;
    a -= da;
    b -= db;
    if (Math.abs(da) < 1e-10 * a && Math.abs(db) < 1e-10 * b) break;
  }
  if (!(a > 0 && b > 0 && Number.isFinite(a) && Number.isFinite(b))) return null;
  return makeDistribution('beta', { a, b, lo, hi });
}

function fitTruncNormal(values: ArrayLike<number>, m: ReturnType<typeof moments>): Distribution {
  const n = values.length;
  const lo = m.min;
  const hi = m.max;
  // negative log-likelihood in (μ, ln σ)
  const nll = (mu: number, ls: number): number => {
    const sigma = Math.exp(ls);
    const z = normCdf((hi - mu) / sigma) - normCdf((lo - mu) / sigma);
    if (!(z > 0)) return Infinity;
    let s = 0;
    for (let i = 0; i < n; i++) s += ((values[i]! - mu) / sigma) ** 2;
    return 0.5 * s + n * ls + n * Math.log(z);
  };
  const [mu, ls] = nelderMead2((x, y) => nll(x, y), [m.mean, Math.log(m.sd)], [m.sd * 0.5, 0.5]);
  return makeDistribution('truncnormal', { mu, sigma: Math.exp(ls), lo, hi });
}

/** Minimal 2-D Nelder–Mead (standard coefficients 1, 2, ½, ½), enough for a smooth two-parameter likelihood. */
function nelderMead2(
  f: (x: number, y: number) => number,
  start: [number, number],
  step: [number, number],
): [number, number] {
  const pts: [number, number, number][] = [
    [start[0], start[1], 0],
    [start[0] + step[0], start[1], 0],
    [start[0], start[1] + step[1], 0],
  ];
  for (const p of pts) p[2] = f(p[0], p[1]);
  for (let it = 0; it < 400; it++) {
    pts.sort((u, v) => u[2] - v[2]);
    const [b, g, w] = pts as [[number, number, number], [number, number, number], [number, number, number]];
    if (Math.abs(w[2] - b[2]) <= 1e-10 * (Math.abs(b[2]) + 1e-10)) break;
    const cx = (b[0] + g[0]) / 2;
    const cy = (b[1] + g[1]) / 2;
    const at = (t: number): [number, number, number] => {
      const x = cx + t * (w[0] - cx);
      const y = cy + t * (w[1] - cy);
      return [x, y, f(x, y)];
    };
    const r = at(-1);
    if (r[2] < b[2]) {
      const e = at(-2);
      pts[2] = e[2] < r[2] ? e : r;
    } else if (r[2] < g[2]) {
      pts[2] = r;
    } else {
      const c = r[2] < w[2] ? at(-0.5) : at(0.5);
      if (c[2] < Math.min(r[2], w[2])) pts[2] = c;
      else {
        for (const p of [g, w]) {
          p[0] = b[0] + 0.5 * (p[0] - b[0]);
          p[1] = b[1] + 0.5 * (p[1] - b[1]);
          p[2] = f(p[0], p[1]);
        }
      }
    }
  }
  pts.sort((u, v) => u[2] - v[2]);
  return [pts[0]![0], pts[0]![1]];
}

/** One-sample KS statistic sup |F_n − F| of `sorted` (ascending) against `cdf`. */
export function ksStatistic(sorted: ArrayLike<number>, cdf: (x: number) => number): number {
  const n = sorted.length;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = cdf(sorted[i]!);
    d = Math.max(d, f - i / n, (i + 1) / n - f);
  }
  return d;
}

/** Fits every family in `families` and keeps the lowest KS statistic (ties: the earlier family). */
export function fitBest(
  values: ArrayLike<number>,
  families: readonly ParametricFamily[] = PARAMETRIC_FAMILIES,
): FitChoice {
  const sorted = Float64Array.from(values).sort();
  const candidates: FitChoice['candidates'] = [];
  let best: Distribution | null = null;
  let bestKs = Infinity;
  for (const family of families) {
    const d = fitFamily(family, sorted);
    const ks = d ? ksStatistic(sorted, d.cdf) : null;
    candidates.push({ family, ks, params: d ? d.params : null });
    if (d && ks !== null && ks < bestKs) {
      best = d;
      bestKs = ks;
    }
  }
  if (!best) throw new RangeError('fitBest: no family applies (fewer than two distinct values?)');
  return { best, ks: bestKs, candidates };
}

/**
 * The smoothed empirical distribution (SDV's "empirical"/copulas' interpolated ECDF): each distinct value sits at
 * its mid-rank position (mean rank)/(n+1), and the CDF and quantile function interpolate linearly between those
 * knots; below the first knot the quantile is the minimum, above the last the maximum.
 */
export function fitEmpirical(values: ArrayLike<number>): Distribution {
  const s = Float64Array.from(values).sort();
  const n = s.length;
  const xs: number[] = [];
  const ps: number[] = [];
  for (let i = 0; i < n;) {
    let j = i;
    while (j + 1 < n && s[j + 1] === s[i]) j++;
    xs.push(s[i]!);
    ps.push((i + j + 2) / 2 / (n + 1)); // mean of 1-based ranks i+1 … j+1
    i = j + 1;
  }
  return empiricalFromKnots(xs, ps);
}

/** Rebuilds an empirical distribution from its knots (increasing xs, increasing ps in (0, 1)). */
export function empiricalFromKnots(xs: number[], ps: number[]): Distribution {
  const k = xs.length;
  const interp = (from: number[], to: number[], v: number): number => {
    if (v <= from[0]!) return to[0]!;
    if (v >= from[k - 1]!) return to[k - 1]!;
    let lo = 0;
    let hi = k - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (from[mid]! <= v) lo = mid;
      else hi = mid;
    }
    const t = (v - from[lo]!) / (from[hi]! - from[lo]!);
    return to[lo]! + t * (to[hi]! - to[lo]!);
  };
  return {
    family: 'empirical',
    params: { knots: k },
    knots: { xs, ps },
    // outside the knots the CDF is clamped to the end knots' positions, so no score is more extreme than rank 1/(n+1)
    cdf: (x) => (k === 1 ? 0.5 : interp(xs, ps, x)),
    ppf: (p) => (k === 1 ? xs[0]! : interp(ps, xs, p)),
  };
}

/** Standard normal density, re-exported for callers that build scores. */
export { normCdf, normInv, normPdf };
