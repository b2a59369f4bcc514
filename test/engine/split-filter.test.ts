import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getColumn, type CatColumn } from '../../src/core/table.js';
import { generateFromDataset, loadDataset } from '../../src/engine/engine.js';
import { defaultThreshold, filterRows } from '../../src/engine/privacy-filter.js';
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
