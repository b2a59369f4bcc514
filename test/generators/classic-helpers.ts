/** Shared helpers of the classic generators' tests (copula, distfit, bootstrap, smote). */
import { describe, expect, it } from 'vitest';
import type { Generator } from '../../src/generators/generator.js';
import { loadData, type LoadedTable } from '../support/data.js';
import type { Rng } from '../../src/core/rng.js';
import type { Schema } from '../../src/core/schema.js';
import type { CatColumn, NumColumn, Table } from '../../src/core/table.js';
import { getColumn } from '../../src/core/table.js';

/** Gamma(k, 1) by Marsaglia & Tsang (2000), independent of the code under test; k ≥ 1. */
export function gammaSample(rng: Rng, k: number): number {
  const d = k - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = rng.normal();
    const v = (1 + c * x) ** 3;
    if (v <= 0) continue;
    if (Math.log(rng.next()) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

/** Beta(a, b) as X/(X+Y) of two gammas. */
export function betaSample(rng: Rng, a: number, b: number): number {
  const x = gammaSample(rng, a);
  return x / (x + gammaSample(rng, b));
}

export function sameTable(a: Table, b: Table): boolean {
  if (a.nRows !== b.nRows || a.names.join() !== b.names.join()) return false;
  return a.columns.every((c, j) => {
    const d = b.columns[j]!;
    if (c.kind === 'num') return (d as NumColumn).values.every((x, i) => Object.is(x, c.values[i]));
    if (c.kind === 'cat') return (d as CatColumn).codes.every((x, i) => x === c.codes[i]);
    return false;
  });
}

/** Valid output: same header, categories among the real ones, numbers inside the real range, integers whole. */
export function expectValid(real: Table, schema: Schema, syn: Table): void {
  expect(syn.names).toEqual(real.names);
  for (const cs of schema.columns) {
    const r = getColumn(real, cs.name);
    const s = getColumn(syn, cs.name);
    expect(s.kind, cs.name).toBe(r.kind);
    if (r.kind === 'num' && s.kind === 'num') {
      const hasMissing = r.values.some(Number.isNaN);
      for (const x of s.values) {
        if (Number.isNaN(x)) {
          expect(hasMissing, `${cs.name}: missing only where the real column has missing cells`).toBe(true);
          continue;
        }
        expect(x).toBeGreaterThanOrEqual(cs.min!);
        expect(x).toBeLessThanOrEqual(cs.max!);
        if (cs.integer) expect(Number.isInteger(x), `${cs.name} integer`).toBe(true);
      }
    } else if (r.kind === 'cat' && s.kind === 'cat') {
      expect(s.levels).toEqual(r.levels);
      const used = new Set(r.codes);
      for (const c of s.codes) expect(used.has(c), `${cs.name} code ${c}`).toBe(true);
    }
  }
}

export function mean(v: ArrayLike<number>): number {
  let s = 0;
  let n = 0;
  for (let i = 0; i < v.length; i++) {
    if (Number.isNaN(v[i]!)) continue;
    s += v[i]!;
    n++;
  }
  return s / n;
}

export function sd(v: ArrayLike<number>): number {
  const m = mean(v);
  let s = 0;
  let n = 0;
  for (let i = 0; i < v.length; i++) {
    if (Number.isNaN(v[i]!)) continue;
    s += (v[i]! - m) ** 2;
    n++;
  }
  return Math.sqrt(s / n);
}

/** Every numerical column's mean within `tol` real standard deviations of the real mean. */
export function expectMeansClose(real: Table, syn: Table, tol: number): void {
  real.columns.forEach((c, j) => {
    if (c.kind !== 'num') return;
    const s = syn.columns[j] as NumColumn;
    const gap = Math.abs(mean(s.values) - mean(c.values)) / sd(c.values);
    expect(gap, `${real.names[j]}: |Δmean| / sd`).toBeLessThan(tol);
  });
}

/** Pearson correlation of two columns. */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const mx = mean(x);
  const my = mean(y);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < x.length; i++) {
    sxy += (x[i]! - mx) * (y[i]! - my);
    sxx += (x[i]! - mx) ** 2;
    syy += (y[i]! - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

/** The two shared datasets of the property tests: a classification and a regression table. */
export const PROPERTY_SETS = [
  ['cryotherapy', 'Result_of_Treatment'],
  ['prostate', 'lpsa'],
] as const;

/** prostate with missing cells put in by hand: 10 in lcavol (numerical), 8 in svi (categorical). */
export function prostateWithMissing(): LoadedTable {
  const d = loadData('prostate', 'lpsa');
  const lcavol = getColumn(d.table, 'lcavol') as NumColumn;
  const svi = getColumn(d.table, 'svi') as CatColumn;
  for (let i = 0; i < 10; i++) lcavol.values[i * 9] = NaN;
  for (let i = 0; i < 8; i++) svi.codes[i * 11 + 3] = -1;
  const schema = {
    ...d.schema,
    columns: d.schema.columns.map((c) =>
      c.name === 'lcavol' ? { ...c, missingRate: 10 / 97 } : c.name === 'svi' ? { ...c, missingRate: 8 / 97 } : c,
    ),
  };
  return { ...d, schema };
}

function missingRate(c: NumColumn | CatColumn): number {
  const n = c.kind === 'num' ? c.values.length : c.codes.length;
  let m = 0;
  for (let i = 0; i < n; i++) if (c.kind === 'num' ? Number.isNaN(c.values[i]!) : c.codes[i]! < 0) m++;
  return m / n;
}

/**
 * The property suite every classic generator passes on the two shared datasets: valid output, same seed → same
 * table and a different seed → a different one, numerical means within `meanTol` real SDs (3000 rows), and
 * missing cells generated at about the real rate.
 */
export function propertySuite(make: () => Generator, meanTol: number): void {
  for (const [stem, target] of PROPERTY_SETS) {
    describe(`properties on ${stem}`, () => {
      const d = loadData(stem, target);
      it('valid output: header, categories, integers, ranges', async () => {
        const g = make();
        await g.fit(d.table, d.schema, { seed: 1 });
        expectValid(d.table, d.schema, await g.sample(500, { seed: 2 }));
      });
      it('same seed → identical table; different seed → different table', async () => {
        const run = async (fit: number, sample: number): Promise<Table> => {
          const g = make();
          await g.fit(d.table, d.schema, { seed: fit });
          return g.sample(200, { seed: sample });
        };
        const a = await run(3, 4);
        expect(sameTable(a, await run(3, 4))).toBe(true);
        expect(sameTable(a, await run(3, 5))).toBe(false);
      });
      it(`numerical means within ${meanTol} real SDs`, async () => {
        const g = make();
        await g.fit(d.table, d.schema, { seed: 1 });
        expectMeansClose(d.table, await g.sample(3000, { seed: 2 }), meanTol);
      });
    });
  }
  it('missing cells: generated at about the real rate (±0.05), never in a column without them', async () => {
    const d = prostateWithMissing();
    const g = make();
    await g.fit(d.table, d.schema, { seed: 1 });
    const s = await g.sample(3000, { seed: 2 });
    expectValid(d.table, d.schema, s);
    expect(Math.abs(missingRate(getColumn(s, 'lcavol') as NumColumn) - 10 / 97)).toBeLessThan(0.05);
    expect(Math.abs(missingRate(getColumn(s, 'svi') as CatColumn) - 8 / 97)).toBeLessThan(0.05);
    expect(missingRate(getColumn(s, 'svi') as CatColumn)).toBeGreaterThan(0);
    expect(missingRate(getColumn(s, 'age') as NumColumn)).toBe(0);
  });
}
