/**
 * A reference for the tests, not used by training: the debiased Sinkhorn divergence S(a,b) = OT_ε(a,b) − ½OT_ε(a,a)
 * − ½OT_ε(b,b) (Feydy et al. 2019) of two uniform point clouds under the squared Euclidean cost, GenerativeMTD's
 * latent term (DESIGN.md §3), in tfjs, by log-domain dual updates until no potential moves by more than `tol`·ε.
 * `'unrolled'` records every iteration (the exact gradient of the truncated iteration); `'implicit'` iterates on
 * detached copies and records one extrapolation step (the envelope-theorem gradient of the converged OT_ε). Training
 * runs the iterations in plain JavaScript (src/ml/losses/sinkhorn-plain.ts), which the tests check against this.
 */
import { squaredDistances } from '../../src/ml/losses/squared-distances.js';
import { tf, type Scalar, type Tensor1D, type Tensor2D } from '../../src/ml/tf.js';

export interface SinkhornOptions {
  /** Entropic regularisation ε, in cost units (squared distance). */
  epsilon: number;
  /** Iteration cap. @default 100 */
  maxIter?: number;
  /** Stop when max |Δ potential| < tol·ε. @default 1e-3 */
  tol?: number;
  /** How gradients are obtained (see the file comment). @default 'unrolled' */
  gradient?: 'unrolled' | 'implicit';
}

export interface SinkhornResult {
  value: Scalar;
  /** Iterations run by the slowest of the (up to three) OT problems. */
  iterations: number;
}

/** −ε LSE over `axis` of (pot/ε + logw − C/ε): one dual update (pot broadcast along the other axis). */
function softmin(C: Tensor2D, pot: Tensor1D, logw: number, eps: number, axis: 0 | 1): Tensor1D {
  return tf.tidy(() => {
    const p = axis === 1 ? tf.reshape(pot, [1, -1]) : tf.reshape(pot, [-1, 1]);
    return tf.mul(-eps, tf.logSumExp(tf.add(tf.div(tf.sub(p, C), eps), logw), axis)) as Tensor1D;
  });
}

function maxAbsDiff(a: Tensor1D, b: Tensor1D): number {
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b)))).dataSync()[0]! as number;
}

/** Runs the alternating updates on a fixed cost matrix; returns the potentials (kept) and the iterations. */
function iterate(
  C: Tensor2D,
  eps: number,
  maxIter: number,
  tol: number,
  symmetric: boolean,
): { f: Tensor1D; g: Tensor1D; it: number } {
  const [n, m] = C.shape;
  const la = -Math.log(n);
  const lb = -Math.log(m);
  let f = tf.zeros([n]) as Tensor1D;
  let g = tf.zeros([m]) as Tensor1D;
  let it = 0;
  while (it < maxIter) {
    it++;
    if (symmetric) {
      // symmetric problem (a = b, C = Cᵀ): f = g; the averaged update converges without oscillating
      const t = softmin(C, f, la, eps, 1);
      const nf = tf.tidy(() => tf.mul(0.5, tf.add(f, t)) as Tensor1D);
      t.dispose();
      const d = maxAbsDiff(nf, f);
      f.dispose();
      g.dispose();
      f = nf;
      g = f.clone();
      if (d < tol * eps) break;
    } else {
      const nf = softmin(C, g, lb, eps, 1);
      const ng = softmin(C, nf, la, eps, 0);
      const d = Math.max(maxAbsDiff(nf, f), maxAbsDiff(ng, g));
      f.dispose();
      g.dispose();
      f = nf;
      g = ng;
      if (d < tol * eps) break;
    }
  }
  return { f, g, it };
}

/** A tensor with the same values and no link to the gradient tape. */
function detached<T extends tf.Tensor>(t: T): T {
  return tf.tensor(t.dataSync(), t.shape, 'float32') as T;
}

/** OT_ε(a, b) with gradients through the iterations (`x` and `y` both differentiable). */
function otUnrolled(
  x: Tensor2D,
  y: Tensor2D,
  eps: number,
  maxIter: number,
  tol: number,
  symmetric: boolean,
): { v: Scalar; it: number } {
  const C = squaredDistances(x, y);
  const { f, g, it } = iterate(C, eps, maxIter, tol, symmetric);
  const v = tf.add(tf.mean(f), tf.mean(g)) as Scalar;
  return { v, it };
}

/**
 * OT_ε(a, b) (or ½ OT_ε(a, a) when `half`) by the implicit gradient: potentials from detached points, then one
 * extrapolation per side whose cost sees the other side detached (so each side gets Σ π ∂C, once).
 */
function otImplicit(
  x: Tensor2D,
  y: Tensor2D,
  eps: number,
  maxIter: number,
  tol: number,
  symmetric: boolean,
): { v: Scalar; it: number } {
  const xd = detached(x);
  const yd = symmetric ? xd : detached(y);
  const Cd = squaredDistances(xd, yd);
  const { f, g, it } = iterate(Cd, eps, maxIter, tol, symmetric);
  const [n, m] = Cd.shape;
  const fd = detached(f);
  const gd = detached(g);
  // f_i(x) = −ε LSE_j(log b + (g*_j − C(x_i, y*_j))/ε), g_j(y) likewise with x*
  const fx = softmin(squaredDistances(x, yd), gd, -Math.log(m), eps, 1);
  let v: Scalar;
  if (symmetric) {
    // ½ OT(a,a) = ⟨a, f⟩ at the fixed point; x appears on one side only, so its gradient is Σ_j π_ij ∂₁C_ij = ½ ∂OT
    v = tf.mean(fx) as Scalar;
  } else {
    const gy = softmin(squaredDistances(xd, y), fd, -Math.log(n), eps, 0);
    v = tf.add(tf.mean(fx), tf.mean(gy)) as Scalar;
  }
  return { v, it };
}

/** Entropic OT cost OT_ε(a, b) between the rows of `x` and `y` (uniform weights). */
export function entropicOT(x: Tensor2D, y: Tensor2D, opts: SinkhornOptions): SinkhornResult {
  const { epsilon, maxIter = 100, tol = 1e-3, gradient = 'unrolled' } = opts;
  let it = 0;
  const value = tf.tidy(() => {
    const r =
      gradient === 'unrolled'
        ? otUnrolled(x, y, epsilon, maxIter, tol, false)
        : otImplicit(x, y, epsilon, maxIter, tol, false);
    it = r.it;
    return r.v;
  });
  return { value, iterations: it };
}

/** Debiased Sinkhorn divergence S_ε(x, y) = OT_ε(x,y) − ½OT_ε(x,x) − ½OT_ε(y,y); S(x, x) = 0. */
export function sinkhornDivergence(x: Tensor2D, y: Tensor2D, opts: SinkhornOptions): SinkhornResult {
  const { epsilon, maxIter = 100, tol = 1e-3, gradient = 'unrolled' } = opts;
  let its = 0;
  const value = tf.tidy(() => {
    const ot = gradient === 'unrolled' ? otUnrolled : otImplicit;
    const xy = ot(x, y, epsilon, maxIter, tol, false);
    const xx = ot(x, x, epsilon, maxIter, tol, true);
    const yy = ot(y, y, epsilon, maxIter, tol, true);
    its = Math.max(xy.it, xx.it, yy.it);
    // the implicit self-terms already are ½ OT (see otImplicit)
    const half = gradient === 'unrolled' ? 0.5 : 1;
    return tf.sub(xy.v, tf.mul(half, tf.add(xx.v, yy.v))) as Scalar;
  });
  return { value, iterations: its };
}
