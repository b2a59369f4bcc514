/**
 * Private bounds of number columns, so that binning reads no real min/max: a noisy histogram per column on buckets
 * fixed before looking at the data (between signed powers of two: ±2⁻¹⁰ … ±2⁴⁰ and 0), the bounds being the outer
 * edges of the first and last bucket whose noisy count clears 4.5 noise standard deviations. The bounds are within a
 * factor of two of the data's; a second, finer histogram inside them was tried and cut real data away where it is
 * spread thinly over many buckets (docs/generators/mst.md). Each row adds 1 to one bucket of each column's
 * histogram, so the m columns' histograms have L2 sensitivity √m.
 */
import type { Rng } from '../../core/rng.js';
import { gaussianSigmaForRho } from '../../privacy/dp/zcdp.js';

const POWERS = Array.from({ length: 51 }, (_, k) => 2 ** (k - 10));
/** Bucket edges: −2⁴⁰ … −2⁻¹⁰, 0, 2⁻¹⁰ … 2⁴⁰. */
const EDGES = [...POWERS.map((p) => -p).reverse(), 0, ...POWERS];
/**
 * The threshold in noise standard deviations: an empty bucket's noise clears 4.5σ with probability 3.4e-6, so
 * a false bucket among the ~100 of each column, which would stretch the span to ±2³⁰, is rare.
 */
const THRESHOLD_Z = 4.5;

function bucketOf(edges: readonly number[], x: number): number {
  let lo = 0;
  let hi = edges.length - 2;
  if (x <= edges[0]!) return 0;
  if (x >= edges[hi + 1]!) return hi;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (edges[mid]! <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** [first, last] bucket whose noisy count clears the threshold, or null when none does. */
function span(counts: Float64Array, threshold: number): [number, number] | null {
  let first = -1;
  let last = -1;
  for (let b = 0; b < counts.length; b++) {
    if (counts[b]! > threshold) {
      if (first < 0) first = b;
      last = b;
    }
  }
  return first < 0 ? null : [first, last];
}

/** The bucket with the largest noisy count (the fallback when none clears the threshold). */
function top(counts: Float64Array): number {
  let t = 0;
  for (let b = 1; b < counts.length; b++) if (counts[b]! > counts[t]!) t = b;
  return t;
}

/** A column's private bounds; `found` is false when no bucket rose above the noise (too few rows for this ρ). */
export interface PrivateBounds {
  lo: number;
  hi: number;
  found: boolean;
}

function noisyHistogram(values: Float64Array, edges: readonly number[], sigma: number, rng: Rng): Float64Array {
  const counts = new Float64Array(edges.length - 1);
  for (const x of values) counts[bucketOf(edges, x)]! += 1;
  for (let b = 0; b < counts.length; b++) counts[b]! += sigma * rng.normal();
  return counts;
}

/**
 * Bounds (lo < hi) of each column at zCDP cost ρ: from the first to the last bucket whose noisy count clears the
 * threshold. When none does, the noisiest bucket stands in (it is noise: the caller says so).
 */
export function privateBounds(columns: readonly Float64Array[], rho: number, rng: Rng): PrivateBounds[] {
  if (!columns.length) return [];
  const sigma = gaussianSigmaForRho(Math.sqrt(columns.length), rho);
  return columns.map((values) => {
    const counts = noisyHistogram(values, EDGES, sigma, rng);
    const found = span(counts, THRESHOLD_Z * sigma);
    const [a, b] = found ?? [top(counts), top(counts)];
    return { lo: EDGES[a]!, hi: EDGES[b + 1]!, found: found !== null };
  });
}

/** Bin codes 0…bins−1 of `values` on [lo, hi] (values outside are clipped into the end bins). */
export function binCodes(values: Float64Array, lo: number, hi: number, bins: number): Int32Array {
  const out = new Int32Array(values.length);
  const w = (hi - lo) / bins;
  for (let i = 0; i < values.length; i++) out[i] = Math.min(bins - 1, Math.max(0, Math.floor((values[i]! - lo) / w)));
  return out;
}
