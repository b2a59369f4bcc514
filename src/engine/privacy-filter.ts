/**
 * The privacy filter (DESIGN.md §2), usable with any generator: synthetic rows whose Gower distance to the closest
 * training row is below a threshold are dropped (or replaced by freshly sampled rows that pass). Default threshold:
 * the 5th percentile of the holdout's distances to the training rows — "closer than 95% of genuinely new real
 * rows" — or, without a holdout, the 5th percentile of the training rows' leave-one-out nearest distances.
 */
import type { Schema } from '../core/schema.js';
import type { Table } from '../core/table.js';
import { takeRows } from '../core/table.js';
import { prepare } from '../metrics/prepare.js';
import { GowerSpace, percentile } from '../metrics/privacy.js';

export type PrivacyFilterMode = 'off' | 'drop' | 'regenerate';

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

/** Keeps the rows of `synth` at least `threshold` away from every training row. */
export function filterRows(train: Table, synth: Table, schema: Schema, threshold: number): FilterResult {
  const P = prepare(train, synth, null, schema);
  const G = new GowerSpace(P);
  const { d1 } = G.nearest2(G.rows(P.synth), G.rows(P.real));
  const keep: number[] = [];
  d1.forEach((d, i) => {
    if (d >= threshold && d > 1e-9) keep.push(i);
  });
  return { table: takeRows(synth, keep), threshold, removed: synth.nRows - keep.length };
}
