/**
 * A CART tree (Breiman et al. 1984) that remembers which training rows reach each leaf — what synthpop's "cart"
 * method samples from. Features are the already-synthesised columns: numbers split on binned thresholds (shared
 * quantile bins), categories one-hot ("level vs rest" splits). Impurity: Gini for a categorical response, squared
 * error for a numerical one. Stops at minLeaf rows per child, no gain, or a pure node. The split search is the
 * one the metrics' forest and boosting use (stats/trees/split.ts).
 */
import { giniChildren, partition, SplitSearch, type GainFn, type RowStats } from '../../stats/trees/split.js';
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
    this.nodes = [];
    const stack: number[] = [];
    const make = (rows: Int32Array): number => {
      this.nodes.push({ feature: -1, threshold: 0, left: -1, right: -1, rows });
      stack.push(this.nodes.length - 1);
      return this.nodes.length - 1;
    };
    make(Int32Array.from({ length: n }, (_, i) => i));
    if (!binner) return this;
    const C = this.classes;
    const stats: RowStats = C > 0 ? { kind: 'classes', y, classes: C } : { kind: 'sums', values: [y] };
    const search = new SplitSearch(binner.bins, binner.nBins, d, stats);
    const features = Int32Array.from({ length: d }, (_, f) => f);
    while (stack.length) {
      const at = stack.pop()!;
      const rows = this.nodes[at]!.rows!;
      if (rows.length < 2 * this.minLeaf) continue;
      const gain = this.gainOf(rows, y);
      if (!gain) continue;
      const split = search.best(rows, features, { minLeaf: this.minLeaf, minGain: 1e-12, gain });
      if (!split) continue;
      const [L, R] = partition(rows, binner.bins, d, split);
      const node = this.nodes[at]!;
      node.feature = split.feature;
      node.threshold = split.threshold;
      node.left = make(L);
      node.right = make(R);
      node.rows = null;
    }
    return this;
  }

  /** The impurity decrease of a split of `rows` (n·Gini or the squared error); null for a pure node. */
  private gainOf(rows: Int32Array, y: ArrayLike<number>): GainFn | null {
    const C = this.classes;
    const m = rows.length;
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
      const parent = m * (1 - g);
      return parent <= 1e-12 ? null : (left, nl, nr) => parent - giniChildren(left, tot, C, nl, nr);
    }
    const parent = q - (s * s) / m;
    if (parent <= 1e-12) return null;
    return (left, nl, nr) => {
      const sl = left[0]!;
      const sr = s - sl;
      return parent - (q - (sl * sl) / nl - (sr * sr) / nr);
    };
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
