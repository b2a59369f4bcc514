/**
 * TVAE's networks (Xu et al. 2019; DESIGN.md §4) and sampling: encoder D → h → h (ReLU) → μ, log σ² (latent each);
 * decoder latent → h → h (ReLU) → D, and a learned σ per continuous (tanh) slot, kept in [0.01, 1] as the reference
 * clamps it. Sampling: z ~ N(0, I), decode, tanh(x̂) + σ·ε on the tanh spans; the softmax spans stay logits, whose
 * argmax the transform's decoder takes.
 */
import type { Rng } from '../../core/rng.js';
import { tanhColumns } from '../../ml/activations.js';
import { Mlp, type MlpJSON, type Mode } from '../../ml/layers/mlp.js';
import { tf, type Tensor2D, type Variable } from '../../ml/tf.js';
import { base64ToFloat32, float32ToBase64 } from '../../ml/weights.js';
import { placeSpans, type Span } from '../../transforms/vector-layout.js';

export interface TvaeSpec {
  width: number;
  hidden: number;
  latent: number;
}

export interface TvaeNetsJSON {
  spec: TvaeSpec;
  encoder: MlpJSON;
  decoder: MlpJSON;
  /** σ of each tanh slot, float32 base64. */
  sigma: string;
}

/** Rows drawn per sampling batch (bounded memory for large requests). */
const SAMPLE_BATCH = 4096;

export class TvaeNets {
  readonly spec: TvaeSpec;
  /** D → h → h → 2·latent: the last layer is the μ and log σ² heads side by side. */
  readonly encoder: Mlp;
  readonly decoder: Mlp;
  readonly sigma: Variable;

  private constructor(spec: TvaeSpec, encoder: Mlp, decoder: Mlp, sigma: Float32Array) {
    this.spec = spec;
    this.encoder = encoder;
    this.decoder = decoder;
    this.sigma = tf.tidy(() => tf.variable(tf.tensor1d(sigma)));
  }

  /** `tanhSlots`: how many continuous outputs get a σ. σ starts at 0.1, as the reference's. */
  static create(spec: TvaeSpec, tanhSlots: number, rng: Rng): TvaeNets {
    const { width: D, hidden: h, latent } = spec;
    return new TvaeNets(
      spec,
      Mlp.create({ sizes: [D, h, h, 2 * latent], slope: 0, dropout: 0, finalBlock: false }, rng),
      Mlp.create({ sizes: [latent, h, h, D], slope: 0, dropout: 0, finalBlock: false }, rng),
      new Float32Array(tanhSlots).fill(0.1),
    );
  }

  static fromJSON(j: TvaeNetsJSON): TvaeNets {
    return new TvaeNets({ ...j.spec }, Mlp.fromJSON(j.encoder), Mlp.fromJSON(j.decoder), base64ToFloat32(j.sigma));
  }

  variables(): Variable[] {
    return [...this.encoder.variables(), ...this.decoder.variables(), this.sigma];
  }

  encode(x: Tensor2D, mode: Mode): { mu: Tensor2D; logvar: Tensor2D } {
    const L = this.spec.latent;
    const out = this.encoder.apply(x, mode);
    const mu = tf.slice(out, [0, 0], [-1, L]) as Tensor2D;
    const logvar = tf.slice(out, [0, L], [-1, L]) as Tensor2D;
    out.dispose();
    return { mu, logvar };
  }

  decode(z: Tensor2D, mode: Mode): Tensor2D {
    return this.decoder.apply(z, mode);
  }

  /** Keeps σ in [0.01, 1] after an update. */
  clampSigma(): void {
    tf.tidy(() => this.sigma.assign(tf.clipByValue(this.sigma, 0.01, 1)));
  }

  toJSON(): TvaeNetsJSON {
    return {
      spec: { ...this.spec },
      encoder: this.encoder.toJSON(),
      decoder: this.decoder.toJSON(),
      sigma: float32ToBase64(this.sigma.dataSync() as Float32Array),
    };
  }

  dispose(): void {
    this.encoder.dispose();
    this.decoder.dispose();
    this.sigma.dispose();
  }
}

/** One decoded batch: tanh(x̂) + σ·ε in the tanh slots, logits elsewhere. */
function sampleBatch(nets: TvaeNets, spans: readonly Span[], rows: number, zSeed: number, eSeed: number): Tensor2D {
  return tf.tidy(() => {
    const z = tf.randomNormal([rows, nets.spec.latent], 0, 1, 'float32', zSeed) as Tensor2D;
    const raw = nets.decode(z, { training: false });
    const placed = placeSpans(spans);
    const tanhCount = placed.reduce((w, s) => w + (s.kind === 'tanh' ? s.width : 0), 0);
    const noisy = tf.add(
      tf.tanh(tanhColumns(raw, spans)),
      tf.mul(nets.sigma, tf.randomNormal([rows, tanhCount], 0, 1, 'float32', eSeed)),
    ) as Tensor2D;
    let t = 0;
    const parts = placed.map((s) => {
      if (s.kind !== 'tanh') return tf.slice(raw, [0, s.start], [-1, s.width]);
      t += s.width;
      return tf.slice(noisy, [0, t - s.width], [-1, s.width]);
    });
    return tf.concat(parts, 1) as Tensor2D;
  });
}

/** `n` vectors (row-major, n × width); two seeds per batch from `rng`. */
export async function sampleTvaeVectors(
  nets: TvaeNets,
  spans: readonly Span[],
  n: number,
  rng: Rng,
): Promise<Float32Array> {
  const D = nets.spec.width;
  const out = new Float32Array(n * D);
  for (let done = 0; done < n; done += SAMPLE_BATCH) {
    const rows = Math.min(SAMPLE_BATCH, n - done);
    const t = sampleBatch(nets, spans, rows, rng.nextSeed(), rng.nextSeed());
    out.set((await t.data()) as Float32Array, done * D);
    t.dispose();
  }
  return out;
}
