/** Cell texts that mean "no value". The UCI files write '?'; R writes NA; pandas writes NaN or an empty cell. */
const MISSING = new Set(['', 'NA', 'N/A', 'n/a', 'NaN', 'nan', 'null', 'NULL', 'None', '?', '#N/A']);

/** Is this (already trimmed) cell text a missing value? Tokens: '', NA, N/A, n/a, NaN, nan, null, NULL, None, ?, #N/A. */
export function isMissingToken(s: string): boolean {
  return MISSING.has(s);
}
