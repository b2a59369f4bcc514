import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng.js';
import type { CatColumn, NumColumn } from '../../src/core/table.js';
import { pseudoRealSet } from '../../src/generators/gmtd/pseudo.js';
import { decodeRows, encodeRows, fitTransformer } from '../../src/generators/gmtd/transformer.js';
import { selectBackend } from '../../src/ml/backend.js';
import { encodeForModel } from '../../src/transforms/model-data.js';
import { loadShared } from '../support/data.js';

describe('GenerativeMTD transformer', () => {
  const cryo = loadShared('cryotherapy', 'Result_of_Treatment');
  const { data } = encodeForModel(cryo.table, cryo.schema);
  const t = fitTransformer(data.table, data.columns);

  it('lays out [continuous | one-hot blocks] and keeps every real value inside ±0.9 (reachable by tanh)', () => {
    const nNum = data.table.columns.filter((c) => c.kind === 'num').length;
    expect(t.numCols).toHaveLength(nNum);
    expect(t.width).toBe(nNum + t.blocks.reduce((s, b) => s + b.size, 0));
    const v = encodeRows(t, data.table);
    let far = 0;
    for (let i = 0; i < data.table.nRows; i++) for (let s = 0; s < nNum; s++) far = Math.max(far, Math.abs(v[i * t.width + s]!));
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
    const back = decodeRows(t, encodeRows(t, data.table), data.table.nRows);
    data.table.columns.forEach((c, j) => {
      const d = back.columns[j]!;
      if (c.kind === 'num') (d as NumColumn).values.forEach((x, i) => expect(x).toBeCloseTo(c.values[i]!, 4));
      else expect(Array.from((d as CatColumn).codes)).toEqual(Array.from((c as CatColumn).codes));
    });
  });
});

describe('GenerativeMTD pseudo-real set', () => {
  const cryo = loadShared('cryotherapy', 'Result_of_Treatment');
  const { data } = encodeForModel(cryo.table, cryo.schema);

  it('per real row: perRow rows that remember it, its class kept, values inside the real range and on real levels', () => {
    const perRow = 7;
    const s = pseudoRealSet(data, 5, perRow, new Rng(1));
    const n = data.table.nRows;
    expect(s.table.nRows).toBe(n * perRow);
    for (let r = 0; r < s.table.nRows; r++) expect(s.source[r]).toBe(Math.floor(r / perRow));
    const target = data.target;
    const real = data.table.columns[target] as CatColumn;
    const pseudo = s.table.columns[target] as CatColumn;
    for (let r = 0; r < s.table.nRows; r++) expect(pseudo.codes[r]).toBe(real.codes[s.source[r]!]);
    data.columns.forEach((m, j) => {
      const col = s.table.columns[j]!;
      if (col.kind !== 'num') return;
      const levels = new Set((data.table.columns[j] as NumColumn).values);
      for (const x of col.values) {
        expect(x).toBeGreaterThanOrEqual(m.min);
        expect(x).toBeLessThanOrEqual(m.max);
        if (m.integer) expect(levels.has(x)).toBe(true);
      }
    });
  });

  it('is diffused, not copied: most pseudo values differ from their real source value', () => {
    const s = pseudoRealSet(data, 5, 10, new Rng(2));
    const j = data.table.names.indexOf('Time');
    const real = (data.table.columns[j] as NumColumn).values;
    const pseudo = (s.table.columns[j] as NumColumn).values;
    let same = 0;
    for (let r = 0; r < pseudo.length; r++) if (pseudo[r] === real[s.source[r]!]) same++;
    expect(same / pseudo.length).toBeLessThan(0.2);
  });
});

describe('backend chooser in Node', () => {
  it('auto gives wasm (no WebGPU/WebGL in Node) and says why it skipped the others', async () => {
    const sel = await selectBackend('auto');
    expect(sel.backend).toBe('wasm');
    expect(sel.skipped.map((s) => s.backend)).toEqual(['webgpu', 'webgl']);
    expect(sel.skipped[0]!.reason).toMatch(/navigator\.gpu/);
    expect(sel.skipped[1]!.reason).toMatch(/canvas/);
  });

  it('a forced backend that cannot start falls down the chain; cpu can be forced', async () => {
    const gl = await selectBackend('webgl');
    expect(gl.backend).toBe('wasm');
    expect(gl.skipped).toEqual([{ backend: 'webgl', reason: expect.stringMatching(/canvas/) as unknown as string }]);
    expect((await selectBackend('cpu')).backend).toBe('cpu');
  });
});
