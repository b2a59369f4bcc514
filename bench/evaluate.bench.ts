/**
 * Evaluation report wall time for 1 000, 10 000 and 50 000 synthetic × real rows (10 columns: 6 numerical,
 * 4 categorical, a categorical target), holdout = 30% of the real size, broken down by part.
 * Usage: node --import tsx bench/evaluate.bench.ts [sizes…]   (default 1000 10000 50000)
 */
import { Rng } from '../src/core/rng.js';
import type { Schema } from '../src/core/schema.js';
import { makeTable, type Column, type Table } from '../src/core/table.js';
import { evaluate } from '../src/metrics/evaluate.js';
import { parseBenchArgs } from './lib/args.js';
import { BenchReport, machine } from './lib/report.js';

function table(n: number, rng: Rng, shift: number): Table {
  const cols: Column[] = [];
  const z = Float64Array.from({ length: n }, () => rng.normal());
  for (let j = 0; j < 6; j++)
    cols.push({
      kind: 'num',
      values: Float64Array.from(z, (x) => Number((x * (j + 1) + rng.normal() + shift).toFixed(3))),
    });
  for (let j = 0; j < 3; j++)
    cols.push({
      kind: 'cat',
      codes: Int32Array.from(z, (x) => Math.min(4, Math.max(0, Math.floor(x + 2 + rng.normal() * 0.5)))),
      levels: ['a', 'b', 'c', 'd', 'e'],
    });
  cols.push({
    kind: 'cat',
    codes: Int32Array.from(z, (x) => (x + rng.normal() * 0.7 > 0 ? 1 : 0)),
    levels: ['no', 'yes'],
  });
  return makeTable([...Array.from({ length: 9 }, (_, j) => `c${j}`), 'y'], cols);
}

const schema: Schema = {
  target: 'y',
  columns: [
    ...Array.from({ length: 6 }, (_, j) => ({
      name: `c${j}`,
      sdtype: 'numerical' as const,
      skip: false,
      missingRate: 0,
      nUnique: 100,
      decimals: 3,
    })),
    ...Array.from({ length: 3 }, (_, j) => ({
      name: `c${6 + j}`,
      sdtype: 'categorical' as const,
      skip: false,
      missingRate: 0,
      nUnique: 5,
      levels: ['a', 'b', 'c', 'd', 'e'],
    })),
    { name: 'y', sdtype: 'categorical' as const, skip: false, missingRate: 0, nUnique: 2, levels: ['no', 'yes'] },
  ],
};

const args = parseBenchArgs({ usage: 'node --import tsx bench/evaluate.bench.ts [sizes…]' });
const sizes = args.positional.map(Number).filter((x) => x > 0);
const report = new BenchReport(import.meta.url);
report.line(`evaluate — ${machine()}`);
report.table([
  'rows (real = synthetic)',
  'holdout',
  'total s',
  'prepare',
  'fidelity',
  'privacy',
  'detection',
  'utility',
  'clustering',
  'pca',
]);
for (const n of sizes.length ? sizes : [1000, 10000, 50000]) {
  const rng = new Rng(n);
  const real = table(n, rng, 0);
  const synth = table(n, rng, 0.1);
  const holdout = table(Math.round(0.3 * n), rng, 0);
  const r = await evaluate(real, synth, holdout, schema, { seed: 0 });
  const t = r.timings;
  const f = (k: string) => (t[k] ?? 0).toFixed(2);
  report.row([
    n,
    holdout.nRows,
    r.seconds.toFixed(2),
    f('prepare'),
    f('fidelity'),
    f('privacy'),
    f('detection'),
    f('utility'),
    f('clustering'),
    f('pca'),
  ]);
}
report.save();
