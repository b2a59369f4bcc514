/**
 * Whether a column's cells are numbers: all of them (`scanNumeric`), or all but a few (`mostlyNumbers`, the rule of
 * numbers.ts `fewBad`), and the warnings that say which cells were not. Split from infer.ts.
 */
import type { SdType } from '../core/schema.js';
import { isMissingToken } from './missing.js';
import { fewBad, isBigInteger, parseNumber } from './numbers.js';
import type { InputWarning } from './types.js';

/** Numeric text of a column: distinct values with the spelling first seen in the file. */
export interface NumericScan {
  values: number[];
  firstLabel: Map<number, string>;
  whole: boolean;
}

/** Indices of non-missing cells. */
export function presentIndices(cells: readonly string[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < cells.length; i++) if (!isMissingToken(cells[i]!)) out.push(i);
  return out;
}

/** Null when some present cell is not a number; `bad` receives its index. */
export function scanNumeric(
  cells: readonly string[],
  present: readonly number[],
  bad?: { at: number },
): NumericScan | null {
  const values: number[] = new Array(present.length);
  const firstLabel = new Map<number, string>();
  let whole = true;
  for (let k = 0; k < present.length; k++) {
    const s = cells[present[k]!]!;
    const v = parseNumber(s);
    if (Number.isNaN(v)) {
      if (bad) bad.at = present[k]!;
      return null;
    }
    values[k] = v;
    if (!Number.isInteger(v)) whole = false;
    // -0 and 0 are one level.
    const key = v === 0 ? 0 : v;
    if (!firstLabel.has(key)) firstLabel.set(key, s);
  }
  return { values, firstLabel, whole };
}

/** A column of numbers but for a few cells (`fewBad`): the scan of the numbers, and the cells that are not. */
export interface MostlyNumbers {
  scan: NumericScan;
  /** Present cells that are numbers. */
  good: number[];
  /** Distinct texts that are not numbers, in order of first appearance, and how many cells hold them. */
  bad: string[];
  badCount: number;
}

/** Null unless some but few present cells are not numbers; never for a column with integers beyond 2^53. */
export function mostlyNumbers(cells: readonly string[], present: readonly number[]): MostlyNumbers | null {
  const good: number[] = [];
  const bad = new Set<string>();
  const goodText = new Set<string>();
  for (const i of present) {
    const s = cells[i]!;
    if (Number.isNaN(parseNumber(s))) {
      if (isBigInteger(s)) return null;
      bad.add(s);
    } else {
      good.push(i);
      goodText.add(s);
    }
  }
  if (bad.size === 0 || !fewBad(goodText.size, bad.size)) return null;
  const scan = scanNumeric(cells, good)!;
  return { scan, good, bad: [...bad], badCount: present.length - good.length };
}

/** INVALID_NUMBERS: the count and the first examples of the cells that are not numbers. */
export function invalidNumbersWarning(name: string, m: MostlyNumbers): InputWarning {
  const n = m.badCount;
  const shown = m.bad.slice(0, 3).map((v) => `"${v}"`);
  return {
    code: 'INVALID_NUMBERS',
    column: name,
    message: `Column "${name}" is numerical but ${n} value${n === 1 ? ' is' : 's are'} not a number (${shown.join(', ')}${m.bad.length > 3 ? ', …' : ''}); ${n === 1 ? 'it is' : 'they are'} read as missing.`,
  };
}

/** BIG_INTEGERS: why a column of whole numbers stays text. */
export function bigIntegersWarning(name: string, example: string, sdtype: SdType): InputWarning {
  return {
    code: 'BIG_INTEGERS',
    column: name,
    message: `Column "${name}" has whole numbers beyond 2^53 ("${example}"), which cannot be told apart as numbers: it is kept as text (${sdtype}), never rounded to a nearby number.`,
  };
}
