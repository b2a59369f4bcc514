/** CSV in and out, schema inference and validation: the pure-core entry point for files. */
export { decodeBytes, decodeModelBytes, type Decoded } from './decode.js';
export {
  MAX_INPUT_BYTES,
  DELIMITERS,
  parseCsv,
  detectDelimiter,
  formatSize,
  lineOfRow,
  type ParsedCsv,
  type ParseOptions,
} from './csv.js';
export { isMissingToken } from './missing.js';
export {
  inferSchema,
  refreshSchema,
  deriveColumn,
  looksLikeIdName,
  booleanPair,
  MAX_NUMERIC_LEVELS,
  MIN_ID_ROWS,
  MANY_LEVELS,
} from './infer.js';
export { validateSchema, MIN_ROWS } from './validate.js';
export { summarizeColumns } from './summarize.js';
export { buildTable } from './build.js';
export { writeCsv, writeCsvChunks, DEFAULT_ROWS_PER_CHUNK, previewCsv, escapeFormula, escapeHeader } from './write.js';
export { restoreHeader } from './formula.js';
export { parseDate, formatDate, detectDateFormat, DATE_FORMATS, DEFAULT_PATTERN, type DetectedDate } from './dates.js';
export { parseNumber, decimalsOf, formatNumber, roundTo, MAX_DECIMALS, BAD_SHARE, MIN_VALID } from './numbers.js';
export { NUMBER_MODES, localizeNumber, type NumberMode } from './locale.js';
