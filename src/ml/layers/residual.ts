/**
 * CTGAN's residual block (Xu et al. 2019; DESIGN.md §4): Residual(x) = [ReLU(BN(Linear(x))) ‖ x], so the output
 * is `out + in` wide and a stack of blocks passes every earlier representation on.
 */
import type { Rng } from '../../core/rng.js';
import { tf, type Tensor2D, type Variable } from '../tf.js';
import { BatchNorm, type BatchNormJSON } from './batch-norm.js';
import {
  applyLinear,
  createLinear,
  disposeLinear,
  linearFromJSON,
  linearToJSON,
  type Linear,
  type LinearJSON,
} from './linear.js';
import type { Mode } from './mode.js';

export interface ResidualJSON {
  in: number;
  out: number;
  linear: LinearJSON;
  bn: BatchNormJSON;
}

export class Residual {
  readonly in: number;
  readonly out: number;
  private readonly fc: Linear;
  private readonly bn: BatchNorm;

  private constructor(fin: number, fout: number, fc: Linear, bn: BatchNorm) {
    this.in = fin;
    this.out = fout;
    this.fc = fc;
    this.bn = bn;
  }

  static create(fin: number, fout: number, rng: Rng): Residual {
    return new Residual(fin, fout, createLinear(fin, fout, rng), BatchNorm.create({ size: fout }));
  }

  static fromJSON(j: ResidualJSON): Residual {
    if (j.bn.size !== j.out) throw new RangeError('residual block: batch norm width differs from the layer width');
    return new Residual(j.in, j.out, linearFromJSON(j.linear, j.in, j.out), BatchNorm.fromJSON(j.bn));
  }

  /** Width of the output: the layer's plus the input's. */
  get width(): number {
    return this.out + this.in;
  }

  variables(): Variable[] {
    return [this.fc.w, this.fc.b, ...this.bn.variables()];
  }

  /** The trainable variables and batch norm's running statistics. */
  stateVariables(): Variable[] {
    return [this.fc.w, this.fc.b, ...this.bn.stateVariables()];
  }

  apply(x: Tensor2D, mode: Mode): Tensor2D {
    return tf.tidy(() => tf.concat([tf.relu(this.bn.apply(applyLinear(x, this.fc), mode)), x], 1) as Tensor2D);
  }

  toJSON(): ResidualJSON {
    return { in: this.in, out: this.out, linear: linearToJSON(this.fc), bn: this.bn.toJSON() };
  }

  dispose(): void {
    disposeLinear(this.fc);
    this.bn.dispose();
  }
}
