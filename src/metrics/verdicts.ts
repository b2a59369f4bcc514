/**
 * Plain-words verdicts for the report's headline numbers. Thresholds (documented here, shown in the UI):
 * - quality (mean of column shapes and pair trends): good ≥ 0.85, check ≥ 0.70, else poor — the real holdout scores
 *   ≈ 0.88 median on the GenerativeMTD datasets (BASELINES.md), so ≥ 0.85 is "close to new real data";
 * - PCD per pair (PCD / √(p(p−1)), the RMS error of one association): good ≤ 0.10, check ≤ 0.20, else poor; also
 *   good when it is no more than unseen real rows of the synthetic table's size would score (from the holdout);
 * - DCR share (0.5 ideal): good ≤ 0.55 (within the noise of small holdouts), check ≤ 0.60, else poor (rows sit
 *   closer to the training data than new real data would); without a holdout there is no verdict;
 * - exact copies: good when no more than the holdout's own rate + 1 point, check ≤ 5%, else poor;
 * - TSTR/TRTR (random forest; accuracy, or R² for regression): good ≥ 0.90, check ≥ 0.70, else poor.
 */
export type Level = 'good' | 'check' | 'poor' | 'n/a';

export interface Verdict {
  metric: 'quality' | 'pcd' | 'dcrShare' | 'exactCopies' | 'utilityRatio';
  label: string;
  value: number | null;
  level: Level;
  text: string;
}

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;

export function qualityVerdict(q: number): Verdict {
  const level: Level = q >= 0.85 ? 'good' : q >= 0.7 ? 'check' : 'poor';
  const text = level === 'good' ? 'Columns and their pairs look like the real data.' : level === 'check' ? 'Broadly similar; check the columns with the lowest scores.' : 'Distributions differ clearly from the real data.';
  return { metric: 'quality', label: 'Quality score', value: q, level, text };
}

export function pcdVerdict(pcd: number, columns: number, reference: number | null = null): Verdict {
  const pairs = columns * (columns - 1);
  const perPair = (x: number): number => (pairs > 0 ? x / Math.sqrt(pairs) : 0);
  const rms = perPair(pcd);
  // a small table's associations are noisy: when unseen real rows of the same size would differ as much, the
  // synthetic table cannot be asked to do better
  const withinReal = reference !== null && pcd <= reference;
  const level: Level = rms <= 0.1 || withinReal ? 'good' : rms <= 0.2 ? 'check' : 'poor';
  const ref = reference === null ? '' : ` Unseen real rows would differ by about ${perPair(reference).toFixed(3)} per pair (PCD ${reference.toFixed(3)})${withinReal ? ': this is within that.' : '.'}`;
  const text = `Associations between columns differ by ${rms.toFixed(3)} per pair on average${level === 'good' ? ': kept.' : level === 'check' ? ': partly kept.' : ': lost.'}${ref}`;
  return { metric: 'pcd', label: 'PCD', value: pcd, level, text };
}

export function dcrShareVerdict(share: number | null): Verdict {
  if (share === null) return { metric: 'dcrShare', label: 'DCR share', value: null, level: 'n/a', text: 'No holdout: keep some real rows aside to test closeness to the training data.' };
  const level: Level = share <= 0.55 ? 'good' : share <= 0.6 ? 'check' : 'poor';
  const text = level === 'good' ? `${pct(share)} of synthetic rows are closer to the training rows than to unseen real rows (50% is ideal).` : `${pct(share)} of synthetic rows are closer to the training rows than to unseen real rows: ${level === 'check' ? 'somewhat' : 'clearly'} too close (50% is ideal).`;
  return { metric: 'dcrShare', label: 'DCR share', value: share, level, text };
}

export function copiesVerdict(rate: number, holdoutRate: number | null): Verdict {
  const base = holdoutRate ?? 0;
  const level: Level = rate <= base + 0.01 ? 'good' : rate <= 0.05 ? 'check' : 'poor';
  const text = rate === 0 ? 'No synthetic row is a copy of a training row.' : `${pct(rate)} of synthetic rows are exact copies of a training row${holdoutRate !== null ? ` (unseen real rows: ${pct(holdoutRate)})` : ''}.`;
  return { metric: 'exactCopies', label: 'Exact copies', value: rate, level, text };
}

export function utilityVerdict(ratio: number | null, metric: string, trtr: number | null = null): Verdict {
  if (ratio === null && trtr !== null) {
    return { metric: 'utilityRatio', label: 'TSTR / TRTR', value: null, level: 'n/a', text: `Even a model trained on real data does not predict the target (${metric} ${trtr.toFixed(3)}): no utility to compare.` };
  }
  if (ratio === null) return { metric: 'utilityRatio', label: 'TSTR / TRTR', value: null, level: 'n/a', text: 'Pick a target column to measure predictive value.' };
  const level: Level = ratio >= 0.9 ? 'good' : ratio >= 0.7 ? 'check' : 'poor';
  return { metric: 'utilityRatio', label: 'TSTR / TRTR', value: ratio, level, text: `A model trained on synthetic data reaches ${pct(ratio)} of the ${metric} of one trained on real data.` };
}
