/**
 * Output activations over a span layout (transforms/vector-layout.ts): tanh on `tanh` spans, Gumbel-softmax on
 * `softmax` spans (DESIGN.md §3, §4), in the layout's own order.
 */
import { placeSpans, type Span } from '../transforms/vector-layout.js';
import { tf, type Tensor2D } from './tf.js';

/** Gumbel noise −log(−log U), U ~ U(0,1) drawn with `seed`. */
export function gumbelNoise(shape: [number, number], seed: number): Tensor2D {
  return tf.tidy(() => {
    const u = tf.randomUniform(shape, 1e-7, 1 - 1e-7, 'float32', seed);
    return tf.neg(tf.log(tf.neg(tf.log(u)))) as Tensor2D;
  });
}

/** softmax((logits + Gumbel)/τ): a differentiable, nearly one-hot draw from softmax(logits) (Jang et al. 2017). */
export function gumbelSoftmax(logits: Tensor2D, tau: number, seed: number): Tensor2D {
  return tf.tidy(() => tf.softmax(tf.div(tf.add(logits, gumbelNoise(logits.shape, seed)), tau)) as Tensor2D);
}

/** The layout cut into pieces: each softmax span alone, each run of adjacent tanh spans as one piece. */
function pieces(spans: readonly Span[]): { kind: Span['kind']; start: number; width: number }[] {
  const out: { kind: Span['kind']; start: number; width: number }[] = [];
  for (const s of placeSpans(spans)) {
    const last = out[out.length - 1];
    if (s.kind === 'tanh' && last?.kind === 'tanh') last.width += s.width;
    else out.push({ kind: s.kind, start: s.start, width: s.width });
  }
  return out;
}

/**
 * Activates a raw network output laid out as `spans`: tanh on tanh spans (elementwise, so a run of them is one
 * slice), Gumbel-softmax (temperature `tau`) on each softmax span with one seed per span from `nextSeed`, in span
 * order. With `hard`, softmax spans get logits + Gumbel noise instead, whose argmax is an exact draw from
 * softmax(logits) (the τ → 0 limit; for sampling: take the argmax).
 */
export function activateSpans(
  raw: Tensor2D,
  spans: readonly Span[],
  tau: number,
  nextSeed: () => number,
  hard = false,
): Tensor2D {
  return tf.tidy(() => {
    const parts: Tensor2D[] = [];
    for (const p of pieces(spans)) {
      const x = tf.slice(raw, [0, p.start], [-1, p.width]) as Tensor2D;
      if (p.kind === 'tanh') parts.push(tf.tanh(x));
      else
        parts.push(
          hard ? (tf.add(x, gumbelNoise(x.shape, nextSeed())) as Tensor2D) : gumbelSoftmax(x, tau, nextSeed()),
        );
    }
    return (parts.length === 1 ? parts[0]! : tf.concat(parts, 1)) as Tensor2D;
  });
}

/** The columns of `x` under the tanh spans, in order (a slice when they are one run, as in standardize.ts). */
export function tanhColumns(x: Tensor2D, spans: readonly Span[]): Tensor2D {
  return tf.tidy(() => {
    const runs = pieces(spans).filter((p) => p.kind === 'tanh');
    const parts = runs.map((r) => tf.slice(x, [0, r.start], [-1, r.width]) as Tensor2D);
    if (parts.length === 0) return tf.zeros([x.shape[0], 0]) as Tensor2D;
    return (parts.length === 1 ? parts[0]! : tf.concat(parts, 1)) as Tensor2D;
  });
}
