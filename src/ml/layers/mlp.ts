/**
 * A small multi-layer perceptron on raw tfjs variables: blocks of Linear → LeakyReLU(slope) → Dropout(rate), then
 * (unless `finalBlock`) a plain Linear output layer. Initialised like PyTorch's `nn.Linear` (linear.ts) from a
 * seeded `Rng`; dropout masks are drawn with explicit seeds, so a run is reproducible. Saved as plain JSON
 * (`toJSON`/`Mlp.fromJSON`, weights base64 float32).
 */
import type { Rng } from '../../core/rng.js';
import { matMul2d } from '../matmul.js';
import { tf, type Tensor2D, type Variable } from '../tf.js';
import {
  applyLinear,
  createLinear,
  disposeLinear,
  linearFromJSON,
  linearToJSON,
  type Linear,
  type LinearJSON,
} from './linear.js';
import { dropoutMask, type Mode } from './mode.js';

export type { Mode } from './mode.js';

export interface MlpSpec {
  /** Layer widths, input first: [in, h1, …, out]. */
  sizes: number[];
  /** LeakyReLU negative slope. */
  slope: number;
  /** Dropout rate of every block (training only). */
  dropout: number;
  /** true: every layer is a block (an encoder body); false: the last layer is a plain Linear output. */
  finalBlock: boolean;
}

export interface MlpJSON extends MlpSpec {
  /** Per layer: weight (row-major in×out) and bias, float32 as base64. */
  weights: LinearJSON[];
}

export class Mlp {
  readonly spec: MlpSpec;
  private readonly layers: Linear[];

  private constructor(spec: MlpSpec, layers: Linear[]) {
    this.spec = spec;
    this.layers = layers;
  }

  static create(spec: MlpSpec, rng: Rng): Mlp {
    const layers: Linear[] = [];
    for (let l = 0; l + 1 < spec.sizes.length; l++) layers.push(createLinear(spec.sizes[l]!, spec.sizes[l + 1]!, rng));
    return new Mlp(spec, layers);
  }

  static fromJSON(json: MlpJSON): Mlp {
    const { weights, ...spec } = json;
    if (weights.length !== spec.sizes.length - 1) throw new RangeError('MLP weights do not match its layer sizes');
    const layers = weights.map((lw, l) => linearFromJSON(lw, spec.sizes[l]!, spec.sizes[l + 1]!));
    return new Mlp({ ...spec, sizes: [...spec.sizes] }, layers);
  }

  /** The trainable variables (for the optimiser and for checkpoints). */
  variables(): Variable[] {
    return this.layers.flatMap((l) => [l.w, l.b]);
  }

  private isBlock(l: number): boolean {
    return this.spec.finalBlock || l < this.layers.length - 1;
  }

  apply(x: Tensor2D, mode: Mode): Tensor2D {
    return tf.tidy(() => {
      let h = x;
      this.layers.forEach((layer, l) => {
        h = applyLinear(h, layer);
        if (this.isBlock(l)) {
          h = tf.leakyRelu(h, this.spec.slope) as Tensor2D;
          if (mode.training && this.spec.dropout > 0)
            h = tf.mul(h, dropoutMask(h.shape, this.spec.dropout, mode.nextSeed())) as Tensor2D;
        }
      });
      return h;
    });
  }

  /**
   * ∂(output)/∂x row by row, for a network with one output and a plain output layer (a critic), written out by
   * the chain rule so it stays differentiable in the weights (tfjs has no second derivative of LeakyReLU):
   * g = W_Lᵀ, then g ← (g ⊙ mask_l ⊙ lrelu′(a_l)) W_lᵀ down the blocks.
   */
  inputGradient(x: Tensor2D, mode: Mode): Tensor2D {
    if (this.spec.finalBlock || this.spec.sizes[this.spec.sizes.length - 1] !== 1) {
      throw new RangeError('inputGradient needs a single-output MLP with a linear output layer');
    }
    return tf.tidy(() => {
      const factors: Tensor2D[] = [];
      let h = x;
      for (let l = 0; l < this.layers.length - 1; l++) {
        const a = applyLinear(h, this.layers[l]!);
        // lrelu′(a) = slope + (1 − slope)·step(a); step has a (zero) gradient in tfjs, `greater` has none
        let factor = tf.add(this.spec.slope, tf.mul(1 - this.spec.slope, tf.step(a))) as Tensor2D;
        h = tf.leakyRelu(a, this.spec.slope) as Tensor2D;
        if (mode.training && this.spec.dropout > 0) {
          const m = dropoutMask(a.shape, this.spec.dropout, mode.nextSeed());
          factor = tf.mul(factor, m) as Tensor2D;
          h = tf.mul(h, m) as Tensor2D;
        }
        factors.push(factor);
      }
      const out = this.layers[this.layers.length - 1]!;
      let g = tf.tile(tf.transpose(out.w), [x.shape[0], 1]) as Tensor2D;
      for (let l = this.layers.length - 2; l >= 0; l--) {
        g = matMul2d(tf.mul(g, factors[l]!) as Tensor2D, this.layers[l]!.w, false, true);
      }
      return g;
    });
  }

  toJSON(): MlpJSON {
    return { ...this.spec, sizes: [...this.spec.sizes], weights: this.layers.map(linearToJSON) };
  }

  dispose(): void {
    for (const l of this.layers) disposeLinear(l);
  }
}
