/**
 * A small multi-layer perceptron on raw tfjs variables: blocks of Linear → LeakyReLU(slope) → Dropout(rate), then
 * (unless `finalBlock`) a plain Linear output layer. Initialised like PyTorch's `nn.Linear` (weights and biases
 * U(−1/√fan_in, 1/√fan_in)) from a seeded `Rng`; dropout masks are drawn with explicit seeds, so a run is
 * reproducible. Saved as plain JSON (`toJSON`/`Mlp.fromJSON`, weights base64 float32).
 */
import type { Rng } from '../core/rng.js';
import { matMul2d } from './matmul.js';
import { tf, type Tensor2D, type Variable } from './tf.js';
import { base64ToFloat32, float32ToBase64 } from './weights.js';

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
  weights: { w: string; b: string }[];
}

/** Forward-pass mode: inference (no dropout) or training with a seed source for the dropout masks. */
export type Mode = { training: false } | { training: true; nextSeed: () => number };

interface Layer {
  w: Variable;
  b: Variable;
}

/** Variables from initial values (tidy frees the initial tensors; variables survive it). */
function newLayer(w: Float32Array, b: Float32Array, fin: number, fout: number): Layer {
  return tf.tidy(() => ({ w: tf.variable(tf.tensor2d(w, [fin, fout])), b: tf.variable(tf.tensor1d(b)) }));
}

/** Inverted-dropout mask: 1/(1−rate) where kept, 0 where dropped. */
function dropoutMask(shape: [number, number], rate: number, seed: number): Tensor2D {
  return tf.tidy(() => tf.div(tf.step(tf.sub(tf.randomUniform(shape, 0, 1, 'float32', seed), rate)), 1 - rate) as Tensor2D);
}

export class Mlp {
  readonly spec: MlpSpec;
  private readonly layers: Layer[];

  private constructor(spec: MlpSpec, layers: Layer[]) {
    this.spec = spec;
    this.layers = layers;
  }

  static create(spec: MlpSpec, rng: Rng): Mlp {
    const layers: Layer[] = [];
    for (let l = 0; l + 1 < spec.sizes.length; l++) {
      const fin = spec.sizes[l]!;
      const fout = spec.sizes[l + 1]!;
      const bound = 1 / Math.sqrt(fin);
      const w = new Float32Array(fin * fout);
      for (let i = 0; i < w.length; i++) w[i] = rng.uniform(-bound, bound);
      const b = new Float32Array(fout);
      for (let i = 0; i < fout; i++) b[i] = rng.uniform(-bound, bound);
      layers.push(newLayer(w, b, fin, fout));
    }
    return new Mlp(spec, layers);
  }

  static fromJSON(json: MlpJSON): Mlp {
    const { weights, ...spec } = json;
    if (weights.length !== spec.sizes.length - 1) throw new RangeError('MLP weights do not match its layer sizes');
    const layers = weights.map((lw, l) => {
      const fin = spec.sizes[l]!;
      const fout = spec.sizes[l + 1]!;
      const w = base64ToFloat32(lw.w);
      const b = base64ToFloat32(lw.b);
      if (w.length !== fin * fout || b.length !== fout) throw new RangeError(`MLP layer ${l} has the wrong number of weights`);
      return newLayer(w, b, fin, fout);
    });
    return new Mlp({ ...spec, sizes: [...spec.sizes] }, layers);
  }

  /** The trainable variables (for the optimiser). */
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
        h = tf.add(matMul2d(h, layer.w), layer.b) as Tensor2D;
        if (this.isBlock(l)) {
          h = tf.leakyRelu(h, this.spec.slope) as Tensor2D;
          if (mode.training && this.spec.dropout > 0) h = tf.mul(h, dropoutMask(h.shape, this.spec.dropout, mode.nextSeed())) as Tensor2D;
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
        const layer = this.layers[l]!;
        const a = tf.add(matMul2d(h, layer.w), layer.b) as Tensor2D;
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

  /**
   * Copies of the current weights on the device (for keeping the best checkpoint): no read-back, so it works on
   * backends without synchronous reads (WebGPU). The caller disposes them.
   */
  snapshot(): tf.Tensor[] {
    return this.variables().map((v) => tf.clone(v));
  }

  /** Sets the weights to a snapshot's (the snapshot stays the caller's). */
  restore(snap: tf.Tensor[]): void {
    const vars = this.variables();
    if (snap.length !== vars.length) throw new RangeError('snapshot does not match this MLP');
    vars.forEach((v, i) => v.assign(snap[i]!));
  }

  toJSON(): MlpJSON {
    return {
      ...this.spec,
      sizes: [...this.spec.sizes],
      weights: this.layers.map((l) => ({ w: float32ToBase64(l.w.dataSync() as Float32Array), b: float32ToBase64(l.b.dataSync() as Float32Array) })),
    };
  }

  dispose(): void {
    for (const l of this.layers) {
      l.w.dispose();
      l.b.dispose();
    }
  }
}
