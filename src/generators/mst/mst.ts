/**
 * MST (McKenna, Miklau, Sheldon 2021, "Winning the NIST contest"): the zCDP budget ρ of (ε, δ), less a tenth for the
 * number columns' private bounds when there are any, is split in thirds: noisy one-way counts of every column; a
 * maximum spanning tree over column pairs, one exponential-mechanism draw per edge, scored by how badly independence
 * of the noisy one-way shares explains the pair; noisy two-way counts of the tree's edges. The noisy counts are made
 * consistent and non-negative, and rows are sampled from the root to the leaves.
 */
import { throwIfAborted } from '../../core/errors.js';
import type { Rng } from '../../core/rng.js';
import { makeTable, type Column, type Table } from '../../core/table.js';
import { epsilonFromRho, gaussianSigmaForRho, rhoFromEpsilonDelta } from '../../privacy/dp/zcdp.js';
import type { ModelData } from '../../transforms/model-data.js';
import { BaseGenerator, type FitContext, type FitReport, type SampleContext } from '../generator.js';
import type { OptionValues } from '../options.js';
import { binCodes, privateBounds } from './bounds.js';
import { mstInfo } from './info.js';
import {
  addNoise,
  combinedMarginals,
  count1,
  count2,
  independenceError,
  rake,
  selectTree,
  toShares,
  type Discrete,
  type EdgeMeasure,
} from './marginals.js';

/** The share of ρ spent on number columns' bounds (when the table has any). */
const BOUNDS_SHARE = 0.1;

/** How a model column is discretised: a number's bins on its private bounds, or a category's levels. */
type Domain = { kind: 'num'; lo: number; hi: number; bins: number } | { kind: 'cat'; levels: string[] };

/** The fitted tree: sampling order, each node's parent, the root's shares and each child's conditional table. */
interface TreeModel {
  order: number[];
  parent: number[];
  root: Float64Array;
  /** Per node (not the root): rows = parent's value, columns = the node's value; each row sums to 1. */
  conditional: (Float64Array | null)[];
  /** Domain size of each column. */
  sizes: number[];
}

/** The ρ spent on each step, and the (ε, δ) it amounts to. */
export interface MstBudget {
  epsilon: number;
  delta: number;
  rho: number;
  bounds: number;
  oneWay: number;
  tree: number;
  twoWay: number;
}

/** The split of ρ(ε, δ): a tenth to bounds when there are number columns, the rest in thirds. */
export function splitBudget(epsilon: number, delta: number, hasNumbers: boolean): MstBudget {
  const rho = rhoFromEpsilonDelta(epsilon, delta);
  const bounds = hasNumbers ? BOUNDS_SHARE * rho : 0;
  const third = (rho - bounds) / 3;
  return { epsilon, delta, rho, bounds, oneWay: third, tree: third, twoWay: third };
}

export class Mst extends BaseGenerator<typeof mstInfo> {
  private domains: Domain[] = [];
  private tree: TreeModel | null = null;
  private names: string[] = [];

  constructor(options: Partial<OptionValues> = {}) {
    super(mstInfo, options);
  }

  protected async fitModel(data: ModelData, rng: Rng, ctx: FitContext): Promise<Partial<FitReport>> {
    const n = data.table.nRows;
    const delta = this.options.delta ?? Math.min(1e-5, 1 / (n * n));
    const cols = data.table.columns;
    const nums = cols.flatMap((c) => (c.kind === 'num' ? [c.values] : []));
    const budget = splitBudget(this.options.epsilon, delta, nums.length > 0);
    const bounds = privateBounds(nums, budget.bounds, rng);
    let b = 0;
    const discrete: Discrete[] = [];
    this.domains = cols.map((c): Domain => {
      if (c.kind === 'cat') {
        discrete.push({ codes: c.codes, size: c.levels.length });
        return { kind: 'cat', levels: c.levels };
      }
      if (c.kind !== 'num') throw new Error('mst: the model matrix has only num and cat columns');
      const { lo, hi } = bounds[b++]!;
      discrete.push({ codes: binCodes(c.values, lo, hi, this.options.bins), size: this.options.bins });
      return { kind: 'num', lo, hi, bins: this.options.bins };
    });
    this.names = [...data.table.names];
    const numNames = this.names.filter((_, j) => cols[j]!.kind === 'num');
    const lost = numNames.filter((_, i) => !bounds[i]!.found);
    throwIfAborted(ctx.signal);
    const edges = this.measureAndSelect(discrete, budget, rng);
    throwIfAborted(ctx.signal);
    const spent = budget.bounds + budget.oneWay + budget.tree + budget.twoWay;
    const name = (j: number): string =>
      data.columns[j]!.source + (data.columns[j]!.role === 'value' ? '' : ' (missing)');
    return {
      notes: [
        `differentially private: (ε ${this.options.epsilon}, δ ${delta}) → ρ ${fmt(budget.rho)} (zCDP), spent ρ ${fmt(spent)} = ` +
          `bounds ${fmt(budget.bounds)} + one-way ${fmt(budget.oneWay)} + tree ${fmt(budget.tree)} + two-way ${fmt(budget.twoWay)}, ` +
          `which is (ε ${fmt(epsilonFromRho(spent, delta))}, δ ${delta})`,
        `tree: ${edges.map(([x, y]) => `${name(x)} – ${name(y)}`).join(', ') || 'one column, no edges'}`,
        'outside the budget (read from the real rows, not private): the category lists, the row count, which columns ' +
          'are constant or have missing cells, the median that fills missing numbers, and the real min/max the output ' +
          'is clipped to',
        ...(lost.length
          ? [
              `too few rows for private bounds at this ε: ${lost.join(', ')} (no bucket rose above the noise, so ` +
                'their bins are placed by noise; use more rows or a larger ε)',
            ]
          : []),
      ],
      details: {
        dp: { ...budget, spent, epsilonSpent: epsilonFromRho(spent, delta) },
        edges: edges.map(([x, y]) => [this.names[x]!, this.names[y]!]),
        bounds: Object.fromEntries(
          this.domains.flatMap((d, j) => (d.kind === 'num' ? [[this.names[j]!, [d.lo, d.hi]]] : [])),
        ),
      },
    };
  }

  /** The three measured steps (one-way, tree, two-way) and the consistent tree model; returns the tree's edges. */
  private measureAndSelect(discrete: Discrete[], budget: MstBudget, rng: Rng): [number, number][] {
    const k = discrete.length;
    const sizes = discrete.map((d) => d.size);
    const sigma1 = gaussianSigmaForRho(Math.sqrt(k), budget.oneWay);
    const oneWay = discrete.map((d) => addNoise(count1(d), sigma1, rng));
    const shares = oneWay.map(toShares);
    const total = Math.max(1, oneWay.reduce((s, c) => s + c.reduce((a, x) => a + x, 0), 0) / k);
    const scores = new Map<string, number>();
    for (let a = 0; a < k; a++)
      for (let b = a + 1; b < k; b++)
        scores.set(`${a},${b}`, independenceError(count2(discrete[a]!, discrete[b]!), shares[a]!, shares[b]!, total));
    const edges = k > 1 ? selectTree(scores, k, Math.sqrt((8 * budget.tree) / (k - 1)), rng) : [];
    const sigma2 = edges.length ? gaussianSigmaForRho(Math.sqrt(edges.length), budget.twoWay) : 1;
    const measured: EdgeMeasure[] = edges.map(([a, b]) => ({
      a,
      b,
      counts: addNoise(count2(discrete[a]!, discrete[b]!), sigma2, rng),
    }));
    const marginals = combinedMarginals(sizes, oneWay, sigma1, measured, sigma2);
    this.tree = buildTree(sizes, marginals, measured);
    return edges;
  }

  protected async sampleModel(n: number, rng: Rng, ctx: SampleContext): Promise<Table> {
    const tree = this.tree!;
    const k = this.domains.length;
    const codes = this.domains.map(() => new Int32Array(n));
    for (let i = 0; i < n; i++) {
      for (const j of tree.order) {
        const p = tree.parent[j]!;
        codes[j]![i] = p < 0 ? draw(tree.root, 0, tree.root.length, rng) : drawChild(tree, j, codes[p]![i]!, rng);
      }
      if ((i & 4095) === 4095) throwIfAborted(ctx.signal);
    }
    const columns = this.domains.map((d, j): Column => {
      if (d.kind === 'cat') return { kind: 'cat', codes: codes[j]!, levels: d.levels };
      const w = (d.hi - d.lo) / d.bins;
      const values = new Float64Array(n);
      for (let i = 0; i < n; i++) values[i] = d.lo + (codes[j]![i]! + rng.next()) * w;
      return { kind: 'num', values };
    });
    if (columns.length !== k) throw new Error('mst: a column was lost in sampling');
    return makeTable([...this.names], columns);
  }
}

const fmt = (x: number): string => (x === 0 ? '0' : x.toPrecision(4));

/** A code from the shares p[from … from + size) (they sum to 1, up to rounding). */
function draw(p: Float64Array, from: number, size: number, rng: Rng): number {
  let u = rng.next();
  for (let v = 0; v < size - 1; v++) {
    u -= p[from + v]!;
    if (u < 0) return v;
  }
  return size - 1;
}

function drawChild(tree: TreeModel, j: number, parentValue: number, rng: Rng): number {
  const size = tree.sizes[j]!;
  return draw(tree.conditional[j]!, parentValue * size, size, rng);
}

/**
 * The tree model from the consistent marginals and the edges' raked tables: a breadth-first order from column 0,
 * each child's table oriented parent × child and each row normalised to the child's conditional shares.
 */
function buildTree(sizes: readonly number[], marginals: Float64Array[], measured: readonly EdgeMeasure[]): TreeModel {
  const k = sizes.length;
  const parent = new Array<number>(k).fill(-1);
  const conditional: (Float64Array | null)[] = new Array<Float64Array | null>(k).fill(null);
  const order = [0];
  const seen = new Set([0]);
  for (let q = 0; q < order.length; q++) {
    const p = order[q]!;
    for (const e of measured) {
      if (e.a !== p && e.b !== p) continue;
      const c = e.a === p ? e.b : e.a;
      if (seen.has(c)) continue;
      seen.add(c);
      order.push(c);
      parent[c] = p;
      const t = rake(e.counts, marginals[e.a]!, marginals[e.b]!);
      conditional[c] = orient(t, sizes[e.a]!, sizes[e.b]!, e.a === p, marginals[c]!);
    }
  }
  return { order, parent, root: marginals[0]!, conditional, sizes: [...sizes] };
}

/** Rows = parent's value, columns = child's; each row normalised (a parent value with no mass: the child's shares). */
function orient(t: Float64Array, da: number, db: number, parentIsA: boolean, child: Float64Array): Float64Array {
  const dp = parentIsA ? da : db;
  const dc = parentIsA ? db : da;
  const out = new Float64Array(dp * dc);
  for (let x = 0; x < dp; x++) {
    let s = 0;
    for (let y = 0; y < dc; y++) s += out[x * dc + y] = parentIsA ? t[x * db + y]! : t[y * db + x]!;
    for (let y = 0; y < dc; y++) out[x * dc + y] = s > 0 ? out[x * dc + y]! / s : child[y]!;
  }
  return out;
}
