/** One short line per column for the schema table ("18 – 81, mean 42.3, whole numbers"; "3 levels: yes 61%, no 38%, maybe 1%"). */
import type { ColumnSummary } from './types.js';
import type { ColumnSchema, Schema } from '../core/schema.js';
import type { ParsedCsv } from './csv.js';
import { DEFAULT_PATTERN, formatDate } from './dates.js';
import { isMissingToken } from './missing.js';
import { formatNumber, parseNumber } from './numbers.js';

/** Levels listed by name before "…". @default 4 */
const SHOWN_LEVELS = 4;
/** Longest label shown in full. @default 16 characters */
const LABEL_CHARS = 16;

const short = (s: string): string => (s.length > LABEL_CHARS ? `${s.slice(0, LABEL_CHARS - 1)}…` : s);

/** 3 significant digits, no exponent: 42.3, 0.0123, 263358. */
function sig3(v: number): string {
  if (v === 0 || !Number.isFinite(v)) return String(v);
  const d = Math.max(0, Math.min(100, 2 - Math.floor(Math.log10(Math.abs(v)))));
  return formatNumber(v, d);
}

function numericLine(c: ColumnSchema, cells: readonly string[]): string {
  let sum = 0;
  let n = 0;
  for (const s of cells) {
    if (isMissingToken(s)) continue;
    const v = parseNumber(s);
    if (!Number.isNaN(v)) {
      sum += v;
      n++;
    }
  }
  if (!n) return 'no values';
  const d = c.integer ? 0 : (c.decimals ?? 10);
  const range =
    c.min === c.max ? `always ${formatNumber(c.min!, d)}` : `${formatNumber(c.min!, d)} – ${formatNumber(c.max!, d)}`;
  return `${range}, mean ${sig3(sum / n)}${c.integer ? ', whole numbers' : ''}`;
}

function levelsLine(c: ColumnSchema, cells: readonly string[]): string {
  const levels = c.levels ?? [];
  if (!levels.length) return 'no values';
  const numeric = levels.every((l) => !Number.isNaN(parseNumber(l)));
  const index = new Map<string | number, number>();
  levels.forEach((l, k) => index.set(numeric ? parseNumber(l) : l, k));
  const counts = new Array<number>(levels.length).fill(0);
  let n = 0;
  for (const s of cells) {
    if (isMissingToken(s)) continue;
    const k = index.get(numeric ? parseNumber(s) : s);
    if (k !== undefined) {
      counts[k]!++;
      n++;
    }
  }
  const order = levels.map((_, k) => k).sort((a, b) => counts[b]! - counts[a]! || a - b);
  const parts = order
    .slice(0, SHOWN_LEVELS)
    .map((k) => `${short(levels[k]!)} ${n ? Math.round((100 * counts[k]!) / n) : 0}%`);
  if (levels.length > SHOWN_LEVELS) parts.push('…');
  return `${levels.length} level${levels.length === 1 ? '' : 's'}: ${parts.join(', ')}`;
}

function dateLine(c: ColumnSchema): string {
  if (c.min === undefined || c.max === undefined || Number.isNaN(c.min)) return 'no values';
  const p = c.datePattern ?? DEFAULT_PATTERN[c.dateFormat ?? 'iso-date'];
  const range =
    c.min === c.max ? `always ${formatDate(c.min, p)}` : `${formatDate(c.min, p)} – ${formatDate(c.max, p)}`;
  // the order of day and month in "3/7/2020" was chosen from the values: say which, so a wrong guess shows
  if (c.dateFormat === 'dmy-slash') return `${range} (day first: ${p})`;
  if (c.dateFormat === 'mdy-slash') return `${range} (month first: ${p})`;
  return range;
}

function idLine(c: ColumnSchema, cells: readonly string[]): string {
  let present = 0;
  for (const s of cells) if (!isMissingToken(s)) present++;
  return c.nUnique === present ? 'unique per row' : `${c.nUnique} distinct values in ${present} rows`;
}

/** One-line summary per column, in the schema's order, as the schema table shows it. */
export function summarizeColumns(parsed: ParsedCsv, schema: Schema): ColumnSummary[] {
  return schema.columns.map((c) => {
    const j = parsed.header.indexOf(c.name);
    const cells = j >= 0 ? parsed.columns[j]! : [];
    let summary: string;
    if (c.sdtype === 'numerical') summary = numericLine(c, cells);
    else if (c.sdtype === 'categorical' || c.sdtype === 'boolean') summary = levelsLine(c, cells);
    else if (c.sdtype === 'datetime') summary = dateLine(c);
    else summary = idLine(c, cells);
    if (c.missingRate > 0) summary += `; ${Math.round(c.missingRate * 100) || '<1'}% missing`;
    return { name: c.name, sdtype: c.sdtype, missingRate: c.missingRate, nUnique: c.nUnique, summary };
  });
}
