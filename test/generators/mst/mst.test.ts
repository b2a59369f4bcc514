import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/core/rng.js';
import type { CatColumn, NumColumn, Table } from '../../../src/core/table.js';
import { getColumn } from '../../../src/core/table.js';
import { Mst, splitBudget } from '../../../src/generators/mst/mst.js';
import { binCodes, privateBounds } from '../../../src/generators/mst/bounds.js';
import { buildTable, inferSchema, parseCsv } from '../../../src/io/index.js';
import { epsilonFromRho, rhoFromEpsilonDelta } from '../../../src/privacy/dp/zcdp.js';

/** 4 000 rows: x ~ N(50, 10); color a/b/c (.5/.3/.2); shade follows color 95 % of the time; u and flag independent. */
function makeData(seed = 1, n = 4000) {
  const rng = new Rng(seed);
  const shades = ['dark', 'mid', 'light'];
  const lines = ['x,color,shade,u,flag'];
  for (let i = 0; i < n; i++) {
    const r = rng.next();
    const c = r < 0.5 ? 0 : r < 0.8 ? 1 : 2;
    const s = rng.next() < 0.95 ? c : rng.int(3);
    const x = (50 + 10 * rng.normal()).toFixed(1);
    lines.push(`${x},${'abc'[c]},${shades[s]},${rng.int(10)},${rng.next() < 0.7 ? 'yes' : 'no'}`);
  }
  const parsed = parseCsv(new TextEncoder().encode(lines.join('\n')), { fileName: 'dp.csv' });
  const { schema } = inferSchema(parsed, { target: null });
  return { schema, table: buildTable(parsed, schema) };
}

function shares(t: Table, name: string): Map<string, number> {
  const c = getColumn(t, name);
  const m = new Map<string, number>();
  if (c.kind === 'cat') for (const code of c.codes) m.set(c.levels[code]!, (m.get(c.levels[code]!) ?? 0) + 1 / t.nRows);
  else if (c.kind === 'num') for (const v of c.values) m.set(String(v), (m.get(String(v)) ?? 0) + 1 / t.nRows);
  return m;
}

function tvd(a: Map<string, number>, b: Map<string, number>): number {
  let s = 0;
  for (const k of new Set([...a.keys(), ...b.keys()])) s += Math.abs((a.get(k) ?? 0) - (b.get(k) ?? 0));
  return s / 2;
}

/** Share of values below each of the real deciles: a one-way shape check for a number column. */
function decileGap(real: Float64Array, syn: Float64Array): number {
  const sorted = [...real].sort((a, b) => a - b);
  let worst = 0;
  for (let q = 1; q < 10; q++) {
    const cut = sorted[Math.floor((q / 10) * sorted.length)]!;
    const below = syn.filter((v) => v < cut).length / syn.length;
    const realBelow = real.filter((v) => v < cut).length / real.length;
    worst = Math.max(worst, Math.abs(below - realBelow));
  }
  return worst;
}

describe('mst', () => {
  const d = makeData();

  it('at a large ε every one-way marginal of the sample is close to the real one', async () => {
    const g = new Mst({ epsilon: 1e4 });
    await g.fit(d.table, d.schema, { seed: 3 });
    const s = await g.sample(8000, { seed: 4 });
    for (const name of ['color', 'shade', 'u', 'flag'])
      expect(tvd(shares(s, name), shares(d.table, name))).toBeLessThan(0.03);
    const x = (getColumn(d.table, 'x') as NumColumn).values;
    expect(decileGap(x, (getColumn(s, 'x') as NumColumn).values)).toBeLessThan(0.03);
  });

  it('at ε 1 the tree picks the one strongly dependent pair (color – shade), whatever the seed', async () => {
    for (const seed of [1, 2, 3]) {
      const g = new Mst({ epsilon: 1 });
      const report = await g.fit(d.table, d.schema, { seed });
      const edges = report.details['edges'] as [string, string][];
      expect(edges).toHaveLength(4);
      expect(edges.some((e) => [...e].sort().join('|') === 'color|shade')).toBe(true);
    }
  });

  it('at ε 1 the dependence survives: shade follows color in most synthetic rows', async () => {
    const g = new Mst({ epsilon: 1 });
    await g.fit(d.table, d.schema, { seed: 5 });
    const s = await g.sample(4000, { seed: 6 });
    const color = getColumn(s, 'color') as CatColumn;
    const shade = getColumn(s, 'shade') as CatColumn;
    const match = { a: 'dark', b: 'mid', c: 'light' } as Record<string, string>;
    let same = 0;
    for (let i = 0; i < s.nRows; i++)
      if (match[color.levels[color.codes[i]!]!] === shade.levels[shade.codes[i]!]) same++;
    expect(same / s.nRows).toBeGreaterThan(0.85);
  });

  it('records the budget: ρ of (ε, δ), its split, and the spent ε in the notes and details', async () => {
    const g = new Mst({ epsilon: 1 });
    const report = await g.fit(d.table, d.schema, { seed: 1 });
    const delta = 1 / 4000 ** 2;
    const rho = rhoFromEpsilonDelta(1, delta);
    const dp = report.details['dp'] as Record<string, number>;
    expect(dp['delta']).toBe(delta);
    expect(dp['rho']).toBeCloseTo(rho, 15);
    expect(dp['bounds']! + dp['oneWay']! + dp['tree']! + dp['twoWay']!).toBeCloseTo(rho, 15);
    expect(dp['epsilonSpent']).toBeCloseTo(1, 12);
    expect(report.notes[0]).toMatch(
      /^differentially private: \(ε 1, δ 6\.25e-8\) → ρ .* spent ρ .* which is \(ε 1(\.000)?, δ 6\.25e-8\)/,
    );
    expect(report.notes.join(' ')).toMatch(/outside the budget .*category lists/);
    expect(report.notes.join(' ')).not.toMatch(/too few rows/);
  });

  it('says so when a table is too small for private bounds at its ε', async () => {
    const small = makeData(2, 60);
    const report = await new Mst({ epsilon: 0.5 }).fit(small.table, small.schema, { seed: 1 });
    expect(report.notes.join(' ')).toMatch(
      /too few rows for private bounds at this ε: x \(no bucket rose above the noise/,
    );
  });

  it('the same seed gives the same rows', async () => {
    const run = async () => {
      const g = new Mst({ epsilon: 2 });
      await g.fit(d.table, d.schema, { seed: 9 });
      return getColumn(await g.sample(200, { seed: 10 }), 'x');
    };
    expect(await run()).toEqual(await run());
  });
});

describe('mst budget and bounds', () => {
  it('splitBudget: a tenth to bounds when there are numbers, the rest in thirds; none without numbers', () => {
    const b = splitBudget(1, 1e-5, true);
    expect(b.bounds).toBeCloseTo(0.1 * b.rho, 15);
    expect(b.oneWay).toBeCloseTo(0.3 * b.rho, 15);
    expect(b.tree).toBe(b.oneWay);
    expect(b.twoWay).toBe(b.oneWay);
    const c = splitBudget(1, 1e-5, false);
    expect(c.bounds).toBe(0);
    expect(c.oneWay * 3).toBeCloseTo(c.rho, 15);
    expect(epsilonFromRho(c.oneWay * 3, 1e-5)).toBeCloseTo(1, 12);
  });

  it('private bounds at a large ρ are the power-of-two buckets around the data', () => {
    const rng = new Rng(1);
    const v = Float64Array.from({ length: 3000 }, () => 20 + 60 * rng.next());
    expect(privateBounds([v], 1e6, new Rng(2))).toEqual([{ lo: 16, hi: 128, found: true }]);
    const w = Float64Array.from({ length: 3000 }, () => -3 + 3.5 * rng.next());
    expect(privateBounds([w], 1e6, new Rng(2))).toEqual([{ lo: -4, hi: 0.5, found: true }]);
  });

  it('private bounds at a tiny ρ do not reveal an outlier: one row far out is lost in the noise', () => {
    const v = new Float64Array(2000).fill(5);
    v[0] = 1e9;
    const { hi } = privateBounds([v], 0.01, new Rng(3))[0]!;
    expect(hi).toBeLessThan(1e3);
  });

  it('binCodes clips into the end bins', () => {
    expect([...binCodes(Float64Array.from([-5, 0, 0.49, 0.5, 1, 7]), 0, 1, 2)]).toEqual([0, 0, 0, 1, 1, 1]);
  });
});
