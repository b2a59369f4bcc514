/**
 * The run budget through the real binary (src/core/budget.ts): a row count that cannot fit fails before any work
 * with the largest count that fits, and `--help` states the limits.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dataDir, repoRoot } from '../support/data.js';

const bin = resolve(repoRoot, 'bin/localsynth.mjs');
const dir = mkdtempSync(join(tmpdir(), 'ls-cli-limits-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, LOCALSYNTH_DEBUG: '' },
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const cryo = join(dir, 'cryotherapy.csv');
copyFileSync(resolve(dataDir, 'cryotherapy.csv'), cryo);

describe('row limits', () => {
  it('--rows 100000000 fails before training (exit 2) with the memory it needs and the largest count that fits', () => {
    const out = join(dir, 'huge.csv');
    const r = cli('generate', cryo, '--generator', 'knnmtd', '--rows', '100000000', '--out', out);
    expect(r.code).toBe(2);
    const lines = r.stderr.split('\n').filter((l) => l.startsWith('localsynth: '));
    expect(lines).toEqual([
      'localsynth: 100,000,000 rows × 7 columns is too large: about 23.5 GiB of memory for the table and its CSV text, more than the 1 GiB a run may use. At most 4,260,880 rows of 7 columns fit; generate several files with different seeds for more.',
    ]);
    expect(r.stderr).not.toMatch(/fitting|epoch|wrote/);
    expect(existsSync(out)).toBe(false);
  });

  it('--help states the limits', () => {
    const r = cli('generate', '--help');
    expect(r.code).toBe(0);
    expect(r.stdout.replace(/\s+/g, ' ')).toContain(
      "Rows to generate (default: the input's row count). At most 10,000,000, and rows × columns × 36 bytes within 1 GiB (checked before the run; the message gives the largest count that fits).",
    );
  });
});

describe('output paths and terminal text', () => {
  it('a bad --out or --report path is refused before the run, worded "cannot write"', () => {
    const r = cli('generate', cryo, '--generator', 'knnmtd', '--out', join(dir, 'no-such-folder', 'x.csv'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `localsynth: --out: cannot write ${join(dir, 'no-such-folder', 'x.csv')}: the folder ${join(dir, 'no-such-folder')} does not exist.`,
    );
    expect(r.stderr).not.toMatch(/cannot read|wrote/);
    const rep = cli('generate', cryo, '--generator', 'knnmtd', '--out', join(dir, 'ok.csv'), '--report', dir);
    expect(rep.code).toBe(2);
    expect(rep.stderr).toContain(`localsynth: --report: cannot write ${dir}: it is a folder.`);
    expect(existsSync(join(dir, 'ok.csv'))).toBe(false);
  });

  it('escape sequences in header names are not echoed to the terminal', () => {
    const file = join(dir, 'escapes.csv');
    // an OSC title change and a clear-screen in a duplicated header name
    writeFileSync(file, 'a\u001b]0;pwned\u0007,b,a\u001b]0;pwned\u0007\n1,2,3\n4,5,6\n');
    const r = cli('generate', file, '--generator', 'knnmtd');
    expect(r.code).toBe(3);
    expect(r.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(r.stderr).toMatch(/"a\?" appears at positions 1 and 3/);
  });
});
