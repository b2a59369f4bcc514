import { describe, expect, it } from 'vitest';
import type { Schema } from '../../src/core/schema.js';
import { makeTable, type CatColumn, type NumColumn, type TextColumn } from '../../src/core/table.js';
import { decodeFromModel, encodeForModel, INDICATOR_LEVELS, MISSING_LEVEL } from '../../src/transforms/model-data.js';

const table = makeTable(
  ['id', 'age', 'city', 'const', 'gone', 'note'],
  [
    { kind: 'text', values: ['a1', 'a2', 'a3', 'a4'] },
    { kind: 'num', values: Float64Array.from([30, NaN, 50, 41]) },
    { kind: 'cat', codes: Int32Array.from([0, 1, -1, 0]), levels: ['Oslo', 'Rome'] },
    { kind: 'num', values: Float64Array.from([7, 7, 7, 7]) },
    { kind: 'cat', codes: Int32Array.from([-1, -1, -1, -1]), levels: [] },
    { kind: 'text', values: ['x', 'y', 'z', 'w'] },
  ],
);
const schema: Schema = {
  target: null,
  columns: [
    { name: 'id', sdtype: 'id', skip: false, missingRate: 0, nUnique: 4 },
    {
      name: 'age',
      sdtype: 'numerical',
      skip: false,
      missingRate: 0.25,
      nUnique: 3,
      integer: true,
      min: 30,
      max: 50,
      decimals: 0,
    },
    { name: 'city', sdtype: 'categorical', skip: false, missingRate: 0.25, nUnique: 2, levels: ['Oslo', 'Rome'] },
    { name: 'const', sdtype: 'numerical', skip: false, missingRate: 0, nUnique: 1, integer: true, min: 7, max: 7 },
    { name: 'gone', sdtype: 'categorical', skip: false, missingRate: 1, nUnique: 0, levels: [] },
    { name: 'note', sdtype: 'categorical', skip: true, missingRate: 0, nUnique: 4, levels: [] },
  ],
};

describe('model matrix (DESIGN.md §1)', () => {
  const { data, layout } = encodeForModel(table, schema);

  it('models only varying columns, with a missing indicator for numbers and a missing level for categories', () => {
    expect(data.table.names).toEqual(['age', 'age\u241fmissing', 'city']);
    const age = data.table.columns[0] as NumColumn;
    expect([...age.values]).toEqual([30, 41, 50, 41]); // NaN filled with the median of 30, 50, 41
    const ind = data.table.columns[1] as CatColumn;
    expect([...ind.codes]).toEqual([0, 1, 0, 0]);
    expect(ind.levels).toEqual(INDICATOR_LEVELS);
    const city = data.table.columns[2] as CatColumn;
    expect([...city.codes]).toEqual([0, 1, 2, 0]);
    expect(city.levels).toEqual(['Oslo', 'Rome', MISSING_LEVEL]);
  });

  it('decodes back: missing restored, constants and ids regenerated, skipped column dropped, range clipped', () => {
    const model = makeTable(
      ['age', 'age\u241fmissing', 'city'],
      [
        { kind: 'num', values: Float64Array.from([29.2, 44.6, 99]) },
        { kind: 'cat', codes: Int32Array.from([0, 1, 0]), levels: INDICATOR_LEVELS },
        { kind: 'cat', codes: Int32Array.from([2, 1, 0]), levels: ['Oslo', 'Rome', MISSING_LEVEL] },
      ],
    );
    const out = decodeFromModel(model, layout);
    expect(out.names).toEqual(['id', 'age', 'city', 'const', 'gone']);
    const ids = (out.columns[0] as TextColumn).values;
    expect(new Set(ids).size).toBe(3);
    for (const id of ids) expect(['a1', 'a2', 'a3', 'a4']).not.toContain(id);
    const age = (out.columns[1] as NumColumn).values;
    expect(age[0]).toBe(30); // 29.2 clipped to the real min 30 (then whole)
    expect(Number.isNaN(age[1]!)).toBe(true); // indicator says missing
    expect(age[2]).toBe(50); // 99 clipped to the real max
    expect([...(out.columns[2] as CatColumn).codes]).toEqual([-1, 1, 0]);
    expect([...(out.columns[3] as NumColumn).values]).toEqual([7, 7, 7]);
    expect((out.columns[4] as CatColumn).codes.every((c) => c === -1)).toBe(true);
  });

  it('refuses a one-class target and a table with nothing to model', () => {
    expect(() => encodeForModel(table, { ...schema, target: 'const' })).toThrow(/single value/);
    const onlyConst: Schema = {
      target: null,
      columns: schema.columns.map((c) => ({ ...c, skip: c.name !== 'const' })),
    };
    expect(() => encodeForModel(table, onlyConst)).toThrow(/No column is left to model/);
  });
});
