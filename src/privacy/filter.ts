/**
 * The privacy filter (DESIGN.md §2), usable with any generator: synthetic rows whose Gower distance to the closest
 * training row is below a threshold are dropped (or replaced by freshly sampled rows that pass). Default threshold:
 * the 5th percentile of the holdout's distances to the training rows — "closer than 95% of genuinely new real
 * rows" — or, without a holdout, the 5th percentile of the training rows' leave-one-out nearest distances.
 * The 'copies' mode replaces only exact copies of unique training rows (copy-guard.ts `uniqueRows`): no threshold,
 * no holdout.
 */
import { LocalSynthError, type AbortLike } from '../core/errors.js';
import type { Schema } from '../core/schema.js';
import { takeRows, type Table } from '../core/table.js';
import type { Generator } from '../generators/generator.js';
import { prepare } from '../metrics/prepare.js';
import { uniqueRows } from './copy-guard.js';
import { COPY_TOL, GowerSpace, percentile } from './distance.js';
import type { PrivacyFilterMode } from './modes.js';
import { copiesEmpty, keepPassing, type FilterResult } from './resample.js';

export type { FilterResult } from './resample.js';

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
 * Keeps the rows of `synth` at least `threshold` away from every training row (or only from the training rows
 * `ref`, indices into `train`), and never an exact copy of one (the report's definition, distance ≤ COPY_TOL):
 * threshold 0 drops the copies only. Distances are scaled by the whole training table's ranges either way.
 */
export function filterRows(
  train: Table,
  synth: Table,
  schema: Schema,
  threshold: number,
  ref?: Int32Array,
): FilterResult {
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
 * Filters `out` (sampled from the fitted `generator`) and, except in 'drop' mode, tops it up with fresh samples
 * that pass (`keepPassing`). Throws PRIVACY_FILTER_EMPTY when no row passes.
 */
export async function applyPrivacyFilter(generator: Generator, out: Table, req: FilterRequest): Promise<FilterResult> {
  const { train, schema, mode, rows } = req;
  // 'copies': distance 0 to a unique training row only (filterRows never keeps an exact copy), so no holdout
  const threshold = mode === 'copies' ? 0 : (req.threshold ?? defaultThreshold(train, req.holdout, schema));
  const ref = mode === 'copies' ? uniqueRows(train, schema) : undefined;
  if (ref && ref.length === 0) return { table: out, threshold, removed: 0 }; // every training row is repeated
  const kept = await keepPassing(generator, out, (t) => filterRows(train, t, schema, threshold, ref).table, {
    rows,
    sampleSeed: req.sampleSeed,
    topUp: mode !== 'drop',
    signal: req.signal,
  });
  if (kept.table.nRows === 0 && mode === 'copies') throw copiesEmpty();
  if (kept.table.nRows === 0) {
    const message = `The privacy filter removed every synthetic row (threshold ${threshold.toPrecision(3)}): this generator copies the training data; try another generator or a lower threshold.`;
    throw new LocalSynthError('PRIVACY_FILTER_EMPTY', message, { threshold, mode });
  }
  return { table: kept.table, threshold, removed: kept.removed };
}
