/**
 * GenerativeMTD's networks (Sivakumar et al. 2023 §3.2; DESIGN.md §3) and sampling:
 * encoder D→128→128→128 (Linear, LeakyReLU 0.1, Dropout) with μ and log σ² heads; decoder latent→128→128→128→D
 * (same blocks; latent + classes → … with the `conditional` option, NetSpec.cond); critic D→128→128→1 (LeakyReLU
 * 0.2, Dropout). Only the encoder and decoder are saved: sampling needs nothing else.
 */
import type { Rng } from '../../core/rng.js';
import { activateSpans } from '../../ml/activations.js';
import { Mlp, type MlpJSON, type Mode } from '../../ml/layers/mlp.js';
import { tf, type Tensor2D, type Variable } from '../../ml/tf.js';
import { softmaxSpans, type Span } from '../../transforms/vector-layout.js';

export interface NetSpec {
  /** Width D of the transformed vectors. */
  width: number;
  hidden: number;
  latent: number;
  dropout: number;
  /**
   * The one-hot block of the vector (the class target's) that conditions the decoder, or absent/null for none.
   * The decoder then reads [z, class] and the class of a generated row is the class of the row it was encoded
   * from, so the latent code need not carry it (see gmtd.ts: with the KL term, it did not).
   */
  cond?: { start: number; size: number } | null;
}

export interface NetsJSON {
  spec: NetSpec;
  encoder: MlpJSON;
  heads: MlpJSON;
  decoder: MlpJSON;
}

export class GmtdNets {
  readonly spec: NetSpec;
  readonly encoder: Mlp;
  /** μ and log σ² heads as one Linear layer (latent·2 outputs), split after the product. */
  readonly heads: Mlp;
  readonly decoder: Mlp;
  critic: Mlp | null;

  private constructor(spec: NetSpec, encoder: Mlp, heads: Mlp, decoder: Mlp, critic: Mlp | null) {
    this.spec = spec;
    this.encoder = encoder;
    this.heads = heads;
    this.decoder = decoder;
    this.critic = critic;
  }

  static create(spec: NetSpec, rng: Rng): GmtdNets {
    const { width: D, hidden: h, latent, dropout } = spec;
    const nets = new GmtdNets(
      spec,
      Mlp.create({ sizes: [D, h, h, h], slope: 0.1, dropout, finalBlock: true }, rng),
      Mlp.create({ sizes: [h, 2 * latent], slope: 0.1, dropout: 0, finalBlock: false }, rng),
      Mlp.create({ sizes: [latent + (spec.cond?.size ?? 0), h, h, h, D], slope: 0.1, dropout, finalBlock: false }, rng),
      Mlp.create({ sizes: [D, h, h, 1], slope: 0.2, dropout, finalBlock: false }, rng),
    );
    // log σ² starts at ln 0.01 (σ = 0.1) instead of ≈ 0: with σ ≈ 1 and small initial μ the decoder's input is
    // mostly noise, and with no KL term nothing but the reconstruction terms pulls σ down, slowly (CE stayed at
    // its uniform-guess value for hundreds of steps)
    const bias = nets.heads.variables()[1]!;
    tf.tidy(() => bias.assign(tf.concat([tf.slice(bias, [0], [latent]), tf.fill([latent], Math.log(0.01))])));
    return nets;
  }

  static fromJSON(j: NetsJSON): GmtdNets {
    return new GmtdNets({ ...j.spec }, Mlp.fromJSON(j.encoder), Mlp.fromJSON(j.heads), Mlp.fromJSON(j.decoder), null);
  }

  encode(x: Tensor2D, mode: Mode): { mu: Tensor2D; logvar: Tensor2D } {
    const L = this.spec.latent;
    const [mu, logvar] = tf.tidy(() => {
      const hv = this.heads.apply(this.encoder.apply(x, mode), { training: false });
      // log σ² bounded to ±8 so exp() cannot overflow early in training
      return [tf.slice(hv, [0, 0], [-1, L]), tf.clipByValue(tf.slice(hv, [0, L], [-1, L]), -8, 8)] as Tensor2D[];
    });
    return { mu: mu!, logvar: logvar! };
  }

  /** z = μ + ε·σ, ε ~ N(0, I) drawn with `seed`. */
  reparameterise(mu: Tensor2D, logvar: Tensor2D, seed: number): Tensor2D {
    return tf.tidy(
      () =>
        tf.add(mu, tf.mul(tf.exp(tf.mul(0.5, logvar)), tf.randomNormal(mu.shape, 0, 1, 'float32', seed))) as Tensor2D,
    );
  }

  /** Decodes z; `source` (the encoded rows) gives the class that conditions the decoder, when `spec.cond` is set. */
  decode(z: Tensor2D, mode: Mode, source: Tensor2D): Tensor2D {
    const c = this.spec.cond;
    if (!c) return this.decoder.apply(z, mode);
    return tf.tidy(() =>
      this.decoder.apply(tf.concat([z, tf.slice(source, [0, c.start], [-1, c.size])], 1) as Tensor2D, mode),
    );
  }

  /** `generated` with the conditioning block replaced by `source`'s (exactly the class it was decoded for). */
  withSourceClass(generated: Tensor2D, source: Tensor2D): Tensor2D {
    const c = this.spec.cond;
    if (!c) return generated;
    return tf.tidy(() => {
      const D = generated.shape[1];
      const parts: Tensor2D[] = [];
      if (c.start > 0) parts.push(tf.slice(generated, [0, 0], [-1, c.start]));
      parts.push(tf.slice(source, [0, c.start], [-1, c.size]));
      if (c.start + c.size < D) parts.push(tf.slice(generated, [0, c.start + c.size], [-1, D - c.start - c.size]));
      return tf.concat(parts, 1) as Tensor2D;
    });
  }

  /** The encoder's and decoder's variables: trained by the generator step, averaged, checkpointed and saved. */
  generatorVariables(): Variable[] {
    return [...this.encoder.variables(), ...this.heads.variables(), ...this.decoder.variables()];
  }

  toJSON(): NetsJSON {
    return {
      spec: { ...this.spec },
      encoder: this.encoder.toJSON(),
      heads: this.heads.toJSON(),
      decoder: this.decoder.toJSON(),
    };
  }

  /** Frees the critic once training is over (sampling does not need it). */
  dropCritic(): void {
    this.critic?.dispose();
    this.critic = null;
  }

  dispose(): void {
    this.encoder.dispose();
    this.heads.dispose();
    this.decoder.dispose();
    this.critic?.dispose();
  }
}

/**
 * `n` generated vectors (row-major n × D) in inference mode (no dropout): encode random rows of the WHOLE pseudo-real
 * set, z = μ + ε·σ, decode; tanh on tanh spans, logits + Gumbel noise on each softmax span (its argmax is a draw
 * from softmax(logits), which `decodeStandardized` takes).
 */
export async function sampleVectors(
  nets: GmtdNets,
  pseudo: Tensor2D,
  spans: readonly Span[],
  n: number,
  rng: Rng,
): Promise<Float32Array> {
  const D = nets.spec.width;
  const out = new Float32Array(n * D);
  const N = pseudo.shape[0];
  const CHUNK = 2048;
  for (let s = 0; s < n; s += CHUNK) {
    const m = Math.min(CHUNK, n - s);
    const idx = new Int32Array(m);
    for (let i = 0; i < m; i++) idx[i] = rng.int(N);
    const noiseSeed = rng.nextSeed();
    const gumbelSeeds = softmaxSpans(spans).map(() => rng.nextSeed());
    const vec = tf.tidy(() => {
      const x = tf.gather(pseudo, tf.tensor1d(idx, 'int32')) as Tensor2D;
      const { mu, logvar } = nets.encode(x, { training: false });
      const raw = nets.decode(nets.reparameterise(mu, logvar, noiseSeed), { training: false }, x);
      // τ → 0 limit of Gumbel-softmax: only the argmax matters, so skip the softmax
      let b = 0;
      return nets.withSourceClass(
        activateSpans(raw, spans, 1, () => gumbelSeeds[b++]!, true),
        x,
      );
    });
    // an asynchronous read: WebGPU may not allow synchronous ones
    out.set((await vec.data()) as Float32Array, s * D);
    vec.dispose();
  }
  return out;
}
