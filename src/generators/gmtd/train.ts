/**
 * GenerativeMTD training (Sivakumar et al. 2023 §3.3; DESIGN.md §3), one step = one critic update then one
 * encoder/decoder update on a batch of pseudo-real rows and a batch of real rows:
 * - critic (WGAN-GP): mean D(fake) − mean D(real) + λ·GP, fake = decode(encode(pseudo batch));
 * - generator: Sinkhorn(μ_pseudo, μ_real) + MMD²(real continuous, generated continuous)
 *   + CE(generated logits, category of each pseudo row's real source row) − mean D(fake).
 * Adam for both (β₁ 0.5, β₂ 0.9, the usual WGAN-GP setting) instead of the paper's SGD, evaluated every epoch
 * (`stepsPerEpoch` steps) by the caller's score (PCD of a sample); the best epoch's weights are restored at the end;
 * training stops after `patience` epochs without improvement. Yields to the event loop every step.
 */
import { throwIfAborted, type AbortLike } from '../../core/errors.js';
import { yieldToEventLoop } from '../../core/progress.js';
import type { Rng } from '../../core/rng.js';
import { activateOutput } from '../../ml/activations.js';
import { blockCrossEntropy, type Block } from '../../ml/losses/cross-entropy.js';
import { gradientPenalty, interpolate } from '../../ml/losses/gradient-penalty.js';
import { defaultBandwidths, mmd2 } from '../../ml/losses/mmd.js';
import { sinkhornDivergencePlain } from '../../ml/losses/sinkhorn-plain.js';
import type { Mode } from '../../ml/mlp.js';
import { tf, type Scalar, type Tensor2D } from '../../ml/tf.js';
import type { GmtdNets } from './model.js';

export interface TrainConfig {
  epochs: number;
  stepsPerEpoch: number;
  batch: number;
  learningRate: number;
  patience: number;
  /** Sinkhorn ε as a fraction of the batch's mean latent cost. */
  epsilon: number;
  sinkhornIters: number;
  tau: number;
  lambda: number;
}

export interface Losses {
  critic: number;
  sinkhorn: number;
  mmd: number;
  ce: number;
  adv: number;
  total: number;
}

export interface EpochInfo {
  epoch: number;
  losses: Losses;
  score: number;
  best: number;
  msPerStep: number;
}

export interface TrainData {
  /** Pseudo-real vectors on the device (N × D) and the real row each comes from. */
  pseudo: Tensor2D;
  source: Int32Array;
  /** Real vectors (n × D). */
  real: Tensor2D;
  nNum: number;
  blocks: Block[];
}

export interface TrainResult {
  epochs: number;
  steps: number;
  bestEpoch: number;
  bestScore: number;
  history: EpochInfo[];
  stoppedEarly: boolean;
}

function zeroLosses(): Losses {
  return { critic: 0, sinkhorn: 0, mmd: 0, ce: 0, adv: 0, total: 0 };
}

/** Mean squared distance of the n rows of x (n × d) from their centroid. */
function meanSquaredSpread(x: Float32Array, n: number, d: number): number {
  let s = 0;
  for (let k = 0; k < d; k++) {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += x[i * d + k]!;
    mean /= n;
    for (let i = 0; i < n; i++) s += (x[i * d + k]! - mean) ** 2;
  }
  return s / n;
}

/** Mean of ‖x_i − y_j‖² over all pairs: mean‖x‖² + mean‖y‖² − 2⟨x̄, ȳ⟩. */
function meanCost(x: Float32Array, y: Float32Array, n: number, d: number): number {
  let s = 0;
  for (let k = 0; k < d; k++) {
    let sx = 0;
    let sy = 0;
    let qx = 0;
    let qy = 0;
    for (let i = 0; i < n; i++) {
      const a = x[i * d + k]!;
      const b = y[i * d + k]!;
      sx += a;
      sy += b;
      qx += a * a;
      qy += b * b;
    }
    s += qx / n + qy / n - (2 * sx * sy) / (n * n);
  }
  return s;
}

function num(t: tf.Tensor): number {
  return t.dataSync()[0]!;
}

/**
 * Trains `nets` in place. `score()` evaluates the current weights (lower is better); `onEpoch` reports progress and
 * may be async (it is awaited). Everything created here is disposed, also on cancel.
 */
export async function trainGmtd(
  nets: GmtdNets,
  data: TrainData,
  cfg: TrainConfig,
  rng: Rng,
  score: () => number,
  onEpoch: (e: EpochInfo) => void,
  signal?: AbortLike,
): Promise<TrainResult> {
  if (!nets.critic) throw new Error('training needs a critic');
  const critic = nets.critic;
  const optG = tf.train.adam(cfg.learningRate, 0.5, 0.9);
  const optD = tf.train.adam(cfg.learningRate, 0.5, 0.9);
  const N = data.pseudo.shape[0];
  const n = data.real.shape[0];
  // the paper takes all real rows as the batch; capped by `batch` for larger tables
  const B = Math.min(cfg.batch, n);
  const sigmas = defaultBandwidths(data.nNum);
  const genVars = nets.generatorVariables();
  const criticVars = critic.variables();
  const L = nets.spec.latent;
  const history: EpochInfo[] = [];
  let best = Infinity;
  let bestEpoch = 0;
  let bestWeights = nets.snapshot();
  let steps = 0;
  let stoppedEarly = false;
  let lastYield = performance.now();
  try {
    for (let epoch = 1; epoch <= cfg.epochs; epoch++) {
      const sums = zeroLosses();
      const t0 = performance.now();
      for (let s = 0; s < cfg.stepsPerEpoch; s++) {
        const l = step();
        for (const k of Object.keys(sums) as (keyof Losses)[]) sums[k] += l[k];
        steps++;
        if (performance.now() - lastYield > 8) {
          // let progress messages and a Cancel through
          await yieldToEventLoop();
          throwIfAborted(signal);
          lastYield = performance.now();
        }
      }
      const msPerStep = (performance.now() - t0) / cfg.stepsPerEpoch;
      for (const k of Object.keys(sums) as (keyof Losses)[]) sums[k] /= cfg.stepsPerEpoch;
      const sc = score();
      if (sc < best) {
        best = sc;
        bestEpoch = epoch;
        bestWeights = nets.snapshot();
      }
      const info: EpochInfo = { epoch, losses: sums, score: sc, best, msPerStep };
      history.push(info);
      onEpoch(info);
      await yieldToEventLoop();
      throwIfAborted(signal);
      if (epoch - bestEpoch >= cfg.patience) {
        stoppedEarly = epoch < cfg.epochs;
        break;
      }
    }
    nets.restore(bestWeights);
    return { epochs: history.length, steps, bestEpoch, bestScore: best, history, stoppedEarly };
  } finally {
    optG.dispose();
    optD.dispose();
  }

  function step(this: void): Losses {
    const pIdx = new Int32Array(B);
    const rIdx = new Int32Array(B);
    const srcIdx = new Int32Array(B);
    for (let i = 0; i < B; i++) {
      pIdx[i] = rng.int(N);
      srcIdx[i] = data.source[pIdx[i]!]!;
      rIdx[i] = rng.int(n);
    }
    const seeds = { a: rng.nextSeed(), b: rng.nextSeed(), c: rng.nextSeed() };
    const drop = rng.fork();
    const train: Mode = { training: true, nextSeed: () => drop.nextSeed() };
    const out = zeroLosses();
    tf.tidy(() => {
      const xp = tf.gather(data.pseudo, tf.tensor1d(pIdx, 'int32')) as Tensor2D;
      const xr = tf.gather(data.real, tf.tensor1d(rIdx, 'int32')) as Tensor2D;
      const xs = tf.gather(data.real, tf.tensor1d(srcIdx, 'int32')) as Tensor2D;
      // --- critic step (the generator's ops are off the path to the critic's variables and are not differentiated)
      const fake = tf.tidy(() => {
        const { mu, logvar } = nets.encode(xp, train);
        return activateOutput(nets.decode(nets.reparameterise(mu, logvar, seeds.a), train), data.nNum, data.blocks, cfg.tau, train.nextSeed);
      });
      const dCost = optD.minimize(() => {
        const wd = tf.sub(tf.mean(critic.apply(fake, train)), tf.mean(critic.apply(xr, train)));
        const gp = gradientPenalty((x) => critic.inputGradient(x, train), interpolate(xr, fake, seeds.b), cfg.lambda);
        return tf.add(wd, gp) as Scalar;
      }, true, criticVars);
      out.critic = num(dCost!);
      // --- generator step; the real latent means are targets (no gradient), as in the authors' code
      // Sinkhorn runs on latents divided by the real cloud's spread s (a constant here): otherwise the shared
      // encoder lowers it by shrinking every latent towards one point, which erases what the decoder needs
      // (observed: CE stuck at its uniform-guess value while S ≈ 0)
      const { muReal, invSpread } = tf.tidy(() => {
        const m = nets.encode(xr, train).mu.dataSync() as Float32Array;
        const spread = Math.sqrt(meanSquaredSpread(m, B, L));
        const inv = 1 / Math.max(spread, 1e-6);
        return { muReal: m.map((v) => v * inv), invSpread: inv };
      });
      optG.minimize(() => {
        const { mu, logvar } = nets.encode(xp, train);
        const raw = nets.decode(nets.reparameterise(mu, logvar, seeds.c), train);
        const gen = activateOutput(raw, data.nNum, data.blocks, cfg.tau, train.nextSeed);
        // Sinkhorn in plain JS on the normalised means (sinkhorn-plain.ts); its gradient G enters as ⟨μ/s, G⟩.
        // ε relative to the batch's mean latent cost: the same conditioning whatever scale the latent drifts to
        const muN = (mu.dataSync() as Float32Array).map((v) => v * invSpread);
        const eps = Math.max(1e-6, cfg.epsilon * meanCost(muN, muReal, B, L));
        const sk = sinkhornDivergencePlain(muN, B, muReal, B, L, { epsilon: eps, maxIter: cfg.sinkhornIters });
        const skTerm = tf.sum(tf.mul(tf.mul(mu, invSpread), tf.tensor2d(Float32Array.from(sk.grad), [B, L])));
        const mm = data.nNum > 0 ? mmd2(tf.slice(gen, [0, 0], [-1, data.nNum]), tf.slice(xr, [0, 0], [-1, data.nNum]), sigmas) : tf.scalar(0);
        const ce = blockCrossEntropy(raw, xs, data.blocks);
        const adv = tf.neg(tf.mean(critic.apply(gen, train)));
        out.sinkhorn = sk.value;
        out.mmd = num(mm);
        out.ce = num(ce);
        out.adv = num(adv);
        out.total = out.sinkhorn + out.mmd + out.ce + out.adv;
        return tf.addN([skTerm, mm, ce, adv]) as Scalar;
      }, false, genVars);
    });
    return out;
  }
}
