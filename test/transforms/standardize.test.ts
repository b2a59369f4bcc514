import { describe, expect, it } from 'vitest';
import type { CatColumn, NumColumn } from '../../src/core/table.js';
import { encodeForModel } from '../../src/transforms/model-data.js';
import {
  decodeStandardized,
  encodeStandardized,
  fitStandardize,
  standardizeSpans,
} from '../../src/transforms/standardize.js';
import { layoutWidth, placeSpans } from '../../src/transforms/vector-layout.js';
import { loadData } from '../support/data.js';

describe("standardize (GenerativeMTD's vector transform)", () => {
  const cryo = loadData('cryotherapy', 'Result_of_Treatment');
  const { data } = encodeForModel(cryo.table, cryo.schema);
  const t = fitStandardize(data.table, data.columns);

  it('lays out [continuous | one-hot blocks] and keeps every real value inside ±0.9 (reachable by tanh)', () => {
    const nNum = data.table.columns.filter((c) => c.kind === 'num').length;
    expect(t.numCols).toHaveLength(nNum);
    expect(t.width).toBe(nNum + t.blocks.reduce((s, b) => s + b.size, 0));
    // the spans say the same: one tanh slot per number, then each block as a softmax span at its start
    const spans = placeSpans(standardizeSpans(t));
    expect(layoutWidth(spans)).toBe(t.width);
    expect(spans.slice(0, nNum).every((s, i) => s.kind === 'tanh' && s.width === 1 && s.start === i)).toBe(true);
    expect(spans.slice(nNum).map((s) => [s.kind, s.start, s.width])).toEqual(
      t.blocks.map((b) => ['softmax', b.start, b.size]),
    );
    const v = encodeStandardized(t, data.table);
    let far = 0;
    for (let i = 0; i < data.table.nRows; i++)
      for (let s = 0; s < nNum; s++) far = Math.max(far, Math.abs(v[i * t.width + s]!));
    expect(far).toBeCloseTo(0.9, 5);
    // each one-hot block sums to 1 on every row
    for (const b of t.blocks) {
      for (let i = 0; i < data.table.nRows; i++) {
        let s = 0;
        for (let c = 0; c < b.size; c++) s += v[i * t.width + b.start + c]!;
        expect(s).toBe(1);
      }
    }
  });

  it('encode → decode gives the input back (numbers to float32 precision, categories exactly)', () => {
    const back = decodeStandardized(t, encodeStandardized(t, data.table), data.table.nRows);
    data.table.columns.forEach((c, j) => {
      const d = back.columns[j]!;
      if (c.kind === 'num') (d as NumColumn).values.forEach((x, i) => expect(x).toBeCloseTo(c.values[i]!, 4));
      else expect(Array.from((d as CatColumn).codes)).toEqual(Array.from((c as CatColumn).codes));
    });
  });
});
