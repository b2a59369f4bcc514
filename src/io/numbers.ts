/** Reading numbers out of cell text, and the precision they were written with. */

/** Plain decimal numbers as CSV files write them: "12", "-0.5", ".5", "1e-05", "+3". No thousands separators. */
export const NUMBER_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * A whole number written without exponent beyond ±2^53 ("12345678901234567891"): a double cannot keep such
 * values apart, so they are not numbers here (the column stays text, exact).
 */
export function isBigInteger(s: string): boolean {
  if (!/^[+-]?\d+$/.test(s)) return false;
  return Math.abs(Number(s)) > Number.MAX_SAFE_INTEGER;
}

/** The number a (trimmed, non-missing) cell holds, or NaN when it is not a plain number (or a big integer). */
export function parseNumber(s: string): number {
  if (!NUMBER_RE.test(s) || isBigInteger(s)) return NaN;
  const v = Number(s);
  return Number.isFinite(v) ? v : NaN;
}

/** Share of a column's distinct values that may fail to parse and still not decide its type ("a few"). */
export const BAD_SHARE = 0.05;
/** Distinct valid values a column needs before any bad ones are tolerated. @default 20 */
export const MIN_VALID = 20;

/**
 * "All but a few": no bad distinct values, or at least `MIN_VALID` good ones and bad ones at most `BAD_SHARE` of
 * all distinct values. The same rule decides numbers, dates and number formats.
 */
export function fewBad(good: number, bad: number): boolean {
  return bad === 0 || (good >= MIN_VALID && bad <= BAD_SHARE * (good + bad));
}

/** Most decimals we keep for a column of ordinary values (≥ 1e-5 in size). @default 10 */
export const MAX_DECIMALS = 10;
/** Significant digits kept for tiny values (below 1e-5), whose first digit lies past `MAX_DECIMALS / 2` places. */
const TINY_DIGITS = 15;

/**
 * Decimal digits of `v` as a person wrote it, ignoring binary floating-point noise: 0.35100000000000003 (what
 * Python prints for 0.1·3.51) counts as 0.351, i.e. 3 decimals. We cut to 15 significant digits (what a double
 * always holds exactly) and take the shortest decimal that round-trips. Capped at `MAX_DECIMALS`.
 */
export function decimalsOf(v: number): number {
  if (!Number.isFinite(v) || Number.isInteger(v)) return 0;
  const clean = Number(v.toPrecision(15));
  const s = String(Math.abs(clean));
  let d: number;
  const e = s.indexOf('e');
  if (e >= 0) {
    const mant = s.slice(0, e);
    const exp = Number(s.slice(e + 1));
    const dot = mant.indexOf('.');
    const mantDec = dot >= 0 ? mant.length - dot - 1 : 0;
    d = Math.max(0, mantDec - exp);
  } else {
    const dot = s.indexOf('.');
    d = dot >= 0 ? s.length - dot - 1 : 0;
  }
  return Math.min(d, decimalCap(Math.abs(clean)));
}

/** `MAX_DECIMALS`, or for a value below 1e-5 enough places for `TINY_DIGITS` significant digits (at most 100). */
function decimalCap(a: number): number {
  if (a === 0 || a >= 1e-5) return MAX_DECIMALS;
  const first = -Math.floor(Math.log10(a));
  return Math.min(100, first + TINY_DIGITS - 1);
}

/**
 * Shortest plain text of `v` rounded to `decimals` places: 1.5 not 1.50, 0.00001 not 1e-5, -0 as 0.
 * toFixed rounds the exact binary value (so 1.005 → "1.00"); that only differs from decimal rounding on exact
 * decimal ties, which cannot occur for values the input wrote with ≤ `decimals` places. It never uses exponent
 * notation below 1e21, and is several times faster than `roundTo` (this runs once per output cell).
 */
export function formatNumber(v: number, decimals: number): string {
  const d = Math.max(0, Math.min(100, Math.floor(decimals)));
  let s = v.toFixed(d);
  if (d > 0) s = s.replace(/\.?0+$/, '');
  if (s === '-0') s = '0';
  return s;
}

/** `v` rounded half away from zero to `d` decimals, via the exponent trick so 1.005 → 1.01 as written. */
export function roundTo(v: number, d: number): number {
  if (!Number.isFinite(v)) return v;
  if (d <= 0) return Math.sign(v) * Math.round(Math.abs(v));
  const a = Math.abs(v);
  if (String(a).includes('e')) {
    const f = 10 ** d;
    return (Math.sign(v) * Math.round(a * f)) / f;
  }
  const r = Number(`${Math.round(Number(`${Math.abs(v)}e${d}`))}e-${d}`);
  return Number.isFinite(r) ? Math.sign(v) * r : v;
}
