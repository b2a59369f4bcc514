import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/core/rng.js';
import type { Schema } from '../../../src/core/schema.js';
import { makeTable, type Table } from '../../../src/core/table.js';
import { prepare } from '../../../src/metrics/prepare.js';
import { linkabilityRisk, nearestK, splitColumns } from '../../../src/privacy/risk/linkability.js';
import {
  matchCount,
  multivariatePredicates,
  singlingOutRisk,
  univariatePredicates,
} from '../../../src/privacy/risk/singling-out.js';
import { GowerSpace } from '../../../src/privacy/distance.js';

const tiny: Schema = {
  target: null,
  columns: [
    { name: 'c', sdtype: 'categorical', skip: false, missingRate: 0, nUnique: 5, levels: ['a', 'b', 'c', 'd', 'e'] },
    { name: 'x', sdtype: 'numerical', skip: false, missingRate: 0, nUnique: 5 },
  ],
};
const LEVELS = ['a', 'b', 'c', 'd', 'e'];
const tinyTable = (c: string, x: number[]): Table =>
  makeTable(
    ['c', 'x'],
    [
      { kind: 'cat', codes: Int32Array.from(c, (l) => LEVELS.indexOf(l)), levels: LEVELS },
      { kind: 'num', values: Float64Array.from(x) },
    ],
  );

describe('singling out, worked by hand', () => {
  // synthetic c: a b b c → "c = a", "c = c"; x: 1 2 2 5 → "x = 1", "x = 5", "x ≤ 1", "x ≥ 5": 6 predicates
  const synth = tinyTable('abbc', [1, 2, 2, 5]);
  // training: c = a twice, c = c once; x = 1 twice, 5 once, ≤ 1 twice, ≥ 5 once → 3 of 6 single out one row
  const train = tinyTable('aacd', [1, 1, 3, 5]);
  // holdout: c = a twice, c = c twice; x = 1 never, 5 twice, ≤ 1 once (0), ≥ 5 twice → 1 of 6
  const holdout = tinyTable('aacc', [0, 5, 5, 2]);
  const P = prepare(train, synth, holdout, tiny);
  it('builds the six univariate predicates', () => {
    expect(univariatePredicates(P)).toHaveLength(6);
  });
  it('3 of 6 on training, 1 of 6 on the holdout → Wilson 0.5 ± 0.312384, 0.296778 ± 0.266725, risk 0.288987', () => {
    const r = singlingOutRisk(P, 'univariate', 1)!;
    expect([r.attack.successes, r.attack.trials, r.control.successes, r.control.trials]).toEqual([3, 6, 1, 6]);
    expect(r.attack.rate).toBeCloseTo(0.5, 6);
    expect(r.attack.error).toBeCloseTo(0.3123837, 6);
    expect(r.control.rate).toBeCloseTo(0.2967781, 6);
    expect(r.control.error).toBeCloseTo(0.2667247, 6);
    expect(r.risk.value).toBeCloseTo(0.2889869, 6);
  });
  it('counts matches up to the limit', () => {
    expect(matchCount([{ col: 1, op: 'le', value: 1 }], P.real)).toBe(2);
    expect(matchCount([{ col: 1, op: 'ge', value: 0 }], P.real, 10)).toBe(4);
  });
});

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

describe('singling out and linkability: copies against fresh draws', () => {
  const rng = new Rng(11);
  const train = draw(rng, 300);
  const holdout = draw(rng, 300);
  const copy = prepare(train, train, holdout, schema);
  const fresh = prepare(train, draw(rng, 300), holdout, schema);
  it('multivariate predicates each single out one synthetic row, numbers on the median rule', () => {
    const qs = multivariatePredicates(fresh, 50, new Rng(2));
    expect(qs.length).toBeGreaterThan(20);
    for (const q of qs) {
      expect(matchCount(q, fresh.synth)).toBe(1);
      expect(q).toHaveLength(3);
    }
  });
  for (const mode of ['univariate', 'multivariate'] as const) {
    it(`${mode}: copies are at high risk, fresh draws near 0`, () => {
      const hi = singlingOutRisk(copy, mode, 3)!;
      const lo = singlingOutRisk(fresh, mode, 3)!;
      expect(hi.risk.value).toBeGreaterThan(0.4);
      expect(lo.risk.value).toBeLessThan(0.08);
      expect(lo.risk.lo).toBe(0);
    });
  }
  it('linkability: copies are linked, fresh draws are not; seeded', () => {
    const hi = linkabilityRisk(copy, 4)!;
    const lo = linkabilityRisk(fresh, 4)!;
    expect(hi.columnsA).toEqual(['age', 'sex']);
    expect(hi.columnsB).toEqual(['dose', 'outcome']);
    // age and sex are shared by several rows, so the nearest row on that half is the target itself only when it
    // comes first among them: well above the fresh draws, below 1
    expect(hi.risk.value).toBeGreaterThan(0.25);
    expect(lo.risk.value).toBeLessThan(0.05);
    expect(lo.risk.lo).toBe(0);
    expect(linkabilityRisk(copy, 4)).toEqual(hi);
  });
});

describe('linkability, worked by hand', () => {
  const s2: Schema = {
    target: null,
    columns: [
      { name: 'x', sdtype: 'numerical', skip: false, missingRate: 0, nUnique: 3 },
      { name: 'y', sdtype: 'numerical', skip: false, missingRate: 0, nUnique: 3 },
    ],
  };
  const t = (x: number[], y: number[]): Table =>
    makeTable(
      ['x', 'y'],
      [
        { kind: 'num', values: Float64Array.from(x) },
        { kind: 'num', values: Float64Array.from(y) },
      ],
    );
  const synth = t([0, 1, 2], [0, 1, 2]);
  // training = the synthetic rows: every row's x and y point at the same synthetic row (3 of 3);
  // holdout (0, 2), (2, 0), (1, 1): x and y point at different rows but for (1, 1) → 1 of 3
  const P = prepare(synth, synth, t([0, 2, 1], [2, 0, 1]), s2);
  it('3 of 3 against 1 of 3 → risk (0.719251 − 0.426916) / (1 − 0.426916) = 0.510109', () => {
    const r = linkabilityRisk(P, 1)!;
    expect([r.attack.successes, r.attack.trials, r.control.successes, r.control.trials]).toEqual([3, 3, 1, 3]);
    expect(r.attack.rate).toBeCloseTo(0.7192515, 6);
    expect(r.control.rate).toBeCloseTo(0.4269162, 6);
    expect(r.risk.value).toBeCloseTo(0.5101092, 6);
  });
  it('splits the columns in table order; nearestK breaks ties by index', () => {
    expect(splitColumns(['a', 'b', 'c'])).toEqual([['a', 'b'], ['c']]);
    const G = new GowerSpace(P);
    const S = G.rows(P.synth);
    expect(nearestK(G, G.rows(P.holdout!), 2, S, 2)).toEqual([1, 0]);
  });
});
