/**
 * kNNMTD wall time through the CLI (`npx localsynth generate … --generator knnmtd`, rows = input rows), with k
 * chosen automatically (3…10 by PCD) and with the authors' fixed k. Usage: node --import tsx bench/knnmtd.bench.ts [dataset…]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseBenchArgs, pickNamed } from './lib/args.js';
import { datasetPath, datasets, REPO_ROOT } from './lib/datasets.js';
import { BenchReport, machine } from './lib/report.js';

const args = parseBenchArgs({ usage: 'node --import tsx bench/knnmtd.bench.ts [dataset…]' });
const sets = pickNamed(datasets(['wisconsin_breast', 'pima', 'urban_land']), args.positional);
const out = mkdtempSync(join(tmpdir(), 'ls-bench-'));
const report = new BenchReport(import.meta.url);
report.line(`kNNMTD via the CLI — ${machine()}`);
report.table(['dataset', 'rows × cols', 'k', 'wall s', 'note']);
for (const s of sets) {
  const input = datasetPath(s.file);
  const [header, ...rows] = readFileSync(input, 'utf8').trim().split('\n');
  for (const k of ['auto', String(s.k)]) {
    const t0 = performance.now();
    const r = spawnSync(
      process.execPath,
      [
        join(REPO_ROOT, 'bin/localsynth.mjs'),
        'generate',
        input,
        '--generator',
        'knnmtd',
        '--target',
        s.target,
        '--k',
        k,
        '--seed',
        '1',
        '--out',
        join(out, `${s.file}-${k}.csv`),
      ],
      { encoding: 'utf8' },
    );
    const wall = (performance.now() - t0) / 1000;
    const note =
      r.status === 0
        ? (r.stderr.match(/k = [^\n]*/)?.[0] ?? '')
        : `FAILED (${r.status}): ${r.stderr.trim().split('\n').pop()}`;
    report.row([s.file, `${rows.length} × ${header!.split(',').length}`, k, wall.toFixed(2), note]);
  }
}
rmSync(out, { recursive: true, force: true });
report.save();
