/**
 * Exact copies of unique training rows, by fingerprint: the 'copies' mode of the privacy filter finds the unique
 * training rows (`uniqueRows`), and a saved model, which keeps no training rows, keeps their fingerprints instead
 * (`copyFingerprints`) and replaces the same copies when it samples again (`applyCopyGuard`).
 */
import type { AbortLike } from '../core/errors.js';
import type { Schema } from '../core/schema.js';
import { takeRows, type Table } from '../core/table.js';
import type { Generator } from '../generators/generator.js';
import { median, prepare } from '../metrics/prepare.js';
import { copiesEmpty, keepPassing, type FilterResult } from './resample.js';

/**
 * The training rows no other training row repeats exactly (indices into `train`): the rows whose fingerprint
 * (`rowFingerprints`, the report's exact-copy test) occurs once. A synthetic copy of one of them singles out one
 * person; a copy of a row that several training rows share does not, and new real rows repeat such rows too
 * (on tables of few categorical columns; docs/generators/gmtd.md, Privacy filter).
 */
export function uniqueRows(
  train: Table,
  schema: Schema,
  fingerprints: readonly string[] = rowFingerprints(train, schema),
): Int32Array {
  const count = new Map<string, number>();
  for (const f of fingerprints) count.set(f, (count.get(f) ?? 0) + 1);
  return Int32Array.from(Array.from(fingerprints.keys()).filter((i) => count.get(fingerprints[i]!) === 1));
}

/**
 * cyrb53 (bryc, public domain): a 53-bit string hash, two 32-bit multiply–xor lanes mixed at the end. Not
 * cryptographic; 53 bits make an accidental match between two different rows about 1 in 10¹⁶.
 */
function cyrb53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/**
 * One fingerprint per row of `table` (base 36): a hash of its evaluated columns' values as the report compares rows
 * for an exact copy (`prepare`: numbers as numbers, labels canonical so "1" and "1.0" are one label, a missing label
 * a label of its own, a missing number the training median; id and skipped columns left out). Two rows have the same
 * fingerprint exactly when the report would call one a copy of the other. `medians` (per evaluated column, null for
 * categorical ones): the training medians, for a table that is not the training table; without them, `table` is.
 */
export function rowFingerprints(table: Table, schema: Schema, medians?: readonly (number | null)[]): string[] {
  const P = prepare(table, table, null, schema);
  const p = P.names.length;
  const out = new Array<string>(table.nRows);
  const cells = new Array<string | number>(p);
  for (let i = 0; i < table.nRows; i++) {
    for (let j = 0; j < p; j++) {
      const raw = P.real.raw[j];
      if (!raw) cells[j] = P.levels[j]![P.real.values[j]![i]!]!;
      else cells[j] = medians && Number.isNaN(raw[i]!) ? (medians[j] ?? 0) : P.real.values[j]![i]!;
    }
    out[i] = cyrb53(JSON.stringify(cells)).toString(36);
  }
  return out;
}

/** What a saved model keeps to replace copies of unique training rows without the rows (`copyFingerprints`). */
export interface CopyGuard {
  /** Per evaluated column: the training median that stands in for a missing number; null for a categorical column. */
  medians: (number | null)[];
  /** Fingerprints of the unique training rows (`uniqueRows`), sorted. */
  rows: string[];
}

/**
 * The fingerprints of the unique training rows and the medians that fingerprint a missing number. Not the rows: but
 * a fingerprint confirms a guessed row, so the file, which also holds the pseudo-real rows, is to be kept like the
 * data.
 */
export function copyFingerprints(train: Table, schema: Schema): CopyGuard {
  const P = prepare(train, train, null, schema);
  // what `prepare` fills a missing number with when it compares a synthetic row with these training rows
  const medians = P.real.raw.map((raw) => (raw ? median(raw) : null));
  const all = rowFingerprints(train, schema);
  return { medians, rows: Array.from(uniqueRows(train, schema, all), (i) => all[i]!).sort() };
}

/**
 * The 'copies' mode without the training rows (a saved model sampling again): replaces each row of `out` whose
 * fingerprint is one of `fingerprints` with fresh samples, as `applyPrivacyFilter` does with the rows themselves,
 * so the same model and seed give the run's rows again.
 */
export async function applyCopyGuard(
  generator: Generator,
  out: Table,
  req: { guard: CopyGuard; schema: Schema; rows: number; sampleSeed: number; signal?: AbortLike },
): Promise<FilterResult> {
  const guard = new Set(req.guard.rows);
  if (guard.size === 0) return { table: out, threshold: 0, removed: 0 };
  const pass = (t: Table): Table => {
    const fp = rowFingerprints(t, req.schema, req.guard.medians);
    return takeRows(t, Int32Array.from(Array.from(fp.keys()).filter((i) => !guard.has(fp[i]!))));
  };
  const kept = await keepPassing(generator, out, pass, {
    rows: req.rows,
    sampleSeed: req.sampleSeed,
    topUp: true,
    signal: req.signal,
  });
  if (kept.table.nRows === 0) throw copiesEmpty();
  return { table: kept.table, threshold: 0, removed: kept.removed };
}
