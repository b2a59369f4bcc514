import { describe, expect, it } from 'vitest';
import type { Schema } from '../../src/core/schema.js';
import { makeTable } from '../../src/core/table.js';
import { prepare } from '../../src/metrics/prepare.js';
import { GowerSpace, percentile } from '../../src/privacy/distance.js';

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

describe('Gower distance and nearest neighbours, worked by hand', () => {
  // real x spans 0…10 → numbers divided by 10; two columns → mean of the two terms
  const real = tbl([0, 10, 4], [0, 1, 0]);
  const synth = tbl([2, 7, 4], [0, 1, 0]);
  const P = prepare(real, synth, null, schema);
  const G = new GowerSpace(P);

  it('d((2,p), (7,q)) = (|2−7|/10 + 1)/2 = 0.75', () => {
    const S = G.rows(P.synth);
    expect(G.distance(S, 0, S, 1)).toBeCloseTo(0.75, 12);
  });

  it('nearest and second-nearest real rows', () => {
    const { d1, d2 } = G.nearest2(G.rows(P.synth), G.rows(P.real));
    // (2,p): to (0,p) 0.1, to (4,p) 0.1, to (10,q) 0.9 → 0.1, 0.1
    expect(d1[0]).toBeCloseTo(0.1, 12);
    expect(d2[0]).toBeCloseTo(0.1, 12);
    // (7,q): to (10,q) 0.15, to (4,p) 0.65 → 0.15, 0.65
    expect(d1[1]).toBeCloseTo(0.15, 12);
    expect(d2[1]).toBeCloseTo(0.65, 12);
    // (4,p) is a copy of a real row
    expect(d1[2]).toBe(0);
  });
});

describe('percentiles', () => {
  it('percentiles interpolate linearly (numpy): p5 of [1,2,3,4] = 1.15, median 2.5', () => {
    expect(percentile([4, 1, 3, 2], 5)).toBeCloseTo(1.15, 12);
    expect(percentile([4, 1, 3, 2], 50)).toBeCloseTo(2.5, 12);
  });
});
