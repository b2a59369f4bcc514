/**
 * The verdict thresholds, as the report shows them (tooltip and the "How to read" list). The verdicts themselves are
 * computed in the worker (src/metrics/verdicts.ts, which the page may not import); test/app/report-export.test.ts
 * checks that these numbers give the same levels as the worker's functions at and beyond every boundary.
 */
import type { EvaluationReport } from '../../api/types.js';

export type Verdict = EvaluationReport['verdicts'][number];
export type VerdictMetric = Verdict['metric'];
export type VerdictLevel = Verdict['level'];

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

export const THRESHOLDS: Record<VerdictMetric, Threshold> = {
  quality: {
    good: 0.85,
    check: 0.7,
    higherIsBetter: true,
    meaning: 'Mean of column shapes (1 − KS or 1 − TV per column) and column pair trends (SDMetrics); 1 is identical. Unseen real rows score about 0.88.',
    rule: rule('0.85', '0.70', true),
  },
  pcd: {
    good: 0.1,
    check: 0.2,
    higherIsBetter: false,
    meaning: 'Pairwise correlation difference: Frobenius norm of the difference of the association matrices (Pearson, η, Cramér’s V). Judged per pair: PCD / √(p(p − 1)); also good when no larger than what unseen real rows (the holdout) would score at the synthetic table’s size.',
    rule: `per pair: ${rule('0.10', '0.20', false)}`,
  },
  dcrShare: {
    good: 0.55,
    check: 0.6,
    higherIsBetter: false,
    meaning: 'Share of synthetic rows closer to a training row than to a holdout row (training subsampled to the holdout’s size); 50% is ideal. Needs a holdout.',
    rule: rule('55%', '60%', false),
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
    meaning: 'Random forest trained on synthetic data, tested on real data (TSTR), divided by the same model trained on real data (TRTR): accuracy, or R² for a numerical target.',
    rule: rule('90%', '70%', true),
  },
};

/** Level names as shown next to the colour. */
export const LEVEL_WORDS: Record<VerdictLevel, string> = { good: 'good', check: 'check', poor: 'poor', 'n/a': 'n/a' };

/** The headline number of a verdict, formatted for the strip. */
export function verdictValue(v: Verdict): string {
  if (v.value === null) return '—';
  switch (v.metric) {
    case 'quality':
      return v.value.toFixed(3);
    case 'pcd':
      return v.value.toFixed(3);
    case 'dcrShare':
    case 'exactCopies':
    case 'utilityRatio':
      return `${(100 * v.value).toFixed(1)}%`;
  }
}

/** Tooltip text: meaning and thresholds. */
export function thresholdText(metric: VerdictMetric): string {
  const t = THRESHOLDS[metric];
  return `${t.meaning}\nThresholds: ${t.rule}.`;
}
