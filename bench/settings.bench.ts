/**
 * GenerativeMTD settings compared over several splits (not a test); by default the `conditional` option, off and on. One split's DCR share moves by
 * about ±0.05 with the split alone (bench/privacy-splits.bench.ts), so a one-split comparison of the two settings
 * says little. For each of SPLITS (default 6) scikit-learn 70/30 splits of the three classification tables (split 0
 * is BASELINES.md's; bench/split.ts): fit with seed 1, draw 2 samples of train's size through the product's default
 * privacy filter ('copies'), and score them with our metrics (DESIGN.md §5: the DCR share, PCD against train, and a
 * random forest trained on the synthetic rows and tested on the holdout: accuracy and macro-F1, or R² for a
 * numerical target). Prints the mean over splits.
 * Usage: node --import tsx bench/settings.bench.ts [dataset…] (SPLITS=3 for fewer; CONFIGS='{};{"hidden":64}'
 * compares other option sets, separated by ';'; the datasets also include prostate, pima and wisconsin_breast, which
 * run only when named).
 */
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { takeRows } from '../src/core/table.js';
import { applyPrivacyFilter } from '../src/privacy/filter.js';
import { GenerativeMtd } from '../src/generators/gmtd/gmtd.js';
import { buildTable, inferSchema, parseCsv } from '../src/io/index.js';
import { evaluate } from '../src/metrics/evaluate.js';
import { sklearnSplit, sortedSplit } from './split.js';

const data = resolve(dirname(fileURLToPath(import.meta.url)), '../../shared/data');
const sets = [
  { file: 'cryotherapy', target: 'Result_of_Treatment', k: 6 },
  { file: 'caesarian', target: 'Caesarian', k: 6 },
  { file: 'immunotherapy', target: 'Result_of_Treatment', k: 8 },
  { file: 'prostate', target: 'lpsa', k: 4, named: true },
  { file: 'pima', target: 'diabetes', k: 3, named: true },
  { file: 'wisconsin_breast', target: '10', k: 3, named: true },
];
const only = process.argv.slice(2);
const configs = (process.env['CONFIGS'] ?? '{"conditional":false};{"conditional":true}').split(';').map((c) => JSON.parse(c) as Record<string, unknown>);
const nSplits = Math.max(1, Number(process.env['SPLITS'] ?? '6'));
const SAMPLES = 2;
const mean = (a: number[]): number => a.reduce((x, y) => x + y, 0) / a.length;
const f = (x: number): string => (Number.isFinite(x) ? x.toFixed(3) : '—');

console.log(`GenerativeMTD settings over splits — ${cpus().length} × ${cpus()[0]?.model}, Node ${process.version}, wasm backend`);
console.log(`${nSplits} splits, fit seed 1, ${SAMPLES} samples per fit (seeds 2, 102) through the 'copies' filter; our metrics, mean over splits`);
console.log('| dataset | options | shapes | pairs | DCR share | our PCD | RF TSTR accuracy (R²) | RF TSTR macro-F1 | fit s |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const s of sets.filter((x) => (only.length === 0 ? !x.named : only.includes(x.file)))) {
  const path = join(data, `${s.file}.csv`);
  const parsed = parseCsv(new Uint8Array(readFileSync(path)), { fileName: `${s.file}.csv` });
  const { schema } = inferSchema(parsed, { target: s.target });
  const table = buildTable(parsed, schema);
  const splits = Array.from({ length: nSplits }, (_, i) => sortedSplit(sklearnSplit(path, table, s.target, i)));
  for (const options of configs) {
    const per = { shapes: [] as number[], pairs: [] as number[], dcr: [] as number[], pcd: [] as number[], acc: [] as number[], f1: [] as number[], secs: [] as number[] };
    for (const sp of splits) {
      const tr = takeRows(table, sp.train);
      const ho = takeRows(table, sp.holdout);
      const g = new GenerativeMtd({ k: s.k, backend: 'wasm', ...options });
      const t0 = performance.now();
      await g.fit(tr, schema, { seed: 1 });
      per.secs.push((performance.now() - t0) / 1000);
      for (let r = 0; r < SAMPLES; r++) {
        const seed = 2 + 100 * r;
        const raw = await g.sample(tr.nRows, { seed });
        const syn = (await applyPrivacyFilter(g, raw, { train: tr, holdout: null, schema, mode: 'copies', threshold: null, rows: tr.nRows, sampleSeed: seed })).table;
        const e = await evaluate(tr, syn, ho, schema, { seed: 0 });
        const rf = e.utility!.holdout!.tstr.randomForest as unknown as { accuracy?: number; f1?: number; r2?: number };
        per.shapes.push(e.fidelity.columnShapes);
        per.pairs.push(e.fidelity.columnPairTrends ?? NaN);
        per.dcr.push(e.privacy.dcrShare!);
        per.pcd.push(e.fidelity.pcd);
        per.acc.push(rf.accuracy ?? rf.r2 ?? NaN);
        per.f1.push(rf.f1 ?? NaN);
      }
      g.dispose();
    }
    console.log(`| ${s.file} | ${JSON.stringify(options)} | ${f(mean(per.shapes))} | ${f(mean(per.pairs))} | ${f(mean(per.dcr))} | ${f(mean(per.pcd))} | ${f(mean(per.acc))} | ${f(mean(per.f1))} | ${mean(per.secs).toFixed(1)} |`);
  }
}
