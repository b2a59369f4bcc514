/**
 * Clustering utility (DESIGN.md §5): k-means (ml-kmeans, k-means++ seeded) on real and on synthetic data,
 * scored by the silhouette (Rousseeuw 1987) and the Calinski–Harabasz index. Features: numerical columns
 * standardised with the real statistics, categorical columns one-hot over the real levels. k: the number of
 * target classes, else the k in 2…6 with the best silhouette on the real data.
 */
import { kmeans } from 'ml-kmeans';
import { Rng } from '../core/rng.js';
import type { Prepared } from './prepare.js';
import { Encoder, range, type Design } from './models/design.js';

const MAX_ROWS = 1000;

/** Mean silhouette of a labelling (Euclidean); 0 for points alone in their cluster. */
export function silhouette(D: Design, labels: ArrayLike<number>): number {
  const { n, d, X } = D;
  const K = Math.max(...Array.from(labels)) + 1;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const sum = new Float64Array(K);
    const cnt = new Float64Array(K);
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      let s = 0;
      for (let k = 0; k < d; k++) s += (X[i * d + k]! - X[j * d + k]!) ** 2;
      sum[labels[j]!]! += Math.sqrt(s);
      cnt[labels[j]!]!++;
    }
    const own = labels[i]!;
    if (cnt[own] === 0) continue;
    const a = sum[own]! / cnt[own]!;
    let b = Infinity;
    for (let c = 0; c < K; c++) if (c !== own && cnt[c]! > 0) b = Math.min(b, sum[c]! / cnt[c]!);
    if (Number.isFinite(b)) total += (b - a) / Math.max(a, b);
  }
  return total / n;
}

/** Calinski–Harabasz: [tr(B)/(k−1)] / [tr(W)/(n−k)]. */
export function calinskiHarabasz(D: Design, labels: ArrayLike<number>): number {
  const { n, d, X } = D;
  const K = Math.max(...Array.from(labels)) + 1;
  const mean = new Float64Array(d);
  const cm = new Float64Array(K * d);
  const cnt = new Float64Array(K);
  for (let i = 0; i < n; i++) {
    cnt[labels[i]!]!++;
    for (let k = 0; k < d; k++) {
      mean[k]! += X[i * d + k]! / n;
      cm[labels[i]! * d + k]! += X[i * d + k]!;
    }
  }
  let B = 0;
  for (let c = 0; c < K; c++) {
    if (!cnt[c]) continue;
    for (let k = 0; k < d; k++) {
      cm[c * d + k]! /= cnt[c]!;
      B += cnt[c]! * (cm[c * d + k]! - mean[k]!) ** 2;
    }
  }
  let W = 0;
  for (let i = 0; i < n; i++) for (let k = 0; k < d; k++) W += (X[i * d + k]! - cm[labels[i]! * d + k]!) ** 2;
  const used = Array.from(cnt).filter((c) => c > 0).length;
  if (used < 2 || W === 0) return 0;
  return B / (used - 1) / (W / (n - used));
}

export interface ClusteringReport {
  k: number;
  silhouette: { real: number; synthetic: number };
  calinskiHarabasz: { real: number; synthetic: number };
}

function rowsOf(D: Design): number[][] {
  return Array.from({ length: D.n }, (_, i) => Array.from(D.X.subarray(i * D.d, (i + 1) * D.d)));
}

export function clustering(P: Prepared, seed: number): ClusteringReport | null {
  const features = P.names.map((_, j) => j).filter((j) => j !== P.target);
  if (!features.length) return null;
  const rng = new Rng(seed);
  const enc = new Encoder(P, P.real, range(P.real.n), features);
  const sub = (n: number) => (n > MAX_ROWS ? rng.choose(n, MAX_ROWS).sort() : range(n));
  const R = enc.transform(P.real, sub(P.real.n));
  const S = enc.transform(P.synth, sub(P.synth.n));
  if (R.d === 0 || R.n < 4 || S.n < 4) return null;
  const cluster = (D: Design, k: number): number[] =>
    kmeans(rowsOf(D), k, { seed, initialization: 'kmeans++', maxIterations: 100 }).clusters;
  let k: number;
  if (P.target >= 0 && P.kinds[P.target] === 'cat')
    k = Math.max(2, Math.min(10, new Set(P.real.values[P.target]!).size));
  else {
    let best = -Infinity;
    k = 2;
    for (let c = 2; c <= Math.min(6, R.n - 1); c++) {
      const s = silhouette(R, cluster(R, c));
      if (s > best) {
        best = s;
        k = c;
      }
    }
  }
  k = Math.min(k, R.n - 1, S.n - 1);
  const lr = cluster(R, k);
  const ls = cluster(S, k);
  return {
    k,
    silhouette: { real: silhouette(R, lr), synthetic: silhouette(S, ls) },
    calinskiHarabasz: { real: calinskiHarabasz(R, lr), synthetic: calinskiHarabasz(S, ls) },
  };
}
