/**
 * The summary statistics that generators, metrics and transforms share. Sums run in index order, so a caller that
 * replaced its own loop with these gets the same bits.
 */

/** Arithmetic mean (NaN for no values). */
export function mean(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]!;
  return s / v.length;
}

/** Σ (x − centre)². */
export function sumOfSquares(v: ArrayLike<number>, centre: number): number {
  let ss = 0;
  for (let i = 0; i < v.length; i++) ss += (v[i]! - centre) ** 2;
  return ss;
}

/**
 * Standard deviation about `centre` (the mean unless given): ddof 0 divides by n (the population SD), ddof 1 by
 * n − 1 (the sample SD; by 1 for a single value).
 */
export function sd(v: ArrayLike<number>, ddof: 0 | 1 = 0, centre = mean(v)): number {
  const n = v.length;
  return Math.sqrt(sumOfSquares(v, centre) / (ddof ? Math.max(1, n - 1) : n));
}

/** Median of the values that are not NaN; `ifEmpty` when there are none. */
export function median(v: ArrayLike<number>, ifEmpty = NaN): number {
  const a = Array.from(v)
    .filter((x) => !Number.isNaN(x))
    .sort((x, y) => x - y);
  if (!a.length) return ifEmpty;
  const m = a.length >> 1;
  return a.length % 2 ? a[m]! : (a[m - 1]! + a[m]!) / 2;
}

/** Linear interpolation between the order statistics of ascending `sorted` at 0-based position h ∈ [0, n − 1]. */
function atPosition(sorted: ArrayLike<number>, h: number): number {
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** Quantile p ∈ [0, 1] of ascending `sorted` by linear interpolation (R's type 7, numpy's default); NaN when empty. */
export function quantile(sorted: ArrayLike<number>, p: number): number {
  return sorted.length ? atPosition(sorted, (sorted.length - 1) * p) : NaN;
}

/** Percentile q ∈ [0, 100] of unsorted values, as `quantile` (numpy's `percentile` default); NaN when empty. */
export function percentile(v: ArrayLike<number>, q: number): number {
  const a = Float64Array.from(v).sort();
  return a.length ? atPosition(a, ((a.length - 1) * q) / 100) : NaN;
}
