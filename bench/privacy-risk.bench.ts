/**
 * Every privacy attack of the report (DESIGN.md §8; src/privacy/risk/) for bootstrap (resampled copies of the training
 * rows), our Gaussian copula and kNNMTD on SPLITS (default 3) scikit-learn 70/30 splits of four small tables
 * (bench/lib/split.ts). Each cell is the mean over splits of one fit (seed 1) and one sample of train's size (seed 2).
 * Risks are anonymeter's (attack − control) / (1 − control); DOMIAS is the AUC (0.5 = chance); CAP the protection score
 * (1 = no better than a random guess).
 * Usage: node --import tsx bench/privacy-risk.bench.ts [dataset…] (SPLITS=5 for more).
 */
import { takeRows } from '../src/core/table.js';
import { createGenerator } from '../src/generators/registry.js';
import { evaluate } from '../src/metrics/evaluate.js';
import { envNumber, parseBenchArgs, pickNamed } from './lib/args.js';
import { datasets, loadBenchTable } from './lib/datasets.js';
import { BenchReport, machine } from './lib/report.js';
import { sklearnSplit, sortedSplit } from './lib/split.js';

const args = parseBenchArgs({ usage: 'node --import tsx bench/privacy-risk.bench.ts [dataset…] (SPLITS=5 for more)' });
const sets = pickNamed(datasets(['cryotherapy', 'caesarian', 'immunotherapy', 'prostate']), args.positional);
const nSplits = Math.max(1, envNumber('SPLITS', 3));
const GENERATORS = ['bootstrap', 'copula', 'knnmtd'] as const;
const FIGURES = [
  'DCR share',
  'singling out (1 col)',
  'singling out (3 cols)',
  'linkability',
  'inference',
  'DOMIAS AUC',
  'CAP score',
];

const report = new BenchReport(import.meta.url, ['SPLITS']);
report.line(
  `Privacy attacks — ${machine()}; mean over ${nSplits} splits (fit seed 1, one sample of train's size, seed 2)`,
);
report.table(['dataset', 'generator', ...FIGURES]);
for (const s of sets) {
  const { path, schema, table } = loadBenchTable(s.file, s.target);
  const splits = Array.from({ length: nSplits }, (_, i) => sortedSplit(sklearnSplit(path, table, s.target, i)));
  for (const gen of GENERATORS) {
    const sums = FIGURES.map(() => 0);
    const counts = FIGURES.map(() => 0);
    for (const sp of splits) {
      const tr = takeRows(table, sp.train);
      const ho = takeRows(table, sp.holdout);
      const g = await createGenerator(gen, {});
      await g.fit(tr, schema, { seed: 1 });
      const syn = await g.sample(tr.nRows, { seed: 2 });
      g.dispose();
      const p = (await evaluate(tr, syn, ho, schema, { seed: 0, fast: true })).privacy;
      const r = p.risk;
      const vals = [
        p.dcrShare,
        r.singlingOut.univariate?.risk.value,
        r.singlingOut.multivariate?.risk.value,
        r.linkability?.risk.value,
        r.inference?.risk.value,
        r.membership?.auc,
        r.disclosure?.score,
      ];
      vals.forEach((v, i) => {
        if (v === null || v === undefined) return;
        sums[i]! += v;
        counts[i]!++;
      });
    }
    report.row([s.file, gen, ...sums.map((x, i) => (counts[i] ? (x / counts[i]!).toFixed(3) : '–'))]);
  }
}
report.save();
