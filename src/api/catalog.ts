/**
 * Plain data the page may import (it imports src/api and src/core only): the privacy filter's modes and their
 * wording, and the verdict thresholds. Written once here and read by both sides: the worker's verdicts
 * (src/metrics/verdicts.ts) compute their levels from these numbers, and the page shows them (tooltip, "How to read",
 * the HTML report), so the two cannot disagree.
 */
export {
  describeFilter,
  PRIVACY_FILTER_MODES,
  usesThreshold,
  type FilterOutcome,
  type PrivacyFilterMode,
} from '../privacy/modes.js';
export { describeKAnonymity, type KAnonymityOutcome } from '../privacy/k-anonymity-outcome.js';
export { privacySummary, riskBars, type RiskBar } from '../privacy/risk/summary.js';

/** The report's headline numbers that get a verdict. */
export type VerdictMetric = 'quality' | 'pcd' | 'dcrShare' | 'exactCopies' | 'utilityRatio';
/** 'inconclusive': the value's confidence interval spans the threshold (too few rows to tell). */
export type VerdictLevel = 'good' | 'check' | 'poor' | 'inconclusive' | 'n/a';

export interface Threshold {
  /** "good" at or beyond this value */
  good: number;
  /** "check" at or beyond this value; worse is "poor" */
  check: number;
  /** true: higher is better (≥); false: lower is better (≤) */
  higherIsBetter: boolean;
  /** what the number is, in plain words */
  meaning: string;
  /** the rule in words, e.g. "good ≥ 0.85 · check ≥ 0.70 · poor below" */
  rule: string;
}

const rule = (good: string, check: string, higher: boolean): string =>
  higher ? `good ≥ ${good} · check ≥ ${check} · poor below` : `good ≤ ${good} · check ≤ ${check} · poor above`;

/**
 * Where each verdict changes level. Quality good ≥ 0.85 is "close to new real data" (unseen real rows score about
 * 0.88); PCD is judged per pair (PCD / √(p(p−1)), the RMS error of one association) and is also good when no larger
 * than what the holdout would score; a DCR share within 0.55 is the noise of small holdouts, and its verdict needs its whole interval on one side; exact copies are good up
 * to the holdout's own copy rate + `good` (1 point); TSTR/TRTR compares random forests.
 */
export const VERDICT_THRESHOLDS: Record<VerdictMetric, Threshold> = {
  quality: {
    good: 0.85,
    check: 0.7,
    higherIsBetter: true,
    meaning:
      'Mean of column shapes (1 − KS or 1 − TV per column) and column pair trends (SDMetrics); 1 is identical. Unseen real rows score about 0.88.',
    rule: rule('0.85', '0.70', true),
  },
  pcd: {
    good: 0.1,
    check: 0.2,
    higherIsBetter: false,
    meaning:
      'Pairwise correlation difference: Frobenius norm of the difference of the association matrices (Pearson, η, Cramér’s V). Judged per pair: PCD / √(p(p − 1)); also good when no larger than what unseen real rows (the holdout) would score at the synthetic table’s size.',
    rule: `per pair: ${rule('0.10', '0.20', false)}`,
  },
  dcrShare: {
    good: 0.55,
    check: 0.6,
    higherIsBetter: false,
    meaning:
      'Share of synthetic rows closer to a training row than to a holdout row (training subsampled to the holdout’s size); 50% is ideal. Needs a holdout. Judged by its 95% interval (half-sampling over the synthetic, training and holdout rows), so a small holdout gives “inconclusive” rather than a verdict the data does not support.',
    rule: '95% interval: good when all of it ≤ 55% · check when all of it above 55% · poor when all of it above 60% · inconclusive when it spans 55%',
  },
  exactCopies: {
    good: 0.01,
    check: 0.05,
    higherIsBetter: false,
    meaning: 'Share of synthetic rows identical to a training row (Gower distance 0).',
    rule: 'good ≤ the holdout’s own copy rate + 1 point · check ≤ 5% · poor above',
  },
  utilityRatio: {
    good: 0.9,
    check: 0.7,
    higherIsBetter: true,
    meaning:
      'Random forest trained on synthetic data, tested on real data (TSTR), divided by the same model trained on real data (TRTR): accuracy, or R² for a numerical target. On a holdout it is judged by its 95% interval (a paired bootstrap over the holdout rows), so a small holdout gives “inconclusive” rather than a verdict the data does not support.',
    rule: '95% interval (on a holdout): good when all of it ≥ 90% · check when all of it below 90% · poor when all of it below 70% · inconclusive when it spans 90%',
  },
};
