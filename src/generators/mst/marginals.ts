/**
 * The measure and select steps of MST on discretised columns (codes 0…d−1): counting, Gaussian noise, the
 * exponential-mechanism choice of the tree, and the post-processing that turns the noisy counts into a consistent,
 * non-negative tree model (a weighted average of each column's estimates, then raking of every edge's table to the
 * column marginals at its ends: no real row is read after the noise is added).
 */
import type { Rng } from '../../core/rng.js';

/** A discretised column: codes and the size of its domain. */
export interface Discrete {
  codes: Int32Array;
  size: number;
}

export function count1(c: Discrete): Float64Array {
  const out = new Float64Array(c.size);
  for (const v of c.codes) out[v]! += 1;
  return out;
}

/** The two-way table of a and b, row-major (a's value × b's size + b's value). */
export function count2(a: Discrete, b: Discrete): Float64Array {
  const out = new Float64Array(a.size * b.size);
  for (let i = 0; i < a.codes.length; i++) out[a.codes[i]! * b.size + b.codes[i]!]! += 1;
  return out;
}

export function addNoise(counts: Float64Array, sigma: number, rng: Rng): Float64Array {
  const out = new Float64Array(counts.length);
  for (let k = 0; k < counts.length; k++) out[k] = counts[k]! + sigma * rng.normal();
  return out;
}

/** Negative counts to 0, then shares summing to 1 (uniform when nothing is left). */
export function toShares(counts: Float64Array): Float64Array {
  const out = counts.map((x) => Math.max(0, x));
  const s = out.reduce((a, b) => a + b, 0);
  return s > 0 ? out.map((x) => x / s) : out.fill(1 / out.length);
}

/**
 * Picks the tree's k − 1 edges Kruskal's way: each round, among the pairs that join two parts not yet joined, the
 * exponential mechanism draws one with probability ∝ exp(ε·score/2) (score sensitivity 1: one row moves a table's
 * L1 error by at most 1). Each round is ε-DP and so ε²/8-zCDP (bounded range, Cesar and Rogers 2021).
 */
export function selectTree(scores: Map<string, number>, k: number, epsilon: number, rng: Rng): [number, number][] {
  const parent = Array.from({ length: k }, (_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const edges: [number, number][] = [];
  for (let round = 0; round < k - 1; round++) {
    const cand: [number, number, number][] = [];
    for (let a = 0; a < k; a++)
      for (let b = a + 1; b < k; b++) if (find(a) !== find(b)) cand.push([a, b, scores.get(`${a},${b}`)!]);
    const top = Math.max(...cand.map((c) => c[2]));
    const w = cand.map((c) => Math.exp((epsilon / 2) * (c[2] - top)));
    let u = rng.next() * w.reduce((s, x) => s + x, 0);
    let pick = cand.length - 1;
    for (let c = 0; c < cand.length; c++) {
      u -= w[c]!;
      if (u < 0) {
        pick = c;
        break;
      }
    }
    const [a, b] = cand[pick]!;
    parent[find(a)] = find(b);
    edges.push([a, b]);
  }
  return edges;
}

/** The L1 distance between a pair's real two-way counts and the product of the noisy one-way shares times n̂. */
export function independenceError(real2: Float64Array, pa: Float64Array, pb: Float64Array, total: number): number {
  let s = 0;
  for (let x = 0; x < pa.length; x++)
    for (let y = 0; y < pb.length; y++) s += Math.abs(real2[x * pb.length + y]! - total * pa[x]! * pb[y]!);
  return s;
}

/** A noisy edge table: a × b counts with noise σ (per cell). */
export interface EdgeMeasure {
  a: number;
  b: number;
  counts: Float64Array;
}

/**
 * Each column's marginal from all its noisy measurements: its own one-way counts (variance σ₁²) and the sums of its
 * edges' tables over the other end (variance d_other·σ₂² per cell), averaged with inverse-variance weights.
 */
export function combinedMarginals(
  sizes: readonly number[],
  oneWay: readonly Float64Array[],
  sigma1: number,
  edges: readonly EdgeMeasure[],
  sigma2: number,
): Float64Array[] {
  return sizes.map((d, j) => {
    const sum = oneWay[j]!.map((x) => x / (sigma1 * sigma1));
    let weight = 1 / (sigma1 * sigma1);
    for (const e of edges) {
      if (e.a !== j && e.b !== j) continue;
      const other = sizes[e.a === j ? e.b : e.a]!;
      const w = 1 / (other * sigma2 * sigma2);
      for (let v = 0; v < d; v++) {
        let s = 0;
        for (let u = 0; u < other; u++) s += e.a === j ? e.counts[v * other + u]! : e.counts[u * d + v]!;
        sum[v]! += w * s;
      }
      weight += w;
    }
    return toShares(sum.map((x) => x / weight));
  });
}

/**
 * The table (shares) closest in the raking sense to the noisy counts whose row sums are `pa` and column sums `pb`:
 * negatives become a small floor, then rows and columns are rescaled in turn (iterative proportional fitting).
 */
export function rake(counts: Float64Array, pa: Float64Array, pb: Float64Array, iterations = 200): Float64Array {
  const da = pa.length;
  const db = pb.length;
  const total = Math.max(
    1,
    counts.reduce((s, x) => s + Math.max(0, x), 0),
  );
  const t = counts.map((x) => Math.max(x, 0) / total + 1e-9);
  for (let it = 0; it < iterations; it++) {
    let worst = 0;
    for (let x = 0; x < da; x++) {
      let s = 0;
      for (let y = 0; y < db; y++) s += t[x * db + y]!;
      worst = Math.max(worst, Math.abs(s - pa[x]!));
      const f = s > 0 ? pa[x]! / s : 0;
      for (let y = 0; y < db; y++) t[x * db + y]! *= f;
    }
    for (let y = 0; y < db; y++) {
      let s = 0;
      for (let x = 0; x < da; x++) s += t[x * db + y]!;
      worst = Math.max(worst, Math.abs(s - pb[y]!));
      const f = s > 0 ? pb[y]! / s : 0;
      for (let x = 0; x < da; x++) t[x * db + y]! *= f;
    }
    if (worst < 1e-12) break;
  }
  return t;
}
