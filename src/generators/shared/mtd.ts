/**
 * Mega-trend diffusion (MTD) of a small sample, shared by kNNMTD (Sivakumar et al., KBS 2022, §3; Li et al. 2007)
 * and GenerativeMTD's pseudo-real data. DESIGN.md §2 step 2 gives the exact formulas implemented here.
 *
 * `diffuseCell` is the exact fast path for one kNNMTD cell. kNNMTD keeps only the `keep` (3) candidates closest to
 * the real value x0 out of `count` (1000) iid draws from the MTD distribution (then snapped and clipped). Instead of
 * drawing all of them we draw those few order statistics directly, which has the same distribution and costs
 * O(keep + levels) instead of O(count):
 * - snapped (integer/categorical) columns: the draws form a multinomial over the real levels; walking the levels by
 *   distance to x0, the number of draws landing at each distance is a conditional binomial, and we only need to know
 *   whether it is 0, 1, … or ≥ the number still wanted;
 * - continuous columns: the distance D = |clip(X) − x0| has CDF G; the smallest order statistics of `count` iid
 *   uniforms are drawn sequentially (U₍ᵢ₎ = U₍ᵢ₋₁₎ + (1 − U₍ᵢ₋₁₎)(1 − V^{1/(m−i+1)})) and mapped through G⁻¹ (bisection);
 *   the side (x0 ± D) is chosen by the densities (or point masses from clipping) at that distance.
 * The literal rejection sampler it replaces is kept as a test reference (test/reference/mtd-rejection.ts).
 */
import type { Rng } from '../../core/rng.js';

/** ln(1e−20): the membership-function cut-off of the MTD bounds. */
const LN_CUTOFF = Math.log(1e-20);

export interface MtdBounds {
  /** centre u = (min + max)/2 */
  u: number;
  /** lower and upper bounds L ≤ min, U ≥ max (or [min/5, max·5] when the variance is 0) */
  L: number;
  U: number;
  /** sample variance (n − 1); 0 for a single value */
  variance: number;
  nL: number;
  nU: number;
}

/** MTD bounds of the values `s` (DESIGN.md §2.2). */
export function mtdBounds(s: ArrayLike<number>): MtdBounds {
  const n = s.length;
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const x = s[i]!;
    if (x < min) min = x;
    if (x > max) max = x;
    sum += x;
  }
  const u = (min + max) / 2;
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (s[i]! - mean) ** 2;
  const variance = n > 1 ? ss / (n - 1) : 0;
  // N_L/N_U count strictly below/above the centre, or ≤/≥ when the centre equals an end (the authors' rule)
  let nL = 0;
  let nU = 0;
  const atEnd = u === min || u === max;
  for (let i = 0; i < n; i++) {
    const x = s[i]!;
    if (atEnd ? x <= u : x < u) nL++;
    if (atEnd ? x >= u : x > u) nU++;
  }
  if (variance === 0 || !(max > min)) {
    // the authors' choice for a degenerate neighbourhood: uniform on [min/5, max·5]
    return { u, L: min / 5, U: max * 5, variance: 0, nL, nU };
  }
  const skewL = nL / (nL + nU);
  const skewU = nU / (nL + nU);
  const a = u - skewL * Math.sqrt(-2 * (variance / nL) * LN_CUTOFF);
  const b = u + skewU * Math.sqrt(-2 * (variance / nU) * LN_CUTOFF);
  return { u, L: Math.min(a, min), U: Math.max(b, max), variance, nL, nU };
}

/** Triangular membership of x under bounds (L, u, U): 1 at u, 0 at L and U. */
export function membership(x: number, b: MtdBounds): number {
  if (x < b.L || x > b.U) return 0;
  return x <= b.u ? (x - b.L) / (b.u - b.L) : (b.U - x) / (b.U - b.u);
}

/**
 * Draws `count` candidates from the MTD of `b` (rejection: x ~ U(L, U), accept when MF(x) > r, r ~ U(0,1)) and
 * calls `visit` with each accepted one. Degenerate bounds (variance 0) draw uniformly on [L, U] without rejection.
 */
export function drawCandidates(b: MtdBounds, count: number, rng: Rng, visit: (x: number) => void): void {
  const { L, U, u } = b;
  const width = U - L;
  if (b.variance === 0) {
    for (let i = 0; i < count; i++) visit(L + width * rng.next());
    return;
  }
  const invLo = 1 / (u - L);
  const invHi = 1 / (U - u);
  let accepted = 0;
  while (accepted < count) {
    const x = L + width * rng.next();
    const mf = x <= u ? (x - L) * invLo : (U - x) * invHi;
    if (mf > rng.next()) {
      visit(x);
      accepted++;
    }
  }
}

/**
 * Nearest real level by mid-point bins (the authors' `np.digitize(x, centres, right=True)`: a value exactly on a
 * centre goes to the lower level). `levels` must be sorted ascending and distinct.
 */
export function snapToLevel(x: number, levels: Float64Array): number {
  let lo = 0;
  let hi = levels.length - 1;
  if (x <= levels[0]!) return levels[0]!;
  if (x >= levels[hi]!) return levels[hi]!;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (levels[mid]! <= x) lo = mid;
    else hi = mid;
  }
  const centre = (levels[lo]! + levels[hi]!) / 2;
  return x <= centre ? levels[lo]! : levels[hi]!;
}

/**
 * The k values of `sorted` closest to x0 (x0's own occurrence included), written into `out`; returns how many
 * (fewer than k when the group is smaller). Ties go to the lower value, as a stable nearest-neighbour search would.
 */
export function nearestValues(sorted: Float64Array, x0: number, k: number, out: Float64Array): number {
  const n = sorted.length;
  const m = Math.min(k, n);
  // first index with sorted[i] >= x0
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < x0) lo = mid + 1;
    else hi = mid;
  }
  let left = lo - 1;
  let right = lo;
  for (let t = 0; t < m; t++) {
    const dl = left >= 0 ? x0 - sorted[left]! : Infinity;
    const dr = right < n ? sorted[right]! - x0 : Infinity;
    if (dr < dl) out[t] = sorted[right++]!;
    else out[t] = sorted[left--]!;
  }
  return m;
}

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
 * One kNNMTD cell (DESIGN.md §2 steps 2–4), drawn like the literal rejection sampler `diffuseCellByRejection`
 * (test/reference/mtd-rejection.ts; same arguments, same output distribution): the `keep` candidates closest to x0,
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

function keepClosestLevels(
  b: MtdBounds,
  x0: number,
  count: number,
  keep: number,
  rng: Rng,
  levels: Float64Array,
  out: Float64Array,
): void {
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

function keepClosestContinuous(
  b: MtdBounds,
  x0: number,
  count: number,
  keep: number,
  rng: Rng,
  lo: number,
  hi: number,
  out: Float64Array,
): void {
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
