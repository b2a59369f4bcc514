/**
 * What k-anonymity enforcement (./k-anonymity.ts) was asked and did, and its wording: plain data with no imports, so
 * the page reads it too (as ./modes.ts).
 */

/** A merged level is named by its levels joined with " | " up to this many, else "other (n levels)". */
export const NAMED_MERGE = 3;

export interface KAnonymityRequest {
  k: number;
  quasiIdentifiers: string[];
}

/** How one quasi-identifier was generalised: numbers by cut points (bin i = [cuts[i−1], cuts[i])), levels by groups. */
export type ColumnGeneralisation =
  | { column: string; kind: 'bins'; step: number; bins: number; cuts: number[] }
  | { column: string; kind: 'levels'; step: number; groups: string[][] };

export interface KAnonymityOutcome {
  k: number;
  quasiIdentifiers: string[];
  columns: ColumnGeneralisation[];
  /** quasi-identifier values of the first sample that generalisation changed */
  generalisedValues: number;
  /** rows of the first sample whose combination still had fewer than k real rows: replaced with fresh samples */
  replaced: number;
  /** rows in the output (fewer than asked when the fresh samples ran out) */
  rows: number;
}

/** The outcome in words, as the CLI, the result panel and the HTML report give it. */
export function describeKAnonymity(o: KAnonymityOutcome): string {
  if (o.k === 1) return `k-anonymity (k = 1, ${o.quasiIdentifiers.join(', ')}): nothing to do, the output is unchanged`;
  const cols = o.columns.map((c) =>
    c.kind === 'bins'
      ? `${c.column} in ${c.bins} bin${c.bins === 1 ? '' : 's'}`
      : c.groups.length
        ? `${c.column} with ${c.groups.reduce((s, g) => s + g.length, 0)} rare levels merged`
        : `${c.column} as is`,
  );
  return `k-anonymity (k = ${o.k}): ${cols.join(', ')}; ${o.generalisedValues} value${o.generalisedValues === 1 ? '' : 's'} generalised, ${o.replaced} row${o.replaced === 1 ? '' : 's'} replaced with fresh samples; ${o.rows} rows`;
}

/** The name of a level that merges `levels` (a single level keeps its own). */
export function mergedName(levels: readonly string[]): string {
  return levels.length === 1
    ? levels[0]!
    : levels.length <= NAMED_MERGE
      ? levels.join(' | ')
      : `other (${levels.length} levels)`;
}
