/**
 * Mega-trend diffusion (MTD) of a small sample, as used by kNNMTD (Sivakumar et al., KBS 2022, §3; Li et al. 2007).
 * DESIGN.md §2 step 2 gives the exact formulas implemented here.
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
 * One kNNMTD cell exactly as DESIGN.md §2 steps 2–4 word it: draw `count` candidates by rejection, snap to `levels`
 * when given, clip to [lo, hi], and write the `keep` candidates closest to `x0` into `out` (closest first).
 * This is the literal reference; `diffuseCell` (fast.ts) draws from the same distribution without the `count` draws
 * and is what the generator uses — the tests check the two agree.
 */
export function diffuseCellByRejection(
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
  const bestD = new Float64Array(keep).fill(Infinity);
  out.fill(x0, 0, keep);
  // the hot loop of kNNMTD (10·n_obs draws per cell): rejection sampling and top-`keep` kept inline, no closures
  const { L, U, u } = b;
  const width = U - L;
  const degenerate = b.variance === 0;
  const invLo = degenerate ? 0 : 1 / (u - L);
  const invHi = degenerate ? 0 : 1 / (U - u);
  let worst = Infinity;
  for (let accepted = 0; accepted < count; ) {
    const raw = L + width * rng.next();
    if (!degenerate) {
      const mf = raw <= u ? (raw - L) * invLo : (U - raw) * invHi;
      if (!(mf > rng.next())) continue;
    }
    accepted++;
    let x = levels ? snapToLevel(raw, levels) : raw;
    if (x < lo) x = lo;
    else if (x > hi) x = hi;
    const d = x > x0 ? x - x0 : x0 - x;
    if (d >= worst) continue;
    let j = keep - 1;
    while (j > 0 && bestD[j - 1]! > d) {
      bestD[j] = bestD[j - 1]!;
      out[j] = out[j - 1]!;
      j--;
    }
    bestD[j] = d;
    out[j] = x;
    worst = bestD[keep - 1]!;
  }
}
