/**
 * Aligns real (training), synthetic and holdout tables for the metrics, the way `tools/judge.py` does:
 * numerical columns keep NaN for missing (KS excludes them) and get an imputed copy filled with the REAL median
 * (everything else); categorical columns become codes over one vocabulary — real levels first, then levels seen
 * only in the other tables — with missing as a level of its own. id and skipped columns are not evaluated.
 */
import type { Schema } from '../core/schema.js';
import type { Column, Table } from '../core/table.js';
import { getColumn } from '../core/table.js';
import { median as medianOf } from '../core/stats.js';

export const NA_LEVEL = '__NA__';

export interface PreparedPart {
  n: number;
  /** per evaluated column: numbers with NaN (numerical) or null (categorical) */
  raw: (Float64Array | null)[];
  /** per column: numbers with missing filled by the real median (numerical) or codes (categorical) */
  values: Float64Array[];
}

export interface Prepared {
  names: string[];
  kinds: ('num' | 'cat')[];
  /** categorical: vocabulary (real levels first); numerical: [] */
  levels: string[][];
  /** categorical: how many of `levels` occur in the real table */
  realLevels: number[];
  /** numerical: real min/max of the imputed values (0/0 for categorical) */
  min: number[];
  max: number[];
  real: PreparedPart;
  synth: PreparedPart;
  holdout: PreparedPart | null;
  target: number;
}

function labelsOf(c: Column, n: number): string[] {
  const out: string[] = new Array(n);
  if (c.kind === 'cat') for (let i = 0; i < n; i++) out[i] = c.codes[i]! < 0 ? NA_LEVEL : c.levels[c.codes[i]!]!;
  else if (c.kind === 'num')
    for (let i = 0; i < n; i++) out[i] = Number.isNaN(c.values[i]!) ? NA_LEVEL : canonNumber(c.values[i]!);
  else for (let i = 0; i < n; i++) out[i] = c.values[i] ?? NA_LEVEL;
  return out;
}

function canonNumber(x: number): string {
  return Number.isInteger(x) ? String(x) : String(x);
}

/** Labels that all parse as numbers compare as numbers ("1" and "1.0" are one level), as judge.py does. */
function canonicalise(labels: string[], numeric: boolean): string[] {
  if (!numeric) return labels;
  return labels.map((l) => (l === NA_LEVEL ? l : Number.isFinite(Number(l)) ? canonNumber(Number(l)) : l));
}

/** Median of the non-missing values (0 when none): what a missing number is compared as. */
export function median(v: Float64Array): number {
  return medianOf(v, 0);
}

/** Tables must share the real schema's column names (other columns are ignored). */
export function prepare(real: Table, synth: Table, holdout: Table | null, schema: Schema): Prepared {
  const cols = schema.columns.filter((c) => !c.skip && c.sdtype !== 'id');
  const names = cols.map((c) => c.name);
  const kinds = cols.map((c) => (c.sdtype === 'numerical' || c.sdtype === 'datetime' ? 'num' : 'cat') as 'num' | 'cat');
  const tables = [real, synth, holdout];
  const parts = tables.map((t) =>
    t ? { n: t.nRows, raw: [] as (Float64Array | null)[], values: [] as Float64Array[] } : null,
  );
  const levels: string[][] = [];
  const realLevels: number[] = [];
  const min: number[] = [];
  const max: number[] = [];
  cols.forEach((cs, j) => {
    if (kinds[j] === 'num') {
      const rawCols = tables.map((t) => {
        if (!t) return null;
        const c = getColumn(t, cs.name);
        if (c.kind === 'num') return c.values;
        // a numerical column read from text (e.g. a synthetic file): parse
        return Float64Array.from(labelsOf(c, t.nRows), (l) => (l === NA_LEVEL ? NaN : Number(l)));
      });
      const med = median(rawCols[0]!);
      let lo = Infinity;
      let hi = -Infinity;
      rawCols.forEach((v, p) => {
        if (!v || !parts[p]) return;
        const imp = v.map((x) => (Number.isNaN(x) ? med : x));
        if (p === 0)
          for (const x of imp) {
            lo = Math.min(lo, x);
            hi = Math.max(hi, x);
          }
        parts[p]!.raw.push(v);
        parts[p]!.values.push(imp);
      });
      levels.push([]);
      realLevels.push(0);
      min.push(Number.isFinite(lo) ? lo : 0);
      max.push(Number.isFinite(hi) ? hi : 0);
      return;
    }
    const numericLabels = (cs.levels ?? []).length > 0 && (cs.levels ?? []).every((l) => Number.isFinite(Number(l)));
    const labelCols = tables.map((t) =>
      t ? canonicalise(labelsOf(getColumn(t, cs.name), t.nRows), numericLabels) : null,
    );
    const vocab = new Map<string, number>();
    const seen = new Set(labelCols[0]!);
    const realList = [...seen].sort();
    for (const l of realList) vocab.set(l, vocab.size);
    const others = new Set<string>();
    for (const lc of labelCols.slice(1)) if (lc) for (const l of lc) if (!vocab.has(l)) others.add(l);
    for (const l of [...others].sort()) vocab.set(l, vocab.size);
    labelCols.forEach((lc, p) => {
      if (!lc || !parts[p]) return;
      parts[p]!.raw.push(null);
      parts[p]!.values.push(Float64Array.from(lc, (l) => vocab.get(l)!));
    });
    levels.push([...vocab.keys()]);
    realLevels.push(realList.length);
    min.push(0);
    max.push(0);
  });
  return {
    names,
    kinds,
    levels,
    realLevels,
    min,
    max,
    real: parts[0]!,
    synth: parts[1]!,
    holdout: parts[2] ?? null,
    target: schema.target ? names.indexOf(schema.target) : -1,
  };
}
