/**
 * Schema inference (DESIGN.md §1) and the derived statistics of each column under a given sdtype.
 * `inferSchema` guesses sdtypes; `refreshSchema` recomputes levels/range/precision after the user edits types.
 */
import type { InputWarning } from './types.js';
import { SchemaError } from '../core/errors.js';
import type { ColumnSchema, DateFormat, Schema, SdType } from '../core/schema.js';
import { lineOfRow, type ParsedCsv } from './csv.js';
import { DATE_FORMATS, detectDateFormat, detectMostlyDates, parseDate } from './dates.js';
import { decimalsOf, isBigInteger } from './numbers.js';
import {
  bigIntegersWarning,
  invalidNumbersWarning,
  mostlyNumbers,
  presentIndices,
  scanNumeric,
  type NumericScan,
} from './scan.js';

export { validateSchema } from './validate.js';
export { summarizeColumns } from './summarize.js';

/** Whole-number columns with at most this many distinct values are categorical (the authors' "< 10 levels", widened to ≤ 10). @default 10 */
export const MAX_NUMERIC_LEVELS = 10;
/** Text columns need at least this many (all distinct) values to be called an id. @default 5 */
export const MIN_ID_ROWS = 5;
/** A categorical column with more levels than this, mostly unique, gets a MANY_LEVELS warning. @default 50 */
export const MANY_LEVELS = 50;

const ID_NAME = /(^|[^a-z])(id|uuid|guid|key)$/i;
const BOOL_PAIRS: readonly [string, string][] = [
  ['false', 'true'],
  ['no', 'yes'],
  ['n', 'y'],
  ['f', 't'],
];

/** Does a column name say "identifier"? ("id", "patient_id", "UUID", "idx", "PatientKey"; not "valid", "paid"). */
export function looksLikeIdName(name: string): boolean {
  return ID_NAME.test(name) || /^id/i.test(name);
}

function numericLevels(scan: NumericScan): string[] {
  return [...scan.firstLabel.keys()].sort((a, b) => a - b).map((k) => scan.firstLabel.get(k)!);
}

function textLevels(cells: readonly string[], present: readonly number[]): string[] {
  const set = new Set<string>();
  for (const i of present) set.add(cells[i]!);
  return [...set].sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
}

/** The two labels ordered [false, true] if they are a true/false, yes/no, y/n or t/f pair (any case), else null. */
export function booleanPair(labels: readonly string[]): [string, string] | null {
  if (labels.length !== 2) return null;
  const [a, b] = labels as [string, string];
  for (const [f, t] of BOOL_PAIRS) {
    if (a.toLowerCase() === f && b.toLowerCase() === t) return [a, b];
    if (a.toLowerCase() === t && b.toLowerCase() === f) return [b, a];
  }
  return null;
}

function consecutive(values: readonly number[]): boolean {
  const s = [...values].sort((a, b) => a - b);
  for (let i = 1; i < s.length; i++) if (s[i]! - s[i - 1]! !== 1) return false;
  return s.length > 0;
}

export function mismatch(parsed: ParsedCsv, name: string, what: string, cell: string, row: number): SchemaError {
  const line = lineOfRow(parsed, row);
  return new SchemaError(
    'TYPE_MISMATCH',
    `Column "${name}" cannot be ${what}: "${cell}" (line ${line}) is not ${what === 'numerical' ? 'a number' : 'a date LocalSynth reads (YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS], ISO 8601 with T, D/M/YYYY, M/D/YYYY, YYYY/MM/DD, Sep 13 1996 or 13-Sep-1996)'}. Choose another type for it.`,
    { column: name, value: cell, line, sdtype: what === 'numerical' ? 'numerical' : 'datetime' },
  );
}

/** The fields every derived column has. */
interface DerivedBase {
  name: string;
  sdtype: SdType;
  skip: boolean;
  missingRate: number;
}

/**
 * One column's derived fields under `sdtype`. Throws `TYPE_MISMATCH` when the data cannot have that type.
 * @param prev the column's current schema: its `dateFormat` is kept when every value parses under it (so the user
 *   can pick M/D/YYYY for an ambiguous column).
 */
export function deriveColumn(parsed: ParsedCsv, j: number, sdtype: SdType, prev?: Partial<ColumnSchema>): ColumnSchema {
  const col = deriveTyped(parsed, j, sdtype, prev);
  const format = parsed.numberFormats?.[j];
  return format && sdtype !== 'datetime' && sdtype !== 'boolean' ? { ...col, numberFormat: { ...format } } : col;
}

function deriveTyped(parsed: ParsedCsv, j: number, sdtype: SdType, prev?: Partial<ColumnSchema>): ColumnSchema {
  const name = parsed.header[j]!;
  const cells = parsed.columns[j]!;
  const present = presentIndices(cells);
  const missingRate = parsed.nRows ? (parsed.nRows - present.length) / parsed.nRows : 0;
  const base: DerivedBase = { name, sdtype, skip: prev?.skip ?? false, missingRate };
  switch (sdtype) {
    case 'numerical': {
      const bad = { at: -1 };
      let scan = scanNumeric(cells, present, bad);
      let invalid = 0;
      if (!scan) {
        const mostly = mostlyNumbers(cells, present);
        if (!mostly) throw mismatch(parsed, name, 'numerical', cells[bad.at]!, bad.at);
        scan = mostly.scan;
        invalid = mostly.badCount;
      }
      let min = Infinity;
      let max = -Infinity;
      let decimals = 0;
      for (const v of scan.values) {
        if (v < min) min = v;
        if (v > max) max = v;
        if (!scan.whole) decimals = Math.max(decimals, decimalsOf(v));
      }
      if (!scan.values.length) {
        min = NaN;
        max = NaN;
      }
      const num = { nUnique: scan.firstLabel.size, integer: scan.whole, min, max, decimals };
      if (!invalid) return { ...base, ...num };
      // the cells that are not numbers are read as missing, so they count as missing
      const missingRate = base.missingRate + invalid / parsed.nRows;
      return { ...base, missingRate, ...num, invalidNumbers: invalid };
    }
    case 'datetime':
      return deriveDate(parsed, cells, present, base, prev?.dateFormat);
    case 'categorical':
    case 'boolean': {
      const scan = scanNumeric(cells, present);
      let levels = scan ? numericLevels(scan) : textLevels(cells, present);
      if (sdtype === 'boolean') {
        if (levels.length > 2) {
          throw new SchemaError(
            'TYPE_MISMATCH',
            `Column "${name}" cannot be boolean: it has ${levels.length} different values. Choose categorical instead.`,
            { column: name, sdtype: 'boolean', levels: levels.length },
          );
        }
        levels = booleanPair(levels) ?? levels;
      }
      return { ...base, nUnique: levels.length, levels };
    }
    case 'id': {
      const scan = scanNumeric(cells, present);
      const nUnique = scan ? scan.firstLabel.size : new Set(present.map((i) => cells[i]!)).size;
      return { ...base, nUnique };
    }
  }
}

/** A datetime column: its format (the kept one when every value parses under it), range and distinct count. */
function deriveDate(
  parsed: ParsedCsv,
  cells: string[],
  present: number[],
  base: DerivedBase,
  keep: DateFormat | undefined,
): ColumnSchema {
  const name = base.name;
  const values = present.map((i) => cells[i]!);
  let det = keep ? detectDateFormat(values, keep) : null;
  det ??= detectDateFormat(values);
  // a few values that are not dates: read as missing, counted (guessType's INVALID_DATES warning names them)
  const mostly = det ? null : detectMostlyDates(values);
  if (mostly) det = mostly;
  if (!det) {
    // Name the first value that fails under the format most values fit.
    let bestFmt: DateFormat = 'iso-date';
    let bestOk = -1;
    for (const f of DATE_FORMATS) {
      const ok = values.filter((v) => !Number.isNaN(parseDate(v, f))).length;
      if (ok > bestOk) [bestFmt, bestOk] = [f, ok];
    }
    const k = present.find((i) => Number.isNaN(parseDate(cells[i]!, bestFmt))) ?? present[0] ?? 0;
    throw mismatch(parsed, name, 'a date', cells[k] ?? '', k);
  }
  const invalid = mostly ? values.filter((v) => Number.isNaN(parseDate(v, mostly.format))).length : 0;
  if (invalid) values.splice(0, values.length, ...values.filter((v) => !Number.isNaN(parseDate(v, mostly!.format))));
  let min = Infinity;
  let max = -Infinity;
  const distinct = new Set<number>();
  for (const v of new Set(values)) {
    const t = parseDate(v, det.format);
    distinct.add(t);
    if (t < min) min = t;
    if (t > max) max = t;
  }
  if (!values.length) {
    min = NaN;
    max = NaN;
  }
  const date = { integer: true, min, max, dateFormat: det.format, datePattern: det.pattern };
  if (!invalid) return { ...base, nUnique: distinct.size, ...date };
  // the cells that are not dates are read as missing, so they count as missing
  const missingRate = base.missingRate + invalid / parsed.nRows;
  return { ...base, missingRate, nUnique: distinct.size, ...date, invalidDates: invalid };
}

/** True, with an INVALID_DATES warning (count, first examples), when `values` are dates but for a few. */
function invalidDatesWarning(name: string, values: readonly string[], warnings: InputWarning[]): boolean {
  const m = detectMostlyDates(values);
  if (!m) return false;
  const bad = new Set(m.bad);
  const count = values.filter((v) => bad.has(v)).length;
  const shown = m.bad.slice(0, 3).map((v) => `"${v}"`);
  warnings.push({
    code: 'INVALID_DATES',
    column: name,
    message: `Column "${name}" is a date column (${m.pattern}) but ${count} value${count === 1 ? ' is' : 's are'} not a date in that format (${shown.join(', ')}${m.bad.length > 3 ? ', …' : ''}); ${count === 1 ? 'it is' : 'they are'} read as missing.`,
  });
  return true;
}

/** The sdtype inference picks for column `j`, with the warnings it gives. */
function guessType(parsed: ParsedCsv, j: number): { sdtype: SdType; warnings: InputWarning[] } {
  const name = parsed.header[j]!;
  const cells = parsed.columns[j]!;
  const present = presentIndices(cells);
  const warnings: InputWarning[] = [];
  if (present.length === 0) {
    warnings.push({
      code: 'ALL_MISSING_COLUMN',
      column: name,
      message: `Column "${name}" is empty in every row; it is kept empty.`,
    });
    return { sdtype: 'categorical', warnings };
  }
  const scan = scanNumeric(cells, present);
  let sdtype: SdType;
  let nUnique: number;
  if (scan) {
    nUnique = scan.firstLabel.size;
    sdtype = numericType(name, scan, present.length);
  } else {
    const mostly = mostlyNumbers(cells, present);
    if (mostly && numericType(name, mostly.scan, mostly.good.length) === 'numerical') {
      nUnique = mostly.scan.firstLabel.size;
      sdtype = 'numerical';
      warnings.push(invalidNumbersWarning(name, mostly));
    } else {
      const labels = textLevels(cells, present);
      nUnique = labels.length;
      sdtype = textType(
        name,
        labels,
        present.map((i) => cells[i]!),
        warnings,
      );
      const big = present.find((i) => isBigInteger(cells[i]!));
      if (big !== undefined) warnings.push(bigIntegersWarning(name, cells[big]!, sdtype));
    }
  }
  if (sdtype === 'id') {
    warnings.push({
      code: 'ID_COLUMN',
      column: name,
      message: `Column "${name}" has a different value in every row, so it is treated as an id: not modelled, written as new unique values.`,
    });
  }
  if (nUnique === 1) {
    warnings.push({
      code: 'CONSTANT_COLUMN',
      column: name,
      message: `Column "${name}" has the same value ("${cells[present[0]!]}") in every row; it will be constant in the synthetic data.`,
    });
  }
  return { sdtype, warnings };
}

/** The sdtype of a column of numbers (`n` present cells): few whole levels, an id sequence, or numerical. */
function numericType(name: string, scan: NumericScan, n: number): SdType {
  const nUnique = scan.firstLabel.size;
  if (scan.whole && nUnique <= MAX_NUMERIC_LEVELS) return 'categorical';
  if (scan.whole && nUnique === n && (looksLikeIdName(name) || consecutive(scan.values))) return 'id';
  return 'numerical';
}

/** The sdtype of a column of text (`labels` its distinct values): boolean, datetime, id or categorical. */
function textType(name: string, labels: string[], values: string[], warnings: InputWarning[]): SdType {
  if (booleanPair(labels)) return 'boolean';
  if (detectDateFormat(values)) return 'datetime';
  if (invalidDatesWarning(name, values, warnings)) return 'datetime';
  const nUnique = labels.length;
  if (nUnique === values.length && values.length >= MIN_ID_ROWS) return 'id';
  if (nUnique > MANY_LEVELS && nUnique > 0.5 * values.length) {
    warnings.push({
      code: 'MANY_LEVELS',
      column: name,
      message: `Column "${name}" has ${nUnique} different values in ${values.length} rows: if it is an identifier or free text, set its type to id or skip it.`,
    });
  }
  return 'categorical';
}

/** Infers each column's sdtype and statistics (DESIGN.md §1). `target` defaults to null (no target). */
export function inferSchema(
  parsed: ParsedCsv,
  opts: { target?: string | null } = {},
): { schema: Schema; warnings: InputWarning[] } {
  const warnings: InputWarning[] = [];
  const columns = parsed.header.map((_, j) => {
    const g = guessType(parsed, j);
    warnings.push(...g.warnings);
    return deriveColumn(parsed, j, g.sdtype);
  });
  return { schema: { columns, target: opts.target ?? null }, warnings };
}

/**
 * Recomputes every column's derived fields under its current sdtype (after the user edits types); `skip` and the
 * target are kept. Columns are matched by name; throws `UNKNOWN_COLUMN` for a name not in the file.
 */
export function refreshSchema(parsed: ParsedCsv, schema: Schema): Schema {
  const columns = schema.columns.map((c) => {
    const j = parsed.header.indexOf(c.name);
    if (j < 0) {
      throw new SchemaError(
        'UNKNOWN_COLUMN',
        `The schema names a column "${c.name}" that the file does not have: reload the file or fix the name.`,
        {
          column: c.name,
        },
      );
    }
    return deriveColumn(parsed, j, c.sdtype, c);
  });
  return { columns, target: schema.target };
}
