/**
 * DOMIAS-style membership inference (van Breugel et al. 2023; DESIGN.md §8). The attacker holds the synthetic rows
 * and a reference set of real rows from the same population, and scores a candidate row by the density ratio
 * p_synth(x) / p_ref(x): a generator that memorised its training rows puts extra density on them. Members = training
 * rows, non-members and the reference = disjoint random halves of the holdout; the figure is the ROC-AUC of the score
 * separating members from non-members (0.5: no better than chance), with the Hanley–McNeil interval.
 *
 * Densities: Gaussian KDE with a diagonal bandwidth, Scott's rule per dimension (σ_j · n^(−1/(d+4)), σ of the set the
 * KDE is fitted on, at least `MIN_BANDWIDTH`; narrowed for the synthetic rows, `SYNTH_BANDWIDTH`), on rows encoded as numbers divided by the real standard deviation and
 * categories one-hot. Cost O(candidates · (synthetic + reference) · d), with at most `MAX_ROWS` rows in each set.
 */
import { Rng } from '../../core/rng.js';

export const MAX_ROWS = 1000;
export const MIN_BANDWIDTH = 0.05;
/**
 * The synthetic density's bandwidth as a fraction of Scott's: the attacker looks for density spikes on memorised
 * rows, which a wide kernel smooths away (the reference density keeps Scott's). Under no memorisation members and
 * non-members are exchangeable, so any bandwidth gives AUC 0.5 in expectation; this one only sets the attack's power.
 */
export const SYNTH_BANDWIDTH = 0.25;

/** Row-major encoded rows. */
export interface EncodedRows {
  n: number;
  d: number;
  x: Float64Array;
}

export interface MembershipAuc {
  auc: number;
  lo: number;
  hi: number;
  members: number;
  nonMembers: number;
  reference: number;
}

interface Kde {
  data: EncodedRows;
  invH: Float64Array;
  logNorm: number;
}

function fitKde(data: EncodedRows, narrow = 1): Kde {
  const { n, d, x } = data;
  const invH = new Float64Array(d);
  const factor = Math.pow(n, -1 / (d + 4)) * narrow;
  let logNorm = -Math.log(n) - (d / 2) * Math.log(2 * Math.PI);
  for (let j = 0; j < d; j++) {
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      s += x[i * d + j]!;
      s2 += x[i * d + j]! ** 2;
    }
    const sd = Math.sqrt(Math.max(0, s2 / n - (s / n) ** 2));
    const h = Math.max(MIN_BANDWIDTH, sd * factor);
    invH[j] = 1 / h;
    logNorm -= Math.log(h);
  }
  return { data, invH, logNorm };
}

/** log p(row) under the KDE (log-sum-exp over the kernels). */
function logDensity(k: Kde, q: Float64Array, o: number): number {
  const { n, d, x } = k.data;
  const e = new Float64Array(n);
  let top = -Infinity;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < d; j++) {
      const t = (q[o + j]! - x[i * d + j]!) * k.invH[j]!;
      s += t * t;
    }
    e[i] = -0.5 * s;
    if (e[i]! > top) top = e[i]!;
  }
  let sum = 0;
  for (let i = 0; i < n; i++) sum += Math.exp(e[i]! - top);
  return top + Math.log(sum) + k.logNorm;
}

/** Rows `idx` of `r`. */
export function pick(r: EncodedRows, idx: ArrayLike<number>): EncodedRows {
  const x = new Float64Array(idx.length * r.d);
  for (let a = 0; a < idx.length; a++) x.set(r.x.subarray(idx[a]! * r.d, (idx[a]! + 1) * r.d), a * r.d);
  return { n: idx.length, d: r.d, x };
}

/** ROC-AUC of positives over negatives (ties ½) by ranks, O(n log n). */
export function rocAuc(pos: ArrayLike<number>, neg: ArrayLike<number>): number {
  const all = [...Array.from(pos, (v) => ({ v, p: 1 })), ...Array.from(neg, (v) => ({ v, p: 0 }))];
  all.sort((a, b) => a.v - b.v);
  let rankSum = 0;
  for (let i = 0; i < all.length;) {
    let j = i;
    while (j < all.length && all[j]!.v === all[i]!.v) j++;
    const mid = (i + j + 1) / 2;
    for (let t = i; t < j; t++) if (all[t]!.p === 1) rankSum += mid;
    i = j;
  }
  const np = pos.length;
  return (rankSum - (np * (np + 1)) / 2) / (np * neg.length);
}

/** Hanley & McNeil (1982) standard error of an AUC. */
function aucSe(auc: number, np: number, nn: number): number {
  const q1 = auc / (2 - auc);
  const q2 = (2 * auc * auc) / (1 + auc);
  return Math.sqrt((auc * (1 - auc) + (np - 1) * (q1 - auc * auc) + (nn - 1) * (q2 - auc * auc)) / (np * nn));
}

const capRows = (r: EncodedRows, rng: Rng): EncodedRows => (r.n > MAX_ROWS ? pick(r, rng.choose(r.n, MAX_ROWS)) : r);

/** The attack; null when the holdout has fewer than 4 rows (two halves of at least 2). */
export function domias(
  train: EncodedRows,
  synth: EncodedRows,
  holdout: EncodedRows,
  seed: number,
): MembershipAuc | null {
  if (holdout.n < 4 || train.n < 2 || synth.n < 2) return null;
  const rng = new Rng(seed);
  const order = Int32Array.from({ length: holdout.n }, (_, i) => i);
  rng.shuffle(order);
  const half = holdout.n >> 1;
  const nonMembers = capRows(pick(holdout, order.subarray(0, half)), rng);
  const reference = capRows(pick(holdout, order.subarray(half)), rng);
  const members = pick(train, rng.choose(train.n, Math.min(train.n, nonMembers.n)));
  const kS = fitKde(capRows(synth, rng), SYNTH_BANDWIDTH);
  const kR = fitKde(reference);
  const score = (r: EncodedRows): Float64Array =>
    Float64Array.from({ length: r.n }, (_, i) => logDensity(kS, r.x, i * r.d) - logDensity(kR, r.x, i * r.d));
  const auc = rocAuc(score(members), score(nonMembers));
  const se = aucSe(auc, members.n, nonMembers.n);
  return {
    auc,
    lo: Math.max(0, auc - 1.96 * se),
    hi: Math.min(1, auc + 1.96 * se),
    members: members.n,
    nonMembers: nonMembers.n,
    reference: reference.n,
  };
}
