/**
 * The privacy filter's modes and their wording (DESIGN.md §2; the filter itself is filter.ts), plain data with no
 * imports, so the page reads them too (through src/api/catalog.ts).
 * - 'off': keep every synthetic row;
 * - 'copies': replace exact copies of unique training rows (rows no other training row repeats: a copy singles out
 *   one person) with fresh samples (no threshold, no holdout needed);
 * - 'drop': drop rows closer to a training row than a threshold (default: the holdout's 5th-percentile distance);
 * - 'regenerate': as 'drop', then top up with fresh samples that pass.
 */
export type PrivacyFilterMode = 'off' | 'copies' | 'drop' | 'regenerate';

export const PRIVACY_FILTER_MODES: readonly PrivacyFilterMode[] = ['off', 'copies', 'drop', 'regenerate'];

/** What a run's filter did (`GenerateResult.privacyFilter`): `removed` counts the first sample's rejected rows. */
export interface FilterOutcome {
  mode: PrivacyFilterMode;
  threshold: number;
  removed: number;
}

/** The filter's outcome in words, as the CLI, the result panel and the HTML report give it. */
export function describeFilter(f: FilterOutcome, label = 'privacy filter'): string {
  const n = (k: number, one: string, many: string): string => `${k} ${k === 1 ? one : many}`;
  if (f.mode === 'copies')
    return `${label} (copies): ${n(f.removed, 'copy', 'copies')} of unique training rows replaced with fresh samples`;
  const rows = `${n(f.removed, 'row', 'rows')} closer than ${f.threshold.toPrecision(3)} to a training row`;
  return `${label} (${f.mode}): ${rows} ${f.mode === 'drop' ? 'dropped' : 'replaced with fresh samples'}`;
}

/** Whether the mode needs a distance threshold (and so, by default, a holdout to set it from). */
export function usesThreshold(mode: PrivacyFilterMode): boolean {
  return mode === 'drop' || mode === 'regenerate';
}
