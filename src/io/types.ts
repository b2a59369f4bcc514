/**
 * What reading a file reports besides the table: its warnings and the per-column summary. Plain data that the worker
 * contract (src/api/types.ts) re-exports; defined here so that io/ does not depend on the API layer.
 */
import type { SdType } from '../core/schema.js';

/** A non-fatal remark about the input, shown to the user (e.g. "delimiter is ';'"). */
export interface InputWarning {
  code:
    | 'DELIMITER'
    | 'BOM'
    | 'ENCODING'
    | 'CONSTANT_COLUMN'
    | 'ALL_MISSING_COLUMN'
    | 'ID_COLUMN'
    | 'QUOTED_NEWLINES'
    | 'TRAILING_EMPTY_COLUMN'
    | 'MANY_LEVELS'
    | 'INVALID_DATES'
    | 'INVALID_NUMBERS'
    | 'NUMBER_FORMAT'
    | 'BIG_INTEGERS'
    | 'LINE_ENDINGS'
    | 'OTHER';
  message: string;
  column?: string;
}

/** What the schema table shows per column. */
export interface ColumnSummary {
  name: string;
  sdtype: SdType;
  missingRate: number;
  nUnique: number;
  /** One short line, e.g. "18 – 81, mean 42.3, int" or "3 levels: yes 61%, no 38%, maybe 1%". */
  summary: string;
}
