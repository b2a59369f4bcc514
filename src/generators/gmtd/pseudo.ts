/**
 * GenerativeMTD's pseudo-real data (Sivakumar et al. 2023 §3.1; DESIGN.md §3): the kNNMTD diffusion of §2, but per
 * real row and column on the k + 1 nearest values (the row's own value and k others), keeping every accepted
 * candidate instead of the 3 closest. Candidates of a cell are zipped across columns, so real row i yields
 * `perRow` pseudo rows that all remember i (`source`), which the training pairs with the real row.
 * Reuses the MTD helpers kNNMTD uses (`mtdBounds` / `drawCandidates` / `snapToLevel` / `nearestValues`, shared/mtd.ts).
 */
import { Rng } from '../../core/rng.js';
import type { CatColumn, Column, Table } from '../../core/table.js';
import { makeTable } from '../../core/table.js';
import type { ModelData } from '../../transforms/model-data.js';
import { pcdOfTables } from '../../stats/association.js';
import { drawCandidates, mtdBounds, nearestValues, snapToLevel } from '../shared/mtd.js';

export interface PseudoSet {
  table: Table;
  /** Real row each pseudo row was diffused from. */
  source: Int32Array;
}

interface Prep {
  values: Float64Array[];
  levels: (Float64Array | null)[];
  lo: number[];
  hi: number[];
  /** per row: sorted values of its neighbourhood group, per column */
  sortedOf: (i: number, j: number) => Float64Array;
  /** the target is a class: not diffused, neighbours within the class */
  classTarget: number;
}

function prepare(data: ModelData): Prep {
  const t = data.table;
  const n = t.nRows;
  const values = t.columns.map((c) => (c.kind === 'num' ? c.values : Float64Array.from((c as CatColumn).codes)));
  const levels = data.columns.map((m, j) =>
    m.kind === 'cat' || m.integer ? Float64Array.from(new Set(values[j]!)).sort() : null,
  );
  const classTarget = data.task === 'classification' ? data.target : -1;
  const groupOf = new Int32Array(n);
  const groups: number[][] = [];
  if (classTarget >= 0) {
    const codes = (t.columns[classTarget] as CatColumn).codes;
    const ids = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      if (!ids.has(codes[i]!)) {
        ids.set(codes[i]!, groups.length);
        groups.push([]);
      }
      groupOf[i] = ids.get(codes[i]!)!;
      groups[groupOf[i]!]!.push(i);
    }
  } else {
    groups.push(Array.from({ length: n }, (_, i) => i));
  }
  const sorted = groups.map((rows) => values.map((v) => Float64Array.from(rows, (i) => v[i]!).sort()));
  return {
    values,
    levels,
    lo: data.columns.map((m) => m.min),
    hi: data.columns.map((m) => m.max),
    sortedOf: (i, j) => sorted[groupOf[i]!]![j]!,
    classTarget,
  };
}

/** `perRow` pseudo rows for each real row (rows ordered real row by real row). */
export function pseudoRealSet(
  data: ModelData,
  k: number,
  perRow: number,
  rng: Rng,
  prep: Prep = prepare(data),
): PseudoSet {
  const t = data.table;
  const n = t.nRows;
  const p = t.columns.length;
  const total = n * perRow;
  const out = prep.values.map(() => new Float64Array(total));
  const neigh = new Float64Array(k + 1);
  const source = new Int32Array(total);
  for (let i = 0; i < n; i++) source.fill(i, i * perRow, (i + 1) * perRow);
  for (let j = 0; j < p; j++) {
    const col = out[j]!;
    const lv = prep.levels[j]!;
    const lo = prep.lo[j]!;
    const hi = prep.hi[j]!;
    for (let i = 0; i < n; i++) {
      const x0 = prep.values[j]![i]!;
      const base = i * perRow;
      if (j === prep.classTarget) {
        col.fill(x0, base, base + perRow);
        continue;
      }
      const m = nearestValues(prep.sortedOf(i, j), x0, k + 1, neigh);
      const b = mtdBounds(neigh.subarray(0, m));
      let r = base;
      drawCandidates(b, perRow, rng, (x) => {
        let y = lv ? snapToLevel(x, lv) : x;
        if (y < lo) y = lo;
        else if (y > hi) y = hi;
        col[r++] = y;
      });
    }
  }
  const cols: Column[] = t.columns.map((c, j) =>
    c.kind === 'num'
      ? { kind: 'num', values: out[j]! }
      : { kind: 'cat', codes: Int32Array.from(out[j]!, Math.round), levels: (c as CatColumn).levels },
  );
  return { table: makeTable([...t.names], cols), source };
}

/** k values tried by the automatic choice (as kNNMTD's). */
export const K_GRID = [3, 4, 5, 6, 7, 8, 9, 10];

/**
 * The k whose pseudo-real rows (one per real row, all from the same random stream) have the lowest PCD against
 * the real data — kNNMTD's rule (DESIGN.md §2), on the GenerativeMTD variant. k larger than the smallest class
 * would reach outside it and is not tried (k = 3 always is).
 */
export function chooseK(data: ModelData, rng: Rng): { k: number; scores: { k: number; pcd: number }[] } {
  const prep = prepare(data);
  let smallest = data.table.nRows;
  if (prep.classTarget >= 0) {
    const counts = new Map<number, number>();
    for (const c of (data.table.columns[prep.classTarget] as CatColumn).codes) counts.set(c, (counts.get(c) ?? 0) + 1);
    smallest = Math.min(...counts.values());
  }
  const seed = rng.nextSeed();
  const scores: { k: number; pcd: number }[] = [];
  for (const k of K_GRID.filter((k, i) => i === 0 || k + 1 <= smallest)) {
    const s = pseudoRealSet(data, k, 3, new Rng(seed), prep);
    scores.push({ k, pcd: pcdOfTables(data.table, s.table) });
  }
  const best = scores.reduce((a, b) => (b.pcd < a.pcd ? b : a));
  return { k: best.k, scores };
}
