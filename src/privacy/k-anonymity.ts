/**
 * k-anonymity enforcement (issue #19; DESIGN.md §8): after sampling, every quasi-identifier combination of the output
 * must be supported by at least k real training rows under the same generalisation. The coarsening follows Sweeney's
 * Datafly rule: start with every distinct value its own class; while more than `SUPPRESS_SHARE` of the output rows
 * would fall short, coarsen by one step the quasi-identifier with the most distinct classes among the training rows.
 * Steps: numbers and dates go to `BIN_STEPS` equal-frequency bins over the training values (each value is written as
 * its bin's median training value, so the column keeps its type); categories merge the levels that fewer than
 * `MERGE_STEPS`·k training rows have into one level named after them. The rows still short are replaced by fresh
 * samples that pass (`keepPassing`, as the privacy filter's top-up). k = 1 asks for nothing: the output is unchanged.
 */
import { LocalSynthError, type AbortLike } from '../core/errors.js';
import type { CatColumn, Column, Table } from '../core/table.js';
import { getColumn, makeTable, takeRows } from '../core/table.js';
import type { Generator } from '../generators/generator.js';
import type { KAnonymityOutcome, KAnonymityRequest, ColumnGeneralisation } from './k-anonymity-outcome.js';
import { keepPassing } from './resample.js';

export type { KAnonymityOutcome, KAnonymityRequest, ColumnGeneralisation } from './k-anonymity-outcome.js';
export { describeKAnonymity } from './k-anonymity-outcome.js';
import { mergedName } from './k-anonymity-outcome.js';

/** Bins per step for numbers and dates (0: one bin per distinct training value). */
export const BIN_STEPS = [0, 32, 16, 8, 4, 2, 1] as const;
/** Levels with fewer than this many k's of training rows are merged, per step. */
export const MERGE_STEPS = [0, 1, 2, 4, 8, Infinity] as const;
/** Coarsening stops once at most this share of the output rows would have to be replaced. */
export const SUPPRESS_SHARE = 0.1;

/** One column at one step: a class per value, the value written for it, and what the report says. */
interface Level {
  key(c: Column, i: number): number;
  write(c: Column, idx: ArrayLike<number>): Column;
  describe: ColumnGeneralisation;
}

function upperBound(a: readonly number[], v: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const m = (lo + hi) >> 1;
    if (a[m]! <= v) lo = m + 1;
    else hi = m;
  }
  return lo;
}

/** Equal-frequency cut points over sorted training values (`bins` 0: every distinct value), each > the minimum. */
export function cutPoints(sorted: Float64Array, bins: number): number[] {
  const n = sorted.length;
  if (!n) return [];
  const raw =
    bins === 0
      ? Array.from(sorted)
      : Array.from({ length: bins - 1 }, (_, i) => sorted[Math.floor(((i + 1) * n) / bins)]!);
  return [...new Set(raw)].filter((c) => c > sorted[0]!).sort((a, b) => a - b);
}

function numLevel(name: string, train: Float64Array, step: number): Level {
  const sorted = train.filter((v) => !Number.isNaN(v)).sort();
  const cuts = cutPoints(sorted, BIN_STEPS[step]!);
  // bin b holds the training values in [cuts[b − 1], cuts[b]); it is written as their lower median
  const bounds = [0, ...cuts.map((c) => sortedIndexOf(sorted, c)), sorted.length];
  const reps =
    cuts.length || sorted.length
      ? bounds.slice(1).map((end, b) => sorted[bounds[b]! + ((end - bounds[b]! - 1) >> 1)]!)
      : [];
  const key = (c: Column, i: number): number => {
    const v = (c as { values: Float64Array }).values[i]!;
    return Number.isNaN(v) ? -1 : upperBound(cuts, v);
  };
  return {
    key,
    write: (c, idx) => {
      const v = Float64Array.from(idx, (i) => {
        const b = key(c, i);
        return b < 0 ? NaN : reps[b]!;
      });
      return { kind: 'num', values: v };
    },
    describe: { column: name, kind: 'bins', step, bins: cuts.length + 1, cuts },
  };
}

/** First index of `v` in `sorted` (a value that occurs: a cut point). */
function sortedIndexOf(sorted: Float64Array, v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const m = (lo + hi) >> 1;
    if (sorted[m]! < v) lo = m + 1;
    else hi = m;
  }
  return lo;
}

function catLevel(name: string, train: CatColumn, out: CatColumn, step: number, k: number): Level {
  const counts = new Map<string, number>();
  for (const c of train.codes) if (c >= 0) counts.set(train.levels[c]!, (counts.get(train.levels[c]!) ?? 0) + 1);
  const below = MERGE_STEPS[step]! * k;
  const labels = [...new Set([...train.levels, ...out.levels])];
  const rare = labels.filter((l) => (counts.get(l) ?? 0) < below);
  const groups = labels.filter((l) => !rare.includes(l)).map((l) => [l]);
  if (rare.length) groups.push(rare);
  const group = new Map<string, number>();
  groups.forEach((g, i) => g.forEach((l) => group.set(l, i)));
  const names = groups.map(mergedName);
  const key = (c: Column, i: number): number => {
    const cc = c as CatColumn;
    const code = cc.codes[i]!;
    return code < 0 ? -1 : group.get(cc.levels[code]!)!;
  };
  return {
    key,
    write: (c, idx) => ({ kind: 'cat', codes: Int32Array.from(idx, (i) => key(c, i)), levels: names }),
    describe: { column: name, kind: 'levels', step, groups: groups.filter((g) => g.length > 1) },
  };
}

const STEPS = (c: Column): number => (c.kind === 'num' ? BIN_STEPS.length : MERGE_STEPS.length);

function level(train: Table, out: Table, name: string, step: number, k: number): Level {
  const t = getColumn(train, name);
  const o = getColumn(out, name);
  if (t.kind === 'num') return numLevel(name, t.values, step);
  if (t.kind === 'cat' && o.kind === 'cat') return catLevel(name, t, o, step, k);
  throw new LocalSynthError(
    'BAD_OPTION',
    `The quasi-identifier "${name}" is a text column; k-anonymity needs numbers, dates or categories.`,
    { column: name },
  );
}

function keysOf(t: Table, names: string[], levels: Level[]): string[] {
  const cols = names.map((n) => getColumn(t, n));
  return Array.from({ length: t.nRows }, (_, i) => levels.map((l, q) => l.key(cols[q]!, i)).join(','));
}

function supportOf(train: Table, names: string[], levels: Level[]): Map<string, number> {
  const s = new Map<string, number>();
  for (const key of keysOf(train, names, levels)) s.set(key, (s.get(key) ?? 0) + 1);
  return s;
}

/** Datafly's coarsening (file comment): the step of each quasi-identifier. */
export function chooseLevels(train: Table, out: Table, req: KAnonymityRequest): Level[] {
  const names = req.quasiIdentifiers;
  const steps = names.map(() => 0);
  for (;;) {
    const levels = names.map((n, q) => level(train, out, n, steps[q]!, req.k));
    const support = supportOf(train, names, levels);
    const short = keysOf(out, names, levels).filter((key) => (support.get(key) ?? 0) < req.k).length;
    if (short <= SUPPRESS_SHARE * out.nRows) return levels;
    let pick = -1;
    let most = -1;
    names.forEach((n, q) => {
      if (steps[q]! + 1 >= STEPS(getColumn(train, n))) return;
      const distinct = new Set(keysOf(train, [n], [levels[q]!])).size;
      if (distinct > most) [pick, most] = [q, distinct];
    });
    if (pick < 0) return levels;
    steps[pick]!++;
  }
}

/** `t` with its quasi-identifiers generalised by `levels`, and the cells that changed. */
function generalise(t: Table, names: string[], levels: Level[]): { table: Table; changed: number } {
  const all = Int32Array.from({ length: t.nRows }, (_, i) => i);
  let changed = 0;
  const cols = t.columns.map((c, j) => {
    const q = names.indexOf(t.names[j]!);
    if (q < 0) return c;
    const g = levels[q]!.write(c, all);
    for (let i = 0; i < t.nRows; i++) changed += cellDiffers(c, g, i) ? 1 : 0;
    return g;
  });
  return { table: makeTable([...t.names], cols), changed };
}

function cellDiffers(a: Column, b: Column, i: number): boolean {
  if (a.kind === 'num' && b.kind === 'num') return !Object.is(a.values[i], b.values[i]);
  if (a.kind === 'cat' && b.kind === 'cat')
    return (a.codes[i]! < 0 ? null : a.levels[a.codes[i]!]) !== (b.codes[i]! < 0 ? null : b.levels[b.codes[i]!]);
  return false;
}

function check(train: Table, req: KAnonymityRequest): void {
  if (!Number.isInteger(req.k) || req.k < 1)
    throw new LocalSynthError('BAD_OPTION', `k-anonymity needs a whole number k ≥ 1; got ${req.k}.`, { k: req.k });
  if (!req.quasiIdentifiers.length)
    throw new LocalSynthError('BAD_OPTION', 'k-anonymity needs quasi-identifier columns, e.g. age,sex.', {});
  const unknown = req.quasiIdentifiers.filter((n) => !train.names.includes(n));
  if (unknown.length)
    throw new LocalSynthError(
      'BAD_OPTION',
      `Unknown quasi-identifier column(s) ${unknown.map((n) => `"${n}"`).join(', ')}; the generated columns are ${train.names.join(', ')}.`,
      { columns: unknown },
    );
  if (train.nRows < req.k)
    throw new LocalSynthError(
      'BAD_OPTION',
      `k-anonymity with k = ${req.k} needs at least ${req.k} training rows; there are ${train.nRows}.`,
      { k: req.k },
    );
}

export interface EnforceRequest extends KAnonymityRequest {
  train: Table;
  rows: number;
  sampleSeed: number;
  signal?: AbortLike;
}

/** Generalises `out` and replaces the rows still short of k real rows (file comment). */
export async function enforceKAnonymity(
  generator: Generator,
  out: Table,
  req: EnforceRequest,
): Promise<{ table: Table; outcome: KAnonymityOutcome }> {
  check(req.train, req);
  const names = req.quasiIdentifiers;
  const base = { k: req.k, quasiIdentifiers: [...names] };
  if (req.k === 1)
    return { table: out, outcome: { ...base, columns: [], generalisedValues: 0, replaced: 0, rows: out.nRows } };
  const levels = chooseLevels(req.train, out, req);
  const support = supportOf(req.train, names, levels);
  const pass = (t: Table): Table => {
    const g = generalise(t, names, levels).table;
    const keys = keysOf(t, names, levels);
    return takeRows(g, Int32Array.from(keys.flatMap((key, i) => ((support.get(key) ?? 0) >= req.k ? [i] : []))));
  };
  const { changed } = generalise(out, names, levels);
  const kept = await keepPassing(generator, out, pass, {
    rows: req.rows,
    sampleSeed: req.sampleSeed,
    topUp: true,
    signal: req.signal,
  });
  return {
    table: kept.table,
    outcome: {
      ...base,
      columns: levels.map((l) => l.describe),
      generalisedValues: changed,
      replaced: kept.removed,
      rows: kept.table.nRows,
    },
  };
}
