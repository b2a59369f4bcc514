/** The CLI writes the synthetic CSV part by part (issue 22); the file's bytes are those of the one-string writer. */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_ROWS_PER_CHUNK } from '../../src/io/write.js';
import { writeParts } from '../../src/cli/write-output.js';
import { dataDir, repoRoot } from '../support/data.js';

const dir = mkdtempSync(join(tmpdir(), 'ls-out-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('CSV output in parts', () => {
  it('generate: 25 000 rows (several parts) give the same file as before chunking', () => {
    const out = join(dir, 'kde.csv');
    const r = spawnSync(
      process.execPath,
      [resolve(repoRoot, 'bin/localsynth.mjs'), 'generate', resolve(dataDir, 'cryotherapy.csv')].concat([
        '--generator',
        'kde',
        '--rows',
        '25000',
        '--seed',
        '3',
        '--out',
        out,
      ]),
      { encoding: 'utf8', env: { ...process.env, LOCALSYNTH_DEBUG: '' } },
    );
    expect(r.status, r.stderr).toBe(0);
    expect(25_000).toBeGreaterThan(2 * DEFAULT_ROWS_PER_CHUNK);
    const bytes = readFileSync(out);
    expect(bytes.toString('utf8').split('\n')).toHaveLength(25_002);
    // sha256 of the file this command wrote with the one-string writer (writeFileSync of writeCsv's text)
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(
      '9fc78d0e900c82d5ac5f68eac745090359406254100b8e42a424cffab8acc37b',
    );
  });

  it('writeParts writes the parts in order, as UTF-8, replacing an existing file', () => {
    const path = join(dir, 'parts.csv');
    writeParts(path, ['a,é\n', '1,"x\ny"\n', '']);
    writeParts(path, ['h,ü\n', '2,€\n']);
    expect(readFileSync(path, 'utf8')).toBe('h,ü\n2,€\n');
  });
});
