import { describe, expect, it } from 'vitest';
import { CancelledError } from '../../src/core/errors.js';
import type { Progress } from '../../src/core/progress.js';
import { Rng } from '../../src/core/rng.js';
import { createGenerator, restoreGenerator } from '../../src/generators/registry.js';
import { splitRows } from '../../src/generators/tvae/fit.js';
import { Tvae } from '../../src/generators/tvae/tvae.js';
import { tf } from '../../src/ml/tf.js';
import { loadData } from '../support/data.js';
import { expectValid, sameTable } from './classic-helpers.js';

/** A tiny, fast configuration on the deterministic cpu backend. */
const tiny = { epochs: 6, hidden: 32, latent: 8, batchSize: 64 };
const cpu = { backend: 'cpu' } as const;

describe('TVAE (tiny configs, cpu backend)', () => {
  const cryo = loadData('cryotherapy', 'Result_of_Treatment');

  it('trains (the loss falls), reports progress with the loss terms and a held-out score, samples valid rows', async () => {
    const g = new Tvae({ ...tiny, epochs: 20, patience: 100, learningRate: 3e-3 });
    const seen: Progress[] = [];
    const rep = await g.fit(cryo.table, cryo.schema, { seed: 3, ...cpu, onProgress: (p) => seen.push(p) });
    expect(rep.backend).toBe('cpu');
    const train = seen.filter((p): p is Extract<Progress, { stage: 'train' }> => p.stage === 'train');
    expect(train.length).toBeGreaterThan(0);
    expect(Object.keys(train[0]!.losses).sort()).toEqual(['crossEntropy', 'kl', 'loss', 'reconstruction']);
    expect(typeof train[0]!.etaMs).toBe('number');
    const h = rep.history!;
    expect(h).toHaveLength(20);
    expect(h.every((p) => typeof p.validation === 'number')).toBe(true);
    expect(h[h.length - 1]!.losses['loss']!).toBeLessThan(h[0]!.losses['loss']!);
    expect(rep.details['heldOutRows']).toBe(9);
    const s = await g.sample(300, { seed: 4, ...cpu });
    expectValid(cryo.table, cryo.schema, s);
    g.dispose();
  });

  it('stops early when the held-out loss stops improving, and trains on all rows without a held-out share', async () => {
    const g = new Tvae({ ...tiny, epochs: 400, patience: 3, learningRate: 1e-2 });
    const rep = await g.fit(cryo.table, cryo.schema, { seed: 3, ...cpu });
    expect(rep.history!.length).toBeLessThan(400);
    g.dispose();
    const all = new Tvae({ ...tiny, epochs: 3, validationShare: 0 });
    const r2 = await all.fit(cryo.table, cryo.schema, { seed: 3, ...cpu });
    expect(r2.details['heldOutRows']).toBe(0);
    expect(r2.history!.every((p) => p.validation === undefined)).toBe(true);
    all.dispose();
  });

  it('splits rows into disjoint training and held-out sets', () => {
    const { train, held } = splitRows(90, 0.1, new Rng(1));
    expect(held.length).toBe(9);
    expect(new Set([...train, ...held]).size).toBe(90);
    expect(splitRows(30, 0.1, new Rng(1)).held.length).toBe(0);
  });

  it('same seed twice on cpu gives identical output', async () => {
    const run = async (): Promise<ReturnType<Tvae['sample']>> => {
      const g = new Tvae(tiny);
      await g.fit(cryo.table, cryo.schema, { seed: 11, ...cpu });
      const s = g.sample(60, { seed: 12, ...cpu });
      await s;
      g.dispose();
      return s;
    };
    expect(sameTable(await run(), await run())).toBe(true);
  });

  it('leaks no tensors over fit + sample + dispose, nor on cancel', async () => {
    const g0 = new Tvae({ ...tiny, epochs: 1 });
    await g0.fit(cryo.table, cryo.schema, { seed: 1, ...cpu });
    g0.dispose();
    const start = tf.memory().numTensors;
    const g = new Tvae(tiny);
    await g.fit(cryo.table, cryo.schema, { seed: 5, ...cpu });
    await g.sample(50, { seed: 6, ...cpu });
    g.dispose();
    expect(tf.memory().numTensors).toBe(start);
    const ctl = new AbortController();
    const c = new Tvae({ ...tiny, epochs: 500, patience: 1000 });
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
    const g = await createGenerator('tvae', tiny);
    await g.fit(cryo.table, cryo.schema, { seed: 8, ...cpu });
    const json = JSON.parse(JSON.stringify(g.toJSON())) as { format: string; version: number; generator: string };
    expect(json).toMatchObject({ format: 'localsynth-model', version: 1, generator: 'tvae' });
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
      message: expect.stringMatching(/TVAE model file has an invalid saved option/),
    });
    await expect(restoreGenerator(withOptions('epochs'))).rejects.toMatchObject({
      code: 'BAD_MODEL_FILE',
      message: expect.stringMatching(/not a list of settings/),
    });
    const old = await restoreGenerator(withOptions({ ...(json as { options?: object }).options, backend: 'webgl' }));
    old.dispose();
  });
});
