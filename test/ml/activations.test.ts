import { beforeAll, describe, expect, it } from 'vitest';
import { activateSpans, gumbelNoise, tanhColumns } from '../../src/ml/activations.js';
import { selectBackend } from '../../src/ml/backend.js';
import { tf, type Tensor2D } from '../../src/ml/tf.js';
import type { Span } from '../../src/transforms/vector-layout.js';

beforeAll(async () => {
  await selectBackend('cpu');
});

const rows = (t: tf.Tensor): number[][] => t.arraySync() as number[][];

describe('output activations over spans', () => {
  // [softmax 2 | tanh | softmax 3 | tanh tanh]: kinds interleaved, as CTGAN's layout is
  const spans: Span[] = [
    { kind: 'softmax', width: 2 },
    { kind: 'tanh', width: 1 },
    { kind: 'softmax', width: 3 },
    { kind: 'tanh', width: 1 },
    { kind: 'tanh', width: 1 },
  ];
  const raw = tf.tensor2d([[0, Math.log(3), 0.5, 1, 1, 1, -2, 0]]) as Tensor2D;

  it('tanh on tanh spans, Gumbel-softmax on each softmax span with one seed per span, in span order', () => {
    const seeds = [11, 22];
    let i = 0;
    const out = rows(activateSpans(raw, spans, 0.5, () => seeds[i++]!))[0]!;
    expect(i).toBe(2);
    expect(out).toHaveLength(8);
    expect(out[2]).toBeCloseTo(Math.tanh(0.5), 6);
    expect(out[6]).toBeCloseTo(Math.tanh(-2), 6);
    expect(out[7]).toBeCloseTo(0, 6);
    // the softmax spans by hand: softmax((logits + g)/τ) with g the Gumbel noise of that span's seed
    const hand = (logits: number[], seed: number): number[] => {
      const g = rows(gumbelNoise([1, logits.length], seed))[0]!;
      const e = logits.map((l, k) => Math.exp((l + g[k]!) / 0.5));
      const s = e.reduce((a, b) => a + b, 0);
      return e.map((x) => x / s);
    };
    hand([0, Math.log(3)], 11).forEach((p, k) => expect(out[k]).toBeCloseTo(p, 5));
    hand([1, 1, 1], 22).forEach((p, k) => expect(out[3 + k]).toBeCloseTo(p, 5));
  });

  it('hard: logits + Gumbel noise (the argmax is a draw from softmax(logits)), tanh unchanged', () => {
    let i = 0;
    const out = rows(activateSpans(raw, spans, 0.5, () => [11, 22][i++]!, true))[0]!;
    const g = rows(gumbelNoise([1, 2], 11))[0]!;
    expect(out[0]).toBeCloseTo(0 + g[0]!, 5);
    expect(out[1]).toBeCloseTo(Math.log(3) + g[1]!, 5);
    expect(out[2]).toBeCloseTo(Math.tanh(0.5), 6);
  });

  it('the argmax of a hard softmax span follows softmax(logits): p = [¼, ¾]', () => {
    const n = 4000;
    const logits = tf.tile(tf.tensor2d([[0, Math.log(3)]]), [n, 1]) as Tensor2D;
    const out = rows(activateSpans(logits, [{ kind: 'softmax', width: 2 }], 1, () => 5, true));
    const share = out.filter((r) => r[1]! > r[0]!).length / n;
    expect(Math.abs(share - 0.75)).toBeLessThan(0.03);
  });

  it('tanhColumns picks the tanh slots in order', () => {
    expect(rows(tanhColumns(raw, spans))).toEqual([[0.5, -2, 0]]);
    expect(tanhColumns(raw, [{ kind: 'softmax', width: 8 }]).shape).toEqual([1, 0]);
  });
});
