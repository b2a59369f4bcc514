import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot, dataDir } from '../support/data.js';

const bin = resolve(repoRoot, 'bin/localsynth.mjs');
const dir = mkdtempSync(join(tmpdir(), 'ls-cli-k-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const cli = (...args: string[]) => {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, LOCALSYNTH_DEBUG: '' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
const cryo = join(dir, 'cryotherapy.csv');
copyFileSync(resolve(dataDir, 'cryotherapy.csv'), cryo);

describe('generate --k-anonymity', () => {
  it('says on stderr what it generalised and replaced; the report has it and the anonymeter attacks', () => {
    const json = join(dir, 'r.json');
    const r = cli(
      'generate',
      cryo,
      '--generator',
      'copula',
      '--k-anonymity',
      '5',
      '--quasi-identifiers',
      'age,sex',
      '--report',
      json,
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      /k-anonymity \(k = 5\): age in \d+ bins?, sex (as is|with \d+ rare levels merged); \d+ values? generalised, \d+ rows? replaced with fresh samples; 90 rows/,
    );
    const risk = JSON.parse(readFileSync(json, 'utf8')).privacy.risk;
    expect(risk.enforcement.k).toBe(5);
    expect(risk.kAnonymity.rareRows).toBe(0);
    expect(risk.singlingOut.univariate.risk.value).toBeGreaterThanOrEqual(0);
    expect(r.stdout).toMatch(/singling out \(univariate\) risk \(anonymeter\)/);
    expect(r.stdout).toMatch(/linkability \(.+ \| .+\) risk \(anonymeter\)/);
    expect(r.stdout).toMatch(/in short: /);
  }, 60_000);
  it('needs --quasi-identifiers and a whole k ≥ 1', () => {
    const a = cli('generate', cryo, '--k-anonymity', '5');
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/--k-anonymity needs --quasi-identifiers/);
    expect(cli('generate', cryo, '--k-anonymity', '0', '--quasi-identifiers', 'age').code).toBe(2);
  });
});
