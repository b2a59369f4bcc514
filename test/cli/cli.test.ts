import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Papa from 'papaparse';
import { afterAll, describe, expect, it } from 'vitest';
import { cliFlag, listGenerators } from '../../src/index.js';
import { fixtures, repoRoot, sharedData } from '../support/data.js';

const bin = resolve(repoRoot, 'bin/localsynth.mjs');
const dir = mkdtempSync(join(tmpdir(), 'ls-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, LOCALSYNTH_DEBUG: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
function parse(file: string): string[][] {
  return Papa.parse<string[]>(readFileSync(file, 'utf8').trim()).data;
}
const cryo = join(dir, 'cryotherapy.csv');
copyFileSync(resolve(sharedData, 'cryotherapy.csv'), cryo);
const real = parse(cryo);

describe('localsynth generate', () => {
  it('writes a CSV with the input header, the asked row count, whole integers, known labels and the real ranges', () => {
    const out = join(dir, 'a.csv');
    const r = cli('generate', cryo, '--generator', 'knnmtd', '--rows', '500', '--seed', '7', '--target', 'Result_of_Treatment', '--out', out);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/seed 7/);
    expect(r.stderr).toMatch(/wrote 500 rows × 7 columns/);
    const rows = parse(out);
    expect(rows[0]).toEqual(real[0]);
    expect(rows.length - 1).toBe(500);
    for (let j = 0; j < real[0]!.length; j++) {
      const rv = real.slice(1).map((x) => Number(x[j]));
      const sv = rows.slice(1).map((x) => Number(x[j]));
      expect(sv.every(Number.isFinite)).toBe(true);
      expect(Math.min(...sv)).toBeGreaterThanOrEqual(Math.min(...rv));
      expect(Math.max(...sv)).toBeLessThanOrEqual(Math.max(...rv));
      if (rv.every(Number.isInteger)) expect(sv.every(Number.isInteger)).toBe(true);
      const levels = new Set(real.slice(1).map((x) => x[j]));
      if (levels.size <= 10) for (const x of rows.slice(1)) expect(levels.has(x[j])).toBe(true);
    }
  });

  it('defaults: out = <input>.synthetic.csv, rows = input rows, seed 42 printed', () => {
    const r = cli('generate', cryo);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/seed 42/);
    const out = join(dir, 'cryotherapy.synthetic.csv');
    expect(existsSync(out)).toBe(true);
    expect(parse(out).length - 1).toBe(90);
  });

  it('same seed → byte-identical file; another seed → another file', () => {
    const run = (seed: string, name: string) => {
      expect(cli('generate', cryo, '--seed', seed, '--out', join(dir, name), '--quiet').code).toBe(0);
      return readFileSync(join(dir, name), 'utf8');
    };
    const a = run('3', 's1.csv');
    expect(run('3', 's2.csv')).toBe(a);
    expect(run('4', 's3.csv')).not.toBe(a);
  });

  it('--types and --skip take effect; --quiet prints nothing', () => {
    const out = join(dir, 't.csv');
    const r = cli('generate', cryo, '--types', 'age=categorical', '--skip', 'Area', '--out', out, '--quiet', '--k', '4');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const rows = parse(out);
    expect(rows[0]).toEqual(real[0]!.filter((h) => h !== 'Area'));
    const ages = new Set(real.slice(1).map((x) => x[1]));
    for (const x of rows.slice(1)) expect(ages.has(x[1])).toBe(true); // categorical: only real labels
  });

  it('--help lists every generator and every option with its default', () => {
    const r = cli('generate', '--help');
    expect(r.code).toBe(0);
    for (const g of listGenerators()) {
      expect(r.stdout).toContain(g.id);
      for (const o of g.options) expect(r.stdout).toMatch(new RegExp(`--${cliFlag(o)} [^\\n]*\\n?[^\\n]*default: ${o.default === null ? 'auto' : String(o.default)}`));
    }
    const top = cli('--help');
    expect(top.code).toBe(0);
    expect(top.stdout).toMatch(/localsynth generate <data.csv>/);
    expect(top.stdout).toMatch(/Exit codes/);
  });
});

describe('exit codes and one clear line on stderr', () => {
  const oneLine = (s: string) => {
    expect(s).toMatch(/^localsynth: /);
    expect(s).not.toMatch(/\n\s+at /); // no stack trace
  };
  it.each([
    ['unknown flag', ['generate', cryo, '--bogus']],
    ['missing file argument', ['generate']],
    ['unknown generator', ['generate', cryo, '--generator', 'nope']],
    ['negative rows', ['generate', cryo, '--rows=-3']],
    ['rows not a number', ['generate', cryo, '--rows', 'ten']],
    ['unknown sdtype', ['generate', cryo, '--types', 'age=nope']],
    ['unknown column', ['generate', cryo, '--target', 'Outcome']],
    ['bad option value', ['generate', cryo, '--k', '1']],
    ['option value not a number', ['generate', cryo, '--n-obs', 'x']],
    ['unknown command', ['frobnicate']],
  ])('2 for a usage error: %s', (_name, args) => {
    const r = cli(...args);
    expect(r.code).toBe(2);
    oneLine(r.stderr);
  });

  it.each([
    ['missing file', [join(dir, 'nope.csv')], /no such file/],
    ['empty file', [join(fixtures, 'empty.csv')], /empty/],
    ['ragged rows', [join(fixtures, 'ragged.csv')], /fields/],
    ['duplicate header', [join(fixtures, 'duplicate-header.csv')], /duplicate|twice/i],
    ['binary file', [join(fixtures, 'binary.xlsx')], /Excel/],
    ['one data row', [join(fixtures, 'one-row.csv')], /1 data row|one data row/i],
    ['one-class target', [join(fixtures, 'one-class-target.csv'), '--target', 'outcome'], /only one class/],
  ])('3 for bad input data: %s', (_name, args, msg) => {
    const r = cli('generate', ...(args as string[]), '--out', join(dir, 'never.csv'));
    expect(r.code).toBe(3);
    oneLine(r.stderr.split('\n').filter((l) => l && !l.startsWith('warning:') && !l.startsWith('seed')).join('\n'));
    expect(r.stderr).toMatch(msg);
    expect(existsSync(join(dir, 'never.csv'))).toBe(false);
  });

  it('refuses to overwrite the input', () => {
    const r = cli('generate', cryo, '--out', cryo);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/overwrite the input/);
  });
});

describe('localsynth inspect', () => {
  it('prints the inferred schema', () => {
    const r = cli('inspect', cryo);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/90 rows × 7 columns/);
    expect(r.stdout).toMatch(/Result_of_Treatment\s+categorical/);
    expect(r.stdout).toMatch(/age\s+numerical/);
  });
});
