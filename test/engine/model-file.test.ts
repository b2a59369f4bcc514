/**
 * Saved models through the engine (the code path of the worker and the CLI): export after `generate`, sample again
 * without training, and a specific BAD_MODEL_FILE for every kind of wrong file. GenerativeMTD in a tiny
 * configuration on the deterministic cpu backend.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Papa from 'papaparse';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { GenerateRequest } from '../../src/api/types.js';
import { Engine } from '../../src/engine/engine.js';
import { loadModel, MODEL_FORMAT } from '../../src/engine/model-file.js';
import { sampleFromModel } from '../../src/engine/sample-model.js';
import { rowFingerprints } from '../../src/privacy/copy-guard.js';
import { buildTable, parseCsv, refreshSchema } from '../../src/io/index.js';
import { GenerativeMtd } from '../../src/generators/gmtd/gmtd.js';
import { BaseGenerator } from '../../src/generators/generator.js';
import { tf } from '../../src/ml/tf.js';
import { dataDir } from '../support/data.js';
import { damagedModels, utf16le } from '../support/damaged-models.js';
import { decodeModelBytes } from '../../src/io/index.js';

const bytes = () => new Uint8Array(readFileSync(resolve(dataDir, 'cryotherapy.csv'))).buffer as ArrayBuffer;
/** Tiny GenerativeMTD: a few seconds on the cpu backend (the defaults are for real runs). */
const TINY_GMTD = {
  k: 4,
  epochs: 2,
  stepsPerEpoch: 5,
  patience: 10,
  batchSize: 32,
  hidden: 16,
  latent: 8,
  pseudoPerRow: 3,
};
const rowsOf = (csv: string) => Papa.parse<string[]>(csv.trim()).data;

describe('engine: save a trained model and sample from it again', () => {
  const engine = new Engine();
  let header: string[] = [];
  let request: GenerateRequest;
  let trainedCsv = '';
  let model = '';

  beforeAll(async () => {
    const info = await engine.loadCsv(bytes(), 'cryotherapy.csv');
    header = info.header;
    // an edited schema (a skipped column, a target) must come back from the file as it was
    const schema = {
      ...info.schema,
      target: 'Result_of_Treatment',
      columns: info.schema.columns.map((c) => (c.name === 'Area' ? { ...c, skip: true } : c)),
    };
    request = { schema, generator: 'gmtd', options: TINY_GMTD, rows: null, seed: 7, backend: 'cpu' };
    const res = await engine.generate(request);
    expect(res.modelSavable).toBe(true);
    trainedCsv = res.csvParts.join('');
    model = await engine.exportModel();
  }, 120_000);

  it("the file is the generator's versioned JSON plus the schema and header", () => {
    const json = JSON.parse(model);
    expect(json.format).toBe(MODEL_FORMAT);
    expect(json.generator).toBe('gmtd');
    expect(typeof json.version).toBe('number');
    expect(json.dataset.header).toEqual(header);
    expect(json.dataset.schema.target).toBe('Result_of_Treatment');
    expect(json.dataset.fileName).toBe('cryotherapy.csv');
  });

  it('round trip: valid rows with the input header (skipped column left out), labels and ranges', async () => {
    const res = await engine.sampleFromModel(model, { rows: 300, seed: 11 });
    const rows = rowsOf(res.csvParts.join(''));
    expect(rows[0]).toEqual(header.filter((h) => h !== 'Area'));
    expect(res.nRows).toBe(300);
    expect(rows.length - 1).toBe(300);
    const real = rowsOf(readFileSync(resolve(dataDir, 'cryotherapy.csv'), 'utf8'));
    for (const name of rows[0]!) {
      const j = real[0]!.indexOf(name);
      const k = rows[0]!.indexOf(name);
      const rv = real.slice(1).map((r) => Number(r[j]));
      const sv = rows.slice(1).map((r) => Number(r[k]));
      expect(sv.every(Number.isFinite)).toBe(true);
      expect(Math.min(...sv)).toBeGreaterThanOrEqual(Math.min(...rv));
      expect(Math.max(...sv)).toBeLessThanOrEqual(Math.max(...rv));
      if (rv.every(Number.isInteger)) expect(sv.every(Number.isInteger)).toBe(true);
    }
    expect(res.fit.notes.join(' ')).toMatch(/sampled from a saved GenerativeMTD model/);
    expect(res.report).toBeNull();
  });

  it("the same model and seed give a byte-identical CSV; the run's own seed gives the run's rows", async () => {
    const a = await engine.sampleFromModel(model, { rows: 120, seed: 5 });
    const b = await engine.sampleFromModel(model, { rows: 120, seed: 5 });
    const c = await engine.sampleFromModel(model, { rows: 120, seed: 6 });
    expect(b.csvParts.join('')).toBe(a.csvParts.join(''));
    expect(c.csvParts.join('')).not.toBe(a.csvParts.join(''));
    const again = await engine.sampleFromModel(model, { rows: null, seed: request.seed, backend: 'cpu' });
    expect(again.nRows).toBe(90);
    expect(again.csvParts.join('')).toBe(trainedCsv);
  });

  it('evaluates against the loaded dataset when asked and its columns match', async () => {
    const res = await engine.sampleFromModel(model, { rows: 90, seed: 3, evaluate: true });
    expect(res.report).not.toBeNull();
    expect(res.report!.rows.synthetic).toBe(90);
    const other = new Engine();
    await other.loadCsv('a,b\n1,2\n3,4\n5,6\n', 'other.csv');
    const none = await other.sampleFromModel(model, { rows: 10, seed: 3, evaluate: true });
    expect(none.report).toBeNull();
    expect(none.fit.notes.join(' ')).toMatch(/do not match.*missing "sex"/);
  }, 60_000);

  it("keeps the run's filter and fingerprints of the unique training rows, and replaces copies of them when sampling", async () => {
    const json = JSON.parse(model);
    expect(json.dataset.privacyFilter).toBe('copies'); // GenerativeMTD's default
    const guard = json.dataset.copyGuard.rows as string[];
    // per modelled column, the training median a missing number compares as (by hand from the CSV: age 25.5,
    // Time 8.5, Number_of_Warts 5), null for the categorical ones, though cryotherapy has no missing cells
    expect(json.dataset.copyGuard.medians).toEqual([null, 25.5, 8.5, 5, null, null]);
    expect(guard.every((g) => /^[0-9a-z]+$/.test(g))).toBe(true);
    // cryotherapy without Area: 88 of its 90 rows are unique (two repeat each other; counted on the CSV text by
    // hand); one fingerprint each, and no row text
    expect(guard.length).toBe(88);
    expect(new Set(guard).size).toBe(88);
    const res = await engine.sampleFromModel(model, { rows: 200, seed: 4 });
    expect(res.privacyFilter).toMatchObject({ mode: 'copies', threshold: 0 });
    // the guard at work: declare the rows this model gives unguarded to be "training rows"; sampling again must
    // replace every one of them (and only the fresh rows come back)
    const bare = { ...json, dataset: { ...json.dataset, copyGuard: undefined, privacyFilter: undefined } };
    const plain = await engine.sampleFromModel(JSON.stringify(bare), { rows: 40, seed: 9 });
    expect(plain.privacyFilter).toBeNull();
    expect(plain.fit.notes.join(' ')).toMatch(
      /no privacy filter: this model file keeps no fingerprints .*earlier version/,
    );
    const parsed = parseCsv(plain.csvParts.join(''), { fileName: 'plain.csv' });
    const schema = refreshSchema(parsed, {
      columns: json.dataset.schema.columns.filter((c: { skip?: boolean }) => !c.skip),
      target: json.dataset.schema.target,
    });
    const prints = rowFingerprints(buildTable(parsed, schema), schema);
    const trap = {
      ...json,
      dataset: { ...json.dataset, copyGuard: { ...json.dataset.copyGuard, rows: [...new Set(prints)].sort() } },
    };
    const guarded = await engine.sampleFromModel(JSON.stringify(trap), { rows: 40, seed: 9 });
    expect(guarded.privacyFilter).toEqual({ mode: 'copies', threshold: 0, removed: 40 });
    expect(guarded.nRows).toBe(40);
    const gParsed = parseCsv(guarded.csvParts.join(''), { fileName: 'guarded.csv' });
    const again = rowFingerprints(buildTable(gParsed, schema), schema);
    expect(again.filter((f) => prints.includes(f))).toEqual([]);
    // a run with the filter off saves no fingerprints, and its model says so
    const off = new Engine();
    const info = await off.loadCsv(bytes(), 'cryotherapy.csv');
    await off.generate({ ...request, schema: info.schema, privacyFilter: 'off' });
    const offJson = JSON.parse(await off.exportModel());
    expect(offJson.dataset.privacyFilter).toBe('off');
    expect(offJson.dataset.copyGuard).toBeUndefined();
    const offRes = await off.sampleFromModel(JSON.stringify(offJson), { rows: 10, seed: 1 });
    expect(offRes.privacyFilter).toBeNull();
    expect(offRes.fit.notes.join(' ')).toContain('no privacy filter: the model was trained with it off');
  }, 120_000);

  it('does not leak tensors when sampling from a file', async () => {
    await engine.sampleFromModel(model, { rows: 10, seed: 1 });
    const before = tf.memory().numTensors;
    await engine.sampleFromModel(model, { rows: 50, seed: 2 });
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('engine: export errors', () => {
  it('says when nothing was fitted, and when the generator cannot be saved', async () => {
    const e = new Engine();
    await expect(e.exportModel()).rejects.toMatchObject({
      code: 'NOT_FITTED',
      message: expect.stringMatching(/generate first/),
    });
    const info = await e.loadCsv(bytes(), 'cryotherapy.csv');
    const res = await e.generate({ schema: info.schema, generator: 'knnmtd', options: { k: 4 }, rows: 10, seed: 1 });
    expect(res.modelSavable).toBe(false);
    await expect(e.exportModel()).rejects.toMatchObject({
      code: 'BAD_OPTION',
      message: expect.stringMatching(/kNNMTD\) cannot be saved/),
    });
  });
});

describe('engine: the kept model', () => {
  it('is replaced (and freed) by the next successful run; a run that cannot be saved frees it', async () => {
    const e = new Engine();
    const info = await e.loadCsv(bytes(), 'cryotherapy.csv');
    const base = tf.memory().numTensors;
    const req: GenerateRequest = {
      schema: info.schema,
      generator: 'gmtd',
      options: { ...TINY_GMTD, epochs: 1 },
      rows: 10,
      seed: 1,
    };
    await e.generate(req);
    const one = tf.memory().numTensors;
    expect(one).toBeGreaterThan(base);
    await e.generate({ ...req, seed: 2 });
    expect(tf.memory().numTensors).toBe(one);
    // a failed run keeps the last model
    await expect(e.generate({ ...req, options: { k: 1 } })).rejects.toMatchObject({ code: 'BAD_OPTION' });
    expect(JSON.parse(await e.exportModel()).generator).toBe('gmtd');
    await e.generate({ ...req, generator: 'knnmtd', options: { k: 4 } });
    expect(tf.memory().numTensors).toBe(base);
  }, 60_000);
});

describe('bad model files: BAD_MODEL_FILE with a message that says why', () => {
  let good: Record<string, unknown>;
  beforeAll(async () => {
    const e = new Engine();
    const info = await e.loadCsv(bytes(), 'cryotherapy.csv');
    await e.generate({
      schema: info.schema,
      generator: 'gmtd',
      options: { ...TINY_GMTD, epochs: 1 },
      rows: 10,
      seed: 1,
    });
    good = JSON.parse(await e.exportModel());
  }, 120_000);

  const cases: [string, () => string, RegExp][] = [
    ['empty', () => '  \n', /empty/],
    ['a CSV', () => 'a,b\n1,2\n', /CSV file, not a saved model/],
    ['not JSON', () => '{"format": "localsynth-model", ', /not valid JSON/],
    ['foreign JSON', () => JSON.stringify({ hello: 'world' }), /not a LocalSynth model/],
    ['a JSON array', () => '[1,2,3]', /not a LocalSynth model/],
    [
      'unknown generator',
      () => JSON.stringify({ ...good, generator: 'ctgan9' }),
      /generator LocalSynth does not know \("ctgan9"\)/,
    ],
    [
      'a generator that cannot be restored',
      () => JSON.stringify({ ...good, generator: 'knnmtd' }),
      /cannot be restored/,
    ],
    ['another version', () => JSON.stringify({ ...good, version: 99 }), /version 99 is not supported/],
    ['no version', () => JSON.stringify({ ...good, version: undefined }), /no format version/],
    ['no dataset block', () => JSON.stringify({ ...good, dataset: undefined }), /no description of its data/],
    [
      'schema and layout disagree',
      () =>
        JSON.stringify({ ...good, dataset: { ...(good['dataset'] as object), schema: { columns: [], target: null } } }),
      /schema and its model layout/,
    ],
    [
      'damaged weights',
      () => JSON.stringify({ ...good, gmtd: { ...(good['gmtd'] as object), nets: { spec: {} } } }),
      /damaged/,
    ],
    [
      'damaged fingerprints',
      () =>
        JSON.stringify({
          ...good,
          dataset: { ...(good['dataset'] as object), copyGuard: { medians: [], rows: ['abc', 7] } },
        }),
      /fingerprints of the training rows/,
    ],
    [
      'truncated pseudo-real set',
      () =>
        JSON.stringify({ ...good, gmtd: { ...(good['gmtd'] as object), pseudo: { rows: 3, data: 'AAAAAAAAAAA=' } } }),
      /the pseudo-real set does not hold \d+ values/,
    ],
  ];
  it.each(cases)('%s', async (_name, text, message) => {
    await expect(loadModel(text())).rejects.toMatchObject({
      code: 'BAD_MODEL_FILE',
      message: expect.stringMatching(message),
    });
    await expect(new Engine().sampleFromModel(text(), { rows: 5, seed: 1 })).rejects.toMatchObject({
      code: 'BAD_MODEL_FILE',
    });
  });

  it('every defect of a damaged file (non-finite weights, wrong shapes, out-of-range blocks, absurd sizes, bad options)', async () => {
    const damaged = damagedModels(good);
    expect(damaged.length).toBeGreaterThanOrEqual(11);
    const base = tf.memory().numTensors;
    for (const [name, text, message] of damaged) {
      const err = await loadModel(text).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err, name).toMatchObject({
        code: 'BAD_MODEL_FILE',
        kind: 'input',
        message: expect.stringMatching(message),
      });
    }
    expect(tf.memory().numTensors).toBe(base);
  });

  it('reads a UTF-16 model file as the page does, and names NUL characters instead of calling it a CSV', async () => {
    const text = JSON.stringify(good);
    const bytes16 = utf16le(text);
    expect(decodeModelBytes(bytes16)).toBe(text);
    const m = await loadModel(decodeModelBytes(bytes16));
    expect(m.generatorId).toBe('gmtd');
    m.generator.dispose();
    const asUtf8 = new TextDecoder().decode(bytes16);
    await expect(loadModel(asUtf8)).rejects.toMatchObject({
      code: 'BAD_MODEL_FILE',
      message: expect.stringMatching(/NUL characters: it is UTF-16 text read as UTF-8/),
    });
    expect(() => decodeModelBytes(new Uint8Array([0x7b, 0xff, 0xfe, 0x80]))).toThrow(/not UTF-8 text/);
  });

  it('still loads a file saved when the backend was an option of the generator (the key is dropped)', async () => {
    const old = { ...good, options: { ...(good['options'] as object), backend: 'cpu' } };
    const m = await loadModel(JSON.stringify(old));
    expect(m.generator.options).not.toHaveProperty('backend');
    expect(m.generator.options).toMatchObject({ epochs: 1, hidden: 16 });
    const res = await sampleFromModel(m, { rows: 5, seed: 1, backend: 'cpu' }, null);
    expect(res.nRows).toBe(5);
  });

  it('rejects a bad row count after loading (and frees the model)', async () => {
    await expect(sampleFromModel(JSON.stringify(good), { rows: 0, seed: 1 }, null)).rejects.toMatchObject({
      code: 'BAD_OPTION',
    });
    // beyond the run budget (src/core/budget.ts): refused before sampling, with the largest count that fits
    const base = tf.memory().numTensors;
    await expect(sampleFromModel(JSON.stringify(good), { rows: 1e8, seed: 1 }, null)).rejects.toMatchObject({
      code: 'BAD_OPTION',
      message: expect.stringMatching(/^100,000,000 rows × 7 columns is too large: .* At most 4,260,880 rows/),
    });
    expect(tf.memory().numTensors).toBe(base);
  });
});

describe('the compute backend is a run setting', () => {
  afterEach(() => vi.restoreAllMocks());

  it('reaches the fit and sample contexts of a run, and the restore and sample of a saved model', async () => {
    const fit = vi.spyOn(BaseGenerator.prototype, 'fit');
    const sample = vi.spyOn(BaseGenerator.prototype, 'sample');
    const e = new Engine();
    const info = await e.loadCsv(bytes(), 'cryotherapy.csv');
    await e.generate({
      schema: info.schema,
      generator: 'knnmtd',
      options: { k: 4 },
      rows: 10,
      seed: 1,
      backend: 'wasm',
    });
    expect(fit.mock.calls.at(-1)![2]).toMatchObject({ backend: 'wasm' });
    expect(sample.mock.calls.at(-1)![1]).toMatchObject({ backend: 'wasm' });

    await e.generate({
      schema: info.schema,
      generator: 'gmtd',
      options: { ...TINY_GMTD, epochs: 1 },
      rows: 10,
      seed: 1,
      backend: 'cpu',
    });
    const text = await e.exportModel();
    expect(JSON.parse(text).options).not.toHaveProperty('backend');
    const restore = vi.spyOn(GenerativeMtd, 'restore');
    await e.sampleFromModel(text, { rows: 5, seed: 1, backend: 'cpu' });
    expect(restore.mock.lastCall).toEqual([expect.objectContaining({ generator: 'gmtd' }), 'cpu']);
    expect(sample.mock.calls.at(-1)![1]).toMatchObject({ backend: 'cpu' });
    await e.sampleFromModel(text, { rows: 5, seed: 1 });
    expect(restore.mock.lastCall).toEqual([expect.objectContaining({ generator: 'gmtd' }), 'auto']);
  }, 60_000);
});
