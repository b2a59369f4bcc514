/**
 * The multivariate-normal algebra of the Gaussian copula: correlation of normal scores with a nearest
 * positive-definite repair, Cholesky factors, Gaussian conditioning (Schur complement), and exact draws from a
 * normal truncated to a union of intervals (1-D inversion; Gibbs sweeps in several dimensions).
 * Matrix factorisations use ml-matrix; the per-row loops work on plain arrays.
 */
import { CholeskyDecomposition, EigenvalueDecomposition, Matrix, inverse } from 'ml-matrix';
import type { Rng } from '../../core/rng.js';
import { normCdf, normInv } from '../../transforms/special-functions.js';
import { mean } from '../../core/stats.js';

/** Pearson correlation matrix of the columns of `cols` (each of length n); constant columns get 0 off-diagonal. */
export function correlationMatrix(cols: Float64Array[]): number[][] {
  const d = cols.length;
  const n = cols[0]?.length ?? 0;
  const centred = cols.map((c) => {
    const m = mean(c);
    const out = new Float64Array(n);
    let ss = 0;
    for (let i = 0; i < n; i++) {
      out[i] = c[i]! - m;
      ss += out[i]! ** 2;
    }
    const s = Math.sqrt(ss);
    if (s > 0) for (let i = 0; i < n; i++) out[i]! /= s;
    return out;
  });
  const r: number[][] = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  for (let a = 0; a < d; a++) {
    r[a]![a] = 1;
    for (let b = a + 1; b < d; b++) {
      let s = 0;
      const x = centred[a]!;
      const y = centred[b]!;
      for (let i = 0; i < n; i++) s += x[i]! * y[i]!;
      const v = Math.max(-1, Math.min(1, s));
      r[a]![b] = v;
      r[b]![a] = v;
    }
  }
  return r;
}

/**
 * A positive-definite correlation matrix near `r`: unchanged when its smallest eigenvalue is at least `floor`;
 * otherwise eigenvalues are raised to `floor` and the result rescaled to a unit diagonal, repeated until it holds
 * (alternating projections in the spirit of Higham 2002, enough for the mild defects of a sample matrix).
 */
export function nearestCorrelation(
  r: number[][],
  floor = 1e-6,
): { matrix: number[][]; repaired: boolean; minEigenvalue: number } {
  let m = new Matrix(r);
  const first = Math.min(...new EigenvalueDecomposition(m, { assumeSymmetric: true }).realEigenvalues);
  if (first >= floor) return { matrix: r.map((row) => [...row]), repaired: false, minEigenvalue: first };
  for (let it = 0; it < 100; it++) {
    const e = new EigenvalueDecomposition(m, { assumeSymmetric: true });
    const lam = e.realEigenvalues;
    if (Math.min(...lam) >= floor) break;
    const v = e.eigenvectorMatrix;
    const dl = Matrix.diag(lam.map((x) => Math.max(x, floor * 10)));
    m = v.mmul(dl).mmul(v.transpose());
    const s = m.diag().map((x) => Math.sqrt(x));
    m = new Matrix(m.to2DArray().map((row, i) => row.map((x, j) => x / (s[i]! * s[j]!))));
  }
  const out = m.to2DArray().map((row, i) => row.map((x, j) => (i === j ? 1 : 0.5 * (x + m.get(j, i)))));
  return { matrix: out, repaired: true, minEigenvalue: first };
}

/** Lower Cholesky factor of a symmetric positive-(semi)definite matrix, with a tiny ridge if ml-matrix refuses it. */
export function cholesky(a: number[][]): number[][] {
  const d = a.length;
  if (d === 0) return [];
  for (let ridge = 0; ridge < 1e-3; ridge = ridge === 0 ? 1e-12 : ridge * 10) {
    const m = new Matrix(a.map((row, i) => row.map((x, j) => (i === j ? x + ridge : x))));
    const c = new CholeskyDecomposition(m);
    if (c.isPositiveDefinite()) return c.lowerTriangularMatrix.to2DArray();
  }
  throw new RangeError('cholesky: matrix is not positive definite');
}

export interface ConditionalGaussian {
  /** Indices (into the original dimensions) of the dimensions left free. */
  rest: number[];
  mean: number[];
  cov: number[][];
  /** Regression coefficients Σ_RG Σ_GG⁻¹ (rows: rest, columns: given): mean = μ_R + coef · (v − μ_G). */
  coef: number[][];
}

/**
 * Distribution of the other dimensions of N(mean, cov) given x[given] = values (the Schur complement):
 * μ_R + Σ_RG Σ_GG⁻¹ (v − μ_G) and Σ_RR − Σ_RG Σ_GG⁻¹ Σ_GR.
 */
export function conditionGaussian(
  mean: number[],
  cov: number[][],
  given: number[],
  values: number[],
): ConditionalGaussian {
  const d = mean.length;
  const g = new Set(given);
  const rest = Array.from({ length: d }, (_, i) => i).filter((i) => !g.has(i));
  if (given.length === 0) return { rest, mean: [...mean], cov: cov.map((r) => [...r]), coef: rest.map(() => []) };
  const sub = (rows: number[], cols: number[]): Matrix => new Matrix(rows.map((i) => cols.map((j) => cov[i]![j]!)));
  const sGG = sub(given, given);
  const sRG = sub(rest, given);
  const k = sRG.mmul(inverse(sGG)); // regression coefficients Σ_RG Σ_GG⁻¹
  const dev = Matrix.columnVector(given.map((i, t) => values[t]! - mean[i]!));
  const mu = k
    .mmul(dev)
    .to1DArray()
    .map((x, t) => x + mean[rest[t]!]!);
  const c = sub(rest, rest).sub(k.mmul(sub(given, rest)));
  const sym = c.to2DArray().map((row, i) => row.map((x, j) => 0.5 * (x + c.get(j, i))));
  return { rest, mean: mu, cov: sym, coef: k.to2DArray() };
}

/** A set of allowed values of one normal coordinate: disjoint intervals [lo, hi] in increasing order. */
export type IntervalSet = [number, number][];

/**
 * One exact draw of N(mean, sd²) restricted to a union of intervals, by inversion: choose an interval with
 * probability ∝ its mass, then invert the CDF inside it. Works in the lower tail (mirroring the interval when it
 * lies above the mean) so far-tail intervals keep their precision.
 */
export function truncatedNormal(rng: Rng, mean: number, sd: number, set: IntervalSet): number {
  if (!(sd > 0)) return clampToSet(mean, set);
  const pieces = set.map(([lo, hi]) => {
    const a = (lo - mean) / sd;
    const b = (hi - mean) / sd;
    // mass via the side where Φ is small, for precision
    const mass = a > 0 ? normCdf(-a) - normCdf(-b) : normCdf(b) - normCdf(a);
    return { a, b, mass };
  });
  const total = pieces.reduce((s, p) => s + p.mass, 0);
  if (!(total > 0)) return clampToSet(mean, set);
  let u = rng.next() * total;
  let piece = pieces[pieces.length - 1]!;
  for (const p of pieces) {
    if (u < p.mass) {
      piece = p;
      break;
    }
    u -= p.mass;
  }
  const v = rng.next();
  let z: number;
  if (piece.a > 0) {
    // mirror: −z ∈ [−b, −a], lower tail
    const lo = normCdf(-piece.b);
    const hi = normCdf(-piece.a);
    z = -normInv(lo + v * (hi - lo));
  } else {
    const lo = normCdf(piece.a);
    const hi = normCdf(piece.b);
    z = normInv(lo + v * (hi - lo));
  }
  z = Math.min(piece.b, Math.max(piece.a, z));
  return mean + sd * z;
}

function clampToSet(x: number, set: IntervalSet): number {
  let best = x;
  let bestD = Infinity;
  for (const [lo, hi] of set) {
    const c = Math.min(hi, Math.max(lo, x));
    const dd = Math.abs(c - x);
    if (dd < bestD) {
      bestD = dd;
      best = Number.isFinite(c) ? c : x;
    }
  }
  return best;
}

/**
 * Draws of N(mean, cov) restricted to a box-like set (one `IntervalSet` per dimension) by Gibbs sampling: each
 * coordinate in turn from its exact 1-D conditional (mean μ_i − Σ_j≠i Q_ij (x_j − μ_j)/Q_ii, variance 1/Q_ii with
 * Q = cov⁻¹), truncated to its set by `truncatedNormal`. One chain per draw, started from independent 1-D truncated
 * draws, `sweeps` sweeps each. One dimension needs no chain: a single exact draw.
 */
export class TruncatedMvn {
  private readonly q: Float64Array;
  private readonly d: number;
  constructor(
    private readonly mean: number[],
    private readonly cov: number[][],
    private readonly sets: IntervalSet[],
    private readonly sweeps: number,
  ) {
    this.d = mean.length;
    const qi = inverse(new Matrix(cov)).to2DArray();
    this.q = Float64Array.from(qi.flat());
  }

  /** One draw, written into `out` (length d). */
  draw(rng: Rng, out: Float64Array): void {
    const d = this.d;
    for (let i = 0; i < d; i++)
      out[i] = truncatedNormal(rng, this.mean[i]!, Math.sqrt(this.cov[i]![i]!), this.sets[i]!);
    if (d === 1) return;
    for (let s = 0; s < this.sweeps; s++) {
      for (let i = 0; i < d; i++) {
        const qii = this.q[i * d + i]!;
        let acc = 0;
        for (let j = 0; j < d; j++) if (j !== i) acc += this.q[i * d + j]! * (out[j]! - this.mean[j]!);
        out[i] = truncatedNormal(rng, this.mean[i]! - acc / qii, 1 / Math.sqrt(qii), this.sets[i]!);
      }
    }
  }
}
