/**
 * The linear utility models (judge.py uses sklearn's LogisticRegression(C=1) and Ridge(alpha=1)).
 * - ridge: closed form (XᵀX + αI) w = Xᵀ(y − ȳ) on the standardised design, intercept unpenalised (= ȳ after
 *   centring), solved by Cholesky;
 * - logistic: multinomial softmax with the L2 penalty ½‖W‖² / C (C = 1, sklearn's objective: ½‖W‖² + C Σ log-loss),
 *   minimised by full-batch gradient descent with Nesterov momentum and a step from the Lipschitz bound.
 */
import type { Design } from './design.js';

export class Ridge {
  private w: Float64Array = new Float64Array(0);
  private b = 0;
  constructor(private readonly alpha = 1) {}

  fit(D: Design, y: ArrayLike<number>): this {
    const { n, d, X } = D;
    let ym = 0;
    for (let i = 0; i < n; i++) ym += y[i]!;
    ym /= n;
    const mean = new Float64Array(d);
    for (let i = 0; i < n; i++) for (let k = 0; k < d; k++) mean[k]! += X[i * d + k]! / n;
    const A = new Float64Array(d * d);
    const rhs = new Float64Array(d);
    for (let i = 0; i < n; i++) {
      const yi = y[i]! - ym;
      for (let a = 0; a < d; a++) {
        const xa = X[i * d + a]! - mean[a]!;
        rhs[a]! += xa * yi;
        for (let c = a; c < d; c++) A[a * d + c]! += xa * (X[i * d + c]! - mean[c]!);
      }
    }
    for (let a = 0; a < d; a++) {
      A[a * d + a]! += this.alpha;
      for (let c = 0; c < a; c++) A[a * d + c] = A[c * d + a]!;
    }
    this.w = choleskySolve(A, rhs, d);
    this.b = ym;
    for (let k = 0; k < d; k++) this.b -= this.w[k]! * mean[k]!;
    return this;
  }

  predict(D: Design): Float64Array {
    const out = new Float64Array(D.n);
    for (let i = 0; i < D.n; i++) {
      let s = this.b;
      for (let k = 0; k < D.d; k++) s += this.w[k]! * D.X[i * D.d + k]!;
      out[i] = s;
    }
    return out;
  }
}

/** Solves A x = b for symmetric positive-definite A (d × d, row-major). */
export function choleskySolve(A: Float64Array, b: Float64Array, d: number): Float64Array {
  const L = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i * d + j]!;
      for (let k = 0; k < j; k++) s -= L[i * d + k]! * L[j * d + k]!;
      L[i * d + j] = i === j ? Math.sqrt(Math.max(s, 1e-300)) : s / L[j * d + j]!;
    }
  }
  const z = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= L[i * d + k]! * z[k]!;
    z[i] = s / L[i * d + i]!;
  }
  const x = new Float64Array(d);
  for (let i = d - 1; i >= 0; i--) {
    let s = z[i]!;
    for (let k = i + 1; k < d; k++) s -= L[k * d + i]! * x[k]!;
    x[i] = s / L[i * d + i]!;
  }
  return x;
}

export class LogisticRegression {
  private W = new Float64Array(0); // (d + 1) × C, last row = intercepts
  constructor(
    private readonly classes: number,
    private readonly C = 1,
    private readonly iterations = 300,
  ) {}

  private probs(D: Design, W: Float64Array, out: Float64Array): void {
    const K = this.classes;
    const d = D.d;
    const z = new Float64Array(K);
    for (let i = 0; i < D.n; i++) {
      let mx = -Infinity;
      for (let c = 0; c < K; c++) {
        let s = W[d * K + c]!;
        for (let k = 0; k < d; k++) s += D.X[i * d + k]! * W[k * K + c]!;
        z[c] = s;
        if (s > mx) mx = s;
      }
      let tot = 0;
      for (let c = 0; c < K; c++) tot += z[c] = Math.exp(z[c]! - mx);
      for (let c = 0; c < K; c++) out[i * K + c] = z[c]! / tot;
    }
  }

  fit(D: Design, y: ArrayLike<number>): this {
    for (const _ of this.steps(D, y));
    return this;
  }

  /** `fit` that pauses between gradient steps (the report's Cancel). */
  async fitPaced(D: Design, y: ArrayLike<number>, pace: () => Promise<void>): Promise<this> {
    for (const _ of this.steps(D, y)) await pace();
    return this;
  }

  /** The fit, one gradient step a step. */
  private *steps(D: Design, y: ArrayLike<number>): Generator<void> {
    const K = this.classes;
    const d = D.d;
    const n = D.n;
    // gradient of the mean loss is Lipschitz with L ≤ ½·max‖x‖² + 1/(C n) (softmax Hessian ≤ ½ I per sample)
    let maxSq = 1;
    for (let i = 0; i < n; i++) {
      let s = 1;
      for (let k = 0; k < d; k++) s += D.X[i * d + k]! ** 2;
      maxSq = Math.max(maxSq, s);
    }
    const lam = 1 / (this.C * n);
    const step = 1 / (0.5 * maxSq + lam);
    let W = new Float64Array((d + 1) * K);
    let V = new Float64Array(W.length);
    const P = new Float64Array(n * K);
    const grad = new Float64Array(W.length);
    for (let it = 0; it < this.iterations; it++) {
      // Nesterov: evaluate at the look-ahead point
      const look = W.map((w, i) => w + (it / (it + 3)) * V[i]!);
      this.probs(D, look, P);
      grad.fill(0);
      for (let i = 0; i < n; i++) {
        for (let c = 0; c < K; c++) {
          const g = (P[i * K + c]! - (y[i] === c ? 1 : 0)) / n;
          for (let k = 0; k < d; k++) grad[k * K + c]! += g * D.X[i * d + k]!;
          grad[d * K + c]! += g;
        }
      }
      for (let k = 0; k < d * K; k++) grad[k]! += lam * look[k]!; // intercepts unpenalised
      const next = look.map((w, i) => w - step * grad[i]!);
      V = next.map((w, i) => w - W[i]!);
      W = next;
      this.W = W;
      yield;
    }
    this.W = W;
  }

  /** n × classes probabilities, row-major. */
  predict(D: Design): Float64Array {
    const out = new Float64Array(D.n * this.classes);
    this.probs(D, this.W, out);
    return out;
  }
}
