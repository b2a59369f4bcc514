/**
 * GenerativeMTD and kNNMTD scored the way the GenerativeMTD authors scored their own code (not a test), so our
 * numbers compare like with like with BASELINES.md's "authors' GenerativeMTD" and "authors' kNNMTD" rows.
 *
 * Their protocol differs from the rest of `npm run bench` in two ways, both in the generator's favour:
 * - the generator is fitted on ALL rows (no holdout), as BASELINES.md's runs were (90 000 pseudo rows from
 *   cryotherapy's 90);
 * - PCD and their 5-fold "TSTR" are scored against those same rows (bench/authors_tstr.py re-states the TSTR).
 * A model that copies its training rows therefore scores well here: that is why BASELINES.md's kNNMTD, whose rows
 * are copies on integer tables, has TSTR 0.96 on cryotherapy. gmtd.bench.ts scores on a held-out 30 % instead;
 * read this table for "beats the authors' code" and that one for what a user can expect on new data.
 * Our kNNMTD is scored too, as a check of the protocol: it should land near the authors' kNNMTD. GenerativeMTD
 * runs with its defaults and, on class targets, with its class-conditional decoder (`conditional`). Both are the
 * generator's raw rows: the authors' code had no privacy filter.
 *
 * Usage: node --import tsx bench/authors-protocol.bench.ts [dataset…] (FIT_SEEDS=1,2,3 by default; needs
 * /usr/bin/python3 with pandas and scikit-learn, as tools/judge.py does).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Schema } from '../src/core/schema.js';
import type { Table } from '../src/core/table.js';
import { createGenerator } from '../src/generators/registry.js';
import { writeCsv } from '../src/io/index.js';
import { pcdOfTables } from '../src/metrics/association.js';
import { envNumbers, parseBenchArgs, pickNamed } from './lib/args.js';
import { loadBenchTable, REPO_ROOT, requireSharedData } from './lib/datasets.js';
import { PYTHON } from './lib/judge.js';
import { BENCH_BACKEND } from './lib/neural.js';
import { BenchReport, machine } from './lib/report.js';

/** The authors' target and k (data README) and their numbers in BASELINES.md: PCD, TSTR (acc / F1, or R²). */
const sets = [
  {
    file: 'cryotherapy',
    target: 'Result_of_Treatment',
    k: 6,
    task: 'classification',
    gmtd: ['0.776 / 1.657 (seeds 1 / 2)', '0.749 / 0.693 · 0.358 / 0.273 (seeds 1 / 2)'],
    knnmtd: ['0.567', '0.956'],
  },
  {
    file: 'caesarian',
    target: 'Caesarian',
    k: 6,
    task: 'classification',
    gmtd: ['0.905 / 0.846 (seeds 1 / 2)', '0.583 / 0.612 · 0.565 / 0.547 (seeds 1 / 2)'],
    knnmtd: ['0.717', '0.833'],
  },
  {
    file: 'immunotherapy',
    target: 'Result_of_Treatment',
    k: 8,
    task: 'classification',
    gmtd: ['0.829', '0.347 / 0.264'],
    knnmtd: ['0.843', '0.913'],
  },
  {
    file: 'prostate',
    target: 'lpsa',
    k: 4,
    task: 'regression',
    gmtd: ['1.296', 'R² 0.465, RMSE 0.839'],
    knnmtd: ['1.125', 'R² −0.33'],
  },
  {
    file: 'wisconsin_breast',
    target: '10',
    k: 3,
    task: 'classification',
    gmtd: ['not run (≈ 100 CPU-hours)', ''],
    knnmtd: ['0.502', '0.973'],
  },
] as const;

const args = parseBenchArgs({
  usage: 'node --import tsx bench/authors-protocol.bench.ts [dataset…] (FIT_SEEDS=1,2,3)',
});
requireSharedData();
const fitSeeds = envNumbers('FIT_SEEDS', '1,2,3');
const out = mkdtempSync(join(tmpdir(), 'ls-authors-'));
const f = (x: number, d = 3): string => (Number.isFinite(x) ? x.toFixed(d) : '—');

type Scores = Record<string, number>;
function authorsTstr(
  file: string,
  target: string,
  task: string,
  real: Table,
  syn: Table,
  schema: Schema,
  seed: number,
  withTrtr: boolean,
): { tstr: Scores; trtr: Scores | null } {
  const realPath = join(out, `${file}-real.csv`);
  const synPath = join(out, `${file}-synth.csv`);
  writeFileSync(realPath, writeCsv(real, schema));
  writeFileSync(synPath, writeCsv(syn, schema));
  const r = spawnSync(
    PYTHON,
    [
      join(REPO_ROOT, 'bench/authors_tstr.py'),
      '--real',
      realPath,
      '--synth',
      synPath,
      '--target',
      target,
      '--task',
      task,
      '--seed',
      String(seed),
      ...(withTrtr ? ['--trtr'] : []),
    ],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`authors_tstr.py failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as { tstr: Scores; trtr: Scores | null };
}
const show = (task: string, s: Scores): string =>
  task === 'classification' ? `${f(s['accuracy']!)} / ${f(s['f1']!)}` : `R² ${f(s['r2']!)}, RMSE ${f(s['rmse']!)}`;
const meanOf = (xs: Scores[]): Scores =>
  Object.fromEntries(Object.keys(xs[0]!).map((k) => [k, xs.reduce((a, x) => a + x[k]!, 0) / xs.length]));

const report = new BenchReport(import.meta.url, ['FIT_SEEDS']);
report.line(`The authors' protocol (fit and score on all rows) — ${machine()}, wasm backend`);
report.line(
  `fit seeds ${fitSeeds.join(', ')}, each sampled once (seed + 1) with as many rows as the table; TSTR = their 5-fold protocol (bench/authors_tstr.py)`,
);
report.table(['dataset (k)', 'generator', 'seed', 'our PCD', 'TSTR acc / F1 (or R², RMSE)', 'fit + sample s']);
for (const s of pickNamed(sets, args.positional)) {
  const { schema, table } = loadBenchTable(s.file, s.target);
  let trtr: Scores | null = null;
  // GenerativeMTD with its defaults, with its class-conditional decoder (classification only), and our kNNMTD
  const variants = [
    { id: 'gmtd', label: 'GenerativeMTD (ours)', options: { k: s.k } },
    ...(s.task === 'classification'
      ? [{ id: 'gmtd', label: 'GenerativeMTD (ours), conditional', options: { k: s.k, conditional: true } }]
      : []),
    { id: 'knnmtd', label: 'kNNMTD (ours)', options: { k: s.k } },
  ];
  for (const v of variants) {
    const pcds: number[] = [];
    const tstrs: Scores[] = [];
    for (const seed of fitSeeds) {
      const g = await createGenerator(v.id, v.options);
      const t0 = performance.now();
      await g.fit(table, schema, { seed, backend: BENCH_BACKEND });
      const syn = await g.sample(table.nRows, { seed: seed + 1 });
      const secs = (performance.now() - t0) / 1000;
      g.dispose();
      const pcd = pcdOfTables(table, syn);
      const r = authorsTstr(s.file, s.target, s.task, table, syn, schema, seed, trtr === null);
      trtr ??= r.trtr;
      pcds.push(pcd);
      tstrs.push(r.tstr);
      report.line(
        `| ${s.file} (${s.k}) | ${v.label} | ${seed} | ${f(pcd)} | ${show(s.task, r.tstr)} | ${f(secs, 1)} |`,
      );
    }
    if (fitSeeds.length > 1) {
      report.line(
        `| ${s.file} (${s.k}) | **${v.label}, mean** | | **${f(pcds.reduce((a, x) => a + x, 0) / pcds.length)}** | **${show(s.task, meanOf(tstrs))}** | |`,
      );
    }
  }
  report.line(`| | real rows, 5-fold cross-validation (TRTR, the same forests) | | | ${show(s.task, trtr!)} | |`);
  report.line(`| | authors' GenerativeMTD (BASELINES.md, their PCD) | | ${s.gmtd[0]} | ${s.gmtd[1]} | |`);
  report.line(`| | authors' kNNMTD (BASELINES.md, their PCD; accuracy only) | | ${s.knnmtd[0]} | ${s.knnmtd[1]} | |`);
}
rmSync(out, { recursive: true, force: true });
report.save();
