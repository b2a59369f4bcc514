import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Rng } from '../src/core/rng.js';
import type { Table } from '../src/core/table.js';
import { getColumn, takeRows } from '../src/core/table.js';
import { buildTable, inferSchema, parseCsv, writeCsv } from '../src/io/index.js';
import { encodeForModel, decodeFromModel } from '../src/transforms/model-data.js';
import { pseudoRealSet } from '../src/generators/gmtd/pseudo.js';
const root = resolve(import.meta.dirname, '..');
const data = resolve(root, '../shared/data');
const sets = [
  { file: 'cryotherapy', target: 'Result_of_Treatment', k: 6 },
  { file: 'caesarian', target: 'Caesarian', k: 6 },
  { file: 'immunotherapy', target: 'Result_of_Treatment', k: 8 },
  { file: 'prostate', target: 'lpsa', k: 4 },
  { file: 'wisconsin_breast', target: '10', k: 3 },
  { file: 'pima', target: 'diabetes', k: 3 },
];
function split(table: Table, target: string) {
  const col = getColumn(table, target); const n = table.nRows; let strata: number[];
  if (col.kind === 'cat') strata = Array.from(col.codes);
  else { const v = (col as any).values as Float64Array; const sorted = Array.from(v).sort((a, b) => a - b);
    const cuts = [0.2, 0.4, 0.6, 0.8].map((q) => sorted[Math.floor(q * (n - 1))]!); strata = Array.from(v, (x) => cuts.filter((c) => x > c).length); }
  const rng = new Rng(0); const train: number[] = []; const holdout: number[] = [];
  for (const s of [...new Set(strata)].sort((a, b) => a - b)) { const rows = strata.flatMap((v, i) => (v === s ? [i] : [])); rng.shuffle(rows); const cut = Math.round(rows.length * 0.7); train.push(...rows.slice(0, cut)); holdout.push(...rows.slice(cut)); }
  return { train: Int32Array.from(train.sort((a, b) => a - b)), holdout: Int32Array.from(holdout.sort((a, b) => a - b)) };
}
const out = mkdtempSync(join(tmpdir(), 'ls-ps-'));
for (const s of sets) {
  const parsed = parseCsv(new Uint8Array(readFileSync(join(data, `${s.file}.csv`))), { fileName: `${s.file}.csv` });
  const { schema } = inferSchema(parsed, { target: s.target });
  const table = buildTable(parsed, schema);
  const { train, holdout } = split(table, s.target);
  const tr = takeRows(table, train); const ho = takeRows(table, holdout);
  const { data: md, layout } = encodeForModel(tr, schema);
  const ps = pseudoRealSet(md, s.k, 40, new Rng(1));
  const rng = new Rng(2); const idx = Int32Array.from({ length: tr.nRows }, () => rng.int(ps.table.nRows));
  const syn = decodeFromModel(takeRows(ps.table, idx), layout);
  const paths = ['train', 'holdout', 'synth'].map((x) => join(out, `${s.file}-${x}.csv`));
  [tr, ho, syn].forEach((t, i) => writeFileSync(paths[i]!, writeCsv(t, schema)));
  const j = spawnSync('/usr/bin/python3', [resolve(root, '../shared/tools/judge.py'), '--train', paths[0]!, '--holdout', paths[1]!, '--synth', paths[2]!, '--target', s.target, '--quiet'], { encoding: 'utf8' });
  const m = JSON.parse(j.stdout.trim().split('\n').pop() ?? '{}');
  console.log(s.file, ['column_shapes','column_pairs','pcd','dcr_share','exact_copy_rate'].map(k=>k+'='+Number(m[k]).toFixed(3)).join(' '), Object.entries(m).filter(([k])=>k.startsWith('rf_')).map(([k,v])=>k+'='+Number(v).toFixed(2)).join(' '));
}
