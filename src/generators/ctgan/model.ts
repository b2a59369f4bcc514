/**
 * CTGAN's networks (Xu et al. 2019; DESIGN.md §4): generator [z ‖ cond] → Residual(h) → Residual(h) → Linear → D
 * raw outputs (activated per span: tanh for α, Gumbel-softmax τ = 0.2 for modes and categories); critic on `pac`
 * rows side by side, each row [x ‖ cond]: Linear(h) → LeakyReLU 0.2 → Dropout 0.5, twice, → Linear(1).
 * Only the generator is saved: sampling needs nothing else.
 */
import type { Rng } from '../../core/rng.js';
import { activateSpans } from '../../ml/activations.js';
import {
  applyLinear,
  createLinear,
  disposeLinear,
  linearFromJSON,
  linearToJSON,
  type Linear,
  type LinearJSON,
} from '../../ml/layers/linear.js';
import { Mlp } from '../../ml/layers/mlp.js';
import type { Mode } from '../../ml/layers/mode.js';
import { Residual, type ResidualJSON } from '../../ml/layers/residual.js';
import { tf, type Tensor2D, type Variable } from '../../ml/tf.js';
import type { Span } from '../../transforms/vector-layout.js';

export interface CtganSpec {
  /** Width D of the data vectors. */
  width: number;
  /** Width of the conditional vector. */
  cond: number;
  noise: number;
  /** Widths of the generator's residual blocks. */
  generator: number[];
  /** Widths of the critic's hidden layers. */
  critic: number[];
  pac: number;
  dropout: number;
}

export interface CtganGeneratorJSON {
  spec: CtganSpec;
  blocks: ResidualJSON[];
  out: LinearJSON;
}

export class CtganGenerator {
  readonly spec: CtganSpec;
  private readonly blocks: Residual[];
  private readonly out: Linear;

  private constructor(spec: CtganSpec, blocks: Residual[], out: Linear) {
    this.spec = spec;
    this.blocks = blocks;
    this.out = out;
  }

  static create(spec: CtganSpec, rng: Rng): CtganGenerator {
    let w = spec.noise + spec.cond;
    const blocks = spec.generator.map((h) => {
      const b = Residual.create(w, h, rng);
      w = b.width;
      return b;
    });
    return new CtganGenerator(spec, blocks, createLinear(w, spec.width, rng));
  }

  static fromJSON(j: CtganGeneratorJSON): CtganGenerator {
    const blocks = j.blocks.map((b) => Residual.fromJSON(b));
    const w = blocks.length ? blocks[blocks.length - 1]!.width : j.spec.noise + j.spec.cond;
    return new CtganGenerator({ ...j.spec }, blocks, linearFromJSON(j.out, w, j.spec.width));
  }

  variables(): Variable[] {
    return [...this.blocks.flatMap((b) => b.variables()), this.out.w, this.out.b];
  }

  /** The trainable variables and batch norm's running statistics (what a checkpoint keeps). */
  stateVariables(): Variable[] {
    return [...this.blocks.flatMap((b) => b.stateVariables()), this.out.w, this.out.b];
  }

  /** Raw outputs (before the span activations) of the input [z ‖ cond]. */
  apply(input: Tensor2D, mode: Mode): Tensor2D {
    return tf.tidy(() => {
      let h = input;
      for (const b of this.blocks) h = b.apply(h, mode);
      return applyLinear(h, this.out);
    });
  }

  toJSON(): CtganGeneratorJSON {
    return { spec: { ...this.spec }, blocks: this.blocks.map((b) => b.toJSON()), out: linearToJSON(this.out) };
  }

  dispose(): void {
    for (const b of this.blocks) b.dispose();
    disposeLinear(this.out);
  }
}

/** The critic: an MLP on `pac` rows of [x ‖ cond] side by side. */
export function createCritic(spec: CtganSpec, rng: Rng): Mlp {
  const input = spec.pac * (spec.width + spec.cond);
  return Mlp.create({ sizes: [input, ...spec.critic, 1], slope: 0.2, dropout: spec.dropout, finalBlock: false }, rng);
}

/** PacGAN grouping: `pac` consecutive rows become one row (B × d → B/pac × pac·d); B must be a multiple of pac. */
export function pacGroup(x: Tensor2D, pac: number): Tensor2D {
  const [B, d] = x.shape;
  if (B % pac !== 0) throw new RangeError(`a batch of ${B} rows cannot be cut into groups of ${pac}`);
  return tf.reshape(x, [B / pac, pac * d]);
}

/** [z ‖ cond] with z ~ N(0, I) drawn with `seed`. */
export function generatorInput(rows: number, noise: number, cond: Tensor2D | null, seed: number): Tensor2D {
  return tf.tidy(() => {
    const z = tf.randomNormal([rows, noise], 0, 1, 'float32', seed) as Tensor2D;
    return cond && cond.shape[1] > 0 ? (tf.concat([z, cond], 1) as Tensor2D) : z;
  });
}

/** The generator's activated output: tanh on α, Gumbel-softmax (τ) on the softmax spans. */
export function activate(raw: Tensor2D, spans: readonly Span[], tau: number, nextSeed: () => number): Tensor2D {
  return activateSpans(raw, spans, tau, nextSeed);
}
