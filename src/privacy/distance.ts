/**
 * The mixed-type distance space the privacy filter and the privacy scores share (DESIGN.md §5): Gower-style mixed L1
 * distance — numerical differences divided by the real range, categorical mismatches 0/1, averaged over the columns
 * (not clipped, as judge.py). Distances are computed blockwise over typed arrays: a row-major Float64 matrix of scaled
 * numbers and an Int32 matrix of codes, two nearest distances kept per query row.
 */
import type { Prepared, PreparedPart } from '../metrics/prepare.js';

/** A Gower distance below this counts as an exact copy. */
export const COPY_TOL = 1e-9;

export interface GowerRows {
  n: number;
  /** row-major numbers already divided by the real range */
  num: Float64Array;
  /** row-major codes */
  cat: Int32Array;
}

export class GowerSpace {
  readonly pNum: number;
  readonly pCat: number;
  readonly p: number;
  private readonly numCols: number[];
  private readonly catCols: number[];
  private readonly inv: number[];

  constructor(P: Prepared) {
    this.numCols = P.kinds.flatMap((k, j) => (k === 'num' ? [j] : []));
    this.catCols = P.kinds.flatMap((k, j) => (k === 'cat' ? [j] : []));
    this.inv = this.numCols.map((j) => (P.max[j]! > P.min[j]! ? 1 / (P.max[j]! - P.min[j]!) : 0));
    this.pNum = this.numCols.length;
    this.pCat = this.catCols.length;
    this.p = P.names.length;
  }

  rows(part: PreparedPart, idx?: ArrayLike<number>): GowerRows {
    const n = idx ? idx.length : part.n;
    const num = new Float64Array(n * this.pNum);
    const cat = new Int32Array(n * this.pCat);
    for (let r = 0; r < n; r++) {
      const i = idx ? idx[r]! : r;
      for (let k = 0; k < this.pNum; k++) num[r * this.pNum + k] = part.values[this.numCols[k]!]![i]! * this.inv[k]!;
      for (let k = 0; k < this.pCat; k++) cat[r * this.pCat + k] = part.values[this.catCols[k]!]![i]!;
    }
    return { n, num, cat };
  }

  /** Distance between row a of A and row b of B. */
  distance(A: GowerRows, a: number, B: GowerRows, b: number): number {
    let d = 0;
    const pn = this.pNum;
    const pc = this.pCat;
    for (let k = 0; k < pn; k++) d += Math.abs(A.num[a * pn + k]! - B.num[b * pn + k]!);
    for (let k = 0; k < pc; k++) if (A.cat[a * pc + k] !== B.cat[b * pc + k]) d += 1;
    return d / this.p;
  }

  /**
   * For each query row: its nearest and second-nearest distance to `ref` (second = Infinity if ref has 1 row).
   * Exact, with pruning: by the triangle inequality |Σa − Σb| ≤ Σ|a − b|, so the difference of the rows' sums of
   * scaled numbers (÷ p) is a lower bound of their distance. Reference rows are sorted by that sum and scanned
   * outwards from the query's position until the bound reaches the second-best distance found.
   */
  nearest2(Q: GowerRows, ref: GowerRows): { d1: Float64Array; d2: Float64Array } {
    const d1 = new Float64Array(Q.n).fill(Infinity);
    const d2 = new Float64Array(Q.n).fill(Infinity);
    const pn = this.pNum;
    const pc = this.pCat;
    const scale = 1 / this.p;
    const sumOf = (R: GowerRows, i: number): number => {
      let t = 0;
      for (let k = 0; k < pn; k++) t += R.num[i * pn + k]!;
      return t;
    };
    const order = Int32Array.from({ length: ref.n }, (_, i) => i);
    const key = Float64Array.from({ length: ref.n }, (_, i) => sumOf(ref, i));
    order.sort((a, b) => key[a]! - key[b]!);
    const sortedKey = Float64Array.from(order, (i) => key[i]!);
    for (let q = 0; q < Q.n; q++) {
      let b1 = Infinity;
      let b2 = Infinity;
      const qn = q * pn;
      const qc = q * pc;
      const sq = sumOf(Q, q);
      const visit = (r: number): void => {
        let d = 0;
        const rn = r * pn;
        for (let k = 0; k < pn; k++) {
          const t = Q.num[qn + k]! - ref.num[rn + k]!;
          d += t < 0 ? -t : t;
        }
        if (d * scale >= b2) return;
        const rc = r * pc;
        for (let k = 0; k < pc; k++) if (Q.cat[qc + k] !== ref.cat[rc + k]) d += 1;
        d *= scale;
        if (d < b1) {
          b2 = b1;
          b1 = d;
        } else if (d < b2) b2 = d;
      };
      // first index with key ≥ sq, then walk both ways
      let lo = 0;
      let hi = ref.n;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (sortedKey[mid]! < sq) lo = mid + 1;
        else hi = mid;
      }
      let up = lo;
      let down = lo - 1;
      while (up < ref.n || down >= 0) {
        const gu = up < ref.n ? (sortedKey[up]! - sq) * scale : Infinity;
        const gd = down >= 0 ? (sq - sortedKey[down]!) * scale : Infinity;
        if (gu <= gd) {
          if (gu >= b2) break; // both directions are now at least b2 away
          visit(order[up++]!);
        } else {
          if (gd >= b2) break;
          visit(order[down--]!);
        }
      }
      d1[q] = b1;
      d2[q] = b2;
    }
    return { d1, d2 };
  }
}

/** Linear-interpolated percentile (numpy's default), q in [0, 100]. */
export function percentile(v: ArrayLike<number>, q: number): number {
  const a = Float64Array.from(v).sort();
  if (!a.length) return NaN;
  const pos = ((a.length - 1) * q) / 100;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return a[lo]! + (a[hi]! - a[lo]!) * (pos - lo);
}
