/**
 * Quantile binning shared by the tree models (as LightGBM / sklearn's HistGradientBoosting): each feature is cut at
 * the mid-points between its distinct values, thinned to at most MAX_BINS bins by quantiles.
 */

/** A dense row-major n × d matrix of features. */
export interface Design {
  X: Float64Array;
  n: number;
  d: number;
}

export const MAX_BINS = 64;

export class Binner {
  readonly edges: Float64Array[] = [];
  /** bins of the fitting design, row-major n × d */
  readonly bins: Uint8Array;
  readonly nBins: number[];

  constructor(D: Design) {
    const { n, d, X } = D;
    this.bins = new Uint8Array(n * d);
    for (let f = 0; f < d; f++) {
      const col = new Float64Array(n);
      for (let i = 0; i < n; i++) col[i] = X[i * d + f]!;
      const sorted = Float64Array.from(col).sort();
      let e: number[] = [];
      for (let k = 0; k + 1 < n; k++) if (sorted[k + 1]! > sorted[k]!) e.push((sorted[k]! + sorted[k + 1]!) / 2);
      if (e.length > MAX_BINS - 1) {
        // too many distinct values: cut at quantiles (mid-points between neighbouring order statistics)
        e = [];
        for (let k = 1; k < MAX_BINS; k++) {
          const q = Math.floor((k * n) / MAX_BINS);
          if (q < 1 || sorted[q]! <= sorted[q - 1]!) continue;
          const v = (sorted[q - 1]! + sorted[q]!) / 2;
          if (!e.length || v > e[e.length - 1]!) e.push(v);
        }
      }
      this.edges[f] = Float64Array.from(e);
      for (let i = 0; i < n; i++) this.bins[i * d + f] = this.binOf(f, col[i]!);
    }
    this.nBins = this.edges.map((e) => e.length + 1);
  }

  /** Bin of value x of feature f: the number of edges below x. */
  binOf(f: number, x: number): number {
    const e = this.edges[f]!;
    let lo = 0;
    let hi = e.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (e[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Bins of row i of another design with the same features. */
  rowBins(D: Design, i: number, out: Uint8Array): void {
    for (let f = 0; f < D.d; f++) out[f] = this.binOf(f, D.X[i * D.d + f]!);
  }
}
