/**
 * kNNMTD wall time through the CLI (`npx localsynth generate … --generator knnmtd`, rows = input rows), with k
 * chosen automatically (3…10 by PCD) and with the authors' fixed k. Usage: node --import tsx bench/knnmtd.bench.ts [dataset…]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const data = resolve(root, '../shared/data');
const sets: { file: string; target: string; k: number }[] = [
  { file: 'wisconsin_breast', target: '10', k: 3 },
  { file: 'pima', target: 'diabetes', k: 3 },
  { file: 'urban_land', target: 'class', k: 10 },
];
const only = process.argv.slice(2);
const out = mkdtempSync(join(tmpdir(), 'ls-bench-'));
console.log(`kNNMTD via the CLI — ${cpus().length} × ${cpus()[0]?.model}`);
console.log('| dataset | rows × cols | k | wall s | note |');
console.log('|---|---|---|---|---|');
for (const s of sets.filter((x) => only.length === 0 || only.includes(x.file))) {
  const input = join(data, `${s.file}.csv`);
  const [header, ...rows] = readFileSync(input, 'utf8').trim().split('\n');
  for (const k of ['auto', String(s.k)]) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [join(root, 'bin/localsynth.mjs'), 'generate', input, '--generator', 'knnmtd', '--target', s.target, '--k', k, '--seed', '1', '--out', join(out, `${s.file}-${k}.csv`)], { encoding: 'utf8' });
    const wall = (performance.now() - t0) / 1000;
    const note = r.status === 0 ? (r.stderr.match(/k = [^\n]*/)?.[0] ?? '') : `FAILED (${r.status}): ${r.stderr.trim().split('\n').pop()}`;
    console.log(`| ${s.file} | ${rows.length} × ${header!.split(',').length} | ${k} | ${wall.toFixed(2)} | ${note} |`);
  }
}
rmSync(out, { recursive: true, force: true });
