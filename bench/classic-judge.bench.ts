/**
 * kde, gmm and cart (or any generators named with --gen, e.g. copula:marginals=parametric) scored by
 * ../shared/tools/judge.py exactly as BASELINES.md scores the peers, with the difference from BASELINES.md's
 * Gaussian copula row: 70/30 split by sklearn's train_test_split (seed 0, stratified on the target, or on its
 * quintiles when it is a number with > 10 values — the same rows as the baseline; bench/lib/split.ts), fit on train,
 * sample as many rows as train, judge on the written CSVs. Fit and sample are wall-clock seconds of one run each.
 * Usage: node --import tsx bench/classic-judge.bench.ts [--gen kde,kde:kernel=full,gmm:maxComponents=5,cart]
 * [dataset…] (a generator is `id`, or `id:key=value[:key=value…]` with options). Fit seed 0; sample seed 1, or
 * SAMPLE_SEED=n to see how much a score moves between samples (prostate's RF ratio, an R² ratio on 30 holdout rows,
 * is mostly noise).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGenerator } from '../src/generators/registry.js';
import type { OptionValues } from '../src/generators/options.js';
import { buildTable, inferSchema, parseCsv, writeCsv } from '../src/io/index.js';
import { envNumber, parseBenchArgs } from './lib/args.js';
import { datasetPath, DATASETS, requireSharedData } from './lib/datasets.js';
import { judgeRfRatio, runJudge } from './lib/judge.js';
import { BenchReport, machine } from './lib/report.js';
import { sklearnSplit } from './lib/split.js';

/** Target per dataset, and BASELINES.md's Gaussian copula row (shapes, pairs) for the Δ columns. */
const SETS: Record<string, { target: string; copula: [number, number] }> = {
  cryotherapy: { target: DATASETS.cryotherapy.target, copula: [0.878, 0.799] },
  caesarian: { target: DATASETS.caesarian.target, copula: [0.923, 0.763] },
  immunotherapy: { target: DATASETS.immunotherapy.target, copula: [0.829, 0.8] },
  prostate: { target: DATASETS.prostate.target, copula: [0.798, 0.837] },
  wisconsin_breast: { target: DATASETS.wisconsin_breast.target, copula: [0.958, 0.719] },
  pima: { target: DATASETS.pima.target, copula: [0.8, 0.917] },
};

const args = parseBenchArgs({
  values: ['gen'],
  usage:
    'node --import tsx bench/classic-judge.bench.ts [--gen kde,kde:kernel=full,gmm:maxComponents=5,cart] [dataset…]',
});
requireSharedData();
const gens = (args.values['gen'] ?? 'kde,gmm,cart').split(',');
/** `id:key=value:…` → the generator id and its options (numbers where they parse). */
function parseSpec(spec: string): { id: string; opts: Partial<OptionValues> } {
  const [id, ...kv] = spec.split(':') as [string, ...string[]];
  const opts: Partial<OptionValues> = {};
  for (const pair of kv) {
    const [k, v = ''] = pair.split('=') as [string, string | undefined];
    opts[k] = v !== '' && Number.isFinite(Number(v)) ? Number(v) : v;
  }
  return { id, opts };
}
const sets = args.positional.length ? args.positional : Object.keys(SETS);
const tmp = mkdtempSync(join(tmpdir(), 'ls-classic-judge-'));
const f3 = (x: number | null | undefined, d = 3): string =>
  x === null || x === undefined || Number.isNaN(x) ? '–' : x.toFixed(d);
const delta = (x: number | null | undefined, base: number): string =>
  typeof x === 'number' ? `${x >= base ? '+' : ''}${(x - base).toFixed(3)}` : '–';

const report = new BenchReport(import.meta.url, ['SAMPLE_SEED']);
report.line(`classic generators scored by judge.py — ${machine()}`);
report.table([
  'dataset',
  'generator',
  'fit s',
  'sample s',
  'shapes',
  'pairs',
  'Δshapes / Δpairs vs copula baseline',
  'PCD',
  'DCR share',
  'copies',
  'RF ratio',
  'notes',
]);
for (const stem of sets) {
  const set = SETS[stem];
  if (!set) throw new Error(`unknown dataset ${stem} (known: ${Object.keys(SETS).join(', ')})`);
  const { target } = set;
  const dir = join(tmp, stem);
  mkdirSync(dir, { recursive: true });
  // BASELINES.md's split (bench/lib/split.ts); pandas writes the train and holdout files judge.py reads
  sklearnSplit(datasetPath(stem), null, target, 0, dir);
  const parsed = parseCsv(new Uint8Array(readFileSync(join(dir, 'train.csv'))), { fileName: 'train.csv' });
  const { schema } = inferSchema(parsed, { target });
  const table = buildTable(parsed, schema);
  for (const spec of gens) {
    const { id, opts } = parseSpec(spec);
    const g = await createGenerator(id, opts);
    const t0 = performance.now();
    const rep = await g.fit(table, schema, { seed: 0 });
    const t1 = performance.now();
    const synth = await g.sample(table.nRows, { seed: envNumber('SAMPLE_SEED', 1) });
    const t2 = performance.now();
    const out = join(dir, `synth-${spec.replace(/[^\w.-]+/g, '_')}.csv`);
    writeFileSync(out, writeCsv(synth, schema));
    const j = runJudge({ train: join(dir, 'train.csv'), holdout: join(dir, 'holdout.csv'), synth: out, target });
    const ratio = judgeRfRatio(j);
    const note = rep.notes[0]?.replace(/\|/g, '/') ?? '';
    report.line(
      `| ${stem} | ${spec} | ${((t1 - t0) / 1000).toFixed(2)} | ${((t2 - t1) / 1000).toFixed(2)} | ${f3(j['column_shapes'])} | ${f3(j['column_pairs'])} | ${delta(j['column_shapes'], set.copula[0])} / ${delta(j['column_pairs'], set.copula[1])} | ${f3(j['pcd'], 2)} | ${f3(j['dcr_share'])} | ${f3(j['exact_copy_rate'])} | ${f3(ratio, 2)} | ${note.length > 70 ? note.slice(0, 67) + '…' : note} |`,
    );
  }
}
rmSync(tmp, { recursive: true, force: true });
report.save();
