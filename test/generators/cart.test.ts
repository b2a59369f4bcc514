/** Sequential CART: splits chosen by hand on 6-row examples, leaf sampling on a toy table, order and missing values. */
import { describe, expect, it } from 'vitest';
import { getColumn, type CatColumn, type NumColumn } from '../../src/core/table.js';
import { SequentialCart } from '../../src/generators/cart/cart.js';
import { smoothDensity, bwNrd0 } from '../../src/generators/cart/smooth.js';
import { LeafTree } from '../../src/generators/cart/tree.js';
import { Rng } from '../../src/core/rng.js';
import { buildTable, inferSchema, parseCsv } from '../../src/io/index.js';
import { loadData } from '../support/data.js';

function fromCsv(text: string, target: string | null = null) {
  const parsed = parseCsv(text, { fileName: 'toy.csv' });
  const { schema } = inferSchema(parsed, { target });
  return { schema, table: buildTable(parsed, schema) };
}

const X6 = { X: Float64Array.from([1, 2, 3, 4, 5, 6]), n: 6, d: 1 };
/** The leaves as sorted lists of training rows, found by dropping each training x down the tree. */
function leaves(tree: LeafTree): number[][] {
  const seen = new Map<string, number[]>();
  for (let i = 0; i < 6; i++) {
    const rows = Array.from(tree.leafRows(X6, i)).sort((a, b) => a - b);
    seen.set(rows.join(), rows);
  }
  return [...seen.values()].sort((a, b) => a[0]! - b[0]!);
}

describe('splits, by hand on 6 rows (x = 1…6)', () => {
  it('regression (squared error), min leaf 2: y = 1, 2, 6, 7, 8, 30 splits after x = 4, then the left half after x = 2', () => {
    // root candidates (left | right SSE): after 2: 0.5 + 398.75 = 399.25; after 3: 14 + 338 = 352; after 4: 26 + 242 = 268 ← best
    // left {1,2,6,7}: after 2: 0.5 + 0.5 = 1 < 26 → split; right {8,30} has 2 rows < 2·min leaf → a leaf
    const tree = new LeafTree(0, 2).fit(X6, [1, 2, 6, 7, 8, 30]);
    expect(leaves(tree)).toEqual([
      [0, 1],
      [2, 3],
      [4, 5],
    ]);
  });

  it('classification (Gini), min leaf 2: y = 0, 0, 0, 1, 0, 1 splits after x = 3 and stops', () => {
    // n·Gini of the children: after 2: 0 + 4·(1 − ¼ − ¼) = 2; after 3: 0 + 3·(1 − 1/9 − 4/9) = 1.333 ← best;
    // after 4: 4·(1 − 9/16 − 1/16) + 2·½ = 2.5. Children of 3 rows cannot split again with min leaf 2.
    const tree = new LeafTree(2, 2).fit(X6, [0, 0, 0, 1, 0, 1]);
    expect(leaves(tree)).toEqual([
      [0, 1, 2],
      [3, 4, 5],
    ]);
  });

  it('two clear clusters; a query falls into the leaf of its side', () => {
    const D = { X: Float64Array.from([1, 2, 3, 10, 11, 12]), n: 6, d: 1 };
    const tree = new LeafTree(0, 1).fit(D, [0, 0, 0, 5, 5, 5]);
    expect(tree.leaves).toBe(2); // both sides are pure: no further gain
    const q = { X: Float64Array.from([2.5, 50]), n: 2, d: 1 };
    expect(Array.from(tree.leafRows(q, 0)).sort()).toEqual([0, 1, 2]);
    expect(Array.from(tree.leafRows(q, 1)).sort()).toEqual([3, 4, 5]);
  });

  it('respects the minimum leaf size', () => {
    const D = { X: Float64Array.from([1, 2, 3, 10, 11, 12]), n: 6, d: 1 };
    expect(new LeafTree(0, 4).fit(D, [0, 0, 0, 5, 5, 5]).leaves).toBe(1); // 3 | 3 would break min leaf 4
  });
});

describe('the generator', () => {
  it("draws a value only from the training rows of the synthetic row's leaf", async () => {
    // g = a → y ∈ {1.5 … 5.5}, g = b → y ∈ {101.5 … 105.5}; min leaf 5: the tree of y on g has exactly these two leaves
    const rows = [1.5, 2.5, 3.5, 4.5, 5.5].flatMap((y) => [`a,${y}`, `b,${y + 100}`]);
    const d = fromCsv('g,y\n' + rows.join('\n') + '\n');
    const g = new SequentialCart({ order: 'g,y' });
    const rep = await g.fit(d.table, d.schema, { seed: 1 });
    expect(rep.details['leaves']).toEqual([2]);
    const s = await g.sample(2000, { seed: 2 });
    const gs = getColumn(s, 'g') as CatColumn;
    const ys = (getColumn(s, 'y') as NumColumn).values;
    const leafOf = { a: new Set([1.5, 2.5, 3.5, 4.5, 5.5]), b: new Set([101.5, 102.5, 103.5, 104.5, 105.5]) };
    const seen = { a: new Set<number>(), b: new Set<number>() };
    for (let i = 0; i < 2000; i++) {
      const level = gs.levels[gs.codes[i]!] as 'a' | 'b';
      expect(leafOf[level].has(ys[i]!), `row ${i}: ${level} with y = ${ys[i]}`).toBe(true);
      seen[level].add(ys[i]!);
    }
    expect(seen.a.size).toBe(5); // every training row of the leaf is a donor
    expect(seen.b.size).toBe(5);
  });

  it('default order: schema order with the target last; a user order first, the rest after; an unknown name is an error', async () => {
    const d = loadData('cryotherapy', 'Result_of_Treatment');
    const auto = await new SequentialCart().fit(d.table, d.schema, { seed: 1 });
    expect(auto.details['order']).toEqual([
      'sex',
      'age',
      'Time',
      'Number_of_Warts',
      'Type',
      'Area',
      'Result_of_Treatment',
    ]);
    const rep = await new SequentialCart({ order: 'Area, age' }).fit(d.table, d.schema, { seed: 1 });
    expect(rep.details['order']).toEqual([
      'Area',
      'age',
      'sex',
      'Time',
      'Number_of_Warts',
      'Type',
      'Result_of_Treatment',
    ]);
    await expect(new SequentialCart({ order: 'nope' }).fit(d.table, d.schema, { seed: 1 })).rejects.toThrow(
      /names "nope"/,
    );
  });

  it('missing values: the indicator is synthesised just before its column, whose tree learns from present cells only', async () => {
    // 3 missing cells: fewer than a leaf (5), so no split can isolate them; 94 present, so the median that fills a
    // missing cell is the mean of two real values, not one of them
    const d = loadData('prostate', 'lpsa');
    const col = getColumn(d.table, 'lcavol') as NumColumn;
    for (let i = 0; i < 3; i++) col.values[i * 8 + 1] = NaN;
    d.schema = {
      ...d.schema,
      columns: d.schema.columns.map((c) => (c.name === 'lcavol' ? { ...c, missingRate: 3 / 97 } : c)),
    };
    const g = new SequentialCart();
    const rep = await g.fit(d.table, d.schema, { seed: 1 });
    const order = rep.details['order'] as string[];
    expect(order.indexOf('lcavol\u241fmissing')).toBe(order.indexOf('lcavol') - 1);
    const s = await g.sample(3000, { seed: 2 });
    const lc = (getColumn(s, 'lcavol') as NumColumn).values;
    // the output keeps the input's precision (7 decimals here; the file has float noise such as 1.2208298999999998)
    const present = new Set(
      Array.from((getColumn(d.table, 'lcavol') as NumColumn).values)
        .filter((x) => !Number.isNaN(x))
        .map((x) => Number(x.toFixed(7))),
    );
    for (const x of lc) if (!Number.isNaN(x)) expect(present.has(x)).toBe(true);
    expect(Math.abs(lc.filter(Number.isNaN).length / 3000 - 3 / 97)).toBeLessThan(0.02);
  });
});

describe("synthpop's density smoothing", () => {
  it("bw.nrd0 = 0.9 · min(SD, IQR/1.34) · n^(−1/5) (values from R's definition, checked in numpy)", () => {
    expect(bwNrd0([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toBeCloseTo(1.719286404692283, 12); // SD 3.0277 < IQR 4.5/1.34
    expect(bwNrd0([1, 1, 1, 1, 1, 1, 2, 3, 10, 20])).toBeCloseTo(0.7416103116091823, 12); // IQR 1.75/1.34 < SD
    expect(bwNrd0([0, 0, 0, 0, 0, 0, 0, 0, 0, 4])).toBeCloseTo(0.7182944333887967, 12); // IQR 0 → SD
    expect(bwNrd0([5, 5, 5, 5])).toBeCloseTo(3.4103622746483957, 12); // SD 0 → |x₁|
  });

  it('adds N(0, bw²) and leaves a dominant (> 70%) value alone', () => {
    const y = Float64Array.from({ length: 1000 }, (_, i) => (i < 800 ? 0 : (i % 10) + 1));
    const bw = smoothDensity(y, null, new Rng(1));
    expect(bw).toBeCloseTo(bwNrd0(Array.from({ length: 200 }, (_, i) => ((800 + i) % 10) + 1)), 12);
    expect(y.subarray(0, 800).every((v) => v === 0)).toBe(true);
    const moved = Array.from(y.subarray(800), (v, i) => v - (((800 + i) % 10) + 1));
    const s = Math.sqrt(moved.reduce((a, d) => a + d * d, 0) / moved.length);
    expect(Math.abs(s / bw - 1)).toBeLessThan(0.15); // 200 draws: SE of an SD ≈ 5%
  });

  it('with smoothing = density, numbers are no longer copies of real values (and stay in range)', async () => {
    const d = loadData('prostate', 'lpsa');
    const g = new SequentialCart({ smoothing: 'density' });
    await g.fit(d.table, d.schema, { seed: 1 });
    const s = await g.sample(500, { seed: 2 });
    const real = new Set(Array.from((getColumn(d.table, 'lweight') as NumColumn).values, (x) => Number(x.toFixed(4))));
    const lw = (getColumn(s, 'lweight') as NumColumn).values;
    expect(lw.filter((x) => real.has(x)).length / 500).toBeLessThan(0.1);
    const cs = d.schema.columns.find((c) => c.name === 'lweight')!;
    for (const x of lw) expect(x >= cs.min! && x <= cs.max!).toBe(true);
  });
});
