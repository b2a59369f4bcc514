import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng.js';
import type { CatColumn, NumColumn } from '../../src/core/table.js';
import type { Span } from '../../src/transforms/vector-layout.js';
import { GmtdNets, sampleVectors } from '../../src/generators/gmtd/model.js';
import { pseudoRealSet } from '../../src/generators/gmtd/pseudo.js';
import { tf } from '../../src/ml/tf.js';
import { selectBackend } from '../../src/ml/backend.js';
import { encodeForModel } from '../../src/transforms/model-data.js';
import { loadData } from '../support/data.js';

describe('GenerativeMTD pseudo-real set', () => {
  const cryo = loadData('cryotherapy', 'Result_of_Treatment');
  const { data } = encodeForModel(cryo.table, cryo.schema);

  it('per real row: perRow rows that remember it, its class kept, values inside the real range and on real levels', () => {
    const perRow = 7;
    const s = pseudoRealSet(data, 5, perRow, new Rng(1));
    const n = data.table.nRows;
    expect(s.table.nRows).toBe(n * perRow);
    for (let r = 0; r < s.table.nRows; r++) expect(s.source[r]).toBe(Math.floor(r / perRow));
    const target = data.target;
    const real = data.table.columns[target] as CatColumn;
    const pseudo = s.table.columns[target] as CatColumn;
    for (let r = 0; r < s.table.nRows; r++) expect(pseudo.codes[r]).toBe(real.codes[s.source[r]!]);
    data.columns.forEach((m, j) => {
      const col = s.table.columns[j]!;
      if (col.kind !== 'num') return;
      const levels = new Set((data.table.columns[j] as NumColumn).values);
      for (const x of col.values) {
        expect(x).toBeGreaterThanOrEqual(m.min);
        expect(x).toBeLessThanOrEqual(m.max);
        if (m.integer) expect(levels.has(x)).toBe(true);
      }
    });
  });

  it('is diffused, not copied: most pseudo values differ from their real source value', () => {
    const s = pseudoRealSet(data, 5, 10, new Rng(2));
    const j = data.table.names.indexOf('Time');
    const real = (data.table.columns[j] as NumColumn).values;
    const pseudo = (s.table.columns[j] as NumColumn).values;
    let same = 0;
    for (let r = 0; r < pseudo.length; r++) if (pseudo[r] === real[s.source[r]!]) same++;
    expect(same / pseudo.length).toBeLessThan(0.2);
  });
});

describe('backend chooser in Node', () => {
  it('auto gives wasm (no WebGPU/WebGL in Node) and says why it skipped the others', async () => {
    const sel = await selectBackend('auto');
    expect(sel.backend).toBe('wasm');
    expect(sel.skipped.map((s) => s.backend)).toEqual(['webgpu', 'webgl']);
    expect(sel.skipped[0]!.reason).toMatch(/navigator\.gpu/);
    expect(sel.skipped[1]!.reason).toMatch(/canvas/);
  });

  it('a forced backend that cannot start falls down the chain; cpu can be forced', async () => {
    const gl = await selectBackend('webgl');
    expect(gl.backend).toBe('wasm');
    expect(gl.skipped).toEqual([{ backend: 'webgl', reason: expect.stringMatching(/canvas/) as unknown as string }]);
    expect((await selectBackend('cpu')).backend).toBe('cpu');
  });
});

describe('GenerativeMTD class-conditional decoder', () => {
  // a 5-wide vector: 2 continuous slots, a 3-level category (slots 2–4) that conditions the decoder
  const width = 5;
  const cond = { start: 2, size: 3 };
  const spans: Span[] = [
    { kind: 'tanh', width: 1 },
    { kind: 'tanh', width: 1 },
    { kind: 'softmax', width: 3 },
  ];
  /** 60 rows whose class is level 1 (one-hot [0, 1, 0]), continuous slots spread over [-0.9, 0.9]. */
  const rows = (): tf.Tensor2D =>
    tf.tensor2d(Array.from({ length: 60 }, (_, i) => [Math.sin(i) * 0.9, Math.cos(i) * 0.9, 0, 1, 0]));
  /** The level a generated vector's block decodes to (decodeStandardized takes the argmax of logits + Gumbel noise). */
  const levelOf = (out: Float32Array, r: number): number => {
    const b = Array.from(out.subarray(r * width + 2, r * width + 5));
    return b.indexOf(Math.max(...b));
  };
  /** A decoder whose own class output is always level 0: a logit bias of +30 on slot 2. */
  const favourLevel0 = (nets: GmtdNets): void => {
    const bias = nets.decoder.variables().at(-1)!;
    tf.tidy(() =>
      bias.assign(tf.add(bias, tf.mul(tf.reshape(tf.oneHot(tf.tensor1d([2], 'int32'), width), [width]), 30))),
    );
  };

  it('reads [z, class] and every sampled row keeps the class of the row it was encoded from', async () => {
    await selectBackend('cpu');
    const nets = GmtdNets.create({ width, hidden: 16, latent: 4, dropout: 0, cond }, new Rng(1));
    expect(nets.decoder.toJSON().sizes).toEqual([4 + 3, 16, 16, 16, width]);
    favourLevel0(nets);
    const x = rows();
    const out = Float32Array.from(await sampleVectors(nets, x, spans, 300, new Rng(2)));
    // exactly the source's one-hot, although the decoder's own logits say level 0
    for (let r = 0; r < 300; r++) expect(Array.from(out.subarray(r * width + 2, r * width + 5))).toEqual([0, 1, 0]);
    // the decoder's input really holds the class: another class decodes (the continuous slots) differently
    const z = tf.zeros([1, 4]) as tf.Tensor2D;
    const a = nets.decode(z, { training: false }, tf.tensor2d([[0, 0, 1, 0, 0]]));
    const b = nets.decode(z, { training: false }, tf.tensor2d([[0, 0, 0, 0, 1]]));
    expect((await tf.sum(tf.abs(tf.sub(a, b))).data())[0]!).toBeGreaterThan(1e-4);
    nets.dispose();
  });

  it('without the condition the decoder draws its own class (the test above can fail)', async () => {
    await selectBackend('cpu');
    const nets = GmtdNets.create({ width, hidden: 16, latent: 4, dropout: 0, cond: null }, new Rng(1));
    expect(nets.decoder.toJSON().sizes).toEqual([4, 16, 16, 16, width]);
    favourLevel0(nets);
    const out = await sampleVectors(nets, rows(), spans, 300, new Rng(2));
    for (let r = 0; r < 300; r++) expect(levelOf(out, r)).toBe(0);
    nets.dispose();
  });
});
