/** The privacy filter: its threshold, the rows it drops, and its modes through the engine. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalSynthError } from '../../src/core/errors.js';
import { applySplit, holdoutSplit } from '../../src/engine/split.js';
import { generateFromDataset, loadDataset } from '../../src/engine/pipeline.js';
import { generatorInfo, listGenerators } from '../../src/generators/registry.js';
import { prepare } from '../../src/metrics/prepare.js';
import { GowerSpace } from '../../src/privacy/distance.js';
import { defaultThreshold, filterRows } from '../../src/privacy/filter.js';
import { loadData, dataDir } from '../support/data.js';

describe('privacy filter', () => {
  const d = loadData('wisconsin_breast', '10');
  const { train, holdout } = applySplit(d.table, holdoutSplit(d.table, d.schema, 0.3, 0));
  it('the default threshold is the 5th percentile of holdout→train distances', () => {
    const t = defaultThreshold(train, holdout, d.schema);
    const P = prepare(train, holdout, null, d.schema);
    const G = new GowerSpace(P);
    const dist = Array.from(G.nearest2(G.rows(P.synth), G.rows(P.real)).d1).sort((a, b) => a - b);
    const below = dist.filter((x) => x < t).length / dist.length;
    expect(below).toBeLessThanOrEqual(0.05);
    expect(dist.filter((x) => x <= t).length / dist.length).toBeGreaterThanOrEqual(0.05);
  });
  it('drops every synthetic row closer than the threshold (copies of training rows first)', () => {
    const r = filterRows(train, train, d.schema, 0.01);
    expect(r.table.nRows).toBe(0); // every row is its own copy
    const h = filterRows(train, holdout, d.schema, 0.05);
    const P = prepare(train, h.table, null, d.schema);
    const G = new GowerSpace(P);
    for (const x of G.nearest2(G.rows(P.synth), G.rows(P.real)).d1) expect(x).toBeGreaterThanOrEqual(0.05);
  });
  it('in the engine: "regenerate" tops up to the asked row count with rows that pass', async () => {
    const { parsed, info } = loadDataset(
      new Uint8Array(readFileSync(resolve(dataDir, 'prostate.csv'))),
      'prostate.csv',
    );
    const schema = { ...info.schema, target: 'lpsa' };
    const out = await generateFromDataset(parsed, {
      schema,
      generator: 'knnmtd',
      options: { k: 4 },
      rows: 60,
      seed: 1,
      holdoutFraction: 0.3,
      privacyFilter: 'regenerate',
      privacyThreshold: 0.002,
      evaluate: true,
    });
    expect(out.nRows).toBe(60);
    expect(out.privacyFilter!.threshold).toBe(0.002);
    expect(out.report!.privacy.dcr.p5).toBeGreaterThanOrEqual(0.002);
    expect(out.split).toEqual({ train: 67, holdout: 30, fraction: 0.3 }); // round(30%) of each lpsa quintile
    out.generator.dispose();
  });
});

describe("privacy filter 'copies' (exact copies of unique training rows)", () => {
  const load = (name: string) =>
    loadDataset(new Uint8Array(readFileSync(resolve(dataDir, `${name}.csv`))), `${name}.csv`);
  /**
   * Synthetic rows equal to a training row, split by whether that row is unique in `trainCsv` or repeated there;
   * counted on the CSV lines' cells (independent of the filter's Gower distances).
   */
  const copiesIn = (trainCsv: string, synthCsv: string): { unique: number; repeated: number } => {
    const key = (line: string) => line.split(',').map(Number).join('|');
    const count = new Map<string, number>();
    for (const l of trainCsv.trim().split('\n').slice(1)) count.set(key(l), (count.get(key(l)) ?? 0) + 1);
    const out = { unique: 0, repeated: 0 };
    for (const l of synthCsv.trim().split('\n').slice(1)) {
      const c = count.get(key(l)) ?? 0;
      if (c === 1) out.unique++;
      else if (c > 1) out.repeated++;
    }
    return out;
  };

  it('replaces every copy of a unique training row with a fresh row, keeps copies of repeated rows, needs no holdout', async () => {
    // caesarian: an integer Age plus four small categorical columns; bootstrap noise 0.2 SD on Age rounds back to the
    // real age for most rows, so many synthetic rows are copies of real ones
    const { parsed, info } = load('caesarian');
    const csv = readFileSync(resolve(dataDir, 'caesarian.csv'), 'utf8');
    const req = { schema: info.schema, generator: 'bootstrap', options: { noise: 0.2 }, rows: 80, seed: 3 };
    const raw = await generateFromDataset(parsed, req);
    expect(raw.privacyFilter).toBeNull(); // bootstrap's default: off
    const before = copiesIn(csv, raw.csvParts.join(''));
    expect(before.unique).toBeGreaterThan(20);
    expect(before.repeated).toBeGreaterThan(0);
    raw.generator.dispose();

    const out = await generateFromDataset(parsed, { ...req, privacyFilter: 'copies', evaluate: true });
    expect(out.split.holdout).toBe(0);
    expect(out.privacyFilter).toEqual({ mode: 'copies', threshold: 0, removed: before.unique }); // the same first sample
    expect(out.nRows).toBe(80);
    const after = copiesIn(csv, out.csvParts.join(''));
    expect(after.unique).toBe(0);
    expect(after.repeated).toBeGreaterThanOrEqual(before.repeated); // kept (and fresh rows may add some)
    expect(out.report!.privacy.exactCopyRate).toBe(after.repeated / 80);
    out.generator.dispose();
  });

  it('a generator that only copies gets a specific error, not an empty file', async () => {
    // prostate's rows are all unique, so every bootstrap row (no noise) is a copy of a unique row
    const { parsed, info } = load('prostate');
    const run = generateFromDataset(parsed, {
      schema: info.schema,
      generator: 'bootstrap',
      options: { noise: 0 },
      rows: 20,
      seed: 1,
      privacyFilter: 'copies',
    });
    await expect(run).rejects.toThrow(LocalSynthError);
    await expect(run).rejects.toThrow(
      /Every synthetic row was an exact copy of a unique training row.*turn the privacy filter off/,
    );
  });

  it("is GenerativeMTD's default and no other generator's", () => {
    expect(generatorInfo('gmtd').privacyFilter).toBe('copies');
    for (const g of listGenerators({ all: true }).filter((x) => x.id !== 'gmtd'))
      expect(g.privacyFilter ?? 'off', g.id).toBe('off');
  });
});
