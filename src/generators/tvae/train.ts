/**
 * TVAE's loss and training step (Xu et al. 2019; DESIGN.md §4), for the shared loop (ml/train/loop.ts):
 * loss = factor · [Σ_tanh (x − tanh x̂)²/(2σ²) / B + Σ_tanh log σ + Σ_softmax CE] + KL, with z = μ + ε·σ_z;
 * Adam with L2 weight decay (adam-step.ts), then σ clamped to [0.01, 1] as the reference does. Rows are visited
 * in a fresh random order each epoch, in batches of at most `batch`.
 */
import type { Rng } from '../../core/rng.js';
import { tanhColumns } from '../../ml/activations.js';
import { spanCrossEntropy } from '../../ml/losses/cross-entropy.js';
import { klToStandardNormal } from '../../ml/losses/kl.js';
import { tf, type Scalar, type Tensor2D } from '../../ml/tf.js';
import { adamStep } from '../../ml/train/adam-step.js';
import type { Losses } from '../../ml/train/loop.js';
import type { Span } from '../../transforms/vector-layout.js';
import type { TvaeNets } from './model.js';

export interface TvaeStepConfig {
  batch: number;
  learningRate: number;
  weightDecay: number;
  lossFactor: number;
}

/** The three loss terms of a batch `x` (tensors; the caller's tidy frees them). `eSeed` null: z = μ. */
export function tvaeLossTerms(
  nets: TvaeNets,
  x: Tensor2D,
  spans: readonly Span[],
  eSeed: number | null,
): { rec: Scalar; ce: Scalar; kl: Scalar } {
  const { mu, logvar } = nets.encode(x, { training: false });
  const z =
    eSeed === null
      ? mu
      : tf.add(mu, tf.mul(tf.exp(tf.mul(0.5, logvar)), tf.randomNormal(mu.shape, 0, 1, 'float32', eSeed)));
  const raw = nets.decode(z as Tensor2D, { training: false });
  const B = x.shape[0];
  const diff = tf.sub(tanhColumns(x, spans), tf.tanh(tanhColumns(raw, spans)));
  const sq = tf.div(tf.sum(tf.div(tf.square(diff), tf.mul(2, tf.square(nets.sigma)))), B);
  const rec = tf.add(sq, tf.sum(tf.log(nets.sigma))) as Scalar;
  return { rec, ce: spanCrossEntropy(raw, x, spans), kl: klToStandardNormal(mu, logvar) };
}

/** The loss of the terms, as the reference weighs them. */
export function tvaeLoss(t: { rec: Scalar; ce: Scalar; kl: Scalar }, factor: number): Scalar {
  return tf.add(tf.mul(factor, tf.add(t.rec, t.ce)), t.kl) as Scalar;
}

export interface TvaeStep {
  stepsPerEpoch: number;
  step(done: number): Promise<Losses>;
  dispose(): void;
}

/** The step over the rows of `data` (n × D on the device). */
export function createTvaeStep(
  nets: TvaeNets,
  data: Tensor2D,
  spans: readonly Span[],
  cfg: TvaeStepConfig,
  rng: Rng,
): TvaeStep {
  const n = data.shape[0];
  const B = Math.min(cfg.batch, n);
  const stepsPerEpoch = Math.ceil(n / B);
  const opt = tf.train.adam(cfg.learningRate);
  const vars = nets.variables();
  let order: Int32Array = new Int32Array(0);
  const step = async (done: number): Promise<Losses> => {
    const s = done % stepsPerEpoch;
    if (s === 0) order = rng.shuffle(Int32Array.from({ length: n }, (_, i) => i)) as Int32Array;
    const idx = tf.tensor1d(order.subarray(s * B, Math.min(n, (s + 1) * B)), 'int32');
    const x = tf.gather(data, idx) as Tensor2D;
    const eSeed = rng.nextSeed();
    let terms: tf.Tensor | null = null;
    const loss = await adamStep(
      opt,
      () => {
        const t = tvaeLossTerms(nets, x, spans, eSeed);
        // the terms for the progress chart, kept past the step's tidy and read asynchronously after it
        terms = tf.keep(tf.stack([t.rec, t.ce, t.kl]));
        return tvaeLoss(t, cfg.lossFactor);
      },
      vars,
      cfg.weightDecay,
    );
    nets.clampSigma();
    tf.dispose([idx, x]);
    const kept = terms as tf.Tensor | null;
    const p = kept ? ((await kept.data()) as Float32Array) : new Float32Array(3);
    kept?.dispose();
    return { loss, reconstruction: p[0]!, crossEntropy: p[1]!, kl: p[2]! };
  };
  return { stepsPerEpoch, step, dispose: () => opt.dispose() };
}
