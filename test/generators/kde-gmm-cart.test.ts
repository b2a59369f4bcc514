import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng.js';
import { getColumn, type CatColumn, type NumColumn, type Table } from '../../src/core/table.js';
import { SequentialCart } from '../../src/generators/cart/cart.js';
import { LeafTree } from '../../src/generators/cart/tree.js';
import { bic, cholesky, fitMixture, logNormal } from '../../src/generators/gmm/em.js';
import { Gmm } from '../../src/generators/gmm/gmm.js';
import { bandwidth, Kde } from '../../src/generators/kde/kde.js';
import type { Generator } from '../../src/generators/generator.js';
import { loadShared } from '../support/data.js';

describe('KDE bandwidth rules, by hand', () => {
  it('Scott n^(−1/(d+4)); Silverman (4/(d+2))^(1/(d+4)) n^(−1/(d+4))', () => {
    expect(bandwidth('scott', 100, 1)).toBeCloseTo(Math.pow(100, -0.2), 12); // 0.398107
    expect(bandwidth('scott', 100, 1)).toBeCloseTo(0.398107, 6);
    expect(bandwidth('silverman', 100, 1)).toBeCloseTo(0.421685, 6); // (4/3)^0.2 · 0.398107
    expect(bandwidth('silverman', 100, 2)).toBeCloseTo(bandwidth('scott', 100, 2), 12); // (4/4)^… = 1
  });
});

describe('Gaussian mixture EM', () => {
  it('Cholesky of [[4,2],[2,3]] is [[2,0],[1,√2]]; log N(0; 0, 1) = −½ log 2π', () => {
    const L = cholesky(Float64Array.from([4, 2, 2, 3]), 2);
    expect(Array.from(L).map((x) => Number(x.toFixed(12)))).toEqual([2, 0, 1, Number(Math.SQRT2.toFixed(12))]);
    const w = new Float64Array(1);
    expect(logNormal([0], 0, Float64Array.of(0), 0, Float64Array.of(1), 0, 1, w)).toBeCloseTo(-0.5 * Math.log(2 * Math.PI), 12);
    // N(x=1; μ=0, σ²=4): −½·(1/4) − log 2 − ½ log 2π
    expect(logNormal([1], 0, Float64Array.of(0), 0, Float64Array.of(2), 0, 1, w)).toBeCloseTo(-0.125 - Math.log(2) - 0.5 * Math.log(2 * Math.PI), 12);
  });

  it('recovers a clearly bimodal sample (N(−3,1) and N(3,1), 30/70) and BIC picks 2 components', () => {
    const rng = new Rng(7);
    const n = 1000;
    const X = Float64Array.from({ length: n }, (_, i) => (i < 300 ? -3 : 3) + rng.normal());
    const fits = [1, 2, 3].map((k) => fitMixture(X, n, 1, k, new Rng(k), 300, 1e-6));
    const b = fits.map((m) => bic(m, n));
    expect(b[1]!).toBeLessThan(b[0]!);
    expect(b[1]!).toBeLessThan(b[2]!);
    const m = fits[1]!;
    const order = m.means[0]! < m.means[1]! ? [0, 1] : [1, 0];
    expect(m.means[order[0]!]!).toBeCloseTo(-3, 0);
    expect(Math.abs(m.means[order[0]!]! + 3)).toBeLessThan(0.2);
    expect(Math.abs(m.means[order[1]!]! - 3)).toBeLessThan(0.2);
    expect(Math.abs(m.weights[order[0]!]! - 0.3)).toBeLessThan(0.04);
  });
});

describe('CART leaves', () => {
  it('splits a 6-row example between 3 and 10 and samples only from the leaf\'s training rows', () => {
    const D = { X: Float64Array.from([1, 2, 3, 10, 11, 12]), n: 6, d: 1 };
    const tree = new LeafTree(0, 1).fit(D, [0, 0, 0, 5, 5, 5]);
    expect(tree.leaves).toBe(2);
    const q = { X: Float64Array.from([2.5, 50]), n: 2, d: 1 };
    expect(Array.from(tree.leafRows(q, 0)).sort()).toEqual([0, 1, 2]);
    expect(Array.from(tree.leafRows(q, 1)).sort()).toEqual([3, 4, 5]);
  });
  it('respects the minimum leaf size', () => {
    const D = { X: Float64Array.from([1, 2, 3, 10, 11, 12]), n: 6, d: 1 };
    expect(new LeafTree(0, 4).fit(D, [0, 0, 0, 5, 5, 5]).leaves).toBe(1); // 3 | 3 would break minLeaf 4
  });
});

function same(a: Table, b: Table): boolean {
  return a.columns.every((c, j) => {
    const d = b.columns[j]!;
    return c.kind === 'num' ? (d as NumColumn).values.every((x, i) => Object.is(x, c.values[i])) : c.kind === 'cat' ? (d as CatColumn).codes.every((x, i) => x === c.codes[i]) : true;
  });
}

const make: Record<string, () => Generator> = { kde: () => new Kde(), gmm: () => new Gmm(), cart: () => new SequentialCart() };
for (const [stem, target] of [
  ['cryotherapy', 'Result_of_Treatment'],
  ['prostate', 'lpsa'],
] as const) {
  const d = loadShared(stem, target);
  for (const [id, mk] of Object.entries(make)) {
    it(`${id} on ${stem}: valid output, seed-deterministic, means within 0.35 SD`, async () => {
      const g = mk();
      await g.fit(d.table, d.schema, { seed: 1 });
      const a = await g.sample(400, { seed: 2 });
      const b = await g.sample(400, { seed: 2 });
      const c = await g.sample(400, { seed: 3 });
      expect(same(a, b)).toBe(true);
      expect(same(a, c)).toBe(false);
      for (const cs of d.schema.columns) {
        const real = getColumn(d.table, cs.name);
        const syn = getColumn(a, cs.name);
        if (real.kind === 'num' && syn.kind === 'num') {
          const mean = (v: Float64Array) => v.reduce((s, x) => s + x, 0) / v.length;
          const sd = Math.sqrt(real.values.reduce((s, x) => s + (x - mean(real.values)) ** 2, 0) / real.values.length);
          for (const x of syn.values) {
            expect(x).toBeGreaterThanOrEqual(cs.min!);
            expect(x).toBeLessThanOrEqual(cs.max!);
            if (cs.integer) expect(Number.isInteger(x)).toBe(true);
          }
          expect(Math.abs(mean(syn.values) - mean(real.values))).toBeLessThan(0.35 * sd);
          if (id === 'cart') {
            // CART draws real values from leaves (equal up to the input's printed precision)
            const lv = new Set(Array.from(real.values, (x) => x.toPrecision(12)));
            for (const x of syn.values) expect(lv.has(x.toPrecision(12))).toBe(true);
          }
        } else if (real.kind === 'cat' && syn.kind === 'cat') {
          const used = new Set(real.codes);
          for (const x of syn.codes) expect(used.has(x)).toBe(true);
        }
      }
    });
  }
}

it('cart honours a user column order and rejects an unknown name', async () => {
  const d = loadShared('cryotherapy', 'Result_of_Treatment');
  const g = new SequentialCart({ order: 'Area, age' });
  const rep = await g.fit(d.table, d.schema, { seed: 1 });
  expect((rep.details['order'] as string[]).slice(0, 2)).toEqual(['Area', 'age']);
  await expect(new SequentialCart({ order: 'nope' }).fit(d.table, d.schema, { seed: 1 })).rejects.toThrow(/names "nope"/);
});
