/** `localsynth --version`, and dates as people write them through the CLI: each column written back in its format. */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Papa from 'papaparse';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/data.js';

const bin = resolve(repoRoot, 'bin/localsynth.mjs');
const dir = mkdtempSync(join(tmpdir(), 'ls-cli-dates-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('localsynth --version', () => {
  it("prints package.json's version and nothing else", () => {
    const { version } = JSON.parse(readFileSync(resolve(repoRoot, 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-v']) {
      const r = cli(flag);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(`${version}\n`);
    }
  });
});

describe('dates with month names, offsets and day-first slashes through the CLI', () => {
  const input = join(dir, 'dates.csv');
  copyFileSync(resolve(repoRoot, 'test/fixtures/dates-names.csv'), input);

  it('inspect types every date column as a date and says which order the slashes read', () => {
    const r = cli('inspect', input);
    expect(r.code).toBe(0);
    for (const col of ['release', 'premiere', 'seen_at', 'visit'])
      expect(r.stdout).toMatch(new RegExp(`^${col} +datetime `, 'm'));
    expect(r.stdout).toMatch(/^visit .*\(day first: D\/M\/YYYY\)$/m);
  });

  it('the synthetic CSV writes each date column in the input format', () => {
    const out = join(dir, 'out.csv');
    const r = cli('generate', input, '--generator', 'copula', '--rows', '40', '--seed', '3', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    const rows = Papa.parse<Record<string, string>>(readFileSync(out, 'utf8').trim(), { header: true }).data;
    expect(rows).toHaveLength(40);
    const months = '(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)';
    for (const row of rows) {
      expect(row['release']).toMatch(new RegExp(`^${months} \\d{1,2} 199\\d$`));
      expect(row['premiere']).toMatch(new RegExp(`^\\d{2}-${months}-199\\d$`));
      expect(row['seen_at']).toMatch(/^2021-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+02:00$/);
      expect(row['visit']).toMatch(/^\d{1,2}\/\d{1,2}\/2020$/);
    }
  });
});
