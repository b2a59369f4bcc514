/**
 * Exact fast path for one kNNMTD cell.
 *
 * kNNMTD keeps only the `keep` (3) candidates closest to the real value x0 out of `count` (1000) iid draws from the
 * MTD distribution (then snapped and clipped). Instead of drawing all of them we draw those few order statistics
 * directly, which has the same distribution and costs O(keep + levels) instead of O(count):
 * - snapped (integer/categorical) columns: the draws form a multinomial over the real levels; walking the levels by
 *   distance to x0, the number of draws landing at each distance is a conditional binomial, and we only need to know
 *   whether it is 0, 1, … or ≥ the number still wanted;
 * - continuous columns: the distance D = |clip(X) − x0| has CDF G; the smallest order statistics of `count` iid
 *   uniforms are drawn sequentially (U₍ᵢ₎ = U₍ᵢ₋₁₎ + (1 − U₍ᵢ₋₁₎)(1 − V^{1/(m−i+1)})) and mapped through G⁻¹ (bisection);
 *   the side (x0 ± D) is chosen by the densities (or point masses from clipping) at that distance.
 */
import type { Rng } from '../../core/rng.js';
import { mtdBounds, type MtdBounds } from './diffusion.js';

/** CDF of one raw MTD draw: triangular(L, u, U), or uniform on [min(L,U), max(L,U)] when the variance is 0. */
export function mtdCdf(b: MtdBounds, t: number): number {
  if (b.variance === 0) {
    const a = Math.min(b.L, b.U);
    const c = Math.max(b.L, b.U);
    if (c === a) return t >= a ? 1 : 0;
    return t <= a ? 0 : t >= c ? 1 : (t - a) / (c - a);
  }
  const { L, u, U } = b;
  if (t <= L) return 0;
  if (t >= U) return 1;
  if (t <= u) return ((t - L) * (t - L)) / ((U - L) * (u - L));
  return 1 - ((U - t) * (U - t)) / ((U - L) * (U - u));
}

/** Density of one raw MTD draw (0 outside its support). */
function mtdDensity(b: MtdBounds, t: number): number {
  if (b.variance === 0) {
    const a = Math.min(b.L, b.U);
    const c = Math.max(b.L, b.U);
    return c > a && t >= a && t <= c ? 1 / (c - a) : 0;
  }
  const { L, u, U } = b;
  if (t <= L || t >= U) return 0;
  return t <= u ? (2 * (t - L)) / ((U - L) * (u - L)) : (2 * (U - t)) / ((U - L) * (U - u));
}

/**
 * Like `diffuseCellByRejection` (same arguments, same output distribution): the `keep` candidates closest to x0,
 * closest first.
 */
export function diffuseCell(
  s: ArrayLike<number>,
  x0: number,
  count: number,
  keep: number,
  rng: Rng,
  levels: Float64Array | null,
  lo: number,
  hi: number,
  out: Float64Array,
): void {
  const b = mtdBounds(s);
  if (levels) keepClosestLevels(b, x0, count, keep, rng, levels, out);
  else keepClosestContinuous(b, x0, count, keep, rng, lo, hi, out);
}

function keepClosestLevels(b: MtdBounds, x0: number, count: number, keep: number, rng: Rng, levels: Float64Array, out: Float64Array): void {
  const n = levels.length;
  // probability of each level: mass of its mid-point bin (x ≤ centre goes to the lower level)
  const p = new Float64Array(n);
  let prev = 0;
  for (let j = 0; j < n; j++) {
    const edge = j === n - 1 ? 1 : mtdCdf(b, (levels[j]! + levels[j + 1]!) / 2);
    p[j] = Math.max(0, edge - prev);
    prev = edge;
  }
  // walk the levels outward from x0 (two pointers), one distance group at a time
  let right = 0;
  while (right < n && levels[right]! < x0) right++;
  let left = right - 1;
  let filled = 0;
  let trials = count;
  let rest = 1;
  while (filled < keep && (left >= 0 || right < n)) {
    const dl = left >= 0 ? x0 - levels[left]! : Infinity;
    const dr = right < n ? levels[right]! - x0 : Infinity;
    const d = Math.min(dl, dr);
    const pl = dl === d ? p[left]! : 0;
    const pr = dr === d ? p[right]! : 0;
    const vl = dl === d ? levels[left]! : 0;
    const vr = dr === d ? levels[right]! : 0;
    if (dl === d) left--;
    if (dr === d) right++;
    const pg = pl + pr;
    if (pg <= 0) continue;
    const need = keep - filled;
    const hits = truncatedBinomial(trials, Math.min(1, pg / rest), need, rng);
    for (let h = 0; h < hits; h++) out[filled++] = pr > 0 && (pl === 0 || rng.next() * pg < pr) ? vr : vl;
    trials -= hits;
    rest -= pg;
    if (trials <= 0 || rest <= 1e-15) break;
  }
  // every draw landed closer than the remaining levels (or no mass left): repeat the farthest kept value
  for (; filled < keep; filled++) out[filled] = filled > 0 ? out[filled - 1]! : x0;
}

/** min(Binomial(m, q), cap), drawn by inversion over 0…cap−1. */
export function truncatedBinomial(m: number, q: number, cap: number, rng: Rng): number {
  if (q >= 1) return Math.min(m, cap);
  if (q <= 0 || m <= 0) return 0;
  const r = rng.next();
  let pk = Math.exp(m * Math.log1p(-q)); // P(0)
  let cum = pk;
  const ratio = q / (1 - q);
  for (let k = 0; k < cap; k++) {
    if (r < cum) return k;
    if (k + 1 > m) return m;
    pk *= ((m - k) / (k + 1)) * ratio;
    cum += pk;
  }
  return cap;
}

function keepClosestContinuous(b: MtdBounds, x0: number, count: number, keep: number, rng: Rng, lo: number, hi: number, out: Float64Array): void {
  // clip(X) has CDF H(t) = 0 below lo, F(t) on [lo, hi), 1 from hi; G(d) = H(x0 + d) − H((x0 − d)⁻)
  const H = (t: number): number => (t >= hi ? 1 : t < lo ? 0 : mtdCdf(b, t));
  const Hminus = (t: number): number => (t > hi ? 1 : t <= lo ? 0 : mtdCdf(b, t));
  const G = (d: number): number => H(x0 + d) - Hminus(x0 - d);
  const dMax = Math.max(hi - x0, x0 - lo, 0);
  const atomLo = mtdCdf(b, lo); // mass clipped onto lo
  const atomHi = 1 - mtdCdf(b, hi); // mass clipped onto hi
  const tol = 1e-12 * Math.max(1, Math.abs(hi - lo));
  let uPrev = 0;
  for (let i = 0; i < keep; i++) {
    const m = count - i;
    const ui = m > 0 ? uPrev + (1 - uPrev) * (1 - Math.pow(rng.next(), 1 / m)) : 1;
    uPrev = ui;
    // G⁻¹(ui) = inf { d ≥ 0 : G(d) ≥ ui } by bisection
    let dLo = 0;
    let dHi = dMax;
    if (G(0) >= ui) dHi = 0;
    else {
      for (let it = 0; it < 64 && dHi - dLo > tol; it++) {
        const mid = 0.5 * (dLo + dHi);
        if (G(mid) >= ui) dHi = mid;
        else dLo = mid;
      }
    }
    const d = dHi;
    const xr = x0 + d;
    const xl = x0 - d;
    // which side: at the exact distance of a clipping point mass the draw is that mass (a density has measure 0
    // there); anywhere else the two sides' densities decide
    const ar = Math.abs(xr - hi) <= tol ? atomHi : 0;
    const al = Math.abs(xl - lo) <= tol ? atomLo : 0;
    let wr = ar;
    let wl = al;
    if (ar + al <= 0) {
      wr = xr < hi ? mtdDensity(b, xr) : 0;
      wl = xl > lo ? mtdDensity(b, xl) : 0;
    }
    let x: number;
    if (d === 0) x = x0;
    else if (wr + wl <= 0) x = xr <= hi ? xr : xl;
    else x = rng.next() * (wr + wl) < wr ? Math.min(xr, hi) : Math.max(xl, lo);
    out[i] = x;
  }
}
