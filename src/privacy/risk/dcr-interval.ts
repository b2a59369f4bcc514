/**
 * A confidence interval for the holdout DCR share (DESIGN.md §8). The share's noise comes mostly from the holdout's
 * size, so the interval is a seeded bootstrap over all three samples: each replicate draws the synthetic rows, m
 * training rows and m holdout rows with replacement (m = the smaller of the two real tables, as the share itself
 * subsamples), and recomputes the share with ties ½. Training and holdout are both drawn with replacement so that
 * duplicates thin out both sides alike: drawing only the holdout with replacement would bias every replicate towards
 * "closer to training". The interval is the share ± z · (standard deviation of the replicates), clipped to [0, 1].
 *
 * Cost: each synthetic row's K nearest training and holdout rows are found once (O(n_synth · n_real · p)); a replicate
 * then takes, per synthetic row, the first of those neighbours that was drawn (exact: when none of the K was drawn
 * the drawn rows are scanned). At most `MAX_SYNTH` synthetic rows (a seeded subsample) enter the bootstrap.
 */
import { Rng } from '../../core/rng.js';
import type { GowerRows, GowerSpace } from '../distance.js';

/** Bootstrap replicates. */
export const DCR_BOOTSTRAP = 200;
/** Synthetic rows that enter the bootstrap at most. */
export const MAX_SYNTH = 2000;
/** Neighbours kept per synthetic row and side. */
const K = 32;

export interface DcrInterval {
  lo: number;
  hi: number;
  /** confidence level, e.g. 0.95 */
  level: number;
  method: string;
  replicates: number;
  /** standard deviation of the replicates */
  sd: number;
}

interface Neighbours {
  idx: Int32Array;
  dist: Float64Array;
  k: number;
}

/** Each query row's `k` nearest reference rows, nearest first (row-major, k per row). */
function kNearest(G: GowerSpace, Q: GowerRows, qIdx: Int32Array, R: GowerRows): Neighbours {
  const k = Math.min(K, R.n);
  const idx = new Int32Array(qIdx.length * k);
  const dist = new Float64Array(qIdx.length * k).fill(Infinity);
  for (let a = 0; a < qIdx.length; a++) {
    const o = a * k;
    for (let r = 0; r < R.n; r++) {
      const d = G.distance(Q, qIdx[a]!, R, r);
      if (d >= dist[o + k - 1]!) continue;
      let j = k - 1;
      while (j > 0 && dist[o + j - 1]! > d) {
        dist[o + j] = dist[o + j - 1]!;
        idx[o + j] = idx[o + j - 1]!;
        j--;
      }
      dist[o + j] = d;
      idx[o + j] = r;
    }
  }
  return { idx, dist, k };
}

/** Distance from query row a (position `pos` in the neighbour lists) to the nearest reference row with count > 0. */
function nearestDrawn(
  G: GowerSpace,
  Q: GowerRows,
  a: number,
  pos: number,
  R: GowerRows,
  nb: Neighbours,
  count: Int32Array,
): number {
  for (let j = 0; j < nb.k; j++) {
    const r = nb.idx[pos * nb.k + j]!;
    if (count[r]! > 0) return nb.dist[pos * nb.k + j]!;
  }
  let best = Infinity;
  for (let r = 0; r < R.n; r++) if (count[r]! > 0) best = Math.min(best, G.distance(Q, a, R, r));
  return best;
}

/** A mask over `n` rows with the rows `idx[pick[i]]` set. */
function maskOf(n: number, idx: Int32Array, pick: Int32Array): Int32Array {
  const c = new Int32Array(n);
  for (const i of pick) c[idx[i]!] = 1;
  return c;
}

interface Sides {
  G: GowerSpace;
  S: GowerRows;
  T: GowerRows;
  H: GowerRows;
  sIdx: Int32Array;
  nbT: Neighbours;
  nbH: Neighbours;
}

/**
 * The report's estimator applied to a random half of each table: `repeats` shares, each with the training half and
 * the holdout half subsampled to the smaller one's size, averaged.
 */
function halfSampleShare(x: Sides, rng: Rng, repeats: number): number {
  const sHalf = rng.choose(x.sIdx.length, Math.max(1, x.sIdx.length >> 1));
  const tHalf = rng.choose(x.T.n, Math.max(1, x.T.n >> 1));
  const hHalf = rng.choose(x.H.n, Math.max(1, x.H.n >> 1));
  const m = Math.min(tHalf.length, hHalf.length);
  let total = 0;
  for (let rep = 0; rep < repeats; rep++) {
    const cT = maskOf(x.T.n, tHalf, rng.choose(tHalf.length, m));
    const cH =
      hHalf.length > m
        ? maskOf(x.H.n, hHalf, rng.choose(hHalf.length, m))
        : maskOf(
            x.H.n,
            hHalf,
            hHalf.map((_, i) => i),
          );
    let s = 0;
    for (const pos of sHalf) {
      const a = x.sIdx[pos]!;
      const t = nearestDrawn(x.G, x.S, a, pos, x.T, x.nbT, cT);
      const h = nearestDrawn(x.G, x.S, a, pos, x.H, x.nbH, cH);
      s += Math.abs(t - h) <= 1e-12 ? 0.5 : t < h ? 1 : 0;
    }
    total += s / sHalf.length;
  }
  return total / repeats;
}

/**
 * The interval around `share` (the report's point estimate, the mean of `repeats` subsampled shares) for synthetic
 * S, training T and holdout H.
 */
export function dcrShareInterval(
  G: GowerSpace,
  S: GowerRows,
  T: GowerRows,
  H: GowerRows,
  share: number,
  seed: number,
  opts: { replicates?: number; level?: number; repeats?: number } = {},
): DcrInterval {
  const B = opts.replicates ?? DCR_BOOTSTRAP;
  const level = opts.level ?? 0.95;
  const rng = new Rng(seed);
  const sIdx = S.n > MAX_SYNTH ? rng.choose(S.n, MAX_SYNTH) : Int32Array.from({ length: S.n }, (_, i) => i);
  const x: Sides = { G, S, T, H, sIdx, nbT: kNearest(G, S, sIdx, T), nbH: kNearest(G, S, sIdx, H) };
  const reps = new Float64Array(B);
  for (let b = 0; b < B; b++) reps[b] = halfSampleShare(x, rng, opts.repeats ?? 1);
  const mean = reps.reduce((a, b) => a + b, 0) / B;
  // half-samples: their spread around their mean estimates the full estimator's standard deviation (delete-d
  // jackknife with d = n/2, whose variance factor (n − d)/d is 1)
  const sd = Math.sqrt(reps.reduce((a, b) => a + (b - mean) ** 2, 0) / B);
  const z = normalQuantile(0.5 + level / 2);
  return {
    lo: Math.max(0, share - z * sd),
    hi: Math.min(1, share + z * sd),
    level,
    method: `half-sampling (${B} random halves of the synthetic, training and holdout rows), share ± ${z.toFixed(2)} SD`,
    replicates: B,
    sd,
  };
}

/** Standard normal quantile (Acklam's rational approximation, relative error below 1.2e-9). */
export function normalQuantile(p: number): number {
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239,
  ];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const lowTail = (q: number): number =>
    (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
    ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  if (p < 0.02425) return lowTail(Math.sqrt(-2 * Math.log(p)));
  if (p > 1 - 0.02425) return -lowTail(Math.sqrt(-2 * Math.log(1 - p)));
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
    (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1)
  );
}
