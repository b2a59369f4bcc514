import { describe, expect, it } from 'vitest';
import type { Schema } from '../../src/core/schema.js';
import { makeTable } from '../../src/core/table.js';
import { prepare } from '../../src/metrics/prepare.js';
import { dcrShareOnce, nndr, privacy } from '../../src/metrics/privacy.js';

const schema: Schema = {
  target: null,
  columns: [
    { name: 'x', sdtype: 'numerical', skip: false, missingRate: 0, nUnique: 3 },
    { name: 'c', sdtype: 'categorical', skip: false, missingRate: 0, nUnique: 2, levels: ['p', 'q'] },
  ],
};
const tbl = (x: number[], c: number[]) =>
  makeTable(
    ['x', 'c'],
    [
      { kind: 'num', values: Float64Array.from(x) },
      { kind: 'cat', codes: Int32Array.from(c), levels: ['p', 'q'] },
    ],
  );

describe('privacy scores, worked by hand', () => {
  // real x spans 0…10 → numbers divided by 10; two columns → mean of the two terms (distances: privacy/distance.test.ts)
  const real = tbl([0, 10, 4], [0, 1, 0]);
  const synth = tbl([2, 7, 4], [0, 1, 0]);
  const P = prepare(real, synth, null, schema);

  it('report: exact copies 1/3, DCR median 0.1', () => {
    const r = privacy(P, 0);
    expect(r.exactCopyRate).toBeCloseTo(1 / 3, 12);
    expect(r.dcr.median).toBeCloseTo(0.1, 12);
    expect(r.dcrShare).toBeNull();
  });
});

describe('NNDR and DCR share', () => {
  it('NNDR = d1/d2, 0 when d2 = 0', () => {
    expect(Array.from(nndr(Float64Array.from([0, 1, 2]), Float64Array.from([0, 2, 4])))).toEqual([0, 0.5, 0.5]);
  });
  it('DCR share counts ties as ½: [1, ½, 0] → 0.5', () => {
    expect(dcrShareOnce(Float64Array.from([0, 0.2, 0.3]), Float64Array.from([0.1, 0.2, 0.1]))).toBeCloseTo(0.5, 12);
  });
});
