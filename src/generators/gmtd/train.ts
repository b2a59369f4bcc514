/**
 * GenerativeMTD training (Sivakumar et al. 2023 §3.3; DESIGN.md §3), one step = one critic update then one
 * encoder/decoder update on a batch of pseudo-real rows and a batch of real rows:
 * - critic (WGAN-GP): mean D(fake) − mean D(real) + λ·GP, fake = decode(encode(pseudo batch)) of the previous step;
 * - generator: Sinkhorn(μ_pseudo, μ_real) + MMD²(real continuous, generated continuous)
 *   + CE(generated logits, category of each pseudo row's real source row) − mean D(fake)
 *   + β·KL(N(μ, σ²) ‖ N(0, I)). The KL term is the VAE's own and not in the paper's loss (DESIGN.md §3 lists none):
 *   without it nothing keeps σ from shrinking to 0, sampling's z = μ + ε·σ then decodes each pseudo row to one
 *   point, and the decoder learns to return rows very close to its training rows (small tables: DCR share up to
 *   0.72 against the 0.5 of new real rows). β rises linearly from 0 to its value over the first `klWarmup` steps
 *   (KL annealing, Bowman et al. 2016): at full weight from the first step the KL term can win before the decoder
 *   has learnt to use z, which then ignores its input (posterior collapse: wisconsin_breast in 1 of 3 fits at β = 1,
 *   none of 3 with a 400-step warm-up). The defaults (β = 1, 400 steps) and the evidence are in info.ts; β = 0 is
 *   the paper's loss.
 * Adam for both (β₁ 0.5, β₂ 0.9, the usual WGAN-GP setting) instead of the paper's SGD. Every epoch
 * (`stepsPerEpoch` steps) the moving average of the weights is scored by the caller (PCD of a sample); the best
 * one after the warm-up is restored at the end; training stops `patience` epochs after the best. Device reads are
 * asynchronous only (WebGPU), and the loop yields to the event loop at least every 8 ms so progress and Cancel
 * get through.
 */
import { throwIfAborted, type AbortLike } from '../../core/errors.js';
import { yieldToEventLoop } from '../../core/progress.js';
import { Rng } from '../../core/rng.js';
import { activateOutput } from '../../ml/activations.js';
import { blockCrossEntropy, type Block } from '../../ml/losses/cross-entropy.js';
import { gradientPenalty, interpolate } from '../../ml/losses/gradient-penalty.js';
import { klToStandardNormal } from '../../ml/losses/kl.js';
import { defaultBandwidths, mmd2 } from '../../ml/losses/mmd.js';
import { squaredDistances } from '../../ml/losses/sinkhorn.js';
import { sinkhornPlans } from '../../ml/losses/sinkhorn-plain.js';
import type { Mode } from '../../ml/mlp.js';
import { tf, type Scalar, type Tensor2D } from '../../ml/tf.js';
import { GmtdNets } from './model.js';

export interface TrainConfig {
  epochs: number;
  stepsPerEpoch: number;
  batch: number;
  learningRate: number;
  patience: number;
  /**
   * Epochs whose checkpoint cannot be kept and which do not count towards patience: the first samples come from a
   * nearly untrained network, whose PCD can be low by accident on weakly correlated tables (caesarian: PCD 0.79
   * after 50 steps, with the categorical cross-entropy at twice its final value; it then rose while the network
   * learned, and patience stopped training with the untrained checkpoint).
   */
  warmup: number;
  /** Sinkhorn ε as a fraction of the batch's mean latent cost. */
  epsilon: number;
  sinkhornIters: number;
  tau: number;
  lambda: number;
  /** Decay of the exponential moving average of the encoder/decoder weights that is scored and kept (0: none). */
  ema: number;
  /** Weight of the VAE's KL term (0: none). */
  kl: number;
  /** Steps over which the KL weight rises linearly from 0 to `kl` (0: full weight from the first step). */
  klWarmup: number;
}

export interface Losses {
  critic: number;
  sinkhorn: number;
  mmd: number;
  ce: number;
  adv: number;
  kl: number;
  total: number;
}

export interface EpochInfo {
  epoch: number;
  /** The epoch training will stop after unless the score improves (≤ the epoch cap). */
  stopAt: number;
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
  return { critic: 0, sinkhorn: 0, mmd: 0, ce: 0, adv: 0, kl: 0, total: 0 };
}

function mean(x: Float64Array): number {
  let s = 0;
  for (const v of x) s += v;
  return s / x.length;
}

/**
 * Polyak averaging of the generator's weights, w̄ ← d·w̄ + (1 − d)·w after every step: GAN training oscillates
 * (cryotherapy: the PCD of the live weights swings between 0.7 and 1.6 from one epoch to the next), the average
 * sits near the centre of the oscillation (Yazıcı et al., ICLR 2019, "The unusual effectiveness of averaging in
 * GAN training"). Starts as a copy; early steps are bias-corrected by using d_t = min(d, (1 + t)/(10 + t)).
 */
class WeightAverage {
  private readonly avg: tf.Variable[];
  private t = 0;

  constructor(vars: tf.Variable[], private readonly decay: number) {
    // tidy frees the clones; the variables survive it
    this.avg = tf.tidy(() => vars.map((v) => tf.variable(v.clone(), false)));
  }

  update(vars: tf.Variable[]): void {
    this.t++;
    const d = Math.min(this.decay, (1 + this.t) / (10 + this.t));
    tf.tidy(() => this.avg.forEach((a, i) => a.assign(tf.add(tf.mul(a, d), tf.mul(vars[i]!, 1 - d)))));
  }

  copyInto(vars: tf.Variable[]): void {
    tf.tidy(() => vars.forEach((v, i) => v.assign(this.avg[i]!)));
  }

  dispose(): void {
    for (const a of this.avg) a.dispose();
  }
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
  score: () => Promise<number>,
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
  const history: EpochInfo[] = [];
  let best = Infinity;
  let bestEpoch = 0;
  let bestWeights = nets.snapshot();
  let steps = 0;
  let stoppedEarly = false;
  let lastYield = performance.now();
  const ema = cfg.ema > 0 ? new WeightAverage(genVars, cfg.ema) : null;
  let lastFake: Tensor2D | null = null;
  let nextFake: Tensor2D | null = null;
  try {
    for (let epoch = 1; epoch <= cfg.epochs; epoch++) {
      const sums = zeroLosses();
      const t0 = performance.now();
      for (let s = 0; s < cfg.stepsPerEpoch; s++) {
        const l = await step();
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
      // score (and keep) the averaged weights, then go on training the live ones
      const live = ema ? nets.snapshot() : null;
      if (ema) ema.copyInto(genVars);
      const sc = await score();
      // the last epoch is always eligible, so a run shorter than the warm-up still keeps a trained checkpoint
      if (sc < best && (epoch > cfg.warmup || epoch === cfg.epochs)) {
        best = sc;
        bestEpoch = epoch;
        GmtdNets.disposeSnapshot(bestWeights);
        bestWeights = nets.snapshot();
      }
      if (live) {
        nets.restore(live);
        GmtdNets.disposeSnapshot(live);
      }
      const stopAt = Math.min(cfg.epochs, Math.max(bestEpoch, cfg.warmup) + cfg.patience);
      const info: EpochInfo = { epoch, stopAt, losses: sums, score: sc, best, msPerStep };
      history.push(info);
      onEpoch(info);
      await yieldToEventLoop();
      throwIfAborted(signal);
      if (epoch >= stopAt) {
        stoppedEarly = epoch < cfg.epochs;
        break;
      }
    }
    nets.restore(bestWeights);
    return { epochs: history.length, steps, bestEpoch, bestScore: best, history, stoppedEarly };
  } finally {
    optG.dispose();
    optD.dispose();
    ema?.dispose();
    (lastFake as Tensor2D | null)?.dispose();
    GmtdNets.disposeSnapshot(bestWeights);
  }

  /**
   * One critic update, then one encoder/decoder update. Every read from the device is asynchronous (WebGPU may not
   * allow synchronous ones), so the Sinkhorn couplings are computed before the generator's gradient pass from a
   * forward pass of the same encoder on the same batch with the same dropout seeds: the gradient pass recomputes
   * exactly those latent means.
   */
  async function step(this: void): Promise<Losses> {
    const pIdx = new Int32Array(B);
    const rIdx = new Int32Array(B);
    const srcIdx = new Int32Array(B);
    for (let i = 0; i < B; i++) {
      pIdx[i] = rng.int(N);
      srcIdx[i] = data.source[pIdx[i]!]!;
      rIdx[i] = rng.int(n);
    }
    const seeds = { a: rng.nextSeed(), b: rng.nextSeed(), c: rng.nextSeed() };
    const dropCritic = rng.nextSeed();
    const dropReal = rng.nextSeed();
    const dropGen = rng.nextSeed();
    const mode = (seed: number): Extract<Mode, { training: true }> => {
      const r = new Rng(seed);
      return { training: true, nextSeed: () => r.nextSeed() };
    };
    const [xp, xr, xs] = tf.tidy(() => [pIdx, rIdx, srcIdx].map((idx, k) => tf.gather(k === 0 ? data.pseudo : data.real, tf.tensor1d(idx, 'int32')) as Tensor2D));
    const held: tf.Tensor[] = [xp!, xr!, xs!];
    try {
      // --- critic step on the previous generator step's output (one step old; saves an encoder + decoder pass,
      // a fifth of the step); the first step makes its own
      const cm = mode(dropCritic);
      const fake =
        lastFake ??
        tf.tidy(() => {
          const { mu, logvar } = nets.encode(xp!, cm);
          return activateOutput(nets.decode(nets.reparameterise(mu, logvar, seeds.a), cm, xp!), data.nNum, data.blocks, cfg.tau, cm.nextSeed);
        });
      if (fake !== lastFake) held.push(fake);
      const dCost = optD.minimize(() => {
        const wd = tf.sub(tf.mean(critic.apply(fake, cm)), tf.mean(critic.apply(xr!, cm)));
        const gp = gradientPenalty((x) => critic.inputGradient(x, cm), interpolate(xr!, fake, seeds.b), cfg.lambda);
        return tf.add(wd, gp) as Scalar;
      }, true, criticVars)!;
      held.push(dCost);
      // --- generator step; the real latent means are targets (no gradient), as in the authors' code.
      // Sinkhorn runs on latents divided by the real cloud's spread s (a constant here): otherwise the shared
      // encoder lowers it by shrinking every latent towards one point, which erases what the decoder needs
      // (observed: CE stuck at its uniform-guess value while S ≈ 0)
      // The normalised means and their three cost matrices are computed on the device and read back together: the
      // 3 × B² × L loop in JavaScript took ~10 ms a step at B = 64, L = 128 (cryotherapy, 200 steps: 14.5 s → 11 s)
      const dev = tf.tidy(() => {
        const muReal = nets.encode(xr!, mode(dropReal)).mu;
        const muPseudo = nets.encode(xp!, mode(dropGen)).mu;
        const spread = tf.sqrt(tf.div(tf.sum(tf.square(tf.sub(muReal, tf.mean(muReal, 0, true)))), B));
        const inv = tf.div(1, tf.maximum(spread, 1e-6));
        const realN = tf.mul(muReal, inv) as Tensor2D;
        const pseudoN = tf.mul(muPseudo, inv) as Tensor2D;
        return { realN, inv, costs: [squaredDistances(pseudoN, realN), squaredDistances(pseudoN, pseudoN), squaredDistances(realN, realN)] };
      });
      held.push(dev.realN, dev.inv, ...dev.costs);
      const [invArr, ...costArr] = (await Promise.all([dev.inv, ...dev.costs].map((t) => t.data()))) as Float32Array[];
      const invSpread = invArr![0]!;
      const [cxy, cxx, cyy] = costArr.map((c) => Float64Array.from(c)) as [Float64Array, Float64Array, Float64Array];
      // Sinkhorn iterations in plain JS (sinkhorn-plain.ts) on the normalised means; the gradient comes from tfjs
      // through ⟨π_xy, C(μ, μ_real)⟩ − ½⟨π_xx, C(μ, μ)⟩ with the couplings fixed (= ∇S at the fixed point).
      // ε relative to the batch's mean latent cost: the same conditioning whatever scale the latent drifts to
      const eps = Math.max(1e-6, cfg.epsilon * mean(cxy));
      const sk = sinkhornPlans(cxy, cxx, cyy, B, B, { epsilon: eps, maxIter: cfg.sinkhornIters });
      const consts = tf.tidy(() => [tf.tensor2d(sk.pxy, [B, B]), tf.tensor2d(sk.pxx, [B, B])]);
      held.push(...consts);
      const muRealT = dev.realN;
      const [pxyT, pxxT] = consts as [Tensor2D, Tensor2D];
      let parts: tf.Tensor | null = null;
      const gm = mode(dropGen);
      const klWeight = cfg.klWarmup > 0 ? cfg.kl * Math.min(1, (steps + 1) / cfg.klWarmup) : cfg.kl;
      optG.minimize(() => {
        const { mu, logvar } = nets.encode(xp!, gm);
        const raw = nets.decode(nets.reparameterise(mu, logvar, seeds.c), gm, xp!);
        const gen = activateOutput(raw, data.nNum, data.blocks, cfg.tau, gm.nextSeed);
        nextFake = tf.keep(tf.clone(gen));
        const muN = tf.mul(mu, invSpread) as Tensor2D;
        const skTerm = tf.sub(tf.sum(tf.mul(squaredDistances(muN, muRealT), pxyT)), tf.mul(0.5, tf.sum(tf.mul(squaredDistances(muN, muN), pxxT))));
        const mm = data.nNum > 0 ? mmd2(tf.slice(gen, [0, 0], [-1, data.nNum]), tf.slice(xr!, [0, 0], [-1, data.nNum]), sigmas) : tf.scalar(0);
        const ce = blockCrossEntropy(raw, xs!, data.blocks);
        const adv = tf.neg(tf.mean(critic.apply(gen, gm)));
        const kl = klWeight > 0 ? tf.mul(klWeight, klToStandardNormal(mu, logvar)) : tf.scalar(0);
        parts = tf.keep(tf.stack([mm, ce, adv, kl]));
        return tf.addN([skTerm, mm, ce, adv, kl]) as Scalar;
      }, false, genVars);
      held.push(parts!);
      lastFake?.dispose();
      lastFake = nextFake;
      nextFake = null;
      ema?.update(genVars);
      const [critVal, partVals] = await Promise.all([dCost.data(), (parts as unknown as tf.Tensor).data()]);
      const out: Losses = { critic: critVal[0]!, sinkhorn: sk.value, mmd: partVals[0]!, ce: partVals[1]!, adv: partVals[2]!, kl: partVals[3]!, total: 0 };
      out.total = out.sinkhorn + out.mmd + out.ce + out.adv + out.kl;
      return out;
    } finally {
      for (const t of held) t.dispose();
      (nextFake as Tensor2D | null)?.dispose();
    }
  }
}
