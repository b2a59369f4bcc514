import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { Progress } from '../../src/core/progress.js';
import { Engine } from '../../src/engine/engine.js';
import { generateFromDataset, loadDataset } from '../../src/engine/pipeline.js';
import { dataDir } from '../support/data.js';

const bytes = () => new Uint8Array(readFileSync(resolve(dataDir, 'cryotherapy.csv')));

describe('engine: load → generate (the code path of both the CLI and the worker)', () => {
  it('loads a file and infers its schema', () => {
    const { info } = loadDataset(bytes(), 'cryotherapy.csv');
    expect(info.nRows).toBe(90);
    expect(info.nCols).toBe(7);
    expect(info.header).toEqual(['sex', 'age', 'Time', 'Number_of_Warts', 'Type', 'Area', 'Result_of_Treatment']);
    expect(info.columns.map((c) => c.name)).toEqual(info.header);
    expect(info.preview.length).toBe(20);
  });

  it('same seed → byte-identical CSV; another seed → another file; rows default to the input size', async () => {
    const { parsed, info } = loadDataset(bytes(), 'cryotherapy.csv');
    const schema = { ...info.schema, target: 'Result_of_Treatment' };
    const req = { schema, generator: 'knnmtd', options: {}, rows: null, seed: 7 };
    const a = await generateFromDataset(parsed, req);
    const b = await generateFromDataset(parsed, req);
    const c = await generateFromDataset(parsed, { ...req, seed: 8 });
    expect(a.csvParts.join('')).toBe(b.csvParts.join(''));
    expect(a.csvParts.join('')).not.toBe(c.csvParts.join(''));
    const rows = Papa.parse<string[]>(a.csvParts.join('').trim()).data;
    expect(rows[0]).toEqual(info.header);
    expect(rows.length - 1).toBe(90);
    expect(a.fit.notes.join(' ')).toMatch(/k = \d+ chosen automatically/);
    for (const g of [a, b, c]) g.generator.dispose();
  });

  it('reports progress and can be cancelled; the engine stays usable', async () => {
    const engine = new Engine();
    await engine.loadCsv(bytes().buffer as ArrayBuffer, 'cryotherapy.csv');
    const info = await engine.loadCsv(bytes().buffer as ArrayBuffer, 'cryotherapy.csv');
    const seen: Progress[] = [];
    const p = engine.generate(
      { schema: info.schema, generator: 'knnmtd', options: { nObs: 1000 }, rows: 5000, seed: 1 },
      (x) => {
        seen.push(x);
        void engine.cancel();
      },
    );
    await expect(p).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(seen.length).toBeGreaterThan(0);
    const ok = await engine.generate({
      schema: info.schema,
      generator: 'knnmtd',
      options: { k: 5 },
      rows: 10,
      seed: 1,
    });
    expect(ok.nRows).toBe(10);
  });

  it('asks for a file before generating', async () => {
    await expect(
      new Engine().generate({
        schema: { columns: [], target: null },
        generator: 'knnmtd',
        options: {},
        rows: 5,
        seed: 1,
      }),
    ).rejects.toThrow(/No dataset is loaded/);
  });

  it('rejects an unknown generator and a bad option with clear messages', async () => {
    const { parsed, info } = loadDataset(bytes(), 'cryotherapy.csv');
    await expect(
      generateFromDataset(parsed, { schema: info.schema, generator: 'nope', options: {}, rows: 5, seed: 1 }),
    ).rejects.toMatchObject({ code: 'UNKNOWN_GENERATOR' });
    await expect(
      generateFromDataset(parsed, { schema: info.schema, generator: 'knnmtd', options: { k: 1 }, rows: 5, seed: 1 }),
    ).rejects.toThrow(/at least 2/);
    await expect(
      generateFromDataset(parsed, { schema: info.schema, generator: 'knnmtd', options: { kk: 3 }, rows: 5, seed: 1 }),
    ).rejects.toThrow(/has no option "kk"/);
  });
});
