/**
 * Formula injection (OWASP "CSV injection"): a spreadsheet runs a cell that starts with = + - @ tab or CR as a
 * formula. Cells and header names we write get a leading single quote, which spreadsheets show as text.
 *
 * Header names are also restored when a CSV is read, so our own output reads back under the original names. The rule
 * is exact and reversible: writing adds one `'` in front of a name made of zero or more `'` and then a formula
 * character; reading removes one `'` from a name of that same shape with at least one `'`. So `=x` ↔ `'=x`, and a
 * name that really starts with `'=` (`'=x`) is written `''=x` and read back as `'=x`. Any other name is written and
 * read as it is. Cells are not restored on reading: a text cell `'=x` stays `'=x` (and is not quoted again).
 */

const FORMULA_START = /^[=+\-@\t\r]/;
/** A header name that the escape touches: quotes (maybe none), then a formula character. */
const HEADER_FORMULA = /^'*[=+\-@\t\r]/;
/** A header name in our escaped form: at least one quote, then a formula character. */
const HEADER_ESCAPED = /^'+[=+\-@\t\r]/;

/** Escapes a text cell that a spreadsheet would run as a formula. */
export function escapeFormula(s: string): string {
  return FORMULA_START.test(s) ? `'${s}` : s;
}

/** A header name as written: escaped like a cell, and reversibly (see the rule above). */
export function escapeHeader(name: string): string {
  return HEADER_FORMULA.test(name) ? `'${name}` : name;
}

/** A header name as read: undoes `escapeHeader` (one `'` less on a name of its escaped form), else unchanged. */
export function restoreHeader(name: string): string {
  return HEADER_ESCAPED.test(name) ? name.slice(1) : name;
}
