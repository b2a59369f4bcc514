/**
 * What the privacy filter and the copy guard share: keep the sampled rows that pass a test, and top them up with
 * fresh samples that pass, so a filtered run still gives the rows asked for.
 */
import { LocalSynthError, type AbortLike } from '../core/errors.js';
import { concatTables, takeRows, type Table } from '../core/table.js';
import type { Generator } from '../generators/generator.js';

export interface FilterResult {
  table: Table;
  threshold: number;
  removed: number;
}

/**
 * Keeps the rows of `out` that `pass` accepts and, unless `topUp` is false, tops them up with fresh samples that
 * pass, in at most 8 rounds (round r samples with seed `sampleSeed + r`), each sized by the pass rate seen so far.
 * `removed` counts the first sample's rejected rows.
 */
export async function keepPassing(
  generator: Generator,
  out: Table,
  pass: (t: Table) => Table,
  req: { rows: number; sampleSeed: number; topUp: boolean; signal?: AbortLike },
): Promise<{ table: Table; removed: number }> {
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
    kept = concatTables([
      kept,
      takeRows(
        more,
        Int32Array.from({ length: need }, (_, i) => i),
      ),
    ]);
  }
  return { table: kept, removed };
}

const COPIES_EMPTY =
  'Every synthetic row was an exact copy of a unique training row, also in 8 rounds of fresh samples: this generator copies the training data here; try another generator, or turn the privacy filter off to keep the copies.';

/** The error when no row passes the 'copies' test, also after the fresh samples. */
export function copiesEmpty(): LocalSynthError {
  return new LocalSynthError('PRIVACY_FILTER_EMPTY', COPIES_EMPTY, { threshold: 0, mode: 'copies' });
}
