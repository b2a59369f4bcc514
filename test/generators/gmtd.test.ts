import { describe, expect, it } from 'vitest';
import { CancelledError } from '../../src/core/errors.js';
import type { Progress } from '../../src/core/progress.js';
import type { Table } from '../../src/core/table.js';
import { getColumn } from '../../src/core/table.js';
import { GenerativeMtd } from '../../src/generators/gmtd/gmtd.js';
import { createGenerator, restoreGenerator } from '../../src/generators/registry.js';
import { tf } from '../../src/ml/tf.js';
import { loadData } from '../support/data.js';
import { sameTable } from './classic-helpers.js';

/** A tiny, fast configuration on the deterministic cpu backend (the defaults are for real runs). */
const tiny = {
  k: 4,
  epochs: 4,
  stepsPerEpoch: 8,
  patience: 10,
  batchSize: 32,
  hidden: 32,
  latent: 16,
  pseudoPerRow: 5,
};
/** The run setting: the deterministic cpu backend. */
const cpu = { backend: 'cpu' } as const;

describe('GenerativeMTD (tiny configs, cpu backend)', () => {
  const cryo = loadData('cryotherapy', 'Result_of_Treatment');

  it('trains (reconstruction loss goes down), reports progress and backend, samples valid rows', async () => {
    // long enough (120 steps) that every column has spread; 48 steps at lr 1e-3 still leave some output near-constant
    const g = new GenerativeMtd({ ...tiny, epochs: 6, stepsPerEpoch: 20, hidden: 64, learningRate: 0.003 });
    const seen: Progress[] = [];
    const rep = await g.fit(cryo.table, cryo.schema, { seed: 3, ...cpu, onProgress: (p) => seen.push(p) });
    expect(rep.backend).toBe('cpu');
    const train = seen.filter((p): p is Extract<Progress, { stage: 'train' }> => p.stage === 'train');
    expect(train.length).toBeGreaterThan(0);
    expect(Object.keys(train[0]!.losses).sort()).toEqual(['adv', 'ce', 'critic', 'kl', 'mmd', 'sinkhorn', 'total']);
    expect(train[0]!.backend).toBe('cpu');
    const hist = rep.history!.map((h) => h.losses);
    expect(hist.length).toBe(6);
    expect(rep.history!.every((h, i) => h.epoch === i + 1 && typeof h.validation === 'number')).toBe(true);
    expect(rep.tuning).toBeUndefined();
    // MMD + CE are the reconstruction terms: they must fall from the first epoch to the last
    expect(hist[hist.length - 1]!['mmd']! + hist[hist.length - 1]!['ce']!).toBeLessThan(
      hist[0]!['mmd']! + hist[0]!['ce']!,
    );
    const s = await g.sample(200, { seed: 4, ...cpu });
    expect(s.names).toEqual(cryo.table.names);
    expect(s.nRows).toBe(200);
    for (const cs of cryo.schema.columns) {
      const real = getColumn(cryo.table, cs.name);
      const syn = getColumn(s, cs.name);
      if (real.kind === 'num' && syn.kind === 'num') {
        const levels = new Set(real.values);
        for (const x of syn.values) {
          expect(x).toBeGreaterThanOrEqual(cs.min!);
          expect(x).toBeLessThanOrEqual(cs.max!);
          if (cs.integer) expect(Number.isInteger(x)).toBe(true);
          if (levels.size < 10) expect(levels.has(x)).toBe(true);
        }
        // not one constant (the tiny config is far from converged; quality is measured in bench/gmtd.bench.ts)
        expect(new Set(syn.values).size).toBeGreaterThanOrEqual(2);
      } else if (real.kind === 'cat' && syn.kind === 'cat') {
        expect(syn.levels).toEqual(real.levels);
        for (const c of syn.codes) expect(c >= 0 && c < real.levels.length).toBe(true);
      }
    }
    g.dispose();
  });

  it('the KL term keeps the latent noise alive: σ after training is far larger with it than without', async () => {
    const sigma = async (kl: number): Promise<number> => {
      const g = new GenerativeMtd({ ...tiny, epochs: 3, stepsPerEpoch: 20, learningRate: 0.003, kl, klWarmup: 0 });
      const rep = await g.fit(cryo.table, cryo.schema, { seed: 5, ...cpu });
      g.dispose();
      return rep.details['latentSigma'] as number;
    };
    const [without, withKl] = [await sigma(0), await sigma(1)];
    // σ starts at 0.1 (model.ts); without KL only the reconstruction terms move it (seed 5: 0.12 after 60 steps),
    // the KL term pulls it towards 1 (0.68)
    expect(without).toBeLessThan(0.2);
    expect(withKl).toBeGreaterThan(3 * without);
  });

  it('the KL warm-up ramps the weight up from 0: the first steps add a small fraction of the full-weight KL', async () => {
    const firstKl = async (klWarmup: number): Promise<number> => {
      const g = new GenerativeMtd({ ...tiny, epochs: 1, stepsPerEpoch: 10, kl: 1, klWarmup });
      const rep = await g.fit(cryo.table, cryo.schema, { seed: 5, ...cpu });
      g.dispose();
      return rep.history![0]!.losses['kl']!;
    };
    const [full, ramped] = [await firstKl(0), await firstKl(1000)];
    // weights 1/1000 … 10/1000 over the 10 steps (mean 0.0055); the unweighted KL itself moves far less than 10×
    expect(full).toBeGreaterThan(0);
    expect(ramped).toBeGreaterThan(0);
    expect(ramped).toBeLessThan(0.05 * full);
  });

  it('same seed twice on cpu gives identical output', async () => {
    const run = async (): Promise<Table> => {
      const g = new GenerativeMtd({ ...tiny, epochs: 2 });
      await g.fit(cryo.table, cryo.schema, { seed: 11, ...cpu });
      const s = await g.sample(60, { seed: 12, ...cpu });
      g.dispose();
      return s;
    };
    const a = await run();
    const b = await run();
    expect(sameTable(a, b)).toBe(true);
  });

  it('leaks no tensors over fit + sample + dispose, nor on cancel', async () => {
    const g0 = new GenerativeMtd({ ...tiny, epochs: 1 });
    await g0.fit(cryo.table, cryo.schema, { seed: 1, ...cpu }); // backend and kernels warmed up
    g0.dispose();
    const start = tf.memory().numTensors;
    const g = new GenerativeMtd({ ...tiny, epochs: 2 });
    await g.fit(cryo.table, cryo.schema, { seed: 5, ...cpu });
    await g.sample(50, { seed: 6, ...cpu });
    g.dispose();
    expect(tf.memory().numTensors).toBe(start);

    const ctl = new AbortController();
    const c = new GenerativeMtd({ ...tiny, epochs: 50 });
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
    const g = await createGenerator('gmtd', { ...tiny, epochs: 2 });
    await g.fit(cryo.table, cryo.schema, { seed: 8, ...cpu });
    const json = JSON.parse(JSON.stringify(g.toJSON())) as { format: string; version: number; generator: string };
    expect(json).toMatchObject({ format: 'localsynth-model', version: 1, generator: 'gmtd' });
    const r = await restoreGenerator(json);
    const a = await g.sample(40, { seed: 9, ...cpu });
    const b = await r.sample(40, { seed: 9, ...cpu });
    expect(sameTable(a, b)).toBe(true);
    g.dispose();
    r.dispose();
    await expect(restoreGenerator({ ...json, version: 99 })).rejects.toThrow(/version/);
  });

  it('automatic k: the typed tuning report lists the PCD per k and the chosen k is the lowest', async () => {
    const g = new GenerativeMtd({ ...tiny, k: null, epochs: 1, stepsPerEpoch: 2 });
    const rep = await g.fit(cryo.table, cryo.schema, { seed: 2, ...cpu });
    g.dispose();
    const t = rep.tuning!;
    expect(t).toMatchObject({ option: 'k', metric: 'pcd' });
    expect(t.scores.map((s) => s.value)).toEqual([3, 4, 5, 6, 7, 8, 9, 10]);
    expect(t.scores.find((s) => s.value === t.chosen)!.score).toBe(Math.min(...t.scores.map((s) => s.score)));
    expect(rep.details['kScores']).toBeUndefined();
    expect(rep.details['history']).toBeUndefined();
  });

  it('restores on the backend it is given; an older file whose options hold `backend` still loads', async () => {
    const g = new GenerativeMtd({ ...tiny, epochs: 1 });
    await g.fit(cryo.table, cryo.schema, { seed: 8, ...cpu });
    const json = JSON.parse(JSON.stringify(g.toJSON())) as { options: Record<string, unknown> };
    const old = { ...json, options: { ...json.options, backend: 'cpu' } };
    const r = await GenerativeMtd.restore(old, 'cpu');
    expect(r.backend).toBe('cpu');
    const restored: Record<string, unknown> = r.options; // typed options have no `backend`: check the object itself
    expect(restored['backend'] === undefined || restored['backend'] === 'auto').toBe(true);
    expect(sameTable(await g.sample(30, { seed: 3, ...cpu }), await r.sample(30, { seed: 3, ...cpu }))).toBe(true);
    g.dispose();
    r.dispose();
  });

  it('conditional: the decoder reads the class block next to z, and the saved model restores it', async () => {
    const g = await createGenerator('gmtd', { ...tiny, epochs: 2, conditional: true });
    await g.fit(cryo.table, cryo.schema, { seed: 8, ...cpu });
    const json = JSON.parse(JSON.stringify(g.toJSON())) as {
      options: Record<string, unknown>;
      gmtd: { nets: { spec: { cond: unknown; latent: number }; decoder: { sizes: number[] } } };
    };
    expect(json.options['conditional']).toBe(true);
    // cryotherapy's target has 2 classes: the decoder's input is latent + 2 wide
    expect(json.gmtd.nets.spec.cond).toMatchObject({ size: 2 });
    expect(json.gmtd.nets.decoder.sizes[0]).toBe(json.gmtd.nets.spec.latent + 2);
    const r = await restoreGenerator(json);
    expect(sameTable(await g.sample(40, { seed: 9, ...cpu }), await r.sample(40, { seed: 9, ...cpu }))).toBe(true);
    // the class mix of the sample is the pseudo-real set's, i.e. the real one's (48 / 42 of 90), within binomial noise
    const s = await g.sample(2000, { seed: 10, ...cpu });
    const y = getColumn(s, 'Result_of_Treatment');
    const share = y.kind === 'cat' ? Array.from(y.codes).filter((c) => y.levels[c] === '1').length / 2000 : NaN;
    expect(Math.abs(share - 48 / 90)).toBeLessThan(0.04);
    g.dispose();
    r.dispose();
    // off (the default): no conditioning block
    const plain = await createGenerator('gmtd', { ...tiny, epochs: 1 });
    await plain.fit(cryo.table, cryo.schema, { seed: 8, ...cpu });
    expect((plain.toJSON() as { gmtd: { nets: { spec: { cond: unknown } } } }).gmtd.nets.spec.cond).toBeNull();
    plain.dispose();
  });
});
