import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng.js';
import { makeTable, type NumColumn } from '../../src/core/table.js';
import { fitBayesianGmm, responsibilities } from '../../src/transforms/bayesian-gmm.js';
import {
  decodeModes,
  drawMode,
  encodeModes,
  fitModeNormalizer,
  modeSpans,
  type ModeColumn,
} from '../../src/transforms/mode-normalizer.js';
import { layoutWidth } from '../../src/transforms/vector-layout.js';

/** n values from 0.6·N(−5, 1) + 0.4·N(10, 0.5²). */
function twoModes(n: number, seed: number): Float64Array {
  const rng = new Rng(seed);
  return Float64Array.from({ length: n }, () => (rng.next() < 0.6 ? -5 + rng.normal() : 10 + 0.5 * rng.normal()));
}

describe('Bayesian Gaussian mixture', () => {
  it('finds the two modes of a clear two-mode mixture and gives the surplus components no weight', () => {
    const g = fitBayesianGmm(twoModes(600, 1));
    const heavy = g.weights.flatMap((w, j) => (w > 0.005 ? [j] : [])).sort((a, b) => g.means[a]! - g.means[b]!);
    expect(heavy).toHaveLength(2);
    const [lo, hi] = heavy as [number, number];
    expect(g.means[lo]).toBeCloseTo(-5, 0);
    expect(g.means[hi]).toBeCloseTo(10, 0);
    expect(g.stds[lo]).toBeGreaterThan(0.8);
    expect(g.stds[lo]).toBeLessThan(1.2);
    // the covariance prior (the data's variance) widens the narrow mode, as in scikit-learn
    expect(g.stds[hi]).toBeGreaterThan(0.4);
    expect(g.stds[hi]).toBeLessThan(1);
    expect(g.weights[lo]).toBeGreaterThan(0.5);
    expect(g.weights[lo]).toBeLessThan(0.7);
    expect(g.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
  });

  it('places every kept mode of one Gaussian near its centre, and prunes with more iterations', () => {
    const rng = new Rng(3);
    const x = Float64Array.from({ length: 400 }, () => 100 + 20 * rng.normal());
    const g = fitBayesianGmm(x);
    g.means.forEach((m, j) => g.weights[j]! > 0.005 && expect(Math.abs(m - 100)).toBeLessThan(20));
    const long = fitBayesianGmm(x, { maxIter: 1000, tol: 0 });
    expect(long.weights.filter((w) => w > 0.005)).toHaveLength(1);
  });

  it('puts a value near one mode in that mode', () => {
    const g = fitBayesianGmm(twoModes(600, 1));
    const keep = g.weights.flatMap((w, j) => (w > 0.005 ? [j] : []));
    const p = responsibilities(g, 10, keep);
    const hi = keep.findIndex((j) => Math.abs(g.means[j]! - 10) < 1);
    expect(p[hi]).toBeGreaterThan(0.999);
  });
});

describe('mode-specific normalisation', () => {
  const rng = new Rng(7);
  const num = twoModes(300, 2);
  const codes = Int32Array.from({ length: 300 }, () => rng.int(3));
  const table = makeTable(
    ['x', 'c'],
    [
      { kind: 'num', values: num },
      { kind: 'cat', codes, levels: ['a', 'b', 'c'] },
    ],
  );

  it('lays out [α, modes] per continuous column and a one-hot per categorical one', () => {
    const t = fitModeNormalizer(table);
    const spans = modeSpans(t);
    expect(spans.map((s) => s.kind)).toEqual(['tanh', 'softmax', 'softmax']);
    expect(spans[0]!.width).toBe(1);
    expect(spans[1]!.width).toBe(2);
    expect(spans[2]!.width).toBe(3);
    expect(layoutWidth(spans)).toBe(t.width);
  });

  it('round trip: encode then decode gives the input', () => {
    const t = fitModeNormalizer(table);
    const vec = encodeModes(t, table, new Rng(5));
    for (let i = 0; i < 300; i++) expect(Math.abs(vec[i * t.width]!)).toBeLessThanOrEqual(0.99);
    const back = decodeModes(t, vec, 300);
    const x = (back.columns[0] as NumColumn).values;
    for (let i = 0; i < 300; i++) expect(x[i]).toBeCloseTo(num[i]!, 4);
    expect(back.columns[1]).toEqual(table.columns[1]);
    expect(back.names).toEqual(['x', 'c']);
    // plain JSON: the state survives a save
    const again = decodeModes(JSON.parse(JSON.stringify(t)), vec, 300);
    expect(again).toEqual(back);
  });

  it('is the same for the same seed, and every row has exactly one mode', () => {
    const t = fitModeNormalizer(table);
    const a = encodeModes(t, table, new Rng(5));
    expect(encodeModes(t, table, new Rng(5))).toEqual(a);
    for (let i = 0; i < 300; i++) expect(a[i * t.width + 1]! + a[i * t.width + 2]!).toBe(1);
  });

  it("draws a value's mode with the frequencies of its posterior", () => {
    // two overlapping modes, so a value between them has a real choice
    const r = new Rng(11);
    const v = Float64Array.from({ length: 800 }, () => (r.next() < 0.5 ? -1 + 0.7 * r.normal() : 1 + 0.7 * r.normal()));
    const t = fitModeNormalizer(makeTable(['v'], [{ kind: 'num', values: v }]));
    const c = t.columns[0] as ModeColumn;
    expect(c.keep.length).toBeGreaterThanOrEqual(2);
    const x = 0.3;
    const p = responsibilities(c.gmm, x, c.keep);
    const counts = new Array<number>(c.keep.length).fill(0);
    const draws = new Rng(13);
    const N = 20000;
    for (let i = 0; i < N; i++) counts[drawMode(c, x, draws)]! += 1;
    // every mode reaches x here, so the frequencies are the posterior's (4 binomial standard errors)
    counts.forEach((k, m) =>
      expect(Math.abs(k / N - p[m]!)).toBeLessThan(4 * Math.sqrt((p[m]! * (1 - p[m]!)) / N) + 1e-3),
    );
    expect(Math.max(...p)).toBeLessThan(0.95);
  });
});

describe('few distinct values', () => {
  it('a two-valued column gets two modes, each value in its own', () => {
    const v = Float64Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? 1 : 0));
    const t = fitModeNormalizer(makeTable(['b'], [{ kind: 'num', values: v }]));
    const c = t.columns[0] as ModeColumn;
    expect(c.keep).toHaveLength(2);
    const back = decodeModes(t, encodeModes(t, makeTable(['b'], [{ kind: 'num', values: v }]), new Rng(1)), 200);
    (back.columns[0] as NumColumn).values.forEach((x, i) => expect(x).toBeCloseTo(v[i]!, 5));
  });
});
