/** Prediction scores: accuracy, macro-F1, one-vs-rest macro ROC-AUC; R², RMSE, MAE. */
import { mean } from '../core/stats.js';

export function accuracy(y: ArrayLike<number>, pred: ArrayLike<number>): number {
  let ok = 0;
  for (let i = 0; i < y.length; i++) if (y[i] === pred[i]) ok++;
  return ok / y.length;
}

/** Macro-averaged F1 over `labels` (a label never predicted nor present scores 0, as sklearn's zero_division=0). */
export function macroF1(y: ArrayLike<number>, pred: ArrayLike<number>, labels: number[]): number {
  let s = 0;
  for (const c of labels) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (let i = 0; i < y.length; i++) {
      if (pred[i] === c && y[i] === c) tp++;
      else if (pred[i] === c) fp++;
      else if (y[i] === c) fn++;
    }
    s += tp + fp + fn === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
  }
  return s / labels.length;
}

/** ROC-AUC of scores for a binary 0/1 truth (Mann–Whitney, ties ½); null if one class is absent. */
export function rocAuc(truth: ArrayLike<number>, score: ArrayLike<number>): number | null {
  const idx = Array.from({ length: truth.length }, (_, i) => i).sort((a, b) => score[a]! - score[b]!);
  let rankSumPos = 0;
  let nPos = 0;
  let i = 0;
  while (i < idx.length) {
    let j = i;
    while (j + 1 < idx.length && score[idx[j + 1]!] === score[idx[i]!]) j++;
    const rank = (i + j) / 2 + 1; // average rank of the tie group
    for (let k = i; k <= j; k++)
      if (truth[idx[k]!] === 1) {
        rankSumPos += rank;
        nPos++;
      }
    i = j + 1;
  }
  const nNeg = truth.length - nPos;
  if (nPos === 0 || nNeg === 0) return null;
  return (rankSumPos - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

/** One-vs-rest macro AUC over the classes present in y (both positive and negative rows needed). */
export function aucOvr(y: ArrayLike<number>, proba: Float64Array, classes: number): number | null {
  const aucs: number[] = [];
  for (let c = 0; c < classes; c++) {
    const t = Int8Array.from({ length: y.length }, (_, i) => (y[i] === c ? 1 : 0));
    const s = Float64Array.from({ length: y.length }, (_, i) => proba[i * classes + c]!);
    const a = rocAuc(t, s);
    if (a !== null) aucs.push(a);
  }
  return aucs.length ? aucs.reduce((a, b) => a + b, 0) / aucs.length : null;
}

export function r2(y: ArrayLike<number>, pred: ArrayLike<number>): number {
  const m = mean(y);
  let ss = 0;
  let st = 0;
  for (let i = 0; i < y.length; i++) {
    ss += (y[i]! - pred[i]!) ** 2;
    st += (y[i]! - m) ** 2;
  }
  return st > 0 ? 1 - ss / st : ss === 0 ? 1 : 0;
}

export function rmse(y: ArrayLike<number>, pred: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += (y[i]! - pred[i]!) ** 2;
  return Math.sqrt(s / y.length);
}

export function mae(y: ArrayLike<number>, pred: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += Math.abs(y[i]! - pred[i]!);
  return s / y.length;
}
