/**
 * A CART tree (Breiman et al. 1984) that remembers which training rows reach each leaf — what synthpop's "cart"
 * method samples from. Features are the already-synthesised columns: numbers split on binned thresholds (shared
 * quantile bins), categories one-hot ("level vs rest" splits). Impurity: Gini for a categorical response, squared
 * error for a numerical one. Stops at minLeaf rows per child, no gain, or a pure node.
 */
import { Binner, type Design } from '../../transforms/quantile-bins.js';

interface Node {
  feature: number;
  threshold: number;
  left: number;
  right: number;
  rows: Int32Array | null;
}

export class LeafTree {
  private binner: Binner | null = null;
  private nodes: Node[] = [];
  private d = 0;

  /** `classes` > 0: categorical response coded 0…classes−1; 0: numerical. */
  constructor(
    private readonly classes: number,
    private readonly minLeaf: number,
  ) {}

  fit(D: Design, y: ArrayLike<number>): this {
    const { n, d } = D;
    this.d = d;
    const binner = d > 0 ? new Binner(D) : null;
    this.binner = binner;
    const C = this.classes;
    this.nodes = [];
    const stack: number[] = [];
    const make = (rows: Int32Array): number => {
      this.nodes.push({ feature: -1, threshold: 0, left: -1, right: -1, rows });
      stack.push(this.nodes.length - 1);
      return this.nodes.length - 1;
    };
    make(Int32Array.from({ length: n }, (_, i) => i));
    const cnt = new Float64Array(64 * Math.max(1, C));
    const rowsPerBin = new Float64Array(64);
    const sums = new Float64Array(64);
    while (stack.length && binner) {
      const at = stack.pop()!;
      const rows = this.nodes[at]!.rows!;
      const m = rows.length;
      if (m < 2 * this.minLeaf) continue;
      // parent impurity (n·Gini or SSE)
      let parent = 0;
      const tot = new Float64Array(Math.max(1, C));
      let s = 0;
      let q = 0;
      for (const r of rows) {
        if (C > 0) tot[y[r]!]!++;
        else {
          s += y[r]!;
          q += y[r]! * y[r]!;
        }
      }
      if (C > 0) {
        let g = 0;
        for (let c = 0; c < C; c++) g += (tot[c]! / m) ** 2;
        parent = m * (1 - g);
      } else parent = q - (s * s) / m;
      if (parent <= 1e-12) continue;
      let best = { gain: 1e-12, f: -1, t: -1 };
      for (let f = 0; f < d; f++) {
        const B = binner.nBins[f]!;
        if (B < 2) continue;
        cnt.fill(0, 0, B * Math.max(1, C));
        rowsPerBin.fill(0, 0, B);
        sums.fill(0, 0, B);
        for (const r of rows) {
          const b = binner.bins[r * d + f]!;
          rowsPerBin[b]!++;
          if (C > 0) cnt[b * C + y[r]!]!++;
          else sums[b]! += y[r]!;
        }
        let nl = 0;
        let sl = 0;
        const left = new Float64Array(Math.max(1, C));
        for (let b = 0; b < B - 1; b++) {
          if (!rowsPerBin[b]) continue;
          nl += rowsPerBin[b]!;
          const nr = m - nl;
          if (C > 0) for (let c = 0; c < C; c++) left[c]! += cnt[b * C + c]!;
          else sl += sums[b]!;
          if (nl < this.minLeaf || nr < this.minLeaf) continue;
          let impurity: number;
          if (C > 0) {
            let gl = 0;
            let gr = 0;
            for (let c = 0; c < C; c++) {
              gl += left[c]! * left[c]!;
              gr += (tot[c]! - left[c]!) ** 2;
            }
            impurity = nl - gl / nl + (nr - gr / nr);
          } else {
            const sr = s - sl;
            impurity = q - (sl * sl) / nl - (sr * sr) / nr;
          }
          const gain = parent - impurity;
          if (gain > best.gain) best = { gain, f, t: b };
        }
      }
      if (best.f < 0) continue;
      const goLeft = (r: number): boolean => binner.bins[r * d + best.f]! <= best.t;
      const node = this.nodes[at]!;
      node.feature = best.f;
      node.threshold = best.t;
      node.left = make(rows.filter(goLeft));
      node.right = make(rows.filter((r) => !goLeft(r)));
      node.rows = null;
    }
    return this;
  }

  /** Training rows of the leaf that row i of D falls into. */
  leafRows(D: Design, i: number): Int32Array {
    let k = 0;
    while (this.nodes[k]!.feature >= 0) {
      const node = this.nodes[k]!;
      const b = this.binner!.binOf(node.feature, D.X[i * this.d + node.feature]!);
      k = b <= node.threshold ? node.left : node.right;
    }
    return this.nodes[k]!.rows!;
  }

  get leaves(): number {
    return this.nodes.filter((x) => x.feature < 0).length;
  }
}
