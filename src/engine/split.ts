/**
 * The holdout split (DESIGN.md §5): a seeded split of the real rows into training rows (shown to the generator) and
 * holdout rows (kept away; used for the DCR share and holdout TSTR). Stratified on the target's classes, or on its
 * quintiles for a numerical target (as BASELINES.md scored the peers); a plain random split without a target.
 */
import { Rng } from '../core/rng.js';
import type { Schema } from '../core/schema.js';
import { getColumn, takeRows, type Table } from '../core/table.js';

/** Default holdout share. */
export const DEFAULT_HOLDOUT_FRACTION = 0.3;

export interface Split {
  train: Int32Array;
  holdout: Int32Array;
}

/** Stratum of every row: target class, target quintile, or 0. Missing targets form their own stratum. */
export function strataOf(table: Table, schema: Schema): Int32Array {
  const n = table.nRows;
  if (!schema.target) return new Int32Array(n);
  const c = getColumn(table, schema.target);
  if (c.kind === 'cat') return Int32Array.from(c.codes, (x) => x + 1);
  if (c.kind === 'num') {
    const sorted = Float64Array.from(c.values)
      .filter((x) => !Number.isNaN(x))
      .sort();
    const cut = [1, 2, 3, 4].map((q) => sorted[Math.floor((q * sorted.length) / 5)] ?? Infinity);
    return Int32Array.from(c.values, (x) => (Number.isNaN(x) ? 0 : 1 + cut.filter((t) => x >= t).length));
  }
  return new Int32Array(n);
}

/** Splits rows so each stratum keeps round(fraction × its size) rows aside (0 ≤ fraction < 1). */
export function holdoutSplit(table: Table, schema: Schema, fraction: number, seed: number): Split {
  if (!(fraction >= 0 && fraction < 1)) throw new RangeError(`holdout fraction must be in [0, 1), got ${fraction}`);
  const rng = new Rng(seed);
  const strata = strataOf(table, schema);
  const groups = new Map<number, number[]>();
  strata.forEach((s, i) => {
    if (!groups.has(s)) groups.set(s, []);
    groups.get(s)!.push(i);
  });
  const train: number[] = [];
  const holdout: number[] = [];
  for (const key of [...groups.keys()].sort((a, b) => a - b)) {
    const rows = groups.get(key)!;
    rng.shuffle(rows);
    const h = Math.round(fraction * rows.length);
    holdout.push(...rows.slice(0, h));
    train.push(...rows.slice(h));
  }
  return { train: Int32Array.from(train).sort(), holdout: Int32Array.from(holdout).sort() };
}

export function applySplit(table: Table, split: Split): { train: Table; holdout: Table } {
  return { train: takeRows(table, split.train), holdout: takeRows(table, split.holdout) };
}
