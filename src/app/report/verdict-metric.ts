import { VERDICT_THRESHOLDS, type VerdictMetric } from '../../api/catalog.js';

/** Is `v` the name of a verdict's metric (e.g. a card's data-metric attribute)? */
export function isVerdictMetric(v: unknown): v is VerdictMetric {
  return typeof v === 'string' && Object.hasOwn(VERDICT_THRESHOLDS, v);
}
