import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getColumn, type CatColumn } from '../../src/core/table.js';
import { generateFromDataset, loadDataset } from '../../src/engine/engine.js';
import { LocalSynthError } from '../../src/core/errors.js';
import { generatorInfo, listGenerators } from '../../src/generators/registry.js';
import { filterLine } from '../../src/cli/generate.js';
import { describeFilter } from '../../src/core/privacy-modes.js';
import { applyCopyGuard, applyPrivacyFilter, copyFingerprints, defaultThreshold, filterRows, rowFingerprints, uniqueRows } from '../../src/engine/privacy-filter.js';
import { createGenerator } from '../../src/generators/registry.js';
import { buildTable, writeCsv } from '../../src/io/index.js';
import { applySplit, holdoutSplit } from '../../src/engine/split.js';
import { prepare } from '../../src/metrics/prepare.js';
import { GowerSpace } from '../../src/metrics/privacy.js';
import { loadShared, sharedData } from '../support/data.js';

describe('holdout split', () => {
  const d = loadShared('cryotherapy', 'Result_of_Treatment');
  it('is stratified on the target classes, seeded, and keeps round(30%) of each class', () => {
    const s = holdoutSplit(d.table, d.schema, 0.3, 0);
    expect(s.train.length + s.holdout.length).toBe(90);
    expect(new Set([...s.train, ...s.holdout]).size).toBe(90);
    const codes = (getColumn(d.table, 'Result_of_Treatment') as CatColumn).codes;
    const count = (idx: Int32Array, c: number) => Array.from(idx).filter((i) => codes[i] === c).length;
    for (const c of [0, 1]) {
      const all = Array.from(codes).filter((x) => x === c).length;
      expect(count(s.holdout, c)).toBe(Math.round(0.3 * all));
    }
    expect(Array.from(holdoutSplit(d.table, d.schema, 0.3, 0).holdout)).toEqual(Array.from(s.holdout));
    expect(Array.from(holdoutSplit(d.table, d.schema, 0.3, 1).holdout)).not.toEqual(Array.from(s.holdout));
    expect(holdoutSplit(d.table, d.schema, 0, 0).holdout.length).toBe(0);
  });
  it('stratifies a numerical target on its quintiles', () => {
    const p = loadShared('prostate', 'lpsa');
    const s = holdoutSplit(p.table, p.schema, 0.3, 0);
    const y = (getColumn(p.table, 'lpsa') as { values: Float64Array }).values;
    const sorted = Float64Array.from(y).sort();
    const median = sorted[48]!;
    const low = Array.from(s.holdout).filter((i) => y[i]! < median).length;
    expect(Math.abs(low - s.holdout.length / 2)).toBeLessThanOrEqual(3);
  });
});

describe('privacy filter', () => {
  const d = loadShared('wisconsin_breast', '10');
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
    const { parsed, info } = loadDataset(new Uint8Array(readFileSync(resolve(sharedData, 'prostate.csv'))), 'prostate.csv');
    const schema = { ...info.schema, target: 'lpsa' };
    const out = await generateFromDataset(parsed, { schema, generator: 'knnmtd', options: { k: 4 }, rows: 60, seed: 1, holdoutFraction: 0.3, privacyFilter: 'regenerate', privacyThreshold: 0.002, evaluate: true });
    expect(out.nRows).toBe(60);
    expect(out.privacyFilter!.threshold).toBe(0.002);
    expect(out.report!.privacy.dcr.p5).toBeGreaterThanOrEqual(0.002);
    expect(out.split).toEqual({ train: 67, holdout: 30, fraction: 0.3 }); // round(30%) of each lpsa quintile
    out.generator.dispose();
  });
});

describe("privacy filter 'copies' (exact copies of unique training rows)", () => {
  const load = (name: string) => loadDataset(new Uint8Array(readFileSync(resolve(sharedData, `${name}.csv`))), `${name}.csv`);
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

  it('uniqueRows: the training rows no other training row repeats', () => {
    const { table, schema } = loadShared('caesarian', 'Caesarian');
    const csv = readFileSync(resolve(sharedData, 'caesarian.csv'), 'utf8').trim().split('\n').slice(1);
    const expected = csv.flatMap((l, i) => (csv.filter((m) => m === l).length === 1 ? [i] : []));
    expect(expected.length).toBe(72); // 8 of caesarian's 80 rows have a duplicate
    expect(Array.from(uniqueRows(table, schema))).toEqual(expected);
  });

  it('replaces every copy of a unique training row with a fresh row, keeps copies of repeated rows, needs no holdout', async () => {
    // caesarian: an integer Age plus four small categorical columns; bootstrap noise 0.2 SD on Age rounds back to the
    // real age for most rows, so many synthetic rows are copies of real ones
    const { parsed, info } = load('caesarian');
    const csv = readFileSync(resolve(sharedData, 'caesarian.csv'), 'utf8');
    const req = { schema: info.schema, generator: 'bootstrap', options: { noise: 0.2 }, rows: 80, seed: 3 };
    const raw = await generateFromDataset(parsed, req);
    expect(raw.privacyFilter).toBeNull(); // bootstrap's default: off
    const before = copiesIn(csv, raw.csv);
    expect(before.unique).toBeGreaterThan(20);
    expect(before.repeated).toBeGreaterThan(0);
    raw.generator.dispose();

    const out = await generateFromDataset(parsed, { ...req, privacyFilter: 'copies', evaluate: true });
    expect(out.split.holdout).toBe(0);
    expect(out.privacyFilter).toEqual({ mode: 'copies', threshold: 0, removed: before.unique }); // the same first sample
    expect(out.nRows).toBe(80);
    const after = copiesIn(csv, out.csv);
    expect(after.unique).toBe(0);
    expect(after.repeated).toBeGreaterThanOrEqual(before.repeated); // kept (and fresh rows may add some)
    expect(out.report!.privacy.exactCopyRate).toBe(after.repeated / 80);
    out.generator.dispose();
  });

  it('a generator that only copies gets a specific error, not an empty file', async () => {
    // prostate's rows are all unique, so every bootstrap row (no noise) is a copy of a unique row
    const { parsed, info } = load('prostate');
    const run = generateFromDataset(parsed, { schema: info.schema, generator: 'bootstrap', options: { noise: 0 }, rows: 20, seed: 1, privacyFilter: 'copies' });
    await expect(run).rejects.toThrow(LocalSynthError);
    await expect(run).rejects.toThrow(/Every synthetic row was an exact copy of a unique training row.*turn the privacy filter off/);
  });

  it('fingerprints: equal exactly when the evaluated cells are equal (labels canonical, missing its own value, id left out)', () => {
    // c: numeric labels ("1" and "1.0" are one level for the report); id: all distinct, not evaluated
    const { parsed, info } = loadDataset('id,x,c,t\n1,1.5,1,a\n2,1.5,1.0,a\n3,1.5,1,b\n4,,1,a\n5,2,1,a\n6,1.5,2,a\n', 'tiny.csv');
    const schema = { ...info.schema, columns: info.schema.columns.map((c) => (c.name === 'id' ? { ...c, sdtype: 'id' as const } : c)) };
    expect(schema.columns.map((c) => c.sdtype)).toEqual(['id', 'numerical', 'categorical', 'categorical']);
    const fp = rowFingerprints(buildTable(parsed, schema), schema);
    expect(fp.every((f) => /^[0-9a-z]{1,11}$/.test(f))).toBe(true);
    expect(fp[1]).toBe(fp[0]);
    // x missing: the report (and judge.py) compare it as the training median, 1.5, so row 3 is a copy of row 0
    expect(fp[3]).toBe(fp[0]);
    // t, x, c differ
    expect(new Set([fp[0], fp[2], fp[4], fp[5]]).size).toBe(4);
    // rows 0, 1 and 3 repeat each other: only the other three unique rows are guarded, as uniqueRows says
    const guard = copyFingerprints(buildTable(parsed, schema), schema);
    expect(guard.rows).toEqual([fp[2], fp[4], fp[5]].sort());
    expect(Array.from(uniqueRows(buildTable(parsed, schema), schema))).toEqual([2, 4, 5]);
    expect(guard.medians).toEqual([1.5, null, null]);
    // another table (a synthetic one) fingerprints a missing x as the TRAINING median, not its own
    const other = loadDataset('id,x,c,t\n9,,1,a\n8,7,1,a\n7,9,1,a\n', 'other.csv');
    const ofp = rowFingerprints(buildTable(other.parsed, schema), schema, guard.medians);
    expect(ofp[0]).toBe(fp[0]);
    expect(rowFingerprints(buildTable(other.parsed, schema), schema)[0]).not.toBe(fp[0]); // its own median: 8
  });

  it('a saved model replaces the same copies from fingerprints alone as the filter does from the rows', async () => {
    const { parsed, info } = load('caesarian');
    const train = buildTable(parsed, info.schema);
    expect(copyFingerprints(train, info.schema).rows.length).toBe(72); // caesarian's unique rows (above)
    const g = await createGenerator('bootstrap', { noise: 0.2 });
    await g.fit(train, info.schema, { seed: 1 });
    const raw = await g.sample(80, { seed: 5 });
    const rows = await applyPrivacyFilter(g, raw, { train, holdout: null, schema: info.schema, mode: 'copies', threshold: null, rows: 80, sampleSeed: 5 });
    const prints = await applyCopyGuard(g, raw, { guard: copyFingerprints(train, info.schema), schema: info.schema, rows: 80, sampleSeed: 5 });
    expect(rows.removed).toBeGreaterThan(20);
    expect(prints.removed).toBe(rows.removed);
    expect(writeCsv(prints.table, info.schema)).toBe(writeCsv(rows.table, info.schema));
    g.dispose();
  });

  it('is GenerativeMTD\'s default and no other generator\'s', () => {
    expect(generatorInfo('gmtd').privacyFilter).toBe('copies');
    for (const g of listGenerators({ all: true }).filter((x) => x.id !== 'gmtd')) expect(g.privacyFilter ?? 'off', g.id).toBe('off');
  });

  it('one wording of what was done, for the CLI, the result panel and the HTML report', () => {
    expect(describeFilter({ mode: 'copies', threshold: 0, removed: 3 })).toBe('privacy filter (copies): 3 copies of unique training rows replaced with fresh samples');
    expect(describeFilter({ mode: 'copies', threshold: 0, removed: 1 }, 'Privacy filter')).toBe('Privacy filter (copies): 1 copy of unique training rows replaced with fresh samples');
    expect(describeFilter({ mode: 'drop', threshold: 0.0123, removed: 2 })).toBe('privacy filter (drop): 2 rows closer than 0.0123 to a training row dropped');
    expect(describeFilter({ mode: 'regenerate', threshold: 0.05, removed: 1 })).toBe('privacy filter (regenerate): 1 row closer than 0.0500 to a training row replaced with fresh samples');
    // the CLI adds how to keep the copies (the default filter is one the user did not ask for)
    expect(filterLine({ mode: 'copies', threshold: 0, removed: 3 })).toBe('privacy filter (copies): 3 copies of unique training rows replaced with fresh samples; --privacy-filter off keeps them');
    expect(filterLine({ mode: 'drop', threshold: 0.0123, removed: 2 })).toBe('privacy filter (drop): 2 rows closer than 0.0123 to a training row dropped');
  });
});
