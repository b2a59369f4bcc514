import { describe, expect, it } from 'vitest';
import { getColumn, type CatColumn } from '../../src/core/table.js';
import { holdoutSplit } from '../../src/engine/split.js';
import { loadData } from '../support/data.js';

describe('holdout split', () => {
  const d = loadData('cryotherapy', 'Result_of_Treatment');
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
    const p = loadData('prostate', 'lpsa');
    const s = holdoutSplit(p.table, p.schema, 0.3, 0);
    const y = (getColumn(p.table, 'lpsa') as { values: Float64Array }).values;
    const sorted = Float64Array.from(y).sort();
    const median = sorted[48]!;
    const low = Array.from(s.holdout).filter((i) => y[i]! < median).length;
    expect(Math.abs(low - s.holdout.length / 2)).toBeLessThanOrEqual(3);
  });
});
