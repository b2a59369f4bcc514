/**
 * GenerativeMTD's training step (Sivakumar et al. 2023 §3.3; DESIGN.md §3) for the shared loop (ml/train/loop.ts):
 * one critic update then one encoder/decoder update on a batch of pseudo-real rows and a batch of real rows:
 * - critic (WGAN-GP): mean D(fake) − mean D(real) + λ·GP, fake = decode(encode(pseudo batch)) of the previous step;
 * - generator: Sinkhorn(μ_pseudo, μ_real) + MMD²(real continuous, generated continuous)
 *   + CE(generated logits, category of each pseudo row's real source row) − mean D(fake)
 *   + β·KL(N(μ, σ²) ‖ N(0, I)). The KL term is the VAE's own and not in the paper's loss (DESIGN.md §3 lists none):
 *   without it nothing keeps σ from shrinking to 0, sampling's z = μ + ε·σ then decodes each pseudo row to one
 *   point, and the decoder learns to return rows very close to its training rows. β rises linearly from 0 to its
 *   value over the first `klWarmup` steps (KL annealing, Bowman et al. 2016): at full weight from the first step
 *   the KL term can win before the decoder has learnt to use z, which then ignores its input (posterior collapse).
 *   β = 0 is the paper's loss; the defaults' evidence is in docs/.
 * Adam for both (β₁ 0.5, β₂ 0.9, the usual WGAN-GP setting) instead of the paper's SGD. Device reads are
 * asynchronous only (WebGPU may not allow synchronous ones).
 */
import { Rng } from '../../core/rng.js';
import { activateSpans, tanhColumns } from '../../ml/activations.js';
import type { Mlp, Mode } from '../../ml/layers/mlp.js';
import { spanCrossEntropy } from '../../ml/losses/cross-entropy.js';
import { gradientPenalty, interpolate } from '../../ml/losses/gradient-penalty.js';
import { klToStandardNormal } from '../../ml/losses/kl.js';
import { defaultBandwidths, mmd2 } from '../../ml/losses/mmd.js';
import { sinkhornPlans } from '../../ml/losses/sinkhorn-plain.js';
import { squaredDistances } from '../../ml/losses/squared-distances.js';
import { tf, type Scalar, type Tensor2D, type Variable } from '../../ml/tf.js';
import type { Losses } from '../../ml/train/loop.js';
import type { Span } from '../../transforms/vector-layout.js';
import type { GmtdNets } from './model.js';

export interface StepConfig {
  batch: number;
  learningRate: number;
  /** Sinkhorn ε as a fraction of the batch's mean latent cost. */
  epsilon: number;
  sinkhornIters: number;
  tau: number;
  lambda: number;
  /** Weight of the VAE's KL term (0: none). */
  kl: number;
  /** Steps over which the KL weight rises linearly from 0 to `kl` (0: full weight from the first step). */
  klWarmup: number;
}

export interface TrainData {
  /** Pseudo-real vectors on the device (N × D) and the real row each comes from. */
  pseudo: Tensor2D;
  source: Int32Array;
  /** Real vectors (n × D). */
  real: Tensor2D;
  spans: readonly Span[];
}

/** The step function and what it holds (optimisers, the last fake batch) until `dispose`. */
export interface GmtdStep {
  step(done: number): Promise<Losses>;
  dispose(): void;
}

/** One batch's draws from the training Rng, in the order training has always made them. */
interface Draws {
  pIdx: Int32Array;
  rIdx: Int32Array;
  srcIdx: Int32Array;
  seeds: { a: number; b: number; c: number };
  dropCritic: number;
  dropReal: number;
  dropGen: number;
}

function drawBatch(rng: Rng, B: number, N: number, n: number, source: Int32Array): Draws {
  const pIdx = new Int32Array(B);
  const rIdx = new Int32Array(B);
  const srcIdx = new Int32Array(B);
  for (let i = 0; i < B; i++) {
    pIdx[i] = rng.int(N);
    srcIdx[i] = source[pIdx[i]!]!;
    rIdx[i] = rng.int(n);
  }
  const seeds = { a: rng.nextSeed(), b: rng.nextSeed(), c: rng.nextSeed() };
  return { pIdx, rIdx, srcIdx, seeds, dropCritic: rng.nextSeed(), dropReal: rng.nextSeed(), dropGen: rng.nextSeed() };
}

/** A training mode whose dropout seeds come from `seed`. */
function mode(seed: number): Extract<Mode, { training: true }> {
  const r = new Rng(seed);
  return { training: true, nextSeed: () => r.nextSeed() };
}

function mean(x: Float64Array): number {
  let s = 0;
  for (const v of x) s += v;
  return s / x.length;
}

interface Batch {
  xp: Tensor2D;
  xr: Tensor2D;
  xs: Tensor2D;
}

/** The step of `nets` (which must have a critic) on `data`; draws from `rng`. */
export function createGmtdStep(nets: GmtdNets, data: TrainData, cfg: StepConfig, rng: Rng): GmtdStep {
  const t = new GmtdTrainer(nets, data, cfg, rng);
  return { step: (done) => t.step(done), dispose: () => t.dispose() };
}

type Couplings = { realN: Tensor2D; invSpread: number; value: number; pxy: Tensor2D; pxx: Tensor2D };

class GmtdTrainer {
  private readonly critic: Mlp;
  private readonly optG: tf.AdamOptimizer;
  private readonly optD: tf.AdamOptimizer;
  private readonly N: number;
  private readonly n: number;
  /** Rows per batch: the paper takes all real rows, capped by `batch` for larger tables. */
  private readonly B: number;
  private readonly nNum: number;
  private readonly sigmas: number[];
  private readonly genVars: Variable[];
  private readonly criticVars: Variable[];
  private lastFake: Tensor2D | null = null;

  constructor(
    private readonly nets: GmtdNets,
    private readonly data: TrainData,
    private readonly cfg: StepConfig,
    private readonly rng: Rng,
  ) {
    if (!nets.critic) throw new Error('training needs a critic');
    this.critic = nets.critic;
    this.optG = tf.train.adam(cfg.learningRate, 0.5, 0.9);
    this.optD = tf.train.adam(cfg.learningRate, 0.5, 0.9);
    this.N = data.pseudo.shape[0];
    this.n = data.real.shape[0];
    this.B = Math.min(cfg.batch, this.n);
    this.nNum = data.spans.reduce((w, sp) => w + (sp.kind === 'tanh' ? sp.width : 0), 0);
    this.sigmas = defaultBandwidths(this.nNum);
    this.genVars = nets.generatorVariables();
    this.criticVars = this.critic.variables();
  }

  async step(done: number): Promise<Losses> {
    const d = drawBatch(this.rng, this.B, this.N, this.n, this.data.source);
    const { pseudo, real } = this.data;
    const [xp, xr, xs] = tf.tidy(() =>
      [d.pIdx, d.rIdx, d.srcIdx].map(
        (idx, k) => tf.gather(k === 0 ? pseudo : real, tf.tensor1d(idx, 'int32')) as Tensor2D,
      ),
    ) as [Tensor2D, Tensor2D, Tensor2D];
    const held: tf.Tensor[] = [xp, xr, xs];
    try {
      const b = { xp, xr, xs };
      const dCost = this.criticUpdate(b, d, held);
      held.push(dCost);
      const sk = await this.couplings(b, d, held);
      const parts = this.generatorUpdate(b, d, sk, done, held);
      const [critVal, partVals] = await Promise.all([dCost.data(), parts.data()]);
      const out = {
        critic: critVal[0]!,
        sinkhorn: sk.value,
        mmd: partVals[0]!,
        ce: partVals[1]!,
        adv: partVals[2]!,
        kl: partVals[3]!,
        total: 0,
      };
      out.total = out.sinkhorn + out.mmd + out.ce + out.adv + out.kl;
      return out;
    } finally {
      for (const t of held) t.dispose();
    }
  }

  /**
   * Critic update on the previous generator step's output (one step old; saves an encoder + decoder pass, a fifth
   * of the step); the first step makes its own.
   */
  private criticUpdate(b: Batch, d: Draws, held: tf.Tensor[]): Scalar {
    const { nets, critic, cfg } = this;
    const cm = mode(d.dropCritic);
    const fake =
      this.lastFake ??
      tf.tidy(() => {
        const { mu, logvar } = nets.encode(b.xp, cm);
        return activateSpans(
          nets.decode(nets.reparameterise(mu, logvar, d.seeds.a), cm, b.xp),
          this.data.spans,
          cfg.tau,
          cm.nextSeed,
        );
      });
    if (fake !== this.lastFake) held.push(fake);
    return this.optD.minimize(
      () => {
        const wd = tf.sub(tf.mean(critic.apply(fake, cm)), tf.mean(critic.apply(b.xr, cm)));
        const gp = gradientPenalty((x) => critic.inputGradient(x, cm), interpolate(b.xr, fake, d.seeds.b), cfg.lambda);
        return tf.add(wd, gp) as Scalar;
      },
      true,
      this.criticVars,
    )!;
  }

  /**
   * The Sinkhorn couplings between the batch's latent means, computed before the generator's gradient pass from a
   * forward pass of the same encoder on the same batch with the same dropout seeds (the gradient pass recomputes
   * exactly those means). The real latent means are targets (no gradient), as in the authors' code. Sinkhorn runs
   * on latents divided by the real cloud's spread s (a constant here): otherwise the shared encoder lowers it by
   * shrinking every latent towards one point, which erases what the decoder needs. The normalised means and their
   * three cost matrices are computed on the device and read back together (a B² × L loop in JavaScript is slower).
   */
  private async couplings(b: Batch, d: Draws, held: tf.Tensor[]): Promise<Couplings> {
    const { nets, B } = this;
    const dev = tf.tidy(() => {
      const muReal = nets.encode(b.xr, mode(d.dropReal)).mu;
      const muPseudo = nets.encode(b.xp, mode(d.dropGen)).mu;
      const spread = tf.sqrt(tf.div(tf.sum(tf.square(tf.sub(muReal, tf.mean(muReal, 0, true)))), B));
      const inv = tf.div(1, tf.maximum(spread, 1e-6));
      const realN = tf.mul(muReal, inv) as Tensor2D;
      const pseudoN = tf.mul(muPseudo, inv) as Tensor2D;
      return {
        realN,
        inv,
        costs: [squaredDistances(pseudoN, realN), squaredDistances(pseudoN, pseudoN), squaredDistances(realN, realN)],
      };
    });
    held.push(dev.realN, dev.inv, ...dev.costs);
    const [invArr, ...costArr] = (await Promise.all([dev.inv, ...dev.costs].map((t) => t.data()))) as Float32Array[];
    const [cxy, cxx, cyy] = costArr.map((c) => Float64Array.from(c)) as [Float64Array, Float64Array, Float64Array];
    // Sinkhorn iterations in plain JS (sinkhorn-plain.ts); the gradient comes from tfjs through
    // ⟨π_xy, C(μ, μ_real)⟩ − ½⟨π_xx, C(μ, μ)⟩ with the couplings fixed (= ∇S at the fixed point).
    // ε relative to the batch's mean latent cost: the same conditioning whatever scale the latent drifts to
    const eps = Math.max(1e-6, this.cfg.epsilon * mean(cxy));
    const sk = sinkhornPlans(cxy, cxx, cyy, B, B, { epsilon: eps, maxIter: this.cfg.sinkhornIters });
    const [pxy, pxx] = tf.tidy(() => [tf.tensor2d(sk.pxy, [B, B]), tf.tensor2d(sk.pxx, [B, B])]) as [
      Tensor2D,
      Tensor2D,
    ];
    held.push(pxy, pxx);
    return { realN: dev.realN, invSpread: invArr![0]!, value: sk.value, pxy, pxx };
  }

  /** Encoder/decoder update; keeps its activated output as the next critic step's fake batch. */
  private generatorUpdate(b: Batch, d: Draws, sk: Couplings, done: number, held: tf.Tensor[]): tf.Tensor {
    const { nets, critic, cfg, data, nNum } = this;
    let parts: tf.Tensor | null = null;
    let nextFake: Tensor2D | null = null;
    const gm = mode(d.dropGen);
    const klWeight = cfg.klWarmup > 0 ? cfg.kl * Math.min(1, (done + 1) / cfg.klWarmup) : cfg.kl;
    try {
      this.optG.minimize(
        () => {
          const { mu, logvar } = nets.encode(b.xp, gm);
          const raw = nets.decode(nets.reparameterise(mu, logvar, d.seeds.c), gm, b.xp);
          const gen = activateSpans(raw, data.spans, cfg.tau, gm.nextSeed);
          nextFake = tf.keep(tf.clone(gen));
          const muN = tf.mul(mu, sk.invSpread) as Tensor2D;
          const skTerm = tf.sub(
            tf.sum(tf.mul(squaredDistances(muN, sk.realN), sk.pxy)),
            tf.mul(0.5, tf.sum(tf.mul(squaredDistances(muN, muN), sk.pxx))),
          );
          const mm =
            nNum > 0 ? mmd2(tanhColumns(gen, data.spans), tanhColumns(b.xr, data.spans), this.sigmas) : tf.scalar(0);
          const ce = spanCrossEntropy(raw, b.xs, data.spans);
          const adv = tf.neg(tf.mean(critic.apply(gen, gm)));
          const kl = klWeight > 0 ? tf.mul(klWeight, klToStandardNormal(mu, logvar)) : tf.scalar(0);
          parts = tf.keep(tf.stack([mm, ce, adv, kl]));
          return tf.addN([skTerm, mm, ce, adv, kl]) as Scalar;
        },
        false,
        this.genVars,
      );
    } catch (err) {
      (nextFake as Tensor2D | null)?.dispose();
      (parts as tf.Tensor | null)?.dispose();
      throw err;
    }
    this.lastFake?.dispose();
    this.lastFake = nextFake;
    held.push(parts!);
    return parts!;
  }

  dispose(): void {
    this.optG.dispose();
    this.optD.dispose();
    this.lastFake?.dispose();
    this.lastFake = null;
  }
}
