/**
 * Every registered generator on the GenerativeMTD datasets, scored as BASELINES.md scores the peers: 70/30 split
 * (seed 0, stratified on the target / its quintiles), fit on train, sample as many rows as train, then our report
 * (and, with --judge, ../shared/tools/judge.py on the written CSVs, for numbers directly comparable with BASELINES.md).
 * Usage: node --import tsx bench/generators.bench.ts [--judge] [--generators knnmtd,copula,…] [dataset…]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildTable, createGenerator, listGenerators, loadDataset, refreshSchema, writeCsv } from '../src/index.js';
import { applySplit, holdoutSplit } from '../src/engine/split.js';
import { evaluate } from '../src/metrics/evaluate.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const data = resolve(root, '../shared/data');
const DATASETS: { file: string; target: string; k: number }[] = [
  { file: 'cryotherapy', target: 'Result_of_Treatment', k: 6 },
  { file: 'caesarian', target: 'Caesarian', k: 6 },
  { file: 'immunotherapy', target: 'Result_of_Treatment', k: 8 },
  { file: 'prostate', target: 'lpsa', k: 4 },
  { file: 'wisconsin_breast', target: '10', k: 3 },
  { file: 'pima', target: 'diabetes', k: 3 },
];
const args = process.argv.slice(2);
const useJudge = args.includes('--judge');
const gi = args.indexOf('--generators');
const only = gi >= 0 ? args[gi + 1]!.split(',') : null;
const sets = args.filter((a, i) => !a.startsWith('--') && (gi < 0 || i !== gi + 1));
const gens = listGenerators().filter((g) => !only || only.includes(g.id));
const tmp = mkdtempSync(join(tmpdir(), 'ls-gen-bench-'));
const f3 = (x: number | null | undefined): string => (x === null || x === undefined || Number.isNaN(x) ? '–' : x.toFixed(3));

console.log(`generators — ${cpus().length} × ${cpus()[0]?.model}, Node ${process.version}${useJudge ? ', scored by our report and judge.py' : ''}`);
console.log('| dataset | generator | fit s | sample s | shapes | pairs | quality | PCD | PCD one-hot | DCR share | copies | RF TSTR/TRTR |' + (useJudge ? ' judge shapes | judge pairs | judge PCD | judge DCR share | judge copies | judge RF ratio |' : ''));
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|' + (useJudge ? '---|---|---|---|---|---|' : ''));
for (const d of DATASETS.filter((x) => sets.length === 0 || sets.includes(x.file))) {
  const { parsed, info } = loadDataset(new Uint8Array(readFileSync(join(data, `${d.file}.csv`))), d.file);
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
      let row = `| ${d.file} | ${g.id} | ${((t1 - t0) / 1000).toFixed(2)} | ${((t2 - t1) / 1000).toFixed(2)} | ${f3(r.fidelity.columnShapes)} | ${f3(r.fidelity.columnPairTrends)} | ${f3(r.fidelity.quality)} | ${f3(r.fidelity.pcd)} | ${f3(r.fidelity.pcdOneHot)} | ${f3(r.privacy.dcrShare)} | ${f3(r.privacy.exactCopyRate)} | ${f3(ratio)} |`;
      if (useJudge) {
        writeFileSync(join(tmp, 'synth.csv'), writeCsv(synth, schema));
        const out = execFileSync('/usr/bin/python3', [resolve(root, '../shared/tools/judge.py'), '--train', join(tmp, 'train.csv'), '--holdout', join(tmp, 'holdout.csv'), '--synth', join(tmp, 'synth.csv'), '--target', d.target, '--quiet'], { encoding: 'utf8' });
        const j = JSON.parse(out.trim().split('\n').pop()!) as Record<string, number | null>;
        const jr = j['rf_tstr_over_trtr_accuracy'] ?? j['rf_tstr_over_trtr_r2'];
        row += ` ${f3(j['column_shapes'])} | ${f3(j['column_pairs'])} | ${f3(j['pcd'])} | ${f3(j['dcr_share'])} | ${f3(j['exact_copy_rate'])} | ${f3(jr)} |`;
      }
      console.log(row);
    } catch (e) {
      console.log(`| ${d.file} | ${g.id} | failed: ${(e as Error).message.split('\n')[0]} |`);
    }
  }
}
rmSync(tmp, { recursive: true, force: true });
