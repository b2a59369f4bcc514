/**
 * Batch normalisation over the rows of a batch (PyTorch's `BatchNorm1d`, as CTGAN's generator uses it):
 * y = γ (x − μ) / √(σ² + ε) + β. Training: μ and σ² of the batch (biased σ², as PyTorch normalises), and the running
 * statistics move by `momentum` towards them (running σ² takes the unbiased batch variance, as PyTorch's does).
 * Inference: the running statistics. γ starts at 1, β at 0, running μ at 0 and running σ² at 1.
 */
import { tf, type Tensor1D, type Tensor2D, type Variable } from '../tf.js';
import { base64ToFloat32, float32ToBase64 } from '../weights.js';
import type { Mode } from './mode.js';

export interface BatchNormSpec {
  size: number;
  /** @default 1e-5 */
  eps?: number;
  /** @default 0.1 */
  momentum?: number;
}

export interface BatchNormJSON {
  size: number;
  eps: number;
  momentum: number;
  gamma: string;
  beta: string;
  mean: string;
  variance: string;
}

function vector(values: Float32Array, trainable: boolean): Variable {
  return tf.tidy(() => tf.variable(tf.tensor1d(values), trainable));
}

export class BatchNorm {
  readonly size: number;
  readonly eps: number;
  readonly momentum: number;
  private readonly gamma: Variable;
  private readonly beta: Variable;
  private readonly runMean: Variable;
  private readonly runVar: Variable;

  private constructor(
    size: number,
    eps: number,
    momentum: number,
    v: [Float32Array, Float32Array, Float32Array, Float32Array],
  ) {
    this.size = size;
    this.eps = eps;
    this.momentum = momentum;
    this.gamma = vector(v[0], true);
    this.beta = vector(v[1], true);
    this.runMean = vector(v[2], false);
    this.runVar = vector(v[3], false);
  }

  static create(spec: BatchNormSpec): BatchNorm {
    const n = spec.size;
    return new BatchNorm(n, spec.eps ?? 1e-5, spec.momentum ?? 0.1, [
      new Float32Array(n).fill(1),
      new Float32Array(n),
      new Float32Array(n),
      new Float32Array(n).fill(1),
    ]);
  }

  static fromJSON(j: BatchNormJSON): BatchNorm {
    const v = [j.gamma, j.beta, j.mean, j.variance].map(base64ToFloat32) as [
      Float32Array,
      Float32Array,
      Float32Array,
      Float32Array,
    ];
    if (v.some((a) => a.length !== j.size))
      throw new RangeError(`batch norm of ${j.size} features has the wrong number of weights`);
    return new BatchNorm(j.size, j.eps, j.momentum, v);
  }

  /** γ and β (for the optimiser). */
  variables(): Variable[] {
    return [this.gamma, this.beta];
  }

  /** Everything a checkpoint must hold: γ, β and the running statistics. */
  stateVariables(): Variable[] {
    return [this.gamma, this.beta, this.runMean, this.runVar];
  }

  /** Normalises `x`; in training also moves the running statistics (a side effect, outside any gradient). */
  apply(x: Tensor2D, mode: Mode): Tensor2D {
    return tf.tidy(() => {
      let mean: tf.Tensor = this.runMean;
      let variance: tf.Tensor = this.runVar;
      if (mode.training) {
        const m = tf.moments(x, 0);
        mean = m.mean;
        variance = m.variance;
        this.updateRunning(m.mean as Tensor1D, m.variance as Tensor1D, x.shape[0]);
      }
      const inv = tf.div(this.gamma, tf.sqrt(tf.add(variance, this.eps)));
      return tf.add(tf.mul(tf.sub(x, mean), inv), this.beta) as Tensor2D;
    });
  }

  private updateRunning(mean: Tensor1D, biased: Tensor1D, rows: number): void {
    const m = this.momentum;
    const unbiased = rows > 1 ? tf.mul(biased, rows / (rows - 1)) : biased;
    this.runMean.assign(tf.add(tf.mul(this.runMean, 1 - m), tf.mul(mean, m)) as Tensor1D);
    this.runVar.assign(tf.add(tf.mul(this.runVar, 1 - m), tf.mul(unbiased, m)) as Tensor1D);
  }

  toJSON(): BatchNormJSON {
    const read = (v: Variable): string => float32ToBase64(v.dataSync() as Float32Array);
    return {
      size: this.size,
      eps: this.eps,
      momentum: this.momentum,
      gamma: read(this.gamma),
      beta: read(this.beta),
      mean: read(this.runMean),
      variance: read(this.runVar),
    };
  }

  dispose(): void {
    for (const v of this.stateVariables()) v.dispose();
  }
}
