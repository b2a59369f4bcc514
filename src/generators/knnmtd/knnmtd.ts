/**
 * kNNMTD generator (Sivakumar et al., KBS 2022; DESIGN.md §2), vectorised over typed arrays and fully seeded.
 * Categorical columns (text too) are modelled through their level codes, like the authors' integer columns:
 * diffused, then snapped to a real level.
 */
import { throwIfAborted, type AbortLike } from '../../core/errors.js';
import { throttleProgress, yieldToEventLoop } from '../../core/progress.js';
import { Rng } from '../../core/rng.js';
import type { CatColumn, Column, Table } from '../../core/table.js';
import { makeTable } from '../../core/table.js';
import type { ModelData } from '../../transforms/model-data.js';
import { pcdOfTables } from '../../stats/association.js';
import { BaseGenerator, type FitContext, type FitReport, type SampleContext } from '../generator.js';
import type { OptionValues } from '../options.js';
import { knnmtdInfo } from './info.js';
import { diffuseCell, nearestValues } from '../shared/mtd.js';

/** k values tried by the automatic choice (the seeds' web app sweeps 3…10). */
export const K_GRID = [3, 4, 5, 6, 7, 8, 9, 10];
/** Class-balanced sampling applies to targets with at most this many classes (the authors' rule). */
const BALANCE_MAX_CLASSES = 5;

interface Prepared {
  /** column-major numbers: numerical values, or categorical codes */
  values: Float64Array[];
  /** sorted distinct values per column for snapping, or null for continuous columns */
  levels: (Float64Array | null)[];
  lo: number[];
  hi: number[];
  /** groups of row indices: one per class (classification) or one with every row */
  groups: Int32Array[];
  /** per group and column: the group's values sorted ascending */
  sorted: Float64Array[][];
  /** per row: its group index */
  groupOf: Int32Array;
  target: number;
  classify: boolean;
}

export class KnnMtd extends BaseGenerator<typeof knnmtdInfo> {
  private prep: Prepared | null = null;
  private template: Table | null = null;
  private k = 0;

  constructor(options: Partial<OptionValues> = {}) {
    super(knnmtdInfo, options);
  }

  /** The k used for sampling (after fitting). */
  get chosenK(): number {
    return this.k;
  }

  protected async fitModel(data: ModelData, rng: Rng, ctx: FitContext): Promise<Partial<FitReport>> {
    this.prep = prepare(data);
    this.template = data.table;
    const fixed = this.options.k;
    const notes: string[] = [];
    if (fixed !== null) {
      this.k = fixed;
      notes.push(`k = ${fixed} (fixed by the user)`);
      return { notes, details: { k: fixed } };
    }
    const progress = throttleProgress(ctx.onProgress);
    const scores: { value: number; score: number }[] = [];
    const tune = (fraction: number, k: number): void =>
      progress({ stage: 'tune', fraction, option: 'k', value: k, metric: 'PCD', scores: [...scores] });
    const maxGroup = Math.max(...this.prep.groups.map((g) => g.length));
    const grid = K_GRID.filter((k, i) => i === 0 || k <= maxGroup);
    const tuneSeed = rng.nextSeed();
    for (let i = 0; i < grid.length; i++) {
      const k = grid[i]!;
      tune(i / grid.length, k);
      this.k = k;
      // every k sees the same random stream, so the comparison is about k, not luck
      // between k values: let progress and a Cancel through
      await yieldToEventLoop();
      throwIfAborted(ctx.signal);
      const report = (f: number): void => tune((i + f) / grid.length, k);
      const synth = await this.generate(data.table.nRows, new Rng(tuneSeed), ctx.signal, report);
      const score = pcdOfTables(data.table, synth);
      scores.push({ value: k, score });
    }
    tune(1, this.k);
    const best = scores.reduce((a, b) => (b.score < a.score ? b : a));
    this.k = best.value;
    notes.push(
      `k = ${best.value} chosen automatically: lowest PCD (${best.score.toFixed(3)}) over k = ${grid.join(', ')}`,
    );
    return { notes, tuning: { option: 'k', chosen: best.value, metric: 'PCD', scores }, details: { k: best.value } };
  }

  protected async sampleModel(n: number, rng: Rng, ctx: SampleContext): Promise<Table> {
    const progress = throttleProgress(ctx.onProgress);
    const out = await this.generate(n, rng, ctx.signal, (f) => progress({ stage: 'sample', fraction: f }));
    progress({ stage: 'sample', fraction: 1 });
    return out;
  }

  /** Surrogate pool rounds, then `n` rows drawn from them (class-balanced for targets with ≤ 5 classes). */
  private async generate(
    n: number,
    rng: Rng,
    signal: AbortLike | undefined,
    report: (fraction: number) => void,
  ): Promise<Table> {
    const prep = this.prep!;
    const template = this.template!;
    const keep = this.options.keep;
    const nRows = template.nRows;
    const balance = prep.classify && prep.groups.length <= BALANCE_MAX_CLASSES;
    // rows wanted per group
    const want = new Int32Array(prep.groups.length);
    if (balance) {
      const g = prep.groups.length;
      for (let c = 0; c < g; c++) want[c] = Math.floor(n / g) + (c < n % g ? 1 : 0);
    }
    const poolPerRound = balance ? prep.groups.map((g) => g.length * keep) : [nRows * keep];
    const rounds = balance
      ? Math.max(1, ...Array.from(want, (w, c) => Math.ceil(w / poolPerRound[c]!)))
      : Math.max(1, Math.ceil(n / poolPerRound[0]!));
    const pool = await this.pool(rounds, rng, signal, report);
    // pool rows are ordered round, real row, copy: row r*nRows*keep + i*keep + j comes from real row i
    const poolGroup = (p: number): number => prep.groupOf[Math.floor(p / keep) % nRows]!;
    let picked: Int32Array;
    if (balance) {
      const byGroup: number[][] = prep.groups.map(() => []);
      for (let p = 0; p < rounds * nRows * keep; p++) byGroup[poolGroup(p)]!.push(p);
      const parts: number[] = [];
      byGroup.forEach((rows, c) => {
        const take = rng.choose(rows.length, want[c]!);
        for (const t of take) parts.push(rows[t]!);
      });
      picked = Int32Array.from(parts);
      rng.shuffle(picked);
    } else {
      picked = rng.choose(rounds * nRows * keep, n);
    }
    const cols: Column[] = template.columns.map((c, j) => {
      const src = pool[j]!;
      if (c.kind === 'num') {
        const v = new Float64Array(n);
        for (let i = 0; i < n; i++) v[i] = src[picked[i]!]!;
        return { kind: 'num', values: v };
      }
      const codes = new Int32Array(n);
      for (let i = 0; i < n; i++) codes[i] = Math.round(src[picked[i]!]!);
      return { kind: 'cat', codes, levels: (c as CatColumn).levels };
    });
    return makeTable([...template.names], cols);
  }

  /** `rounds` × (every real row × every column → `keep` candidates), column-major. */
  private async pool(
    rounds: number,
    rng: Rng,
    signal: AbortLike | undefined,
    report: (fraction: number) => void,
  ): Promise<Float64Array[]> {
    const prep = this.prep!;
    const k = this.k;
    const keep = this.options.keep;
    const count = 10 * this.options.nObs;
    const nRows = prep.groupOf.length;
    const nCols = prep.values.length;
    const out = prep.values.map(() => new Float64Array(rounds * nRows * keep));
    const neigh = new Float64Array(Math.max(k, 1));
    const cell = new Float64Array(keep);
    let lastYield = performance.now();
    for (let r = 0; r < rounds; r++) {
      for (let i = 0; i < nRows; i++) {
        const g = prep.groupOf[i]!;
        for (let j = 0; j < nCols; j++) {
          const x0 = prep.values[j]![i]!;
          const base = (r * nRows + i) * keep;
          if (j === prep.target && prep.classify) {
            // the class is not diffused: surrogates keep their real row's class
            out[j]!.fill(x0, base, base + keep);
            continue;
          }
          const m = nearestValues(prep.sorted[g]![j]!, x0, k, neigh);
          diffuseCell(neigh.subarray(0, m), x0, count, keep, rng, prep.levels[j]!, prep.lo[j]!, prep.hi[j]!, cell);
          out[j]!.set(cell, base);
        }
        if (performance.now() - lastYield > 50) {
          report((r * nRows + i + 1) / (rounds * nRows));
          await yieldToEventLoop();
          throwIfAborted(signal);
          lastYield = performance.now();
        }
      }
    }
    return out;
  }

  override toJSON(): unknown {
    const base = super.toJSON() as Record<string, unknown>;
    return { ...base, k: this.k };
  }
}

function prepare(data: ModelData): Prepared {
  const t = data.table;
  const n = t.nRows;
  const values = t.columns.map((c) => (c.kind === 'num' ? c.values : Float64Array.from((c as CatColumn).codes)));
  const levels = data.columns.map((m, j) => {
    if (m.kind === 'cat' || m.integer) return Float64Array.from(new Set(values[j]!)).sort();
    return null;
  });
  const lo = data.columns.map((m) => m.min);
  const hi = data.columns.map((m) => m.max);
  const classify = data.task === 'classification' && data.target >= 0;
  const groupOf = new Int32Array(n);
  let groups: Int32Array[];
  if (classify) {
    const codes = (t.columns[data.target] as CatColumn).codes;
    const present = [...new Set(codes)].sort((a, b) => a - b);
    const idx = new Map(present.map((c, g) => [c, g]));
    const lists: number[][] = present.map(() => []);
    for (let i = 0; i < n; i++) {
      const g = idx.get(codes[i]!)!;
      groupOf[i] = g;
      lists[g]!.push(i);
    }
    groups = lists.map((l) => Int32Array.from(l));
  } else {
    groups = [Int32Array.from({ length: n }, (_, i) => i)];
  }
  const sorted = groups.map((rows) =>
    values.map((v) => {
      const s = new Float64Array(rows.length);
      for (let i = 0; i < rows.length; i++) s[i] = v[rows[i]!]!;
      return s.sort();
    }),
  );
  return { values, levels, lo, hi, groups, sorted, groupOf, target: data.target, classify };
}
