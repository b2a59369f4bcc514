/**
 * The verdicts as the report shows them: headline numbers and the tooltip with the rule. The thresholds themselves
 * are `VERDICT_THRESHOLDS` (src/api/catalog.ts), the numbers the worker's verdicts are computed from.
 */
import { VERDICT_THRESHOLDS, type VerdictLevel, type VerdictMetric } from '../../api/catalog.js';
import type { EvaluationReport } from '../../api/types.js';

export type Verdict = EvaluationReport['verdicts'][number];

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
  const t = VERDICT_THRESHOLDS[metric];
  return `${t.meaning}\nThresholds: ${t.rule}.`;
}
