/**
 * Mixed association matrix and PCD (GenerativeMTD, KBS 2023; DESIGN.md §5): Pearson r for numerical pairs,
 * the correlation ratio η for categorical–numerical pairs, bias-corrected Cramér's V (Bergsma 2013) for categorical
 * pairs; a constant column associates 0 with everything (1 with itself). PCD = ‖A(real) − A(synth)‖_F.
 *
 * Deliberate difference from `dython` (used by the authors): Cramér's χ² here has no Yates continuity correction
 * on 2×2 tables — the textbook statistic, so V does not jump when a column has exactly two levels.
 */
import type { CatColumn, Column, Table } from '../core/table.js';

/** Column as the association functions see it: numbers (no NaN) or codes (no −1). */
export type AssocColumn = { kind: 'num'; values: ArrayLike<number> } | { kind: 'cat'; codes: ArrayLike<number> };

/** Pearson correlation; NaN when either side is constant. */
export function pearsonOrNaN(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i]!;
    my += y[i]!;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i]! - mx;
    const dy = y[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx <= 1e-300 || syy <= 1e-300) return NaN;
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

/** Pearson correlation; 0 when either side is constant. */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const r = pearsonOrNaN(x, y);
  return Number.isNaN(r) ? 0 : r;
}

/** Correlation ratio η of measurements y grouped by categories: √(SS_between / SS_total); 0 if y is constant. */
export function correlationRatio(categories: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = y.length;
  const sum = new Map<number, number>();
  const cnt = new Map<number, number>();
  let total = 0;
  for (let i = 0; i < n; i++) {
    const c = categories[i]!;
    sum.set(c, (sum.get(c) ?? 0) + y[i]!);
    cnt.set(c, (cnt.get(c) ?? 0) + 1);
    total += y[i]!;
  }
  const mean = total / n;
  let between = 0;
  for (const [c, s] of sum) {
    const m = cnt.get(c)!;
    between += m * (s / m - mean) ** 2;
  }
  let tot = 0;
  for (let i = 0; i < n; i++) tot += (y[i]! - mean) ** 2;
  if (tot <= 1e-300) return 0;
  return Math.sqrt(Math.min(1, between / tot));
}

/** Bias-corrected Cramér's V (Bergsma 2013) over the levels observed in x and y; 0 when undefined. */
/**
 * Above this many cells (levels × levels) the contingency table is kept sparse: two many-level columns (5 000 ×
 * 50 000 levels) would otherwise allocate and sum billions of cells, while at most n of them are non-zero.
 */
export const DENSE_CELLS = 1_000_000;

function chi2Dense(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  xi: Map<number, number>,
  yi: Map<number, number>,
  n: number,
): number {
  const r = xi.size;
  const k = yi.size;
  const table = new Float64Array(r * k);
  const rows = new Float64Array(r);
  const cols = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const a = xi.get(x[i]!)!;
    const b = yi.get(y[i]!)!;
    table[a * k + b]!++;
    rows[a]!++;
    cols[b]!++;
  }
  let chi2 = 0;
  for (let a = 0; a < r; a++) {
    for (let b = 0; b < k; b++) {
      const e = (rows[a]! * cols[b]!) / n;
      chi2 += (table[a * k + b]! - e) ** 2 / e;
    }
  }
  return chi2;
}

/** The same χ² from the observed cells only: Σ (O − E)² / E = Σ_{O > 0} O² / E − n, as Σ O = Σ E = n. */
function chi2Sparse(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  xi: Map<number, number>,
  yi: Map<number, number>,
  n: number,
): number {
  const k = yi.size;
  const rows = new Float64Array(xi.size);
  const cols = new Float64Array(k);
  const cells = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const a = xi.get(x[i]!)!;
    const b = yi.get(y[i]!)!;
    const key = a * k + b;
    cells.set(key, (cells.get(key) ?? 0) + 1);
    rows[a]!++;
    cols[b]!++;
  }
  let s = 0;
  for (const [key, o] of cells) {
    const a = Math.floor(key / k);
    s += (o * o * n) / (rows[a]! * cols[key - a * k]!);
  }
  return Math.max(0, s - n);
}

export function cramersV(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  const xi = new Map<number, number>();
  const yi = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    if (!xi.has(x[i]!)) xi.set(x[i]!, xi.size);
    if (!yi.has(y[i]!)) yi.set(y[i]!, yi.size);
  }
  const r = xi.size;
  const k = yi.size;
  if (r < 2 || k < 2 || n < 2) return 0;
  const chi2 = r * k > DENSE_CELLS ? chi2Sparse(x, y, xi, yi, n) : chi2Dense(x, y, xi, yi, n);
  const phi2 = chi2 / n;
  const phi2c = Math.max(0, phi2 - ((k - 1) * (r - 1)) / (n - 1));
  const rc = r - (r - 1) ** 2 / (n - 1);
  const kc = k - (k - 1) ** 2 / (n - 1);
  const d = Math.min(kc - 1, rc - 1);
  if (d <= 0) return 0;
  return Math.sqrt(phi2c / d);
}

function isConstant(c: AssocColumn): boolean {
  const v = c.kind === 'num' ? c.values : c.codes;
  for (let i = 1; i < v.length; i++) if (v[i] !== v[0]) return false;
  return true;
}

/** Symmetric p×p association matrix (row-major), diagonal 1. */
export function associationMatrix(cols: AssocColumn[]): Float64Array {
  const p = cols.length;
  const m = new Float64Array(p * p);
  const constant = cols.map(isConstant);
  for (let a = 0; a < p; a++) {
    m[a * p + a] = 1;
    for (let b = a + 1; b < p; b++) {
      let v = 0;
      if (!constant[a] && !constant[b]) {
        const ca = cols[a]!;
        const cb = cols[b]!;
        if (ca.kind === 'num' && cb.kind === 'num') v = pearson(ca.values, cb.values);
        else if (ca.kind === 'cat' && cb.kind === 'cat') v = cramersV(ca.codes, cb.codes);
        else if (ca.kind === 'cat') v = correlationRatio(ca.codes, (cb as { values: ArrayLike<number> }).values);
        else v = correlationRatio((cb as { codes: ArrayLike<number> }).codes, ca.values);
      }
      m[a * p + b] = v;
      m[b * p + a] = v;
    }
  }
  return m;
}

/** Frobenius norm of the difference of two association matrices of the same columns. */
export function pcd(real: AssocColumn[], synth: AssocColumn[]): number {
  const a = associationMatrix(real);
  const b = associationMatrix(synth);
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i]! - b[i]!) ** 2;
  return Math.sqrt(s);
}

/**
 * Association view of a table's columns: numerical → values (missing filled with the column mean),
 * categorical → codes (missing as its own code). Text columns are left out.
 */
export function assocColumns(t: Table): AssocColumn[] {
  const out: AssocColumn[] = [];
  for (const c of t.columns as Column[]) {
    if (c.kind === 'num') {
      let s = 0;
      let m = 0;
      for (const x of c.values) {
        if (Number.isNaN(x)) continue;
        s += x;
        m++;
      }
      const fill = m ? s / m : 0;
      out.push({ kind: 'num', values: c.values.map((x) => (Number.isNaN(x) ? fill : x)) });
    } else if (c.kind === 'cat') {
      const lv = (c as CatColumn).levels.length;
      out.push({ kind: 'cat', codes: c.codes.map((x) => (x < 0 ? lv : x)) });
    }
  }
  return out;
}

/** PCD between two tables with the same columns. */
export function pcdOfTables(real: Table, synth: Table): number {
  return pcd(assocColumns(real), assocColumns(synth));
}
