/**
 * Plain-words verdicts for the report's headline numbers. The levels change at `VERDICT_THRESHOLDS`
 * (src/api/catalog.ts, where the page reads the same numbers to show the rules): higher is better for quality and
 * TSTR/TRTR, lower for PCD per pair, the DCR share and exact copies; without a holdout there is no DCR share verdict, and the
 * DCR share is judged by its confidence interval.
 */
import { VERDICT_THRESHOLDS as T, type Threshold, type VerdictLevel, type VerdictMetric } from '../api/catalog.js';

export type Level = VerdictLevel;

export interface Verdict {
  metric: VerdictMetric;
  label: string;
  value: number | null;
  level: Level;
  text: string;
  /** the value's confidence interval, where the verdict is based on one */
  interval?: ShareInterval;
}

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;

/** The level of `x` under threshold `t` (good or check at the boundary itself). */
function levelOf(t: Threshold, x: number): Level {
  if (t.higherIsBetter) return x >= t.good ? 'good' : x >= t.check ? 'check' : 'poor';
  return x <= t.good ? 'good' : x <= t.check ? 'check' : 'poor';
}

export function qualityVerdict(q: number): Verdict {
  const level = levelOf(T.quality, q);
  const text =
    level === 'good'
      ? 'Columns and their pairs look like the real data.'
      : level === 'check'
        ? 'Broadly similar; check the columns with the lowest scores.'
        : 'Distributions differ clearly from the real data.';
  return { metric: 'quality', label: 'Quality score', value: q, level, text };
}

/**
 * `reference`: the holdout's PCD at the synthetic table's size; `spreadHi`: the upper end (97.5 %) of what real
 * samples of those sizes score against each other (fidelity.ts `pcdSplitSpread`).
 */
export function pcdVerdict(
  pcd: number,
  columns: number,
  reference: number | null = null,
  spreadHi: number | null = null,
): Verdict {
  const pairs = columns * (columns - 1);
  const perPair = (x: number): number => (pairs > 0 ? x / Math.sqrt(pairs) : 0);
  const rms = perPair(pcd);
  // a small table's associations are noisy: when unseen real rows of the same size would differ as much, the
  // synthetic table cannot be asked to do better
  const bound = reference === null ? null : Math.max(reference, spreadHi ?? reference);
  const withinReal = bound !== null && pcd <= bound;
  const level: Level = withinReal ? 'good' : levelOf(T.pcd, rms);
  const upTo =
    spreadHi !== null && spreadHi > (reference ?? 0)
      ? `; real samples of these sizes differ by up to ${perPair(spreadHi).toFixed(3)} per pair`
      : '';
  const ref =
    reference === null
      ? ''
      : ` Unseen real rows would differ by about ${perPair(reference).toFixed(3)} per pair (PCD ${reference.toFixed(3)})${upTo}${withinReal ? ': this is within that.' : '.'}`;
  const text = `Associations between columns differ by ${rms.toFixed(3)} per pair on average${level === 'good' ? ': kept.' : level === 'check' ? ': partly kept.' : ': lost.'}${ref}`;
  return { metric: 'pcd', label: 'PCD', value: pcd, level, text };
}

/** A share's confidence interval as the verdicts read it. */
export interface ShareInterval {
  lo: number;
  hi: number;
  /** confidence level, e.g. 0.95 */
  level: number;
}

/**
 * The DCR share's verdict comes from its interval, not the point: "too close" only when the whole interval lies above
 * the threshold, "good" only when it lies within it, "inconclusive" when it spans it (a small holdout cannot tell).
 * Without an interval the point is taken as exact (an interval of width 0).
 */
export function dcrShareVerdict(share: number | null, interval: ShareInterval | null = null): Verdict {
  if (share === null)
    return {
      metric: 'dcrShare',
      label: 'DCR share',
      value: null,
      level: 'n/a',
      text: 'No holdout: keep some real rows aside to test closeness to the training data.',
    };
  const iv = interval ?? { lo: share, hi: share, level: 1 };
  const t = T.dcrShare;
  const level: Level = iv.hi <= t.good ? 'good' : iv.lo > t.check ? 'poor' : iv.lo > t.good ? 'check' : 'inconclusive';
  const range = interval ? ` (${Math.round(100 * iv.level)}% interval ${pct(iv.lo)}–${pct(iv.hi)})` : '';
  const head = `${pct(share)}${range} of synthetic rows are closer to the training rows than to unseen real rows`;
  const tail =
    level === 'good'
      ? ' (50% is ideal).'
      : level === 'inconclusive'
        ? `: inconclusive, the holdout is too small to tell whether this is above ${pct(t.good)} (50% is ideal).`
        : `: ${level === 'check' ? 'somewhat' : 'clearly'} too close (50% is ideal).`;
  const out: Verdict = { metric: 'dcrShare', label: 'DCR share', value: share, level, text: head + tail };
  if (interval) out.interval = { lo: iv.lo, hi: iv.hi, level: iv.level };
  return out;
}

export function copiesVerdict(rate: number, holdoutRate: number | null): Verdict {
  const base = holdoutRate ?? 0;
  const level: Level = rate <= base + T.exactCopies.good ? 'good' : rate <= T.exactCopies.check ? 'check' : 'poor';
  const text =
    rate === 0
      ? 'No synthetic row is a copy of a training row.'
      : `${pct(rate)} of synthetic rows are exact copies of a training row${holdoutRate !== null ? ` (unseen real rows: ${pct(holdoutRate)})` : ''}.`;
  return { metric: 'exactCopies', label: 'Exact copies', value: rate, level, text };
}

/**
 * With an interval (the holdout's paired bootstrap), the level is read from the interval as the DCR share's is: "good"
 * only when all of it reaches the good threshold, "poor" only when all of it lies below the check threshold, "check"
 * when all of it lies below good, and "inconclusive" when it spans good (a small holdout cannot tell).
 */
export function utilityVerdict(
  ratio: number | null,
  metric: string,
  trtr: number | null = null,
  interval: ShareInterval | null = null,
): Verdict {
  if (ratio === null && trtr !== null) {
    return {
      metric: 'utilityRatio',
      label: 'TSTR / TRTR',
      value: null,
      level: 'n/a',
      text: `Even a model trained on real data does not predict the target (${metric} ${trtr.toFixed(3)}): no utility to compare.`,
    };
  }
  if (ratio === null)
    return {
      metric: 'utilityRatio',
      label: 'TSTR / TRTR',
      value: null,
      level: 'n/a',
      text: 'Pick a target column to measure predictive value.',
    };
  const t = T.utilityRatio;
  const iv = interval ?? { lo: ratio, hi: ratio, level: 1 };
  const level: Level = iv.lo >= t.good ? 'good' : iv.hi < t.check ? 'poor' : iv.hi < t.good ? 'check' : 'inconclusive';
  const range = interval ? ` (${Math.round(100 * iv.level)}% interval ${pct(iv.lo)}–${pct(iv.hi)})` : '';
  const tail =
    level === 'inconclusive'
      ? `: inconclusive, the holdout is too small to tell whether it reaches ${pct(t.good)}.`
      : '.';
  const out: Verdict = {
    metric: 'utilityRatio',
    label: 'TSTR / TRTR',
    value: ratio,
    level,
    text: `A model trained on synthetic data reaches ${pct(ratio)}${range} of the ${metric} of one trained on real data${tail}`,
  };
  if (interval) out.interval = { lo: iv.lo, hi: iv.hi, level: iv.level };
  return out;
}
