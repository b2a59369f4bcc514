import { beforeAll, describe, expect, it } from 'vitest';
import { CancelledError } from '../../src/core/errors.js';
import type { Progress } from '../../src/core/progress.js';
import { Rng } from '../../src/core/rng.js';
import { makeTable } from '../../src/core/table.js';
import { Ctgan } from '../../src/generators/ctgan/ctgan.js';
import { pacBatch } from '../../src/generators/ctgan/fit.js';
import { pacGroup } from '../../src/generators/ctgan/model.js';
import { CondSampler, sampleFromPrior } from '../../src/generators/ctgan/sampler.js';
import { condLoss, pacGradientPenalty } from '../../src/generators/ctgan/train.js';
import { createGenerator, restoreGenerator } from '../../src/generators/registry.js';
import { selectBackend } from '../../src/ml/backend.js';
import { tf, type Tensor2D } from '../../src/ml/tf.js';
import { encodeModes, fitModeNormalizer } from '../../src/transforms/mode-normalizer.js';
import { loadData } from '../support/data.js';
import { expectValid, sameTable } from './classic-helpers.js';

const tiny = { epochs: 3, hidden: 32, noise: 16, batchSize: 40, pac: 4 };
const cpu = { backend: 'cpu' } as const;

beforeAll(async () => {
  await selectBackend('cpu');
});

/** A table with a 3-level column of counts 80/15/5 and a 2-level column of 50/50, plus a number. */
function catTable(): { sampler: CondSampler; codes: Int32Array; vec: Float32Array; width: number } {
  const codes = Int32Array.from({ length: 100 }, (_, i) => (i < 80 ? 0 : i < 95 ? 1 : 2));
  const other = Int32Array.from({ length: 100 }, (_, i) => i % 2);
  const r = new Rng(1);
  const t = makeTable(
    ['a', 'x', 'b'],
    [
      { kind: 'cat', codes, levels: ['p', 'q', 'r'] },
      { kind: 'num', values: Float64Array.from({ length: 100 }, () => r.normal()) },
      { kind: 'cat', codes: other, levels: ['u', 'v'] },
    ],
  );
  const s = fitModeNormalizer(t);
  const vec = encodeModes(s, t, new Rng(2));
  return { sampler: new CondSampler(s, vec, 100), codes, vec, width: s.width };
}

describe('CTGAN parts', () => {
  it('conditional vector: column uniform, level ∝ log(freq + 1); real rows have that level', () => {
    const { sampler, codes } = catTable();
    expect(sampler.width).toBe(5);
    const N = 20000;
    const b = sampler.sample(N, new Rng(3));
    const colCount = [0, 0];
    const levelCount = [0, 0, 0];
    for (let i = 0; i < N; i++) {
      colCount[b.col[i]!]! += 1;
      if (b.col[i] === 0) levelCount[b.level[i]!]! += 1;
      // one-hot of the level inside its column's block, and the mask on that column
      expect(b.cond[i * 5 + sampler.columns[b.col[i]!]!.condStart + b.level[i]!]).toBe(1);
      expect(b.mask[i * 2 + b.col[i]!]).toBe(1);
    }
    expect(Math.abs(colCount[0]! / N - 0.5)).toBeLessThan(0.015);
    const w = [81, 16, 6].map(Math.log);
    const sum = w.reduce((a, c) => a + c, 0);
    levelCount.forEach((c, l) => expect(Math.abs(c / colCount[0]! - w[l]! / sum)).toBeLessThan(0.02));
    const rows = sampler.realRows(b.col, b.level, new Rng(4));
    for (let i = 0; i < 2000; i++) if (b.col[i] === 0) expect(codes[rows[i]!]).toBe(b.level[i]);
  });

  it('unconditional conditions follow the plain frequencies', () => {
    const { sampler } = catTable();
    const N = 20000;
    const cond = sampleFromPrior(sampler.prior(), N, new Rng(5));
    let p = 0;
    let a = 0;
    for (let i = 0; i < N; i++) {
      a += cond[i * 5]! + cond[i * 5 + 1]! + cond[i * 5 + 2]!;
      p += cond[i * 5]!;
    }
    expect(Math.abs(p / a - 0.8)).toBeLessThan(0.02);
  });

  it('PacGAN grouping puts pac consecutive rows side by side', () => {
    const x = tf.tensor2d(
      Float32Array.from({ length: 24 }, (_, i) => i),
      [6, 4],
    );
    const g = pacGroup(x, 3);
    expect(g.shape).toEqual([2, 12]);
    expect(Array.from(g.dataSync())).toEqual(Array.from({ length: 24 }, (_, i) => i));
    expect(() => pacGroup(x, 4)).toThrow(/groups of 4/);
    tf.dispose([x, g]);
    expect(pacBatch(500, 10)).toBe(500);
    expect(pacBatch(45, 10)).toBe(40);
    expect(pacBatch(3, 10)).toBe(10);
  });

  it('gradient penalty of a linear critic on the pac-grouped input is λ(‖w‖ − 1)² exactly', () => {
    const pac = 3;
    const d = 4;
    const w = Float32Array.from({ length: pac * d }, (_, i) => 0.1 * (i + 1) * (i % 2 ? -1 : 1));
    const norm = Math.hypot(...w);
    const wT = tf.tensor2d(w, [1, pac * d]);
    const real = tf.randomNormal([12, d], 0, 1, 'float32', 1) as Tensor2D;
    const fake = tf.randomNormal([12, d], 0, 1, 'float32', 2) as Tensor2D;
    const gp = pacGradientPenalty((x) => tf.tile(wT, [x.shape[0], 1]) as Tensor2D, real, fake, pac, 7, 10);
    expect(gp.dataSync()[0]).toBeCloseTo(10 * (norm - 1) ** 2, 4);
    // and the same from the real input gradient of x·w, taken by tfjs on the grouped rows
    const grad = tf.grad((x: tf.Tensor) => tf.sum(tf.matMul(x as Tensor2D, wT, false, true)));
    const gp2 = pacGradientPenalty((x) => grad(x) as Tensor2D, real, fake, pac, 7, 10);
    expect(gp2.dataSync()[0]).toBeCloseTo(10 * (norm - 1) ** 2, 4);
    tf.dispose([wT, real, fake, gp, gp2]);
  });

  it("conditional cross-entropy is taken on each row's chosen column only", () => {
    const cols = [
      { dataStart: 0, condStart: 0, size: 2 },
      { dataStart: 2, condStart: 2, size: 2 },
    ];
    const raw = tf.tensor2d([
      [2, 0, 0, 5],
      [0, 0, 1, 0],
    ]);
    const cond = tf.tensor2d([
      [1, 0, 0, 0],
      [0, 0, 0, 1],
    ]);
    const mask = tf.tensor2d([
      [1, 0],
      [0, 1],
    ]);
    const ce = condLoss(raw, cond, mask, cols).dataSync()[0]!;
    const expected = (Math.log(1 + Math.exp(-2)) + Math.log(1 + Math.exp(1))) / 2;
    expect(ce).toBeCloseTo(expected, 5);
    tf.dispose([raw, cond, mask]);
  });
});

describe('CTGAN (tiny configs, cpu backend)', () => {
  const cryo = loadData('cryotherapy', 'Result_of_Treatment');

  it('trains with the four loss terms in progress, samples valid rows', async () => {
    const g = new Ctgan(tiny);
    const seen: Progress[] = [];
    const rep = await g.fit(cryo.table, cryo.schema, { seed: 3, ...cpu, onProgress: (p) => seen.push(p) });
    const train = seen.filter((p): p is Extract<Progress, { stage: 'train' }> => p.stage === 'train');
    expect(Object.keys(train[0]!.losses).sort()).toEqual(['condCe', 'critic', 'generator', 'gp']);
    expect(rep.history).toHaveLength(3);
    expect(rep.details['batch']).toBe(40);
    expectValid(cryo.table, cryo.schema, await g.sample(200, { seed: 4, ...cpu }));
    g.dispose();
  });

  it('same seed twice on cpu gives identical output', async () => {
    const run = async (): Promise<Awaited<ReturnType<Ctgan['sample']>>> => {
      const g = new Ctgan(tiny);
      await g.fit(cryo.table, cryo.schema, { seed: 11, ...cpu });
      const s = await g.sample(60, { seed: 12, ...cpu });
      g.dispose();
      return s;
    };
    expect(sameTable(await run(), await run())).toBe(true);
  });

  it('leaks no tensors over fit + sample + dispose, nor on cancel', async () => {
    const g0 = new Ctgan({ ...tiny, epochs: 1 });
    await g0.fit(cryo.table, cryo.schema, { seed: 1, ...cpu });
    g0.dispose();
    const start = tf.memory().numTensors;
    const g = new Ctgan(tiny);
    await g.fit(cryo.table, cryo.schema, { seed: 5, ...cpu });
    await g.sample(50, { seed: 6, ...cpu });
    g.dispose();
    expect(tf.memory().numTensors).toBe(start);
    const ctl = new AbortController();
    const c = new Ctgan({ ...tiny, epochs: 500 });
    const fit = c.fit(cryo.table, cryo.schema, {
      seed: 7,
      ...cpu,
      signal: ctl.signal,
      onProgress: (p) => {
        if (p.stage === 'train') ctl.abort();
      },
    });
    await expect(fit).rejects.toBeInstanceOf(CancelledError);
    c.dispose();
    expect(tf.memory().numTensors).toBe(start);
  });

  it('saves to JSON and restores through the registry: the restored model samples the same rows', async () => {
    const g = await createGenerator('ctgan', tiny);
    await g.fit(cryo.table, cryo.schema, { seed: 8, ...cpu });
    const json = JSON.parse(JSON.stringify(g.toJSON())) as { format: string; version: number; generator: string };
    expect(json).toMatchObject({ format: 'localsynth-model', version: 1, generator: 'ctgan' });
    const r = await restoreGenerator(json);
    const a = await g.sample(40, { seed: 9, ...cpu });
    const b = await r.sample(40, { seed: 9, ...cpu });
    expect(sameTable(a, b)).toBe(true);
    g.dispose();
    r.dispose();
    await expect(restoreGenerator({ ...json, version: 99 })).rejects.toThrow(/version/);
    // A bad saved option is a damaged file (exit 3), not a usage error; the old `backend` key is ignored.
    const withOptions = (options: unknown): unknown => ({ ...json, options });
    await expect(restoreGenerator(withOptions({ epochs: -1 }))).rejects.toMatchObject({
      code: 'BAD_MODEL_FILE',
      message: expect.stringMatching(/CTGAN model file has an invalid saved option/),
    });
    await expect(restoreGenerator(withOptions('epochs'))).rejects.toMatchObject({
      code: 'BAD_MODEL_FILE',
      message: expect.stringMatching(/not a list of settings/),
    });
    const old = await restoreGenerator(withOptions({ ...(json as { options?: object }).options, backend: 'webgl' }));
    old.dispose();
  });
});
