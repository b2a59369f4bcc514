/**
 * The literal kNNMTD cell, kept as the reference that the exact fast path (src/generators/shared/mtd.ts,
 * `diffuseCell`) is tested against: training no longer runs it, since the fast path draws the same distribution
 * without the `count` rejection draws.
 */
import type { Rng } from '../../src/core/rng.js';
import { mtdBounds, snapToLevel } from '../../src/generators/shared/mtd.js';

/**
 * One kNNMTD cell exactly as DESIGN.md §2 steps 2–4 word it: draw `count` candidates by rejection, snap to `levels`
 * when given, clip to [lo, hi], and write the `keep` candidates closest to `x0` into `out` (closest first).
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
  // rejection sampling and the top-`keep` insertion kept inline, as the generator once ran it
  const { L, U, u } = b;
  const width = U - L;
  const degenerate = b.variance === 0;
  const invLo = degenerate ? 0 : 1 / (u - L);
  const invHi = degenerate ? 0 : 1 / (U - u);
  let worst = Infinity;
  for (let accepted = 0; accepted < count;) {
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
