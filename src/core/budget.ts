/**
 * The memory a run may plan for, checked before any work (issue 22): a run holds the sampled table, its CSV text and
 * the generator's vectors at once, and a worker or Node process that runs out of memory dies without a message (the
 * page's tab with it). A request beyond the budget is refused with the largest size that fits.
 */
import { LocalSynthError } from './errors.js';

/** Rows one run may generate or sample, whatever their width. */
export const MAX_ROWS = 10_000_000;
/**
 * Memory a run may plan for, in bytes: well inside the default heap of a browser worker and of Node, and small
 * enough that the CSV text (CHARS_PER_CELL a cell) stays shorter than the longest string V8 builds (2^29 characters).
 */
export const MEMORY_BUDGET_BYTES = 2 ** 30;
/** Planned characters per cell of CSV text (a value and its delimiter). */
const CHARS_PER_CELL = 12;
/**
 * Planned bytes per output cell: 8 in the table (float64 or an int32 code with its share of labels), 4 in the
 * generator's float32 vectors, and 2 bytes per character of its CSV text (JavaScript strings are UTF-16).
 */
export const BYTES_PER_CELL = 8 + 4 + 2 * CHARS_PER_CELL;

/** The most rows of `columns` output columns that fit the budget (and MAX_ROWS). */
export function maxRowsFor(columns: number): number {
  const byMemory = Math.floor(MEMORY_BUDGET_BYTES / (Math.max(1, columns) * BYTES_PER_CELL));
  return Math.max(1, Math.min(MAX_ROWS, byMemory));
}

const fmt = (n: number): string => n.toLocaleString('en-US');

/**
 * Throws BAD_OPTION when `rows` rows of `columns` columns do not fit the budget, saying why and the largest row count
 * that fits.
 */
export function checkRowBudget(rows: number, columns: number): void {
  const max = maxRowsFor(columns);
  if (rows <= max) return;
  const need = rows * Math.max(1, columns) * BYTES_PER_CELL;
  const why =
    max === MAX_ROWS
      ? `more than the ${fmt(MAX_ROWS)} rows a run may generate`
      : `about ${(need / 2 ** 30).toFixed(1)} GiB of memory for the table and its CSV text, more than the ${MEMORY_BUDGET_BYTES / 2 ** 30} GiB a run may use`;
  throw new LocalSynthError(
    'BAD_OPTION',
    `${fmt(rows)} rows × ${columns} columns is too large: ${why}. At most ${fmt(max)} rows of ${columns} columns fit; generate several files with different seeds for more.`,
    { rows, columns, maxRows: max },
  );
}
