/**
 * A movies-like export (`Release Date` as "Sep 13 1996", "Jan 5 2001") through the CLI: typed as a date, written
 * back in the same pattern; and the one estimate line `generate` prints on stderr before it starts.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Papa from 'papaparse';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/data.js';

const bin = resolve(repoRoot, 'bin/localsynth.mjs');
const dir = mkdtempSync(join(tmpdir(), 'ls-cli-movies-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const input = join(dir, 'movies.csv');
copyFileSync(resolve(repoRoot, 'test/fixtures/movies-dates.csv'), input);

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const MONTHS = '(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)';
const toTime = (s: string): number => Date.parse(`${s} UTC`);

describe('movies-like Release Date through the CLI', () => {
  it('inspect types it as a date in the MMM D YYYY pattern, with its range', () => {
    const r = cli('inspect', input);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Release Date +datetime .*[A-Z][a-z]{2} \d{1,2} \d{4} – [A-Z][a-z]{2} \d{1,2} \d{4}/m);
  });

  it('generate --generator copula writes Release Date back as "Mon D YYYY" within the real range', () => {
    const out = join(dir, 'out.csv');
    const r = cli('generate', input, '--generator', 'copula', '--rows', '50', '--seed', '5', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    const rows = Papa.parse<Record<string, string>>(readFileSync(out, 'utf8').trim(), { header: true }).data;
    expect(rows).toHaveLength(50);
    const real = Papa.parse<Record<string, string>>(readFileSync(input, 'utf8').trim(), { header: true }).data;
    const times = real.map((x) => toTime(x['Release Date']!));
    const [lo, hi] = [Math.min(...times), Math.max(...times)];
    for (const row of rows) {
      const v = row['Release Date']!;
      expect(v).toMatch(new RegExp(`^${MONTHS} [1-9]\\d? (19|20)\\d{2}$`));
      expect(toTime(v)).toBeGreaterThanOrEqual(lo);
      expect(toTime(v)).toBeLessThanOrEqual(hi);
    }
  });

  it('generate prints one estimate line before it starts; --quiet prints none', () => {
    const out = join(dir, 'est.csv');
    const r = cli('generate', input, '--generator', 'copula', '--rows', '10', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stderr.split('\n').filter((l) => l.startsWith('estimate: '));
    expect(lines).toEqual([expect.stringMatching(/^estimate: (a second or two|about \d+ s) here to fit and sample$/)]);
    const q = cli('generate', input, '--generator', 'copula', '--rows', '10', '--out', out, '--quiet');
    expect(q.code, q.stderr).toBe(0);
    expect(q.stderr).not.toContain('estimate');
  });
});
