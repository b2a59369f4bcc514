/** Unique training rows and their fingerprints: what the 'copies' mode and a saved model's copy guard compare. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/engine/pipeline.js';
import { createGenerator } from '../../src/generators/registry.js';
import { buildTable, writeCsv } from '../../src/io/index.js';
import { applyCopyGuard, copyFingerprints, rowFingerprints, uniqueRows } from '../../src/privacy/copy-guard.js';
import { applyPrivacyFilter } from '../../src/privacy/filter.js';
import { loadData, dataDir } from '../support/data.js';

describe('copy guard: unique training rows and fingerprints', () => {
  const load = (name: string) =>
    loadDataset(new Uint8Array(readFileSync(resolve(dataDir, `${name}.csv`))), `${name}.csv`);

  it('uniqueRows: the training rows no other training row repeats', () => {
    const { table, schema } = loadData('caesarian', 'Caesarian');
    const csv = readFileSync(resolve(dataDir, 'caesarian.csv'), 'utf8').trim().split('\n').slice(1);
    const expected = csv.flatMap((l, i) => (csv.filter((m) => m === l).length === 1 ? [i] : []));
    expect(expected.length).toBe(72); // 8 of caesarian's 80 rows have a duplicate
    expect(Array.from(uniqueRows(table, schema))).toEqual(expected);
  });

  it('fingerprints: equal exactly when the evaluated cells are equal (labels canonical, missing its own value, id left out)', () => {
    // c: numeric labels ("1" and "1.0" are one level for the report); id: all distinct, not evaluated
    const { parsed, info } = loadDataset(
      'id,x,c,t\n1,1.5,1,a\n2,1.5,1.0,a\n3,1.5,1,b\n4,,1,a\n5,2,1,a\n6,1.5,2,a\n',
      'tiny.csv',
    );
    const schema = {
      ...info.schema,
      columns: info.schema.columns.map((c) => (c.name === 'id' ? { ...c, sdtype: 'id' as const } : c)),
    };
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
    const rows = await applyPrivacyFilter(g, raw, {
      train,
      holdout: null,
      schema: info.schema,
      mode: 'copies',
      threshold: null,
      rows: 80,
      sampleSeed: 5,
    });
    const prints = await applyCopyGuard(g, raw, {
      guard: copyFingerprints(train, info.schema),
      schema: info.schema,
      rows: 80,
      sampleSeed: 5,
    });
    expect(rows.removed).toBeGreaterThan(20);
    expect(prints.removed).toBe(rows.removed);
    expect(writeCsv(prints.table, info.schema)).toBe(writeCsv(rows.table, info.schema));
    g.dispose();
  });
});
