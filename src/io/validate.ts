/** Checks a (user-edited) schema against the data before anything is fitted; each message says what to do. */
import { SchemaError } from '../core/errors.js';
import { SD_TYPES, type ColumnSchema, type Schema } from '../core/schema.js';
import type { ParsedCsv } from './csv.js';

/** Fewest data rows anything can be learned from. @default 2 */
export const MIN_ROWS = 2;

/** Is the column modelled (not skipped, not an id, and not a single constant with no missing cells)? */
function modelled(c: ColumnSchema): boolean {
  if (c.skip || c.sdtype === 'id') return false;
  return c.nUnique >= 2 || (c.nUnique === 1 && c.missingRate > 0);
}

/**
 * Throws `SchemaError` with: UNKNOWN_COLUMN (a schema column or the target not in the file), BAD_TYPE, TOO_FEW_ROWS,
 * TARGET_NOT_MODELLED (target skipped or an id), TARGET_ONE_CLASS, NOTHING_TO_MODEL.
 */
export function validateSchema(parsed: ParsedCsv, schema: Schema): void {
  const names = new Set(parsed.header);
  const seen = new Set<string>();
  for (const c of schema.columns) {
    if (!names.has(c.name)) {
      throw new SchemaError(
        'UNKNOWN_COLUMN',
        `The schema names a column "${c.name}" that the file does not have: reload the file or fix the name.`,
        {
          column: c.name,
        },
      );
    }
    if (seen.has(c.name)) {
      throw new SchemaError('UNKNOWN_COLUMN', `The schema lists column "${c.name}" twice: list each column once.`, {
        column: c.name,
      });
    }
    seen.add(c.name);
    if (!SD_TYPES.includes(c.sdtype)) {
      throw new SchemaError(
        'BAD_TYPE',
        `Column "${c.name}" has an unknown type "${String(c.sdtype)}": use one of ${SD_TYPES.join(', ')}.`,
        {
          column: c.name,
        },
      );
    }
  }
  if (parsed.nRows < MIN_ROWS) {
    throw new SchemaError(
      'TOO_FEW_ROWS',
      `The file has only ${parsed.nRows} data row${parsed.nRows === 1 ? '' : 's'}; LocalSynth needs at least ${MIN_ROWS} to learn from (a few dozen or more work far better): add rows.`,
      { rows: parsed.nRows, min: MIN_ROWS },
    );
  }
  if (schema.target !== null) {
    const t = schema.columns.find((c) => c.name === schema.target);
    if (!t) {
      throw new SchemaError(
        'UNKNOWN_COLUMN',
        `The target column "${schema.target}" is not in the file: choose one of its columns, or no target.`,
        {
          column: schema.target,
        },
      );
    }
    if (t.skip || t.sdtype === 'id') {
      throw new SchemaError(
        'TARGET_NOT_MODELLED',
        `The target column "${t.name}" is ${t.skip ? 'skipped' : 'an id'}, so it cannot be predicted: ${t.skip ? 'un-skip it' : 'give it another type'} or choose another target.`,
        { column: t.name },
      );
    }
    if ((t.sdtype === 'categorical' || t.sdtype === 'boolean') && (t.levels?.length ?? t.nUnique) < 2) {
      const only = t.levels?.[0];
      throw new SchemaError(
        'TARGET_ONE_CLASS',
        only === undefined
          ? `The target column "${t.name}" has no values: choose another target, or none.`
          : `The target column "${t.name}" has only one class ("${only}"): a classifier needs at least two; choose another target, or none.`,
        { column: t.name, class: only ?? null },
      );
    }
  }
  if (!schema.columns.some(modelled)) {
    throw new SchemaError(
      'NOTHING_TO_MODEL',
      'There is nothing to model: every column is skipped, an id, or the same in every row. Give at least one varying column a type other than id.',
    );
  }
}
