/**
 * Gaussian mixture: the densities, the mixture log-likelihood and BIC against hand-worked values (the log-likelihoods
 * were checked with scipy: `multivariate_normal([0,0], [[4,2],[2,3]]).logpdf([1,1])` = −3.0650978372492634, and the
 * mixtures in the comments below), EM on a clearly bimodal sample, and the generator's wiring.
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng.js';
import { getColumn, type CatColumn, type NumColumn } from '../../src/core/table.js';
import {
  bic,
  cholesky,
  choleskyJitter,
  fitMixture,
  logNormal,
  mixtureLogLik,
  parameterCount,
  sampleMixture,
} from '../../src/generators/gmm/em.js';
import { Gmm } from '../../src/generators/gmm/gmm.js';
import { buildTable, inferSchema, parseCsv } from '../../src/io/index.js';

const LOG2PI = Math.log(2 * Math.PI);

function fromCsv(text: string) {
  const parsed = parseCsv(text, { fileName: 'toy.csv' });
  const { schema } = inferSchema(parsed);
  return { schema, table: buildTable(parsed, schema) };
}

/** 300 draws of N(−3, 1) then 700 of N(3, 1). */
function bimodal(seed: number): Float64Array {
  const rng = new Rng(seed);
  return Float64Array.from({ length: 1000 }, (_, i) => (i < 300 ? -3 : 3) + rng.normal());
}

describe('densities and likelihood, by hand', () => {
  it('Cholesky of [[4,2],[2,3]] is [[2,0],[1,√2]]; log N(0; 0, 1) = −½ log 2π; log N(1; 0, 4)', () => {
    const L = cholesky(Float64Array.from([4, 2, 2, 3]), 2);
    expect(Array.from(L).map((x) => Number(x.toFixed(12)))).toEqual([2, 0, 1, Number(Math.SQRT2.toFixed(12))]);
    const w = new Float64Array(2);
    expect(logNormal([0], 0, Float64Array.of(0), 0, Float64Array.of(1), 0, 1, w)).toBeCloseTo(-0.5 * LOG2PI, 12);
    expect(logNormal([1], 0, Float64Array.of(0), 0, Float64Array.of(2), 0, 1, w)).toBeCloseTo(
      -0.125 - Math.log(2) - 0.5 * LOG2PI,
      12,
    );
    // 2-D: xᵀΣ⁻¹x = (1,1)·[[3,−2],[−2,4]]/8·(1,1)ᵀ = 3/8, log det Σ = log 8
    expect(logNormal([1, 1], 0, Float64Array.of(0, 0), 0, L, 0, 2, w)).toBeCloseTo(
      -3 / 16 - 0.5 * Math.log(8) - LOG2PI,
      12,
    );
    expect(logNormal([1, 1], 0, Float64Array.of(0, 0), 0, L, 0, 2, w)).toBeCloseTo(-3.0650978372492634, 12);
    expect(() => cholesky(Float64Array.from([1, 2, 2, 1]), 2)).toThrow(/positive definite/);
  });

  it('mixture log-likelihood Σ_i log Σ_k π_k N(x_i; μ_k, Σ_k)', () => {
    // ½N(·; −1, 1) + ½N(·; 1, 1) at x = 0 and 1: log φ(1) + log(½φ(2) + ½φ(0)) = −1.418939 − 1.485157
    const m1 = {
      K: 2,
      D: 1,
      weights: Float64Array.of(0.5, 0.5),
      means: Float64Array.of(-1, 1),
      chol: Float64Array.of(1, 1),
    };
    expect(mixtureLogLik(Float64Array.of(0, 1), 2, m1)).toBeCloseTo(-2.904096235926318, 12);
    // 0.3·N((0,0), [[4,2],[2,3]]) + 0.7·N((2,1), diag(1,2)) at (1,1), (3,0), (−1,2); scipy: −11.566432911189485
    const m2 = {
      K: 2,
      D: 2,
      weights: Float64Array.of(0.3, 0.7),
      means: Float64Array.of(0, 0, 2, 1),
      chol: Float64Array.of(2, 0, 1, Math.SQRT2, 1, 0, 0, Math.SQRT2),
    };
    expect(mixtureLogLik(Float64Array.of(1, 1, 3, 0, -1, 2), 3, m2)).toBeCloseTo(-11.566432911189485, 10);
  });

  it('BIC = −2 log L + p log n, p = (K − 1) + K·D + K·D(D+1)/2', () => {
    expect(parameterCount(2, 1)).toBe(5); // 1 weight, 2 means, 2 variances
    expect(parameterCount(3, 2)).toBe(17); // 2 + 6 + 9
    const m = {
      K: 3,
      D: 2,
      weights: new Float64Array(3),
      means: new Float64Array(6),
      chol: new Float64Array(12),
      logLik: -100,
    };
    expect(bic(m, 50)).toBeCloseTo(200 + 17 * Math.log(50), 12);
  });
});

describe('EM', () => {
  it('never lowers the log-likelihood, and reports that of the returned parameters', () => {
    const X = bimodal(3);
    let prev = -Infinity;
    for (const it of [0, 1, 2, 5, 20]) {
      const m = fitMixture(X, 1000, 1, 2, new Rng(11), it, 1e-6, -Infinity);
      expect(m.iterations).toBe(it);
      expect(m.logLik).toBeGreaterThanOrEqual(prev - 1e-9);
      expect(m.logLik).toBeCloseTo(mixtureLogLik(X, 1000, m), 9);
      prev = m.logLik;
    }
  });

  it('recovers N(−3,1)/N(3,1) at 30/70: means within 0.2, weights within 0.04, SDs within 0.1; BIC picks 2 of 1…4', () => {
    const X = bimodal(7);
    const fits = [1, 2, 3, 4].map((k) => fitMixture(X, 1000, 1, k, new Rng(k), 300, 1e-6));
    const b = fits.map((m) => bic(m, 1000));
    expect(b.indexOf(Math.min(...b))).toBe(1);
    const m = fits[1]!;
    const [lo, hi] = m.means[0]! < m.means[1]! ? [0, 1] : [1, 0];
    expect(Math.abs(m.means[lo]! + 3)).toBeLessThan(0.2);
    expect(Math.abs(m.means[hi]! - 3)).toBeLessThan(0.2);
    expect(Math.abs(m.weights[lo]! - 0.3)).toBeLessThan(0.04);
    expect(Math.abs(m.chol[lo]! - 1)).toBeLessThan(0.1);
    expect(Math.abs(m.chol[hi]! - 1)).toBeLessThan(0.1);
  });

  it('sampling draws component k with probability π_k and spread L', () => {
    const m = {
      K: 2,
      D: 1,
      weights: Float64Array.of(0.25, 0.75),
      means: Float64Array.of(-10, 10),
      chol: Float64Array.of(1, 2),
      logLik: 0,
    };
    const rng = new Rng(5);
    const out = new Float64Array(1);
    const xs = Array.from({ length: 20000 }, () => (sampleMixture(m, rng, out), out[0]!));
    const left = xs.filter((x) => x < 0);
    expect(Math.abs(left.length / 20000 - 0.25)).toBeLessThan(0.015);
    const right = xs.filter((x) => x >= 0);
    const mr = right.reduce((s, x) => s + x, 0) / right.length;
    const sr = Math.sqrt(right.reduce((s, x) => s + (x - mr) ** 2, 0) / right.length);
    expect(Math.abs(sr - 2)).toBeLessThan(0.06);
  });
});

describe('the generator', () => {
  it('picks 2 components on a bimodal column, reports the BIC per k, and samples both modes at their weights', async () => {
    const d = fromCsv('x\n' + Array.from(bimodal(9), (x) => x.toFixed(4)).join('\n') + '\n');
    const g = new Gmm({ maxComponents: 5 });
    const rep = await g.fit(d.table, d.schema, { seed: 1 });
    expect(rep.details['components']).toBe(2);
    const scores = rep.details['bic'] as { k: number; bic: number }[];
    expect(scores.map((s) => s.k)).toEqual([1, 2, 3, 4, 5]);
    expect(Math.min(...scores.map((s) => s.bic))).toBe(scores[1]!.bic);
    const x = (getColumn(await g.sample(10000, { seed: 2 }), 'x') as NumColumn).values;
    expect(Math.abs(x.filter((v) => v < 0).length / 10000 - 0.3)).toBeLessThan(0.03);
  });

  it('categories as one-hot blocks: the sampled level (argmax of its block) follows its cluster', async () => {
    // level a sits at x ≈ −3 (30%), level b at x ≈ 3 (70%)
    const rows = Array.from(bimodal(4), (x, i) => `${x.toFixed(4)},${i < 300 ? 'a' : 'b'}`);
    const d = fromCsv('x,c\n' + rows.join('\n') + '\n');
    const g = new Gmm({ maxComponents: 4 });
    await g.fit(d.table, d.schema, { seed: 1 });
    const s = await g.sample(5000, { seed: 2 });
    const x = (getColumn(s, 'x') as NumColumn).values;
    const c = getColumn(s, 'c') as CatColumn;
    const a = c.levels.indexOf('a');
    let agree = 0;
    for (let i = 0; i < 5000; i++) if (x[i]! < 0 === (c.codes[i] === a)) agree++;
    expect(agree / 5000).toBeGreaterThan(0.97);
    expect(Math.abs(c.codes.filter((v) => v === a).length / 5000 - 0.3)).toBeLessThan(0.03);
  });

  it('caps the components for small tables (parameters below n·D, at most n/2)', async () => {
    const d = fromCsv('x,y\n' + Array.from({ length: 12 }, (_, i) => `${i + 0.5},${(i * 7) % 5}.5`).join('\n') + '\n');
    const rep = await new Gmm({ maxComponents: 10 }).fit(d.table, d.schema, { seed: 1 });
    // D = 2: p(K) = 6K − 1 < 24 ⇒ K ≤ 4
    expect((rep.details['bic'] as unknown[]).length).toBe(4);
  });
});

it('ridge 0 on one-hot blocks (a singular covariance) still fits: the Cholesky retries with a tiny jitter', async () => {
  const rows = Array.from(bimodal(4), (x, i) => `${x.toFixed(4)},${i < 300 ? 'a' : 'b'}`);
  const d = fromCsv('x,c\n' + rows.join('\n') + '\n');
  const rep = await new Gmm({ maxComponents: 3, ridge: 0 }).fit(d.table, d.schema, { seed: 1 });
  expect(rep.details['components']).toBeGreaterThanOrEqual(1);
  // [[1,1],[1,1]] is singular; with the jitter L·Lᵀ reproduces it to 1e-6
  const L = choleskyJitter(Float64Array.of(1, 1, 1, 1), 2);
  expect(L[0]! * L[0]!).toBeCloseTo(1, 6);
  expect(L[2]! * L[0]!).toBeCloseTo(1, 6);
  expect(L[2]! ** 2 + L[3]! ** 2).toBeCloseTo(1, 6);
});
