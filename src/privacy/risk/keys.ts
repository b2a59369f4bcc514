/**
 * Row keys for the attacks that match rows on columns (k-anonymity, CAP): a categorical value is its code; a number
 * with at most `EXACT_LEVELS` distinct real values is itself, any other number its bin of `BINS` equal-width bins over
 * the real range (SDMetrics' CAP discretises into 10 bins). Also the automatic choice of the columns: quasi-
 * identifiers are the columns whose names look demographic (`QUASI_NAME`); the sensitive column is the target, else
 * the last column that is not a quasi-identifier. And the numeric encoding the density attack (./domias.ts) reads.
 */
import { SchemaError } from '../../core/errors.js';
import type { Prepared, PreparedPart } from '../../metrics/prepare.js';
import { mergedName, type KAnonymityOutcome } from '../k-anonymity-outcome.js';
import type { EncodedRows } from './domias.js';

export const BINS = 10;
export const EXACT_LEVELS = 10;
/** Column names that usually identify a person together with others (age, sex, postcode, dates, …). */
export const QUASI_NAME =
  /(^|[^a-z])(age|sex|gender|zip|post(al)?(code)?|birth|dob|date|race|ethnic|marital|city|region|country|nationality)/i;

/** Per numerical column: true when its real values are few enough to match exactly. */
function exactColumns(P: Prepared): boolean[] {
  return P.kinds.map((k, j) => k === 'cat' || new Set(P.real.values[j]).size <= EXACT_LEVELS);
}

/** One string per row of `part`: its generalised values on `cols`. */
export function rowKeys(P: Prepared, part: PreparedPart, cols: readonly number[]): string[] {
  const exact = exactColumns(P);
  const out: string[] = new Array(part.n);
  for (let i = 0; i < part.n; i++) {
    const parts: (number | string)[] = [];
    for (const j of cols) {
      const v = part.values[j]![i]!;
      if (exact[j]) parts.push(v);
      else {
        const w = P.max[j]! - P.min[j]!;
        parts.push(w > 0 ? Math.min(BINS - 1, Math.max(0, Math.floor(((v - P.min[j]!) / w) * BINS))) : 0);
      }
    }
    out[i] = parts.join('\u0001');
  }
  return out;
}

/**
 * Row keys under k-anonymity enforcement's generalisation (../k-anonymity.ts): a number's bin by the cut points, a
 * level's merged group (its own label, or the merged name the synthetic rows carry). Missing numbers are compared
 * as the imputed median, as everywhere in the report.
 */
export function generalisedKeys(P: Prepared, part: PreparedPart, o: KAnonymityOutcome): string[] {
  const cols = o.columns.map((g) => ({ g, j: P.names.indexOf(g.column) })).filter((c) => c.j >= 0);
  const label = (g: (typeof cols)[number]['g'], l: string): string => {
    if (g.kind !== 'levels') return l;
    const i = g.groups.findIndex((m) => m.includes(l));
    return i >= 0 ? `group ${i}` : l;
  };
  return Array.from({ length: part.n }, (_, i) =>
    cols
      .map(({ g, j }) => {
        const v = part.values[j]![i]!;
        if (g.kind === 'bins') return String(g.cuts.filter((c) => c <= v).length);
        const l = P.levels[j]![v]!;
        const merged = g.groups.findIndex((m) => mergedName(m) === l);
        return merged >= 0 ? `group ${merged}` : label(g, l);
      })
      .join('\u0001'),
  );
}

/** Distinct real values of each column after generalisation. */
export function levelCounts(P: Prepared, cols: readonly number[]): number[] {
  return cols.map((j) => new Set(rowKeys(P, P.real, [j])).size);
}

export interface AttackColumns {
  quasiIdentifiers: string[];
  sensitive: string[];
  /** how they were chosen, in words */
  rule: string;
}

/** The automatic choice (see the file comment); `quasi` overrides the quasi-identifiers by name. */
export function suggestColumns(P: Prepared, quasi: readonly string[] | null = null): AttackColumns {
  const names = P.names;
  const unknown = (quasi ?? []).filter((n) => !names.includes(n));
  if (unknown.length)
    throw new SchemaError(
      'UNKNOWN_COLUMN',
      `Unknown quasi-identifier column${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `"${n}"`).join(', ')}; the evaluated columns are ${names.join(', ')}.`,
      { columns: unknown },
    );
  const qi = quasi
    ? names.filter((n) => quasi.includes(n))
    : names.filter((n, j) => j !== P.target && QUASI_NAME.test(n));
  const rest = names.filter((n) => !qi.includes(n));
  const target = P.target >= 0 ? names[P.target]! : null;
  const sensitive = target && !qi.includes(target) ? [target] : rest.length ? [rest[rest.length - 1]!] : [];
  const rule = quasi
    ? 'quasi-identifiers as given'
    : 'quasi-identifiers: columns named like age, sex, gender, postcode, dates, race, marital status or place';
  const which = target !== null && sensitive[0] === target ? 'the target' : 'the last other column';
  return { quasiIdentifiers: qi, sensitive, rule: `${rule}; sensitive: ${which}` };
}

/** Numbers divided by the real standard deviation (imputed values), categories one-hot over all levels. */
export function encodeRows(P: Prepared, part: PreparedPart): EncodedRows {
  const scale = P.kinds.map((k, j) => {
    if (k === 'cat') return 0;
    const v = P.real.values[j]!;
    const m = v.reduce((a, b) => a + b, 0) / Math.max(1, v.length);
    const sd = Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / Math.max(1, v.length));
    return sd > 0 ? 1 / sd : 0;
  });
  const width = P.kinds.map((k, j) => (k === 'cat' ? P.levels[j]!.length : 1));
  const d = width.reduce((a, b) => a + b, 0);
  const x = new Float64Array(part.n * d);
  for (let i = 0; i < part.n; i++) {
    let o = i * d;
    for (let j = 0; j < P.names.length; j++) {
      const v = part.values[j]![i]!;
      if (P.kinds[j] === 'cat') x[o + v] = 1;
      else x[o] = v * scale[j]!;
      o += width[j]!;
    }
  }
  return { n: part.n, d, x };
}
