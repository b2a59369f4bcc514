/**
 * The hostile inputs of issue #22 through the real binary: each gets its specific message and exit code, locale
 * numbers come out in the input's format, and inputs that never end are refused at once.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/data.js';

const bin = resolve(repoRoot, 'bin/localsynth.mjs');
const fixtures = resolve(repoRoot, 'test/fixtures/hostile');
const dir = mkdtempSync(join(tmpdir(), 'ls-cli-hostile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, LOCALSYNTH_DEBUG: '' },
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, ms: performance.now() - t0 };
}
const f = (name: string): string => join(fixtures, name);
const errorLine = (stderr: string): string => stderr.split('\n').find((l) => l.startsWith('localsynth: ')) ?? '';

describe('hostile inputs through the CLI', () => {
  it('decimal commas: inspect says so and types the columns numerical; --number-format point reads them as before', () => {
    const r = cli('inspect', f('decimal-comma.csv'));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^price +numerical /m);
    expect(r.stdout).toMatch(/^total +numerical /m);
    expect(r.stdout).toContain(
      'warning: Decimal comma detected in 3 columns ("price", "weight", "total"): "12.345,5" is read as 12345.5, and the synthetic file writes numbers the same way.',
    );
    const point = cli('inspect', '--number-format', 'point', f('decimal-comma.csv'));
    expect(point.stdout).toMatch(/^price +id /m);
    const bad = cli('inspect', '--number-format', 'german', f('decimal-comma.csv'));
    expect(bad.code).toBe(2);
    expect(errorLine(bad.stderr)).toContain('--number-format: "german" is not a number format');
  });

  it('generate writes decimal-comma columns back with "." thousands and "," decimals', () => {
    const out = join(dir, 'dc.csv');
    const r = cli(
      'generate',
      f('decimal-comma.csv'),
      '--generator',
      'kde',
      '--rows',
      '30',
      '--seed',
      '3',
      '--out',
      out,
    );
    expect(r.code, r.stderr).toBe(0);
    const rows = readFileSync(out, 'utf8').trimEnd().split('\n');
    expect(rows[0]).toBe('id;price;weight;total;city');
    for (const row of rows.slice(1)) {
      const [, price, weight, total] = row.split(';');
      expect(price).toMatch(/^\d{1,3}(\.\d{3})*(,\d{1,2})?$/);
      expect(weight).toMatch(/^\d(,\d)?$/);
      expect(total).toMatch(/^\d{1,3}(\.\d{3})+$/);
    }
  });

  it('few bad numbers, an impossible date, big integers: the type is kept and the warning is specific', () => {
    const few = cli('inspect', f('few-bad-numbers.csv'));
    expect(few.stdout).toMatch(/^score +numerical +5\.0%/m);
    expect(few.stdout).toContain('Column "score" is numerical but 3 values are not a number ("n.v.", "12..5")');
    const date = cli('inspect', f('impossible-date.csv'));
    expect(date.stdout).toMatch(/^day +datetime /m);
    const big = cli('inspect', f('big-integers.csv'));
    expect(big.stdout).toContain('Column "account" has whole numbers beyond 2^53 ("12345678901234567001")');
    const out = join(dir, 'big.csv');
    expect(cli('generate', f('big-integers.csv'), '--generator', 'kde', '--out', out).code).toBe(0);
    const ids = readFileSync(out, 'utf8')
      .trimEnd()
      .split('\n')
      .slice(1)
      .map((l) => l.split(',')[0]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('tiny values keep their digits in the synthetic file', () => {
    const out = join(dir, 'tiny.csv');
    expect(cli('generate', f('tiny-values.csv'), '--generator', 'kde', '--seed', '1', '--out', out).code).toBe(0);
    const values = readFileSync(out, 'utf8')
      .trimEnd()
      .split('\n')
      .slice(1)
      .map((l) => Number(l.split(',')[1]));
    for (const v of values) expect(v).toBeGreaterThan(1e-13);
    for (const v of values) expect(v).toBeLessThan(1e-11);
  });

  it('mixed line endings and a sep= line are read; binary and a late NUL byte get their own messages (exit 3)', () => {
    expect(cli('inspect', f('mixed-line-endings.csv')).stdout).toContain('5 rows × 3 columns');
    const sep = cli('inspect', f('excel-sep.csv'));
    expect(sep.stdout).toContain('12 rows × 3 columns, delimiter ";"');
    const bin = cli('inspect', f('random-binary.bin'));
    expect(bin.code).toBe(3);
    expect(errorLine(bin.stderr)).toMatch(
      /^localsynth: This does not look like a text file: \d+ of its first 4096 characters are control characters/,
    );
    const nul = cli('inspect', f('nul-late.csv'));
    expect(nul.code).toBe(3);
    expect(errorLine(nul.stderr)).toContain('it contains a NUL byte at offset 9500, on line 1327');
  });

  it('/dev/zero and a FIFO are refused before any reading, at once', () => {
    const r = cli('inspect', '/dev/zero');
    expect(r.code).toBe(3);
    expect(errorLine(r.stderr)).toBe(
      'localsynth: "/dev/zero" is a character device, not a regular file: it may never end. Save the data to a file (at most 100.0 MB) and give that.',
    );
    const fifo = join(dir, 'pipe');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const p = cli('generate', fifo, '--out', join(dir, 'never.csv'));
    expect(p.code).toBe(3);
    expect(errorLine(p.stderr)).toContain('is a pipe (FIFO), not a regular file');
    // The same guard covers the time-series path and model files.
    const s = cli('generate', '/dev/zero', '--generator', 'arima', '--out', join(dir, 'never.csv'));
    expect(s.code).toBe(3);
    expect(errorLine(s.stderr)).toContain('is a character device, not a regular file');
    const m = cli('generate', '--load-model', '/dev/zero', '--out', join(dir, 'never.csv'));
    expect(m.code).toBe(3);
    expect(errorLine(m.stderr)).toContain('is a character device, not a regular file');
  });
});
