/**
 * synthpop's optional smoothing of a numerical column drawn by CART (`syn.smooth`, smoothing = "density"): each
 * synthetic value y is replaced by a draw from N(y, bw²), so values are no longer exact copies of real ones.
 * As synthpop does, values are left alone when they are the column's dominant value (over 70% of the rows, e.g. the
 * zeros of a zero-inflated column) or its top-coded maximum (the largest value over 10 times as frequent as the next).
 * Difference: synthpop takes bw from R's `density(width = "SJ")` (Sheather–Jones); here bw is R's `bw.nrd0`
 * (Silverman's rule of thumb), which needs no root finding.
 */
import type { Rng } from '../../core/rng.js';
import { quantile, sd } from '../../core/stats.js';

/** R's bw.nrd0: 0.9 · min(SD, IQR/1.34) · n^(−1/5), falling back to SD, then |x₁|, then 1 when that is 0. */
export function bwNrd0(x: ArrayLike<number>): number {
  const n = x.length;
  if (n < 2) return 1;
  const hi = sd(x, 1);
  const s = Float64Array.from(x).sort();
  let lo = Math.min(hi, (quantile(s, 0.75) - quantile(s, 0.25)) / 1.34);
  if (!lo) lo = hi || Math.abs(x[0]!) || 1;
  return 0.9 * lo * Math.pow(n, -0.2);
}

/** Smooths `y` in place at the rows where `use[i]` is true (all rows when `use` is null). */
export function smoothDensity(y: Float64Array, use: ((i: number) => boolean) | null, rng: Rng): number {
  const rows: number[] = [];
  for (let i = 0; i < y.length; i++) if (!use || use(i)) rows.push(i);
  if (rows.length < 2) return 0;
  const counts = new Map<number, number>();
  for (const i of rows) counts.set(y[i]!, (counts.get(y[i]!) ?? 0) + 1);
  const byCount = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  const [mode, modeCount] = byCount[0]!;
  const keep = new Set<number>();
  if (modeCount / rows.length > 0.7) keep.add(mode);
  const values = [...counts.keys()].sort((a, b) => a - b);
  if (values.length >= 2) {
    const top = values[values.length - 1]!;
    if (10 * counts.get(values[values.length - 2]!)! < counts.get(top)!) keep.add(top);
  }
  const free = rows.filter((i) => !keep.has(y[i]!));
  if (free.length < 2) return 0;
  const bw = bwNrd0(free.map((i) => y[i]!));
  for (const i of free) y[i] = y[i]! + bw * rng.normal();
  return bw;
}
