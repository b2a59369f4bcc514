/**
 * Numbers written the way comma-decimal locales write them ("1,5", "1.234,56", "1 234,5") or with thousands
 * separators ("1,234.5"): detected per column by the rule in docs/hardening.md, turned into plain cell text
 * ("1234.56") before inference, and written back in the column's own format (`localizeNumber`).
 */
import type { NumberFormat } from '../core/schema.js';
import type { InputWarning } from './types.js';
import { isMissingToken } from './missing.js';
import { fewBad, NUMBER_RE } from './numbers.js';

/** How cells are read: `auto` (the rule), `point` (only plain numbers, as before), `comma` (decimal commas). */
export type NumberMode = 'auto' | 'point' | 'comma';
export const NUMBER_MODES: readonly NumberMode[] = ['auto', 'point', 'comma'];

/** Decimal comma; thousands grouped by '.', space, no-break space or narrow no-break space (one kind per cell). */
const COMMA_RE = /^([+-]?)(?:(\d{1,3}(([. \u00a0\u202f])\d{3})(?:\4\d{3})*)|(\d+))(?:,(\d+))?$/;
/** Decimal point; thousands grouped by ',', space, no-break space or narrow no-break space. */
const POINT_RE = /^([+-]?)(?:(\d{1,3}(([, \u00a0\u202f])\d{3})(?:\4\d{3})*)|(\d+))(?:\.(\d+))?$/;
/** "1.234", "12.345.678": plain (or not) under a point reading, thousands under a comma reading. */
const DOT_GROUPS = /^[+-]?[1-9]\d{0,2}(?:\.\d{3})+$/;

interface Read {
  /** Plain cell text: sign, digits, '.', digits. */
  plain: string;
  group: NumberFormat['group'];
  /** Whether the cell had a decimal part. */
  fraction: boolean;
}

/** The plain text of `s` read with `decimal` as its decimal separator, or null when it is not such a number. */
export function readLocaleNumber(s: string, decimal: '.' | ','): Read | null {
  const m = (decimal === ',' ? COMMA_RE : POINT_RE).exec(s);
  if (!m) return null;
  const int = m[2] !== undefined ? m[2].split(m[4]!).join('') : m[5]!;
  const frac = m[6];
  const group = (m[4] ?? '') as NumberFormat['group'];
  return { plain: `${m[1]}${int}${frac !== undefined ? `.${frac}` : ''}`, group, fraction: frac !== undefined };
}

/** What one reading makes of a column's distinct present values. */
interface Fit {
  decimal: '.' | ',';
  /** Distinct values that fit the reading, and those that do not. */
  good: number;
  bad: number;
  /** Distinct values that are not plain numbers but fit (the evidence for the reading). */
  evidence: number;
  /** Evidence that no other reading explains (a comma reading: not a grouped point number; and vice versa). */
  unambiguous: number;
  /** Evidence with both a group separator and a decimal part ("1.234,56"). */
  both: number;
  group: NumberFormat['group'];
}

function fitOf(values: readonly string[], decimal: '.' | ','): Fit {
  const other = decimal === ',' ? '.' : ',';
  const fit: Fit = { decimal, good: 0, bad: 0, evidence: 0, unambiguous: 0, both: 0, group: '' };
  for (const v of values) {
    const r = readLocaleNumber(v, decimal);
    if (!r) {
      fit.bad++;
      continue;
    }
    fit.good++;
    if (r.group && !fit.group) fit.group = r.group;
    if (NUMBER_RE.test(v)) continue;
    fit.evidence++;
    if (!readLocaleNumber(v, other)) fit.unambiguous++;
    if (r.group && r.fraction) fit.both++;
  }
  return fit;
}

/** Distinct present cell texts of a column. */
function distinctPresent(cells: readonly string[]): string[] {
  const set = new Set<string>();
  for (const s of cells) if (!isMissingToken(s)) set.add(s);
  return [...set];
}

/**
 * The reading of one column under `mode`, before the file-wide pass, or null (cells stay as they are).
 * auto: a comma reading needs a cell with a comma or a group separator, and with a ',' delimiter a cell such as
 * "1.234,56" that has both; else a point reading needs a cell no comma reading explains ("1,234.5", "1,234,567").
 */
function columnFormat(values: readonly string[], mode: NumberMode, delimiter: string): NumberFormat | null {
  if (mode === 'point' || values.length === 0) return null;
  const comma = fitOf(values, ',');
  const commaOk = fewBad(comma.good, comma.bad);
  if (mode === 'comma') {
    const dotted = values.some((v) => DOT_GROUPS.test(v));
    return commaOk && (comma.evidence > 0 || dotted) ? { decimal: ',', group: comma.group } : null;
  }
  if (commaOk && (delimiter === ',' ? comma.both > 0 : comma.evidence > 0)) return { decimal: ',', group: comma.group };
  const point = fitOf(values, '.');
  if (fewBad(point.good, point.bad) && point.unambiguous > 0) return { decimal: '.', group: point.group };
  return null;
}

/** Columns whose numbers changed reading, for the per-file warning. */
export interface LocaleResult {
  formats: (NumberFormat | undefined)[];
  warnings: InputWarning[];
}

/**
 * Detects each column's number format and rewrites the cells that fit it as plain numbers, in place. A column of
 * only "1.234"-like values reads as thousands when another column of the file shows a decimal comma (or in `comma`
 * mode); cells that do not fit stay as they are (inference reports a few of them as not numbers).
 */
export function localizeColumns(
  header: readonly string[],
  columns: string[][],
  delimiter: string,
  mode: NumberMode = 'auto',
): LocaleResult {
  const formats: (NumberFormat | undefined)[] = new Array(columns.length);
  const distinct = columns.map(distinctPresent);
  let commaFile = false;
  distinct.forEach((values, j) => {
    const f = columnFormat(values, mode, delimiter);
    if (f) formats[j] = f;
    if (f?.decimal === ',') commaFile = true;
  });
  if (commaFile && mode === 'auto') {
    distinct.forEach((values, j) => {
      if (formats[j] || !values.some((v) => DOT_GROUPS.test(v))) return;
      const comma = fitOf(values, ',');
      if (comma.bad === 0) formats[j] = { decimal: ',', group: '.' };
    });
  }
  formats.forEach((f, j) => {
    if (!f) return;
    const cells = columns[j]!;
    for (let i = 0; i < cells.length; i++) {
      const r = readLocaleNumber(cells[i]!, f.decimal);
      if (r) cells[i] = r.plain;
    }
  });
  return { formats, warnings: localeWarnings(header, formats) };
}

function listNames(names: string[]): string {
  const shown = names.slice(0, 3).map((n) => `"${n}"`);
  return shown.join(', ') + (names.length > 3 ? `, … (${names.length - 3} more)` : '');
}

/** One warning per decimal separator (comma; point with thousands separators), naming its columns. */
function localeWarnings(header: readonly string[], formats: (NumberFormat | undefined)[]): InputWarning[] {
  const byDecimal = new Map<string, { f: NumberFormat; names: string[] }>();
  formats.forEach((f, j) => {
    if (!f) return;
    const entry = byDecimal.get(f.decimal) ?? { f, names: [] };
    // the example shows a thousands separator when any of the columns has one
    if (!entry.f.group && f.group) entry.f = f;
    entry.names.push(header[j]!);
    byDecimal.set(f.decimal, entry);
  });
  const cols = (n: number): string => `${n} column${n === 1 ? '' : 's'}`;
  return [...byDecimal.values()].map(({ f, names }) => {
    const what = f.decimal === ',' ? 'Decimal comma' : 'Thousands separators';
    const example = localizeNumber('12345.5', f);
    return {
      code: 'NUMBER_FORMAT',
      message: `${what} detected in ${cols(names.length)} (${listNames(names)}): "${example}" is read as 12345.5, and the synthetic file writes numbers the same way.`,
    };
  });
}

/** Plain number text ("-1234.5", as formatNumber writes it) in the column's format ("-1.234,5"). */
export function localizeNumber(plain: string, f: NumberFormat): string {
  const m = /^([+-]?)(\d+)(?:\.(\d+))?$/.exec(plain);
  if (!m) return plain;
  let int = m[2]!;
  if (f.group && int.length > 3) int = int.replace(/\B(?=(\d{3})+(?!\d))/g, f.group);
  return `${m[1]}${int}${m[3] !== undefined ? `${f.decimal}${m[3]}` : ''}`;
}
