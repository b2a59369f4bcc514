/**
 * Dates as CSV files write them: detection of one format per column, parsing to milliseconds since the epoch (UTC;
 * a file's local times are kept as wall-clock times, never shifted), and writing back in the same format.
 *
 * A column's format is a family (`DateFormat`: iso-date, iso-datetime, iso-datetime-t, dmy-slash, mdy-slash,
 * ymd-slash, mdy-name, dmy-name) plus a pattern with the details a round trip needs: zero padding (D vs DD), seconds,
 * milliseconds, 'Z' or a UTC offset, the month as a number, an abbreviation (MMM) or a name (MMMM), separators.
 * A value with a UTC offset is parsed to its instant; a column whose values share one offset writes it back.
 */
import type { DateFormat } from '../core/schema.js';

const MS_DAY = 86_400_000;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATETIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})(?::(\d{2}))?$/;
const ISO_DATETIME_T = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?(Z|[+-]\d{2}:?\d{2})?$/;
const YEAR_LAST = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const YEAR_FIRST = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/;
/** "Sep 13 1996", "Sep. 13, 1996", "September 13, 1996", "Sep-13-1996": month, separator, day, comma, year. */
const MDY_NAME = /^([A-Za-z]{3,9})\.?([ -])(\d{1,2})(,?)[ -](\d{4})$/;
/** "13-Sep-1996", "13 September 1996", "13 Sep, 1996": day, separator, month, year. */
const DMY_NAME = /^(\d{1,2})([ -])([A-Za-z]{3,9})\.?,?[ -](\d{4})$/;
/** A UTC offset at the end of a pattern: "+02:00", "-0530". */
const OFFSET = /([+-])(\d{2}):?(\d{2})$/;

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** 1–12 for an English month name or its abbreviation ("Sep", "Sept", "september"); NaN otherwise. */
function monthOf(name: string): number {
  const n = name.toLowerCase();
  const i = MONTHS.findIndex((m) => {
    const l = m.toLowerCase();
    return n === l || n === l.slice(0, 3) || (l === 'september' && n === 'sept');
  });
  return i < 0 ? NaN : i + 1;
}

/** Minutes east of UTC of an offset ("+02:00" → 120), 0 for 'Z' or none. */
function offsetMinutes(z: string | undefined): number {
  const m = z ? OFFSET.exec(z) : null;
  return m ? (m[1] === '-' ? -1 : 1) * (+m[2]! * 60 + +m[3]!) : 0;
}

/** Default pattern of each family (used when a schema carries no `datePattern`). */
export const DEFAULT_PATTERN: Record<DateFormat, string> = {
  'iso-date': 'YYYY-MM-DD',
  'iso-datetime': 'YYYY-MM-DD HH:mm:ss',
  'iso-datetime-t': 'YYYY-MM-DDTHH:mm:ss',
  'dmy-slash': 'DD/MM/YYYY',
  'mdy-slash': 'MM/DD/YYYY',
  'ymd-slash': 'YYYY/MM/DD',
  'mdy-name': 'MMM D YYYY',
  'dmy-name': 'D-MMM-YYYY',
};

/** ms since epoch (UTC) of a calendar date and time, or NaN if any field is out of range (31 April, 25:00…). */
function utc(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number {
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return NaN;
  const back = new Date(Date.UTC(y, mo - 1, d, h, mi, s, ms));
  // Date.UTC maps years 0–99 to 1900–1999: set the year itself. It also rolls 31 April over to 1 May: not a date.
  if (y < 100) back.setUTCFullYear(y, mo - 1, d);
  const t = back.getTime();
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return NaN;
  return t;
}

/** Parses one (trimmed) cell in `format`; NaN when it does not fit. */
export function parseDate(s: string, format: DateFormat): number {
  let m: RegExpExecArray | null;
  switch (format) {
    case 'iso-date':
      m = ISO_DATE.exec(s);
      return m ? utc(+m[1]!, +m[2]!, +m[3]!) : NaN;
    case 'iso-datetime':
      m = ISO_DATETIME.exec(s);
      return m ? utc(+m[1]!, +m[2]!, +m[3]!, +m[4]!, +m[5]!, +(m[6] ?? 0)) : NaN;
    case 'iso-datetime-t': {
      m = ISO_DATETIME_T.exec(s);
      if (!m) return NaN;
      const wall = utc(+m[1]!, +m[2]!, +m[3]!, +m[4]!, +m[5]!, +m[6]!, m[7] ? Number(m[7].padEnd(3, '0')) : 0);
      return wall - offsetMinutes(m[8]) * 60_000;
    }
    case 'mdy-name':
      m = MDY_NAME.exec(s);
      return m ? utc(+m[5]!, monthOf(m[1]!), +m[3]!) : NaN;
    case 'dmy-name':
      m = DMY_NAME.exec(s);
      return m ? utc(+m[4]!, monthOf(m[3]!), +m[1]!) : NaN;
    case 'dmy-slash':
      m = YEAR_LAST.exec(s);
      return m ? utc(+m[3]!, +m[2]!, +m[1]!) : NaN;
    case 'mdy-slash':
      m = YEAR_LAST.exec(s);
      return m ? utc(+m[3]!, +m[1]!, +m[2]!) : NaN;
    case 'ymd-slash':
      m = YEAR_FIRST.exec(s);
      return m ? utc(+m[1]!, +m[2]!, +m[3]!) : NaN;
  }
}

/** Does the text have an unpadded one-digit day or month ("3/7/2020")? */
function unpadded(parts: (string | undefined)[]): boolean {
  return parts.some((p) => p !== undefined && p.length === 1);
}

export interface DetectedDate {
  format: DateFormat;
  pattern: string;
}

/** Every family, in the order detection tries them. */
export const DATE_FORMATS: readonly DateFormat[] = [
  'iso-date',
  'iso-datetime',
  'iso-datetime-t',
  'ymd-slash',
  'dmy-slash',
  'mdy-slash',
  'mdy-name',
  'dmy-name',
];

/** MMMM when some value spells a month out in full ("June", "September"; "May" is both), else MMM. */
function monthToken(names: readonly string[]): string {
  const full = (n: string): boolean => n.length > 3 && MONTHS.some((m) => m.toLowerCase() === n.toLowerCase());
  return names.some(full) ? 'MMMM' : 'MMM';
}

/** The pattern of month-name dates: the first value's separators, the month's spelling, the day's padding. */
function namePattern(format: 'mdy-name' | 'dmy-name', values: readonly string[]): string {
  const rx = format === 'mdy-name' ? MDY_NAME : DMY_NAME;
  const ms = values.map((v) => rx.exec(v)).filter((m): m is RegExpExecArray => m !== null);
  const first = ms[0]!;
  const names = ms.map((m) => (format === 'mdy-name' ? m[1]! : m[3]!));
  const day = ms.some((m) => (format === 'mdy-name' ? m[3]! : m[1]!).length === 1) ? 'D' : 'DD';
  const mon = monthToken(names);
  const sep = first[2]!;
  if (format === 'dmy-name') return `${day}${sep}${mon}${sep}YYYY`;
  return `${mon}${sep}${day}${first[4]!}${sep === '-' ? '-' : ' '}YYYY`;
}

/** 'Z', the one offset every value shares ("+02:00"), 'Z' when they differ, '' when none has one. */
function zonePattern(values: readonly string[]): string {
  const zones = new Set(values.map((v) => ISO_DATETIME_T.exec(v)?.[8] ?? ''));
  if (zones.size === 1) return [...zones][0]!;
  return [...zones].some((z) => z !== '') ? 'Z' : '';
}

/** The exact pattern of values already known to parse under `format`: padding, seconds, milliseconds, 'Z'. */
function patternFor(format: DateFormat, values: readonly string[]): string {
  switch (format) {
    case 'iso-date':
      return 'YYYY-MM-DD';
    case 'iso-datetime':
      return values.some((v) => ISO_DATETIME.exec(v)?.[6] !== undefined) ? 'YYYY-MM-DD HH:mm:ss' : 'YYYY-MM-DD HH:mm';
    case 'iso-datetime-t': {
      const ms = values.some((v) => ISO_DATETIME_T.exec(v)?.[7] !== undefined);
      return `YYYY-MM-DDTHH:mm:ss${ms ? '.SSS' : ''}${zonePattern(values)}`;
    }
    case 'mdy-name':
    case 'dmy-name':
      return namePattern(format, values);
    case 'ymd-slash': {
      const loose = values.some((v) => {
        const m = YEAR_FIRST.exec(v);
        return m !== null && unpadded([m[2], m[3]]);
      });
      return loose ? 'YYYY/M/D' : 'YYYY/MM/DD';
    }
    case 'dmy-slash':
    case 'mdy-slash': {
      const loose = values.some((v) => {
        const m = YEAR_LAST.exec(v);
        return m !== null && unpadded([m[1], m[2]]);
      });
      if (format === 'dmy-slash') return loose ? 'D/M/YYYY' : 'DD/MM/YYYY';
      return loose ? 'M/D/YYYY' : 'MM/DD/YYYY';
    }
  }
}

function allParse(values: readonly string[], format: DateFormat): boolean {
  for (const v of values) if (Number.isNaN(parseDate(v, format))) return false;
  return true;
}

/**
 * The one date format every value fits, or null (also null for no values). D/M/YYYY vs M/D/YYYY: a first field
 * > 12 means day-first, a second field > 12 month-first; both → not dates; neither → day-first (the more common
 * order worldwide). With `prefer`, only that format is tried (the user's choice for an ambiguous column).
 */
export function detectDateFormat(all: readonly string[], prefer?: DateFormat): DetectedDate | null {
  if (all.length === 0) return null;
  // Dates repeat a lot: check each distinct text once.
  const values = [...new Set(all)];
  if (prefer) return allParse(values, prefer) ? { format: prefer, pattern: patternFor(prefer, values) } : null;
  const first = values[0]!;
  let format: DateFormat | null = null;
  if (ISO_DATE.test(first)) format = 'iso-date';
  else if (ISO_DATETIME.test(first)) format = 'iso-datetime';
  else if (ISO_DATETIME_T.test(first)) format = 'iso-datetime-t';
  else if (YEAR_FIRST.test(first)) format = 'ymd-slash';
  else if (MDY_NAME.test(first)) format = 'mdy-name';
  else if (DMY_NAME.test(first)) format = 'dmy-name';
  else if (YEAR_LAST.test(first)) {
    let dayFirst = false;
    let monthFirst = false;
    for (const v of values) {
      const m = YEAR_LAST.exec(v);
      if (!m) return null;
      if (+m[1]! > 12) dayFirst = true;
      if (+m[2]! > 12) monthFirst = true;
    }
    if (dayFirst && monthFirst) return null;
    format = monthFirst ? 'mdy-slash' : 'dmy-slash';
  }
  if (!format || !allParse(values, format)) return null;
  return { format, pattern: patternFor(format, values) };
}

/** The date format of a column with a few values that are not dates, and those values. */
export interface MostlyDates extends DetectedDate {
  /** The distinct texts that do not parse under `format`, in the order first seen. */
  bad: string[];
}

/**
 * A few values that are not dates (typos, "unknown", "TBA") do not make a date column text: at most 5% of the distinct
 * values (and at least 20 distinct values parse) may fail, under the format the most values fit.
 */
export function detectMostlyDates(all: readonly string[]): MostlyDates | null {
  const values = [...new Set(all)];
  let best: { format: DateFormat; ok: string[]; bad: string[] } | null = null;
  for (const format of DATE_FORMATS) {
    const ok: string[] = [];
    const bad: string[] = [];
    for (const v of values) (Number.isNaN(parseDate(v, format)) ? bad : ok).push(v);
    if (!best || ok.length > best.ok.length) best = { format, ok, bad };
  }
  if (!best || best.ok.length < 20 || best.bad.length > 0.05 * values.length) return null;
  // the order of day and month, padding and names: from the values that parse, as for a clean column
  const det = detectDateFormat(best.ok) ?? { format: best.format, pattern: patternFor(best.format, best.ok) };
  return { ...det, bad: best.bad };
}

/** Smallest unit a pattern writes, in ms: output is rounded to it. */
export function patternUnitMs(pattern: string): number {
  if (pattern.includes('SSS')) return 1;
  if (pattern.includes('ss')) return 1000;
  if (pattern.includes('mm')) return 60_000;
  return MS_DAY;
}

const pad = (n: number, w: number): string => String(n).padStart(w, '0');

/**
 * Writes `ms` (UTC) with `pattern` (tokens YYYY MMMM MMM MM M DD D HH mm ss SSS; anything else literal), rounded to
 * its unit; a pattern ending in a UTC offset writes the wall-clock time at that offset.
 */
export function formatDate(ms: number, pattern: string): string {
  const unit = patternUnitMs(pattern);
  const shift = pattern.includes('HH') ? offsetMinutes(OFFSET.exec(pattern)?.[0]) * 60_000 : 0;
  const d = new Date(Math.round((ms + shift) / unit) * unit);
  const parts: Record<string, string> = {
    YYYY: pad(d.getUTCFullYear(), 4),
    MMMM: MONTHS[d.getUTCMonth()]!,
    MMM: MONTHS[d.getUTCMonth()]!.slice(0, 3),
    MM: pad(d.getUTCMonth() + 1, 2),
    M: String(d.getUTCMonth() + 1),
    DD: pad(d.getUTCDate(), 2),
    D: String(d.getUTCDate()),
    HH: pad(d.getUTCHours(), 2),
    mm: pad(d.getUTCMinutes(), 2),
    ss: pad(d.getUTCSeconds(), 2),
    SSS: pad(d.getUTCMilliseconds(), 3),
  };
  return pattern.replace(/YYYY|SSS|MMMM|MMM|MM|DD|HH|mm|ss|M|D/g, (t) => parts[t] ?? t);
}
