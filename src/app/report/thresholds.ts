/**
 * The verdicts as the report shows them: headline numbers and the tooltip with the rule. The thresholds themselves
 * are `VERDICT_THRESHOLDS` (src/api/catalog.ts), the numbers the worker's verdicts are computed from.
 */
import { VERDICT_THRESHOLDS, type VerdictLevel, type VerdictMetric } from '../../api/catalog.js';
import type { EvaluationReport } from '../../api/types.js';

export type Verdict = EvaluationReport['verdicts'][number];

/** Level names as shown next to the colour. */
export const LEVEL_WORDS: Record<VerdictLevel, string> = {
  good: 'good',
  check: 'check',
  poor: 'poor',
  inconclusive: 'inconclusive',
  'n/a': 'n/a',
};

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

/** The confidence interval under the strip's number ("95% interval 40.1–63.0%"), or "" when the verdict has none. */
export function verdictInterval(v: Verdict): string {
  if (!v.interval) return '';
  const p = (x: number): string => `${(100 * x).toFixed(1)}%`;
  return `${Math.round(100 * v.interval.level)}% interval ${p(v.interval.lo)}–${p(v.interval.hi)}`;
}

/** Tooltip text: meaning and thresholds. */
export function thresholdText(metric: VerdictMetric): string {
  const t = VERDICT_THRESHOLDS[metric];
  return `${t.meaning}\nThresholds: ${t.rule}.`;
}
