/**
 * Every registered generator on the GenerativeMTD datasets, scored as BASELINES.md scores the peers: 70/30 split
 * (seed 0, stratified on the target / its quintiles), fit on train, sample as many rows as train, then our report
 * (and, with --judge, ../shared/tools/judge.py on the written CSVs, for numbers directly comparable with BASELINES.md).
 * Usage: node --import tsx bench/generators.bench.ts [--judge] [--generators knnmtd,copula,…] [dataset…]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildTable, createGenerator, listGenerators, loadDataset, refreshSchema, writeCsv } from '../src/index.js';
import { applySplit, holdoutSplit } from '../src/engine/split.js';
import { evaluate } from '../src/metrics/evaluate.js';
import { parseBenchArgs, pickNamed } from './lib/args.js';
import { datasetBytes, datasets } from './lib/datasets.js';
import { judgeRfRatio, runJudge } from './lib/judge.js';
import { BenchReport, machine } from './lib/report.js';

const args = parseBenchArgs({
  switches: ['judge'],
  values: ['generators'],
  usage: 'node --import tsx bench/generators.bench.ts [--judge] [--generators knnmtd,copula,…] [dataset…]',
});
const DATASETS = datasets(['cryotherapy', 'caesarian', 'immunotherapy', 'prostate', 'wisconsin_breast', 'pima']);
const useJudge = args.switches.has('judge');
const only = args.values['generators']?.split(',') ?? null;
const gens = listGenerators().filter((g) => !only || only.includes(g.id));
const tmp = mkdtempSync(join(tmpdir(), 'ls-gen-bench-'));
const f3 = (x: number | null | undefined): string =>
  x === null || x === undefined || Number.isNaN(x) ? '–' : x.toFixed(3);

const report = new BenchReport(import.meta.url);
report.line(`generators — ${machine()}${useJudge ? ', scored by our report and judge.py' : ''}`);
const judgeCols = ['judge shapes', 'judge pairs', 'judge PCD', 'judge DCR share', 'judge copies', 'judge RF ratio'];
report.table([
  'dataset',
  'generator',
  'fit s',
  'sample s',
  'shapes',
  'pairs',
  'quality',
  'PCD',
  'PCD one-hot',
  'DCR share',
  'copies',
  'RF TSTR/TRTR',
  ...(useJudge ? judgeCols : []),
]);
for (const d of pickNamed(DATASETS, args.positional)) {
  const { parsed, info } = loadDataset(datasetBytes(d.file), d.file);
  const schema = refreshSchema(parsed, { ...info.schema, target: d.target });
  const table = buildTable(parsed, schema);
  const { train, holdout } = applySplit(table, holdoutSplit(table, schema, 0.3, 0));
  writeFileSync(join(tmp, 'train.csv'), writeCsv(train, schema));
  writeFileSync(join(tmp, 'holdout.csv'), writeCsv(holdout, schema));
  for (const g of gens) {
    const opts = g.options.some((o) => o.key === 'k') && g.id !== 'smote' ? { k: d.k } : {};
    try {
      const gen = await createGenerator(g.id, opts);
      const t0 = performance.now();
      await gen.fit(train, schema, { seed: 0 });
      const t1 = performance.now();
      const synth = await gen.sample(train.nRows, { seed: 1 });
      const t2 = performance.now();
      gen.dispose();
      const r = await evaluate(train, synth, holdout, schema, { seed: 0 });
      const u = r.utility?.holdout;
      const key = r.utility?.task === 'classification' ? 'accuracy' : 'r2';
      const val = (x: object | undefined): number | null => (x ? ((x as Record<string, number>)[key] ?? null) : null);
      const trtr = val(u?.trtr.randomForest);
      const ratio = trtr !== null && trtr > 0 ? val(u?.tstr.randomForest)! / trtr : null;
      const cells = [
        d.file,
        g.id,
        ((t1 - t0) / 1000).toFixed(2),
        ((t2 - t1) / 1000).toFixed(2),
        f3(r.fidelity.columnShapes),
        f3(r.fidelity.columnPairTrends),
        f3(r.fidelity.quality),
        f3(r.fidelity.pcd),
        f3(r.fidelity.pcdOneHot),
        f3(r.privacy.dcrShare),
        f3(r.privacy.exactCopyRate),
        f3(ratio),
      ];
      if (useJudge) {
        writeFileSync(join(tmp, 'synth.csv'), writeCsv(synth, schema));
        const j = runJudge({
          train: join(tmp, 'train.csv'),
          holdout: join(tmp, 'holdout.csv'),
          synth: join(tmp, 'synth.csv'),
          target: d.target,
        });
        cells.push(
          f3(j['column_shapes']),
          f3(j['column_pairs']),
          f3(j['pcd']),
          f3(j['dcr_share']),
          f3(j['exact_copy_rate']),
          f3(judgeRfRatio(j)),
        );
      }
      report.row(cells);
    } catch (e) {
      report.line(`| ${d.file} | ${g.id} | failed: ${(e as Error).message.split('\n')[0]} |`);
    }
  }
}
rmSync(tmp, { recursive: true, force: true });
report.save();
