import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/core/rng.js';
import type { Schema } from '../../../src/core/schema.js';
import { makeTable, type Table } from '../../../src/core/table.js';
import { prepare } from '../../../src/metrics/prepare.js';
import { rowKeys, suggestColumns } from '../../../src/privacy/risk/keys.js';
import { riskReport } from '../../../src/privacy/risk/report.js';

const schema: Schema = {
  target: null,
  columns: [
    { name: 'age', sdtype: 'numerical', skip: false, missingRate: 0, nUnique: 50 },
    { name: 'sex', sdtype: 'categorical', skip: false, missingRate: 0, nUnique: 2, levels: ['f', 'm'] },
    { name: 'dose', sdtype: 'numerical', skip: false, missingRate: 0, nUnique: 100 },
    { name: 'outcome', sdtype: 'categorical', skip: false, missingRate: 0, nUnique: 3, levels: ['a', 'b', 'c'] },
  ],
};
const draw = (rng: Rng, n: number): Table =>
  makeTable(
    ['age', 'sex', 'dose', 'outcome'],
    [
      { kind: 'num', values: Float64Array.from({ length: n }, () => 20 + rng.int(50)) },
      { kind: 'cat', codes: Int32Array.from({ length: n }, () => rng.int(2)), levels: ['f', 'm'] },
      { kind: 'num', values: Float64Array.from({ length: n }, () => rng.normal()) },
      { kind: 'cat', codes: Int32Array.from({ length: n }, () => rng.int(3)), levels: ['a', 'b', 'c'] },
    ],
  );

describe('the report’s attack figures', () => {
  it('chooses age and sex by name, the last other column as sensitive; names given by the user win', () => {
    const rng = new Rng(1);
    const P = prepare(draw(rng, 30), draw(rng, 30), null, schema);
    const c = suggestColumns(P);
    expect(c.quasiIdentifiers).toEqual(['age', 'sex']);
    expect(c.sensitive).toEqual(['outcome']);
    expect(suggestColumns(P, ['dose']).quasiIdentifiers).toEqual(['dose']);
    expect(() => suggestColumns(P, ['height'])).toThrow(/Unknown quasi-identifier column "height"/);
  });
  it('bins a number with many values into 10 bins over the real range, keeps a categorical code', () => {
    const real = makeTable(
      ['age', 'sex', 'dose', 'outcome'],
      [
        { kind: 'num', values: Float64Array.from({ length: 11 }, (_, i) => 20 + 5 * i) },
        { kind: 'cat', codes: Int32Array.from({ length: 11 }, (_, i) => i % 2), levels: ['f', 'm'] },
        { kind: 'num', values: new Float64Array(11) },
        { kind: 'cat', codes: new Int32Array(11), levels: ['a', 'b', 'c'] },
      ],
    );
    const P = prepare(real, real, null, schema);
    // ages 20…70 in steps of 5 (11 values > 10): bins of width 5; 70 falls into the last bin
    expect(rowKeys(P, P.real, [0]).slice(0, 3)).toEqual(['0', '1', '2']);
    expect(rowKeys(P, P.real, [0])[10]).toBe('9');
    expect(rowKeys(P, P.real, [1, 2])[1]).toBe('1\u00010');
  });
  it('copies of the training rows: membership AUC near 1 and lower disclosure protection than fresh draws', () => {
    const rng = new Rng(5);
    const train = draw(rng, 200);
    const holdout = draw(rng, 200);
    const copies = riskReport(prepare(train, train, holdout, schema), 1);
    const fresh = riskReport(prepare(train, draw(rng, 200), holdout, schema), 1);
    expect(copies.membership!.auc).toBeGreaterThan(0.8);
    expect(Math.abs(fresh.membership!.auc - 0.5)).toBeLessThan(0.12);
    // copies match real combinations only; the real table's own rare classes reappear
    expect(copies.kAnonymity!.unmatchedShare).toBe(0);
    expect(copies.kAnonymity!.realK).toBeLessThan(5);
    expect(copies.kAnonymity!.rareShare).toBeGreaterThan(0);
    expect(copies.disclosure!.score).toBeLessThan(fresh.disclosure!.score);
    expect(copies.assumptions.membership).toMatch(/0\.5 = chance/);
    // attribute inference of outcome: copies give the training row itself as the nearest synthetic row
    expect(copies.inference!.attack.successes).toBe(copies.inference!.attack.trials);
    expect(copies.inference!.risk.value).toBeGreaterThan(0.5);
    expect(fresh.inference!.risk.lo).toBe(0);
    expect(fresh.inference!.risk.value).toBeLessThan(0.15);
  });
});
