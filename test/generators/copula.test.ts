import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng.js';
import type { Schema } from '../../src/core/schema.js';
import type { CatColumn, NumColumn } from '../../src/core/table.js';
import { getColumn, makeTable } from '../../src/core/table.js';
import { GaussianCopula } from '../../src/generators/copula/copula.js';
import { loadData } from '../support/data.js';
import { expectValid, mean, pearson, propertySuite, prostateWithMissing, sd } from './classic-helpers.js';

const numSchema = (names: string[]): Schema => ({
  target: null,
  columns: names.map((name) => ({
    name,
    sdtype: 'numerical',
    skip: false,
    missingRate: 0,
    nUnique: 100,
    integer: false,
    min: -10,
    max: 10,
  })),
});

/** n rows of a standard bivariate normal with correlation rho. */
function bivariate(n: number, rho: number, seed: number) {
  const rng = new Rng(seed);
  const a = new Float64Array(n);
  const b = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    a[i] = rng.normal();
    b[i] = rho * a[i]! + Math.sqrt(1 - rho * rho) * rng.normal();
  }
  return {
    table: makeTable(
      ['a', 'b'],
      [
        { kind: 'num', values: a },
        { kind: 'num', values: b },
      ],
    ),
    schema: numSchema(['a', 'b']),
  };
}

describe('Gaussian copula: fitted model', () => {
  it('with normal marginals the scores are the standardised values, so R is the Pearson matrix (31/33 by hand)', async () => {
    const x = Float64Array.from({ length: 10 }, (_, i) => i + 1);
    const y = Float64Array.from([2, 1, 4, 3, 6, 5, 8, 7, 10, 9]);
    const g = new GaussianCopula({ marginals: 'normal' });
    await g.fit(
      makeTable(
        ['x', 'y'],
        [
          { kind: 'num', values: x },
          { kind: 'num', values: y },
        ],
      ),
      numSchema(['x', 'y']),
      { seed: 1 },
    );
    expect(g.correlation[0]![1]).toBeCloseTo(77.5 / 82.5, 12);
    const m = g.fittedMarginals[0]!;
    expect(m.kind === 'num' && m.dist.params).toEqual({ mu: 5.5, sigma: Math.sqrt(8.25) });
  });

  it('reports the chosen family and KS per column, and serialises to plain JSON', async () => {
    const d = loadData('prostate', 'lpsa');
    const g = new GaussianCopula();
    const rep = await g.fit(d.table, d.schema, { seed: 1 });
    const cols = rep.details['marginals'] as { column: string; family: string; ks: number | null }[];
    expect(cols.map((c) => c.column)).toEqual(d.table.names);
    for (const c of cols) {
      if (c.family === 'categorical') continue;
      expect(['normal', 'lognormal', 'gamma', 'beta', 'truncnormal', 'uniform']).toContain(c.family);
      expect(c.ks).toBeGreaterThan(0);
      expect(c.ks).toBeLessThan(1);
    }
    const json = JSON.parse(JSON.stringify(g.toJSON())) as { correlation: number[][] };
    expect(json.correlation.length).toBe(9);
  });

  it('keeps the real correlations: every numerical pair within 0.15 of the real Pearson r (3000 rows)', async () => {
    for (const [stem, target] of [
      ['cryotherapy', 'Result_of_Treatment'],
      ['prostate', 'lpsa'],
    ] as const) {
      const d = loadData(stem, target);
      for (const marginals of ['parametric', 'empirical']) {
        const g = new GaussianCopula({ marginals });
        await g.fit(d.table, d.schema, { seed: 1 });
        const s = await g.sample(3000, { seed: 2 });
        const nums = d.table.columns.map((c, j) => (c.kind === 'num' ? j : -1)).filter((j) => j >= 0);
        for (const a of nums) {
          for (const b of nums) {
            if (a >= b) continue;
            const r = pearson((d.table.columns[a] as NumColumn).values, (d.table.columns[b] as NumColumn).values);
            const q = pearson((s.columns[a] as NumColumn).values, (s.columns[b] as NumColumn).values);
            expect(Math.abs(r - q), `${stem} ${marginals} ${d.table.names[a]}–${d.table.names[b]}`).toBeLessThan(0.15);
          }
        }
      }
    }
  });
});

describe('Gaussian copula: exact conditional sampling', () => {
  const bi = bivariate(4000, 0.8, 7);

  it('fixed value: b | a = 1 has mean ≈ 0.8 and variance ≈ 0.36', async () => {
    const g = new GaussianCopula({ marginals: 'normal' });
    await g.fit(bi.table, bi.schema, { seed: 1 });
    const s = await g.sampleConditional(4000, { a: 1 }, { seed: 2 });
    const a = (getColumn(s, 'a') as NumColumn).values;
    const b = (getColumn(s, 'b') as NumColumn).values;
    expect(a.every((x) => x === 1)).toBe(true);
    // fitted μ, σ, ρ differ from (0, 1, 0.8) by sampling noise (~0.02); tolerances cover that and the draw's SE
    expect(Math.abs(mean(b) - 0.8)).toBeLessThan(0.05);
    expect(Math.abs(sd(b) ** 2 - 0.36)).toBeLessThan(0.04);
  });

  it('range: b | a ≥ 1 has mean ρ·φ(1)/(1 − Φ(1)) = 0.8 · 1.525135 = 1.2201, every a ≥ 1', async () => {
    const g = new GaussianCopula({ marginals: 'normal' });
    await g.fit(bi.table, bi.schema, { seed: 1 });
    const s = await g.sampleConditional(4000, { a: { min: 1 } }, { seed: 3 });
    const a = (getColumn(s, 'a') as NumColumn).values;
    expect(a.every((x) => x >= 1)).toBe(true);
    expect(Math.abs(mean(a) - 1.525135)).toBeLessThan(0.05);
    expect(Math.abs(mean((getColumn(s, 'b') as NumColumn).values) - 1.2201)).toBeLessThan(0.06);
  });

  it('categories and integer ranges on real data: every row satisfies the conditions', async () => {
    const d = loadData('prostate', 'lpsa');
    const g = new GaussianCopula();
    await g.fit(d.table, d.schema, { seed: 1 });
    const s = await g.sampleConditional(
      400,
      { svi: '1', age: { min: 60.2, max: 65 }, lcavol: { max: 2 } },
      { seed: 4 },
    );
    expectValid(d.table, d.schema, s);
    const svi = getColumn(s, 'svi') as CatColumn;
    expect(svi.codes.every((c) => svi.levels[c] === '1')).toBe(true);
    expect((getColumn(s, 'age') as NumColumn).values.every((x) => x >= 61 && x <= 65)).toBe(true);
    expect((getColumn(s, 'lcavol') as NumColumn).values.every((x) => x <= 2)).toBe(true);
    // svi = 1 goes with high lpsa in the real data (r ≈ 0.57): the conditional rows must show it
    const real = (getColumn(d.table, 'lpsa') as NumColumn).values;
    const realSvi = (getColumn(d.table, 'svi') as CatColumn).codes;
    const g1 = new GaussianCopula();
    await g1.fit(d.table, d.schema, { seed: 1 });
    const s1 = await g1.sampleConditional(2000, { svi: { oneOf: ['1'] } }, { seed: 5 });
    const s0 = await g1.sampleConditional(2000, { svi: 0 }, { seed: 5 });
    const realGap = mean(real.filter((_, i) => realSvi[i] === 1)) - mean(real.filter((_, i) => realSvi[i] === 0));
    const synGap =
      mean((getColumn(s1, 'lpsa') as NumColumn).values) - mean((getColumn(s0, 'lpsa') as NumColumn).values);
    // SDV's uniform-in-interval scores of a category attenuate its correlations (the within-class jitter is noise):
    // the real gap is 1.58, the copula's about half of it; require a clear shift in the right direction
    expect(realGap).toBeGreaterThan(1);
    expect(synGap).toBeGreaterThan(0.3 * realGap);
  });

  it('a fixed number never comes out missing', async () => {
    const d = prostateWithMissing();
    const g = new GaussianCopula();
    await g.fit(d.table, d.schema, { seed: 1 });
    const s = await g.sampleConditional(300, { lcavol: 1.5 }, { seed: 2 });
    expect((getColumn(s, 'lcavol') as NumColumn).values.every((x) => x === 1.5)).toBe(true);
  });

  it('clear errors: unknown column, out-of-range value, unknown category, range on a category, before fit', async () => {
    const d = loadData('prostate', 'lpsa');
    await expect(new GaussianCopula().sampleConditional(5, { age: 50 }, { seed: 1 })).rejects.toMatchObject({
      code: 'NOT_FITTED',
    });
    const g = new GaussianCopula();
    await g.fit(d.table, d.schema, { seed: 1 });
    await expect(g.sampleConditional(5, { nope: 1 }, { seed: 1 })).rejects.toMatchObject({ code: 'UNKNOWN_COLUMN' });
    await expect(g.sampleConditional(5, { age: 200 }, { seed: 1 })).rejects.toThrow(/outside the training range/);
    await expect(g.sampleConditional(5, { svi: '7' }, { seed: 1 })).rejects.toThrow(/no category "7"/);
    await expect(g.sampleConditional(5, { svi: { min: 0 } }, { seed: 1 })).rejects.toThrow(/categorical/);
    await expect(g.sampleConditional(5, { age: { min: 90 } }, { seed: 1 })).rejects.toThrow(/holds no value/);
  });

  it('seed-deterministic', async () => {
    const g = new GaussianCopula();
    const d = loadData('cryotherapy', 'Result_of_Treatment');
    await g.fit(d.table, d.schema, { seed: 1 });
    const a = await g.sampleConditional(50, { Result_of_Treatment: '1', age: { min: 20, max: 30 } }, { seed: 9 });
    const b = await g.sampleConditional(50, { Result_of_Treatment: '1', age: { min: 20, max: 30 } }, { seed: 9 });
    expect(a).toEqual(b);
  });
});

describe('Gaussian copula: cancel', () => {
  it('stops fitting when the signal fires (checked between columns)', async () => {
    const d = loadData('prostate', 'lpsa');
    let reads = 0;
    // the base class reads the signal once before fitModel; the copula's own checks see it fired
    const signal = {
      get aborted() {
        return ++reads > 1;
      },
    };
    await expect(new GaussianCopula().fit(d.table, d.schema, { seed: 1, signal })).rejects.toMatchObject({
      code: 'CANCELLED',
    });
  });
});

describe('Gaussian copula: properties', () => {
  propertySuite(() => new GaussianCopula(), 0.15);
});
