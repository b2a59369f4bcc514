/**
 * Sequence metrics of DESIGN.md §9: the ACF error (mean over lags 1…L of |ρ_real(ℓ) − ρ_synth(ℓ)|) and the dynamic
 * time warping distance (absolute-difference cost, the full O(n·m) table) used for nearest-neighbour comparisons.
 */
import { acf } from './tests.js';

/** Mean over lags 1…maxLag of |ρ_real − ρ_synth|: 0 when the autocorrelations agree. */
export function acfError(real: readonly number[], synth: readonly number[], maxLag: number): number {
  const a = acf(real, maxLag);
  const b = acf(synth, maxLag);
  return a.reduce((s, v, i) => s + Math.abs(v - b[i]!), 0) / maxLag;
}

/** DTW distance between two sequences: the least total |a_i − b_j| over monotone alignments of both ends. */
export function dtwDistance(a: readonly number[], b: readonly number[]): number {
  const m = b.length;
  let prev = new Float64Array(m + 1).fill(Infinity);
  prev[0] = 0;
  for (const x of a) {
    const cur = new Float64Array(m + 1).fill(Infinity);
    for (let j = 1; j <= m; j++) cur[j] = Math.abs(x - b[j - 1]!) + Math.min(prev[j]!, prev[j - 1]!, cur[j - 1]!);
    prev = cur;
  }
  return prev[m]!;
}
