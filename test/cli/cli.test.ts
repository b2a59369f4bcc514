import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Papa from 'papaparse';
import { afterAll, describe, expect, it } from 'vitest';
import { cliFlag, listGenerators } from '../../src/index.js';
import { expectValidSynthetic } from '../support/csv-checks.js';
import { fixtures, repoRoot, dataDir } from '../support/data.js';

const bin = resolve(repoRoot, 'bin/localsynth.mjs');
const dir = mkdtempSync(join(tmpdir(), 'ls-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, LOCALSYNTH_DEBUG: '' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
function parse(file: string): string[][] {
  return Papa.parse<string[]>(readFileSync(file, 'utf8').trim()).data;
}
const cryo = join(dir, 'cryotherapy.csv');
copyFileSync(resolve(dataDir, 'cryotherapy.csv'), cryo);
const real = parse(cryo);

describe('localsynth generate', () => {
  it('writes a CSV with the input header, the asked row count, whole integers, known labels and the real ranges', () => {
    const out = join(dir, 'a.csv');
    const r = cli(
      'generate',
      cryo,
      '--generator',
      'knnmtd',
      '--rows',
      '500',
      '--seed',
      '7',
      '--target',
      'Result_of_Treatment',
      '--out',
      out,
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/seed 7/);
    expect(r.stderr).toMatch(/wrote 500 rows × 7 columns/);
    const rows = parse(out);
    expect(rows.length - 1).toBe(500);
    expectValidSynthetic(real, rows, { levels: true });
  });

  it('defaults: out = <input>.synthetic.csv, rows = input rows, seed 42 printed', () => {
    const r = cli('generate', cryo, '--generator', 'knnmtd');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/seed 42/);
    const out = join(dir, 'cryotherapy.synthetic.csv');
    expect(existsSync(out)).toBe(true);
    expect(parse(out).length - 1).toBe(90);
  });

  it('same seed → byte-identical file; another seed → another file', () => {
    const run = (seed: string, name: string) => {
      expect(
        cli('generate', cryo, '--generator', 'knnmtd', '--seed', seed, '--out', join(dir, name), '--quiet').code,
      ).toBe(0);
      return readFileSync(join(dir, name), 'utf8');
    };
    const a = run('3', 's1.csv');
    expect(run('3', 's2.csv')).toBe(a);
    expect(run('4', 's3.csv')).not.toBe(a);
  });

  it('--types and --skip take effect; --quiet prints nothing', () => {
    const out = join(dir, 't.csv');
    const r = cli(
      'generate',
      cryo,
      '--generator',
      'knnmtd',
      '--types',
      'age=categorical',
      '--skip',
      'Area',
      '--out',
      out,
      '--quiet',
      '--k',
      '4',
    );
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
      const block = r.stdout.slice(r.stdout.indexOf(`  ${g.id} — `));
      for (const o of g.options) {
        const at = block.indexOf(`--${cliFlag(o)} `);
        expect(at).toBeGreaterThan(0);
        // the option's text runs until the next option or generator; whitespace-normalised
        const text = block
          .slice(at)
          .split(/\n {4}--|\n\n/)[0]!
          .replace(/\s+/g, ' ');
        expect(text).toContain(`(default: ${o.default === null ? 'auto' : String(o.default)})`);
      }
    }
    // wording derived from the entries' capabilities and defaults, not written per generator
    const flat = r.stdout.replace(/\s+/g, ' ');
    expect(flat).toContain('--generator <id> Generator to use (default: gmtd).');
    expect(flat).toContain('(default: copies for gmtd, off for the others)');
    expect(flat).toContain('GenerativeMTD models can be saved.');
    expect(flat).toMatch(/--backend <auto\|webgpu\|webgl\|wasm\|cpu> Compute backend of a neural generator \(gmtd\)/);
    expect(r.stdout).toContain('\n  gmtd — GenerativeMTD (default)\n');
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
    ['option value not a number', ['generate', cryo, '--generator', 'knnmtd', '--n-obs', 'x']],
    ['an option of another generator', ['generate', cryo, '--n-obs', '100']],
    ['an unknown compute backend', ['generate', cryo, '--backend', 'gpu']],
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
    [
      'a saved model where the data goes',
      [join(fixtures, 'saved-model.json')],
      /saved LocalSynth model, not a data file.*--load-model/,
    ],
    ['one data row', [join(fixtures, 'one-row.csv')], /1 data row|one data row/i],
    ['one-class target', [join(fixtures, 'one-class-target.csv'), '--target', 'outcome'], /only one class/],
  ])('3 for bad input data: %s', (_name, args, msg) => {
    const r = cli('generate', ...(args as string[]), '--out', join(dir, 'never.csv'));
    expect(r.code).toBe(3);
    oneLine(
      r.stderr
        .split('\n')
        .filter((l) => l && !l.startsWith('warning:') && !l.startsWith('seed') && !l.startsWith('estimate:'))
        .join('\n'),
    );
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

describe('localsynth evaluate and generate --report', () => {
  const m = resolve(fixtures, 'metrics', 'cryotherapy');
  it('prints a summary and writes JSON with the documented keys', () => {
    const json = join(dir, 'r.json');
    const r = cli(
      'evaluate',
      '--real',
      join(m, 'train.csv'),
      '--synth',
      join(m, 'synth.csv'),
      '--holdout',
      join(m, 'holdout.csv'),
      '--target',
      'Result_of_Treatment',
      '--json',
      json,
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Quality score/);
    expect(r.stdout).toMatch(/DCR share/);
    const rep = JSON.parse(readFileSync(json, 'utf8'));
    for (const k of ['real', 'synthetic', 'holdout']) expect(typeof rep.rows[k]).toBe('number');
    for (const k of ['columnShapes', 'columnPairTrends', 'quality', 'pcd', 'detectionAuc'])
      expect(typeof rep.fidelity[k]).toBe('number');
    for (const k of ['name', 'sdtype', 'score', 'ks', 'tv', 'wasserstein'])
      expect(rep.fidelity.columns[0]).toHaveProperty(k);
    expect(typeof rep.privacy.dcrShare).toBe('number');
    expect(typeof rep.privacy.exactCopyRate).toBe('number');
    expect(typeof rep.privacy.dcr.median).toBe('number');
    expect(typeof rep.privacy.nndr.p5).toBe('number');
    expect(rep.utility.task).toBe('classification');
    for (const p of ['tstr', 'trts', 'trtr', 'tsts'])
      for (const mdl of ['randomForest', 'linear']) expect(typeof rep.utility[p][mdl].accuracy).toBe('number');
    expect(typeof rep.utility.holdout.tstr.linear.f1).toBe('number');
    expect(typeof rep.clustering.silhouette.real).toBe('number');
    expect(typeof rep.clustering.calinskiHarabasz.synthetic).toBe('number');
    const iv = rep.privacy.dcrShareInterval;
    expect(iv.lo).toBeLessThanOrEqual(rep.privacy.dcrShare);
    expect(iv.hi).toBeGreaterThanOrEqual(rep.privacy.dcrShare);
    expect(r.stdout).toMatch(/DCR share 95% interval/);
    expect(rep.privacy.risk.columns.quasiIdentifiers).toEqual(['sex', 'age']);
    expect(r.stdout).toMatch(/membership inference AUC \(DOMIAS\)/);
  });
  it('--quasi-identifiers picks the attack columns; an unknown one is a usage error', () => {
    const json = join(dir, 'q.json');
    const base = ['evaluate', '--real', join(m, 'train.csv'), '--synth', join(m, 'synth.csv')];
    const r = cli(...base, '--holdout', join(m, 'holdout.csv'), '--quasi-identifiers', 'Type, Area', '--json', json);
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(json, 'utf8')).privacy.risk.columns.quasiIdentifiers).toEqual(['Type', 'Area']);
    const bad = cli(...base, '--quasi-identifiers', 'height');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Unknown quasi-identifier column "height"/);
  });
  it('usage and input errors', () => {
    expect(cli('evaluate', '--real', join(m, 'train.csv')).code).toBe(2);
    const bad = cli('evaluate', '--real', join(m, 'train.csv'), '--synth', join(fixtures, 'mixed.csv'));
    expect(bad.code).toBe(3);
    expect(bad.stderr).toMatch(/do not match/);
  });
  it('generate --report holds out 30% by default and writes the report', () => {
    const json = join(dir, 'g.json');
    const r = cli(
      'generate',
      cryo,
      '--generator',
      'knnmtd',
      '--target',
      'Result_of_Treatment',
      '--report',
      json,
      '--out',
      join(dir, 'g.csv'),
      '--k',
      '6',
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/holdout: 27 real rows kept away/);
    const rep = JSON.parse(readFileSync(json, 'utf8'));
    expect(rep.rows).toEqual({ real: 63, synthetic: 90, holdout: 27 }); // rows default to the input's count
  });
});
