/**
 * GenerativeMTD settings compared over several splits (not a test); by default the `conditional` option, off and on. One split's DCR share moves by
 * about ±0.05 with the split alone (bench/privacy-splits.bench.ts), so a one-split comparison of the two settings
 * says little. For each of SPLITS (default 6) scikit-learn 70/30 splits of the three classification tables (split 0
 * is BASELINES.md's; bench/lib/split.ts): fit with seed 1, draw 2 samples of train's size through the product's default
 * privacy filter ('copies'), and score them with our metrics (DESIGN.md §5: the DCR share, PCD against train, and a
 * random forest trained on the synthetic rows and tested on the holdout: accuracy and macro-F1, or R² for a
 * numerical target). Prints the mean over splits.
 * Usage: node --import tsx bench/settings.bench.ts [dataset…] (SPLITS=3 for fewer; CONFIGS='{};{"hidden":64}'
 * compares other option sets, separated by ';'; the datasets also include prostate, pima and wisconsin_breast, which
 * run only when named).
 */
import { takeRows } from '../src/core/table.js';
import { applyPrivacyFilter } from '../src/privacy/filter.js';
import { GenerativeMtd } from '../src/generators/gmtd/gmtd.js';
import { evaluate } from '../src/metrics/evaluate.js';
import { envNumber, parseBenchArgs, pickNamed } from './lib/args.js';
import { datasets, loadBenchTable } from './lib/datasets.js';
import { BENCH_BACKEND } from './lib/neural.js';
import { BenchReport, machine } from './lib/report.js';
import { sklearnSplit, sortedSplit } from './lib/split.js';

const args = parseBenchArgs({ usage: 'node --import tsx bench/settings.bench.ts [dataset…] (SPLITS=3, CONFIGS=…)' });
// the last three run only when named
const DEFAULT = new Set(['cryotherapy', 'caesarian', 'immunotherapy']);
const sets = pickNamed(
  datasets(['cryotherapy', 'caesarian', 'immunotherapy', 'prostate', 'pima', 'wisconsin_breast']),
  args.positional,
  (x) => DEFAULT.has(x.file),
);
const configs = (process.env['CONFIGS'] ?? '{"conditional":false};{"conditional":true}')
  .split(';')
  .map((c) => JSON.parse(c) as Record<string, unknown>);
const nSplits = Math.max(1, envNumber('SPLITS', 6));
const SAMPLES = 2;
const mean = (a: number[]): number => a.reduce((x, y) => x + y, 0) / a.length;
const f = (x: number): string => (Number.isFinite(x) ? x.toFixed(3) : '—');

const report = new BenchReport(import.meta.url, ['SPLITS', 'CONFIGS']);
report.line(`GenerativeMTD settings over splits — ${machine()}, wasm backend`);
report.line(
  `${nSplits} splits, fit seed 1, ${SAMPLES} samples per fit (seeds 2, 102) through the 'copies' filter; our metrics, mean over splits`,
);
report.table([
  'dataset',
  'options',
  'shapes',
  'pairs',
  'DCR share',
  'our PCD',
  'RF TSTR accuracy (R²)',
  'RF TSTR macro-F1',
  'fit s',
]);
for (const s of sets) {
  const { path, schema, table } = loadBenchTable(s.file, s.target);
  const splits = Array.from({ length: nSplits }, (_, i) => sortedSplit(sklearnSplit(path, table, s.target, i)));
  for (const options of configs) {
    const per = {
      shapes: [] as number[],
      pairs: [] as number[],
      dcr: [] as number[],
      pcd: [] as number[],
      acc: [] as number[],
      f1: [] as number[],
      secs: [] as number[],
    };
    for (const sp of splits) {
      const tr = takeRows(table, sp.train);
      const ho = takeRows(table, sp.holdout);
      const g = new GenerativeMtd({ k: s.k, ...options });
      const t0 = performance.now();
      await g.fit(tr, schema, { seed: 1, backend: BENCH_BACKEND });
      per.secs.push((performance.now() - t0) / 1000);
      for (let r = 0; r < SAMPLES; r++) {
        const seed = 2 + 100 * r;
        const raw = await g.sample(tr.nRows, { seed });
        const syn = (
          await applyPrivacyFilter(g, raw, {
            train: tr,
            holdout: null,
            schema,
            mode: 'copies',
            threshold: null,
            rows: tr.nRows,
            sampleSeed: seed,
          })
        ).table;
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
    report.row([
      s.file,
      JSON.stringify(options),
      f(mean(per.shapes)),
      f(mean(per.pairs)),
      f(mean(per.dcr)),
      f(mean(per.pcd)),
      f(mean(per.acc)),
      f(mean(per.f1)),
      mean(per.secs).toFixed(1),
    ]);
  }
}
report.save();
