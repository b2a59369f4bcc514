/**
 * Private bounds of number columns, so that binning reads no real min/max. Two noisy histograms per column, both on
 * grids fixed before looking at the data: first buckets between signed powers of two (±2⁻¹⁰ … ±2⁴⁰ and 0), where
 * the span is the run of buckets around the largest whose noisy counts clear three noise standard deviations; then 64
 * equal buckets inside that span, where a bound is the outer edge of the outermost bucket that clears them. Each row adds 1 to one bucket of each column's histogram, so the m
 * columns' histograms of one stage have L2 sensitivity √m.
 */
import type { Rng } from '../../core/rng.js';
import { gaussianSigmaForRho } from '../../privacy/dp/zcdp.js';

const POWERS = Array.from({ length: 51 }, (_, k) => 2 ** (k - 10));
/** Stage-one bucket edges: −2⁴⁰ … −2⁻¹⁰, 0, 2⁻¹⁰ … 2⁴⁰. */
const EDGES = [...POWERS.map((p) => -p).reverse(), 0, ...POWERS];
const FINE = 64;

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

/** The bucket with the largest noisy count. */
function top(counts: Float64Array): number {
  let t = 0;
  for (let b = 1; b < counts.length; b++) if (counts[b]! > counts[t]!) t = b;
  return t;
}

/**
 * The run of buckets above the threshold around the largest one, or null when even that one is not above it. On the
 * coarse grid of ~100 buckets an empty bucket's noise clears 3σ with probability 0.0013 each, so "the outermost bucket
 * above the threshold" would often be a lone false one at ±2³⁰; a run around the mode is not fooled by it.
 */
function runAroundTop(counts: Float64Array, threshold: number): [number, number] | null {
  const t = top(counts);
  if (!(counts[t]! > threshold)) return null;
  let a = t;
  let b = t;
  while (a > 0 && counts[a - 1]! > threshold) a--;
  while (b < counts.length - 1 && counts[b + 1]! > threshold) b++;
  return [a, b];
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
 * Bounds (lo < hi) of each column at total zCDP cost ρ (half per stage). When stage one finds nothing above the
 * noise, the noisiest bucket stands in (it is noise: the caller says so); when stage two does, stage one's span.
 */
export function privateBounds(columns: readonly Float64Array[], rho: number, rng: Rng): PrivateBounds[] {
  if (!columns.length) return [];
  const sigma = gaussianSigmaForRho(Math.sqrt(columns.length), rho / 2);
  return columns.map((values) => {
    const coarse = noisyHistogram(values, EDGES, sigma, rng);
    const found = runAroundTop(coarse, 3 * sigma);
    const [a, b] = found ?? [top(coarse), top(coarse)];
    const lo1 = EDGES[a]!;
    const hi1 = EDGES[b + 1]!;
    const fine = Array.from({ length: FINE + 1 }, (_, k) => lo1 + ((hi1 - lo1) * k) / FINE);
    const [c, d] = span(noisyHistogram(values, fine, sigma, rng), 3 * sigma) ?? [0, FINE - 1];
    return { lo: fine[c]!, hi: fine[d + 1]!, found: found !== null };
  });
}

/** Bin codes 0…bins−1 of `values` on [lo, hi] (values outside are clipped into the end bins). */
export function binCodes(values: Float64Array, lo: number, hi: number, bins: number): Int32Array {
  const out = new Int32Array(values.length);
  const w = (hi - lo) / bins;
  for (let i = 0; i < values.length; i++) out[i] = Math.min(bins - 1, Math.max(0, Math.floor((values[i]! - lo) / w)));
  return out;
}
