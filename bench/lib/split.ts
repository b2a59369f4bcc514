/**
 * The benchmarks' train/holdout splits. BASELINES.md scored the peers on scikit-learn's split; these helpers draw the
 * same one (through the Python that runs tools/judge.py) so every bench scores on the peers' holdout.
 */
import { spawnSync } from 'node:child_process';
import { Rng } from '../../src/core/rng.js';
import type { Table } from '../../src/core/table.js';
import { getColumn } from '../../src/core/table.js';
import { PYTHON } from './judge.js';

/**
 * The 70/30 split of BASELINES.md (with `seed` 0), so our rows are scored on the same holdout as the peers':
 * scikit-learn's `train_test_split(test_size=0.3, random_state=seed, stratify=…)` on the target's classes or, for a
 * number with more than 10 values, its quintiles (`pd.qcut`), run by the Python that runs judge.py. The bench used
 * to draw its own split with our Rng(0): a different holdout, and with 24–27 holdout rows one generator's DCR share
 * moves by about ±0.06 from split to split. wisconsin_breast's holdout rows are 39 % copies of training rows on this
 * split, as BASELINES.md says (40 % on the old one); `SPLIT=rng` gives the old split in gmtd.bench.ts. The rows come
 * in scikit-learn's shuffled order, as pandas writes them to `writeTo`/train.csv and holdout.csv when asked
 * (`sortedSplit` gives the file's order).
 */
export function sklearnSplit(
  csvPath: string,
  table: Table | null,
  target: string,
  seed: number,
  writeTo?: string,
): { train: Int32Array; holdout: Int32Array } {
  const py = [
    'import sys, json, pandas as pd',
    'from sklearn.model_selection import train_test_split',
    'd = pd.read_csv(sys.argv[1])',
    'y = d[sys.argv[2]]',
    // classes for text or whole numbers with ≤ 10 values (BASELINES.md's typing rule), else quintiles
    'whole = pd.api.types.is_numeric_dtype(y) and (y.dropna() % 1 == 0).all()',
    "strat = y if (not pd.api.types.is_numeric_dtype(y)) or (whole and y.nunique() <= 10) else pd.qcut(y, 5, labels=False, duplicates='drop')",
    'tr, ho = train_test_split(d, test_size=0.3, random_state=int(sys.argv[3]), stratify=strat)',
    // `writeTo`: pandas writes the two files too (judge.py then reads exactly what pandas split)
    "if len(sys.argv) > 4: tr.to_csv(sys.argv[4] + '/train.csv', index=False); ho.to_csv(sys.argv[4] + '/holdout.csv', index=False)",
    'print(json.dumps([[int(i) for i in tr.index], [int(i) for i in ho.index]]))',
  ].join('\n');
  const r = spawnSync(PYTHON, ['-c', py, csvPath, target, String(seed), ...(writeTo ? [writeTo] : [])], {
    encoding: 'utf8',
  });
  if (r.status !== 0)
    throw new Error(`the scikit-learn split failed (python3-sklearn and python3-pandas, as for judge.py): ${r.stderr}`);
  const [train, holdout] = JSON.parse(r.stdout) as [number[], number[]];
  // `table`: our reading of the same file, which must have as many rows as pandas read
  if (table && train.length + holdout.length !== table.nRows)
    throw new Error(`${csvPath}: pandas read ${train.length + holdout.length} rows, we read ${table.nRows}`);
  return { train: Int32Array.from(train), holdout: Int32Array.from(holdout) };
}

/** The same rows in the file's order. */
export function sortedSplit(s: { train: Int32Array; holdout: Int32Array }): { train: Int32Array; holdout: Int32Array } {
  return { train: s.train.slice().sort(), holdout: s.holdout.slice().sort() };
}

/** The bench's former split: 70/30, our Rng(0), stratified on the target or its quintiles. */
export function rngSplit(table: Table, target: string): { train: Int32Array; holdout: Int32Array } {
  const col = getColumn(table, target);
  const n = table.nRows;
  let strata: number[];
  if (col.kind === 'cat') strata = Array.from(col.codes);
  else if (col.kind === 'num') {
    const sorted = Array.from(col.values).sort((a, b) => a - b);
    const cuts = [0.2, 0.4, 0.6, 0.8].map((q) => sorted[Math.floor(q * (n - 1))]!);
    strata = Array.from(col.values, (x) => cuts.filter((c) => x > c).length);
  } else throw new Error('text target');
  const rng = new Rng(0);
  const train: number[] = [];
  const holdout: number[] = [];
  for (const s of [...new Set(strata)].sort((a, b) => a - b)) {
    const rows = strata.flatMap((v, i) => (v === s ? [i] : []));
    rng.shuffle(rows);
    const cut = Math.round(rows.length * 0.7);
    train.push(...rows.slice(0, cut));
    holdout.push(...rows.slice(cut));
  }
  return {
    train: Int32Array.from(train.sort((a, b) => a - b)),
    holdout: Int32Array.from(holdout.sort((a, b) => a - b)),
  };
}
