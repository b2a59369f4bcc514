/**
 * The privacy filter (DESIGN.md §2), usable with any generator: synthetic rows whose Gower distance to the closest
 * training row is below a threshold are dropped (or replaced by freshly sampled rows that pass). Default threshold:
 * the 5th percentile of the holdout's distances to the training rows — "closer than 95% of genuinely new real
 * rows" — or, without a holdout, the 5th percentile of the training rows' leave-one-out nearest distances.
 * The 'copies' mode replaces only exact copies of unique training rows (`uniqueRows`): no threshold, no
 * holdout. A saved model keeps no training rows, so it keeps their fingerprints instead (`copyFingerprints`) and
 * replaces the same copies when it samples again (`applyCopyGuard`).
 */
import { LocalSynthError, type AbortLike } from '../core/errors.js';
import type { Schema } from '../core/schema.js';
import type { Table } from '../core/table.js';
import { concatTables, takeRows } from '../core/table.js';
import type { Generator } from '../generators/generator.js';
import type { PrivacyFilterMode } from '../core/privacy-modes.js';
import { median, prepare } from '../metrics/prepare.js';
import { COPY_TOL, GowerSpace, percentile } from '../metrics/privacy.js';

export { PRIVACY_FILTER_MODES, usesThreshold, type PrivacyFilterMode } from '../core/privacy-modes.js';

export interface FilterResult {
  table: Table;
  threshold: number;
  removed: number;
}

/** Threshold from the holdout (or leave-one-out training distances). */
export function defaultThreshold(train: Table, holdout: Table | null, schema: Schema): number {
  if (holdout && holdout.nRows > 0) {
    const P = prepare(train, holdout, null, schema);
    const G = new GowerSpace(P);
    return percentile(G.nearest2(G.rows(P.synth), G.rows(P.real)).d1, 5);
  }
  const P = prepare(train, train, null, schema);
  const G = new GowerSpace(P);
  const R = G.rows(P.real);
  // each row's nearest OTHER row is its second-nearest when the row itself is in the reference
  return percentile(G.nearest2(R, R).d2, 5);
}

/**
 * The training rows no other training row repeats exactly (indices into `train`): the rows whose fingerprint
 * (`rowFingerprints`, the report's exact-copy test) occurs once. A synthetic copy of one of them singles out one
 * person; a copy of a row that several training rows share does not, and new real rows repeat such rows too
 * (wisconsin_breast: 39 % of training rows have a duplicate, and 39 % of its held-out rows equal a training row).
 */
export function uniqueRows(train: Table, schema: Schema, fingerprints: readonly string[] = rowFingerprints(train, schema)): Int32Array {
  const count = new Map<string, number>();
  for (const f of fingerprints) count.set(f, (count.get(f) ?? 0) + 1);
  return Int32Array.from(Array.from(fingerprints.keys()).filter((i) => count.get(fingerprints[i]!) === 1));
}

/**
 * Keeps the rows of `synth` at least `threshold` away from every training row (or only from the training rows
 * `ref`, indices into `train`), and never an exact copy of one (the report's definition, distance ≤ COPY_TOL):
 * threshold 0 drops the copies only. Distances are scaled by the whole training table's ranges either way.
 */
export function filterRows(train: Table, synth: Table, schema: Schema, threshold: number, ref?: Int32Array): FilterResult {
  const P = prepare(train, synth, null, schema);
  const G = new GowerSpace(P);
  const { d1 } = G.nearest2(G.rows(P.synth), G.rows(P.real, ref));
  const keep: number[] = [];
  d1.forEach((d, i) => {
    if (d >= threshold && d > COPY_TOL) keep.push(i);
  });
  return { table: takeRows(synth, keep), threshold, removed: synth.nRows - keep.length };
}

export interface FilterRequest {
  train: Table;
  holdout: Table | null;
  schema: Schema;
  mode: Exclude<PrivacyFilterMode, 'off'>;
  /** 'drop' / 'regenerate': null = `defaultThreshold`; 'copies' ignores it (0). */
  threshold: number | null;
  /** Rows asked for: 'copies' and 'regenerate' top the kept rows up to this many. */
  rows: number;
  /** The first sample's seed; round r of fresh samples uses seed + r. */
  sampleSeed: number;
  signal?: AbortLike;
}

/**
 * Keeps the rows of `out` that `pass` accepts and, unless `topUp` is false, tops them up with fresh samples that
 * pass, in at most 8 rounds (round r samples with seed `sampleSeed + r`), each sized by the pass rate seen so far.
 * `removed` counts the first sample's rejected rows.
 */
async function keepPassing(generator: Generator, out: Table, pass: (t: Table) => Table, req: { rows: number; sampleSeed: number; topUp: boolean; signal?: AbortLike }): Promise<{ table: Table; removed: number }> {
  const { rows } = req;
  let kept = pass(out);
  const removed = out.nRows - kept.nRows;
  let passRate = Math.max(0.02, kept.nRows / rows);
  for (let round = 1; req.topUp && kept.nRows < rows && round <= 8; round++) {
    const missing = rows - kept.nRows;
    const ask = Math.min(50 * rows, Math.ceil((1.3 * missing) / passRate) + 16);
    const extra = await generator.sample(ask, { seed: (req.sampleSeed + round) >>> 0, signal: req.signal });
    const more = pass(extra);
    passRate = Math.max(0.02, more.nRows / ask);
    const need = Math.min(missing, more.nRows);
    kept = concatTables([kept, takeRows(more, Int32Array.from({ length: need }, (_, i) => i))]);
  }
  return { table: kept, removed };
}

const COPIES_EMPTY =
  'Every synthetic row was an exact copy of a unique training row, also in 8 rounds of fresh samples: this generator copies the training data here; try another generator, or turn the privacy filter off to keep the copies.';

/**
 * Filters `out` (sampled from the fitted `generator`) and, except in 'drop' mode, tops it up with fresh samples
 * that pass (`keepPassing`). Throws PRIVACY_FILTER_EMPTY when no row passes.
 */
export async function applyPrivacyFilter(generator: Generator, out: Table, req: FilterRequest): Promise<FilterResult> {
  const { train, schema, mode, rows } = req;
  // 'copies': distance 0 to a unique training row only (filterRows never keeps an exact copy), so no holdout
  const threshold = mode === 'copies' ? 0 : (req.threshold ?? defaultThreshold(train, req.holdout, schema));
  const ref = mode === 'copies' ? uniqueRows(train, schema) : undefined;
  if (ref && ref.length === 0) return { table: out, threshold, removed: 0 }; // every training row is repeated
  const kept = await keepPassing(generator, out, (t) => filterRows(train, t, schema, threshold, ref).table, { rows, sampleSeed: req.sampleSeed, topUp: mode !== 'drop', signal: req.signal });
  if (kept.table.nRows === 0) {
    throw new LocalSynthError(
      'PRIVACY_FILTER_EMPTY',
      mode === 'copies' ? COPIES_EMPTY : `The privacy filter removed every synthetic row (threshold ${threshold.toPrecision(3)}): this generator copies the training data; try another generator or a lower threshold.`,
      { threshold, mode },
    );
  }
  return { table: kept.table, threshold, removed: kept.removed };
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
export async function applyCopyGuard(generator: Generator, out: Table, req: { guard: CopyGuard; schema: Schema; rows: number; sampleSeed: number; signal?: AbortLike }): Promise<FilterResult> {
  const guard = new Set(req.guard.rows);
  if (guard.size === 0) return { table: out, threshold: 0, removed: 0 };
  const pass = (t: Table): Table => {
    const fp = rowFingerprints(t, req.schema, req.guard.medians);
    return takeRows(t, Int32Array.from(Array.from(fp.keys()).filter((i) => !guard.has(fp[i]!))));
  };
  const kept = await keepPassing(generator, out, pass, { rows: req.rows, sampleSeed: req.sampleSeed, topUp: true, signal: req.signal });
  if (kept.table.nRows === 0) throw new LocalSynthError('PRIVACY_FILTER_EMPTY', COPIES_EMPTY, { threshold: 0, mode: 'copies' });
  return { table: kept.table, threshold: 0, removed: kept.removed };
}
