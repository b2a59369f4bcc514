/**
 * The classic generators against BASELINES.md's peers, scored the same way: 70/30 split (seed 0, stratified on the
 * target, or on its quintiles when it is a number with > 10 values; sklearn's train_test_split, so the rows equal the
 * baseline's), fit on train, sample as many rows as train, score with ../shared/tools/judge.py.
 * Usage: node --import tsx bench/copula-vs-baseline.ts [--gen copula:parametric,copula:empirical,smote,...] [dataset…]
 * A generator is `id` or `id:marginals` (copula) / `id:family` (distfit) / `id:noise` (bootstrap) / `id:k` (smote).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGenerator } from '../src/generators/registry.js';
import { buildTable, inferSchema, parseCsv, writeCsv } from '../src/io/index.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const data = resolve(root, '../shared/data');
const judge = resolve(root, '../shared/tools/judge.py');
const PY = '/usr/bin/python3';

/** BASELINES.md, "Peers — per dataset", Gaussian copula rows: shapes, pairs, DCR share. */
const BASELINE: Record<string, { target: string; shapes: number; pairs: number; dcr: number }> = {
  cryotherapy: { target: 'Result_of_Treatment', shapes: 0.878, pairs: 0.799, dcr: 0.492 },
  caesarian: { target: 'Caesarian', shapes: 0.923, pairs: 0.763, dcr: 0.495 },
  immunotherapy: { target: 'Result_of_Treatment', shapes: 0.829, pairs: 0.8, dcr: 0.473 },
  prostate: { target: 'lpsa', shapes: 0.798, pairs: 0.837, dcr: 0.567 },
  wisconsin_breast: { target: '10', shapes: 0.958, pairs: 0.719, dcr: 0.534 },
  pima: { target: 'diabetes', shapes: 0.8, pairs: 0.917, dcr: 0.491 },
};

const SPLIT = `
import sys, pandas as pd
from sklearn.model_selection import train_test_split
src, target, out = sys.argv[1], sys.argv[2], sys.argv[3]
d = pd.read_csv(src)
y = d[target]
whole = pd.api.types.is_numeric_dtype(y) and (y.dropna() % 1 == 0).all()
strat = y if (not pd.api.types.is_numeric_dtype(y)) or (whole and y.nunique() <= 10) else pd.qcut(y, 5, labels=False, duplicates='drop')
tr, ho = train_test_split(d, test_size=0.3, random_state=0, stratify=strat)
tr.to_csv(out + '/train.csv', index=False)
ho.to_csv(out + '/holdout.csv', index=False)
`;

const args = process.argv.slice(2);
const gi = args.indexOf('--gen');
const gens = (gi >= 0 ? args.splice(gi, 2)[1]! : 'copula:parametric,copula:empirical').split(',');
const sets = args.length ? args : Object.keys(BASELINE);
const tmp = mkdtempSync(join(tmpdir(), 'ls-classic-'));

function optionsOf(spec: string): { id: string; opts: Record<string, string | number> } {
  const [id, arg] = spec.split(':') as [string, string | undefined];
  if (arg === undefined) return { id, opts: {} };
  const key = { copula: 'marginals', distfit: 'family', bootstrap: 'noise', smote: 'k' }[id];
  if (!key) throw new Error(`no option shorthand for ${id}`);
  return { id, opts: { [key]: key === 'noise' || key === 'k' ? Number(arg) : arg } };
}

console.log('| dataset | generator | shapes | pairs | Δshapes vs copula baseline | Δpairs | PCD | DCR share | copies | fit s |');
console.log('|---|---|---|---|---|---|---|---|---|---|');
for (const stem of sets) {
  const base = BASELINE[stem];
  if (!base) throw new Error(`unknown dataset ${stem}`);
  const dir = join(tmp, stem);
  spawnSync('mkdir', ['-p', dir]);
  const split = spawnSync(PY, ['-c', SPLIT, join(data, `${stem}.csv`), base.target, dir], { encoding: 'utf8' });
  if (split.status !== 0) throw new Error(split.stderr);
  const parsed = parseCsv(new Uint8Array(readFileSync(join(dir, 'train.csv'))), { fileName: 'train.csv' });
  const { schema } = inferSchema(parsed, { target: base.target });
  const table = buildTable(parsed, schema);
  for (const spec of gens) {
    const { id, opts } = optionsOf(spec);
    const g = await createGenerator(id, opts);
    const rep = await g.fit(table, schema, { seed: 0 });
    const synth = await g.sample(table.nRows, { seed: 1 });
    const out = join(dir, `synth-${spec.replace(':', '-')}.csv`);
    writeFileSync(out, writeCsv(synth, schema));
    const json = join(dir, `judge-${spec.replace(':', '-')}.json`);
    const r = spawnSync(PY, [judge, '--train', join(dir, 'train.csv'), '--holdout', join(dir, 'holdout.csv'), '--synth', out, '--target', base.target, '--quiet', '--json', json], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    const res = JSON.parse(readFileSync(json, 'utf8')) as { fidelity: Record<string, number>; privacy: Record<string, number> };
    const f = res.fidelity;
    const p = res.privacy;
    const fmt = (x: number | undefined, d = 3): string => (x === undefined || x === null ? '—' : x.toFixed(d));
    const ds = f['column_shapes']! - base.shapes;
    const dp = f['column_pairs']! - base.pairs;
    console.log(
      `| ${stem} | ${spec} | ${fmt(f['column_shapes'])} | ${fmt(f['column_pairs'])} | ${ds >= 0 ? '+' : ''}${ds.toFixed(3)} | ${dp >= 0 ? '+' : ''}${dp.toFixed(3)} | ${fmt(f['pcd'], 2)} | ${fmt(p['dcr_share'])} | ${fmt(p['exact_copy_rate'])} | ${rep.seconds.toFixed(2)} |`,
    );
  }
}
rmSync(tmp, { recursive: true, force: true });
