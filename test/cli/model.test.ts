/**
 * `--save-model` / `--load-model` and the default generator (GenerativeMTD), through the real binary. Every training
 * run uses a tiny GenerativeMTD on the cpu backend (a few seconds); sampling from a saved model trains nothing.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectValidSynthetic } from '../support/csv-checks.js';
import { repoRoot, dataDir } from '../support/data.js';
import { damagedModels, utf16le } from '../support/damaged-models.js';

const bin = resolve(repoRoot, 'bin/localsynth.mjs');
const dir = mkdtempSync(join(tmpdir(), 'ls-cli-model-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, LOCALSYNTH_DEBUG: '' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const parse = (file: string): string[][] => Papa.parse<string[]>(readFileSync(file, 'utf8').trim()).data;
/** The localsynth lines of stderr (tfjs prints its own notice in Node). */
const ours = (stderr: string): string[] => stderr.split('\n').filter((l) => l.startsWith('localsynth: '));

/** Tiny GenerativeMTD through its CLI flags (cliFlag of each option key in src/generators/gmtd/info.ts). */
const TINY = [
  '--epochs',
  '2',
  '--steps-per-epoch',
  '5',
  '--hidden',
  '16',
  '--latent',
  '8',
  '--pseudo-per-row',
  '3',
  '--k',
  '4',
  '--backend',
  'cpu',
];

const cryo = join(dir, 'cryotherapy.csv');
copyFileSync(resolve(dataDir, 'cryotherapy.csv'), cryo);
const real = parse(cryo);
const model = join(dir, 'cryo.model.json');
const trained = join(dir, 'trained.csv');
let trainRun: ReturnType<typeof cli>;

beforeAll(() => {
  // no --generator: the CLI's default
  trainRun = cli('generate', cryo, ...TINY, '--seed', '7', '--out', trained, '--save-model', model);
}, 120_000);

describe('the default generator is GenerativeMTD', () => {
  it('--help says so', () => {
    const r = cli('generate', '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/--generator <id>\s+Generator to use \(default: gmtd\)/);
    expect(r.stdout).toContain('gmtd — GenerativeMTD (default)');
    expect(r.stdout).toContain('--save-model <file.json>');
    expect(r.stdout).toContain('--load-model <file.json>');
  });

  it('a run without --generator trains it (summary line), and prints no per-epoch line when stderr is not a terminal', () => {
    expect(trainRun.code).toBe(0);
    expect(trainRun.stderr).toMatch(
      /wrote 90 rows × 7 columns to .*trained\.csv in [\d.]+ s \(GenerativeMTD, seed 7\)/,
    );
    expect(trainRun.stderr).toMatch(/backend: cpu/);
    expect(trainRun.stderr).toContain(`wrote the model to ${model}`);
    expect(trainRun.stderr).not.toContain('\r');
    expect(trainRun.stderr).not.toMatch(/epoch \d+\/\d+/);
  });

  it('replaces copies of unique training rows by default (--privacy-filter copies); other modes are checked before any work', () => {
    expect(trainRun.stderr).toMatch(
      /privacy filter \(copies\): \d+ copies of unique training rows replaced with fresh samples/,
    );
    const bad = cli('generate', cryo, '--privacy-filter', 'strict', '--out', join(dir, 'never.csv'));
    expect(bad.code).toBe(2);
    expect(ours(bad.stderr)).toEqual([
      'localsynth: --privacy-filter must be off, copies, drop or regenerate; got "strict".',
    ]);
    const cond = cli('generate', cryo, '--conditional', 'maybe', '--out', join(dir, 'never.csv'));
    expect(cond.code).toBe(2);
    expect(ours(cond.stderr)[0]).toMatch(/conditional.*must be true or false, got "maybe"/i);
    expect(existsSync(join(dir, 'never.csv'))).toBe(false);
  });
});

describe('--save-model → --load-model', () => {
  it('writes a versioned model file with the schema', () => {
    const json = JSON.parse(readFileSync(model, 'utf8'));
    expect(json.format).toBe('localsynth-model');
    expect(json.generator).toBe('gmtd');
    expect(json.dataset.header).toEqual(real[0]);
  });

  it('samples --rows rows without an input file: the input header, labels, integers and ranges', () => {
    const out = join(dir, 's500.csv');
    const r = cli('generate', '--load-model', model, '--rows', '500', '--out', out);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      /wrote 500 rows × 7 columns to .*s500\.csv .*\(GenerativeMTD from .*cryo\.model\.json, no training, seed 42\)/,
    );
    expect(r.stderr).not.toMatch(/trained \d+ steps/);
    // the model file keeps fingerprints of the unique training rows, so the default 'copies' filter works here too
    expect(r.stderr).toMatch(
      /privacy filter \(copies\): \d+ (copy|copies) of unique training rows replaced with fresh samples/,
    );
    expect(r.stderr).not.toContain('no privacy filter');
    const rows = parse(out);
    expect(rows.length - 1).toBe(500);
    expectValidSynthetic(real, rows);
  });

  it("the same model and seed give a byte-identical CSV; the training seed gives the training run's file", () => {
    const a = join(dir, 'a.csv');
    const b = join(dir, 'b.csv');
    const c = join(dir, 'c.csv');
    expect(cli('generate', '--load-model', model, '--seed', '3', '--rows', '200', '--out', a, '--quiet').code).toBe(0);
    expect(cli('generate', '--load-model', model, '--seed', '3', '--rows', '200', '--out', b, '--quiet').code).toBe(0);
    expect(readFileSync(b, 'utf8')).toBe(readFileSync(a, 'utf8'));
    // the backend is a run setting (the file does not keep it): the training run's cpu gives its rows again
    const q = cli('generate', '--load-model', model, '--seed', '7', '--backend', 'cpu', '--out', c, '--quiet');
    expect(q.code).toBe(0);
    expect(ours(q.stderr)).toEqual([]);
    expect(readFileSync(c, 'utf8')).toBe(readFileSync(trained, 'utf8')); // rows default to the training input's 90
  });

  it('with a data file: checks its columns and writes the report against it', () => {
    const json = join(dir, 'r.json');
    const r = cli(
      'generate',
      cryo,
      '--load-model',
      model,
      '--rows',
      '90',
      '--out',
      join(dir, 'r.csv'),
      '--report',
      json,
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(json, 'utf8')).rows).toMatchObject({ real: 90, synthetic: 90 });
    const other = join(dir, 'other.csv');
    writeFileSync(other, 'a,b\n1,2\n3,4\n5,6\n');
    const bad = cli('generate', other, '--load-model', model, '--out', join(dir, 'never.csv'));
    expect(bad.code).toBe(3);
    expect(ours(bad.stderr)).toEqual([
      expect.stringMatching(/columns do not match the model's \(trained on cryotherapy\.csv\): missing "sex"/),
    ]);
    expect(existsSync(join(dir, 'never.csv'))).toBe(false);
  });
});

describe('bad model files: exit 3 and one specific line', () => {
  const good = (): Record<string, unknown> => JSON.parse(readFileSync(model, 'utf8'));
  const cases: [string, () => string, RegExp][] = [
    ['not JSON', () => '{"format": "localsynth-model", "gen', /not valid JSON/],
    ['a CSV', () => readFileSync(cryo, 'utf8'), /This is a CSV file, not a saved model/],
    ['foreign JSON', () => JSON.stringify({ name: 'x', weights: [1, 2] }), /not a LocalSynth model/],
    ['another version', () => JSON.stringify({ ...good(), version: 2 }), /version 2 is not supported \(expected 1\)/],
  ];
  it.each(cases)('%s', (name, text, message) => {
    const file = join(dir, `bad-${name.replace(/\W/g, '')}.json`);
    writeFileSync(file, text());
    const out = join(dir, 'never.csv');
    const r = cli('generate', '--load-model', file, '--out', out);
    expect(r.code).toBe(3);
    const lines = ours(r.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
  });

  // one of each kind (all of them run through the engine in test/engine/model-file.test.ts; a CLI start is slow)
  const kinds = /all-NaN|NaN pseudo|wrong shape|out-of-range|row count|bad option/;
  it('each kind of damaged model file (non-finite, misshapen, out of range, absurd, bad option): exit 3, its message', () => {
    for (const [name, text, message] of damagedModels(good()).filter(([n]) => kinds.test(n))) {
      const file = join(dir, 'damaged.json');
      writeFileSync(file, text);
      const out = join(dir, 'never.csv');
      const r = cli('generate', '--load-model', file, '--rows', '20', '--out', out);
      expect(r.code, name).toBe(3);
      expect(ours(r.stderr), name).toEqual([expect.stringMatching(message)]);
      expect(existsSync(out), name).toBe(false);
    }
  }, 120_000);

  it('a UTF-16 model file is read as the page reads it (not "a CSV file")', () => {
    const file = join(dir, 'utf16.model.json');
    writeFileSync(file, utf16le(readFileSync(model, 'utf8')));
    const out = join(dir, 'from-utf16.csv');
    const r = cli('generate', '--load-model', file, '--rows', '15', '--seed', '3', '--out', out);
    expect(r.code).toBe(0);
    expect(parse(out)).toHaveLength(16);
  });

  it('a missing model file', () => {
    const r = cli('generate', '--load-model', join(dir, 'nope.json'));
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/cannot read .*nope\.json: no such file/);
  });
});

describe('usage errors: exit 2', () => {
  it.each([
    [
      'a training flag with --load-model',
      ['--load-model', 'm.json', '--generator', 'knnmtd'],
      /--generator cannot be used with --load-model/,
    ],
    [
      'a generator option with --load-model',
      ['--load-model', 'm.json', '--epochs', '3'],
      /--epochs cannot be used with --load-model/,
    ],
    ['--report without a data file', ['--load-model', 'm.json', '--report', 'r.json'], /needs the real data/],
    [
      'an unknown backend with --load-model',
      ['--load-model', 'm.json', '--backend', 'tpu'],
      /--backend must be auto, webgpu, webgl, wasm or cpu; got "tpu"/,
    ],
    ['--out onto the model', ['--load-model', 'm.json', '--out', 'm.json'], /would overwrite the model file/],
    [
      '--save-model with a generator that cannot be saved',
      [cryo, '--generator', 'knnmtd', '--save-model', 'k.json'],
      /the knnmtd generator cannot be saved/,
    ],
    ['--save-model onto the input', [cryo, ...TINY, '--save-model', cryo], /would overwrite the input file/],
    ['no input and no model', [], /needs an input file.*--load-model/],
  ])('%s', (_name, args, message) => {
    const r = cli('generate', ...(args as string[]));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});
