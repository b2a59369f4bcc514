/**
 * Per-column marginals shared by the Gaussian copula and distribution fitting: a numerical column gets a fitted
 * distribution (best parametric family by KS, one named family, or the smoothed empirical CDF); a categorical one
 * gets frequency-ordered intervals on [0, 1] (RDT's UniformEncoder/FrequencyEncoder as used by SDV: each category
 * owns an interval as wide as its frequency, most frequent first).
 */
import type { Rng } from '../../core/rng.js';
import {
  fitBest,
  fitEmpirical,
  PARAMETRIC_FAMILIES,
  type Distribution,
  type FitChoice,
  type ParametricFamily,
} from '../../transforms/distributions.js';
import { normInv } from '../../transforms/special-functions.js';

/** How numerical marginals are modelled: best family by KS, the smoothed empirical CDF, or one named family. */
export type MarginalMode = 'parametric' | 'empirical' | ParametricFamily;
export const MARGINAL_MODES: readonly MarginalMode[] = ['parametric', 'empirical', ...PARAMETRIC_FAMILIES];

export interface NumMarginal {
  kind: 'num';
  dist: Distribution;
  /** KS statistic of the fitted distribution against the training values (empirical: null). */
  ks: number | null;
  candidates: FitChoice['candidates'] | null;
  /** Set when the requested family did not apply and the best applicable family was used instead. */
  fallback?: string;
}

export interface CatMarginal {
  kind: 'cat';
  /** Codes in interval order (most frequent first; ties by code). */
  order: number[];
  /** Interval boundaries: category order[k] owns [cuts[k], cuts[k+1]); cuts[0] = 0, last = 1. */
  cuts: number[];
  /** Interval index of each code (−1 for a level never seen). */
  slot: number[];
}

export type Marginal = NumMarginal | CatMarginal;

/** Fits a numerical marginal in the given mode. */
export function fitNumMarginal(values: Float64Array, mode: MarginalMode): NumMarginal {
  if (mode === 'empirical') return { kind: 'num', dist: fitEmpirical(values), ks: null, candidates: null };
  const families = mode === 'parametric' ? PARAMETRIC_FAMILIES : [mode];
  try {
    const c = fitBest(values, families);
    return { kind: 'num', dist: c.best, ks: c.ks, candidates: c.candidates };
  } catch {
    // the named family does not apply (e.g. gamma for values ≤ 0): fall back to the best one that does
    const c = fitBest(values, PARAMETRIC_FAMILIES);
    return {
      kind: 'num',
      dist: c.best,
      ks: c.ks,
      candidates: c.candidates,
      fallback: `${mode} does not apply; used ${c.best.family}`,
    };
  }
}

/** Frequency-ordered intervals of a categorical column with `nLevels` levels. */
export function fitCatMarginal(codes: Int32Array, nLevels: number): CatMarginal {
  const counts = new Array<number>(nLevels).fill(0);
  for (const c of codes) counts[c]!++;
  const order = counts
    .map((c, code) => ({ c, code }))
    .filter((x) => x.c > 0)
    .sort((a, b) => b.c - a.c || a.code - b.code)
    .map((x) => x.code);
  const cuts = [0];
  let acc = 0;
  for (const code of order) {
    acc += counts[code]!;
    cuts.push(acc / codes.length);
  }
  cuts[cuts.length - 1] = 1;
  const slot = new Array<number>(nLevels).fill(-1);
  order.forEach((code, k) => (slot[code] = k));
  return { kind: 'cat', order, cuts, slot };
}

/** A uniform draw inside the interval of `code` (the UniformEncoder's forward transform). */
export function uniformInCategory(m: CatMarginal, code: number, rng: Rng): number {
  const k = m.slot[code]!;
  const lo = m.cuts[k]!;
  const hi = m.cuts[k + 1]!;
  return lo + (hi - lo) * rng.next();
}

/** The category whose interval holds u ∈ [0, 1] (binary search over the cuts). */
export function categoryOf(m: CatMarginal, u: number): number {
  let lo = 0;
  let hi = m.order.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (m.cuts[mid]! <= u) lo = mid;
    else hi = mid - 1;
  }
  return m.order[lo]!;
}

/** Plain-data form of a marginal, for `toJSON` and the fit report. */
export function marginalJson(m: Marginal): Record<string, unknown> {
  if (m.kind === 'cat') return { kind: 'cat', order: m.order, cuts: m.cuts };
  return {
    kind: 'num',
    family: m.dist.family,
    params: m.dist.params,
    knots: m.dist.knots,
    ks: m.ks,
    fallback: m.fallback,
  };
}

/**
 * Normal score Φ⁻¹(u) of a CDF value, with u kept inside [1/(2n), 1 − 1/(2n)]: a sample of n rows cannot tell
 * probabilities finer than that, and unclipped scores of the extremes (u = 0 or 1 at a fitted support's ends) would
 * be infinite and dominate the correlation estimate.
 */
export function normalScore(u: number, n: number): number {
  const e = 0.5 / n;
  return normInv(Math.min(1 - e, Math.max(e, u)));
}
