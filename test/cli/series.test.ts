import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixtures, repoRoot } from '../support/data.js';

const bin = resolve(repoRoot, 'bin/localsynth.mjs');
const dir = mkdtempSync(join(tmpdir(), 'ls-series-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const deaths = resolve(fixtures, 'timeseries/us_acc_deaths.csv');

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8' });
  return { code: r.status, stderr: r.stderr };
}
const rows = (file: string): string[][] =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => l.split(','));

describe('localsynth generate --generator arima', () => {
  it('continues the monthly series on its date grid and writes the fan chart', () => {
    const out = join(dir, 'c.csv');
    const fan = join(dir, 'fan.csv');
    const args = ['generate', deaths, '--generator', 'arima', '--time-column', 'date', '--order', '0,1,1,0,1,1,12'];
    const r = cli(...args, '--continue', '3', '--series', '2', '--out', out, '--fan', fan);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('ARIMA(0,1,1)(0,1,1)[12]');
    expect(r.stderr).toContain('AIC 856.88');
    const c = rows(out);
    expect(c[0]).toEqual(['series', 'date', 'deaths']);
    expect(c.slice(1).map((x) => x[1])).toEqual([
      '1979-01-01',
      '1979-02-01',
      '1979-03-01',
      ...['1979-01-01', '1979-02-01', '1979-03-01'],
    ]);
    expect(c.slice(1).every((x) => /^\d+$/.test(x[2]!))).toBe(true); // an integer column stays whole
    const f = rows(fan);
    expect(f[0]).toEqual(['step', 'mean', 'q0.05', 'q0.25', 'q0.5', 'q0.75', 'q0.95']);
    expect(f).toHaveLength(4);
    const q = f[1]!.slice(2).map(Number);
    expect(q).toEqual([...q].sort((a, b) => a - b));
  });

  it('a new series of the asked length follows the d + sD starting months, and --length excludes --continue', () => {
    const out = join(dir, 'n.csv');
    const args = ['generate', deaths, '--generator', 'arima', '--time-column', 'date', '--order', '0,1,1,0,1,1,12'];
    expect(cli(...args, '--length', '24', '--seed', '3', '--out', out).code).toBe(0);
    const n = rows(out);
    expect(n).toHaveLength(25);
    expect(n[1]![1]).toBe('1974-02-01'); // after the 13 starting values
    expect(cli(...args, '--length', '2', '--continue', '2').code).toBe(2);
  });
});
