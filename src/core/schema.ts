/** Column types (SDV's sdtypes) and the schema the user edits. Generators never guess types themselves. */
export type SdType = 'numerical' | 'categorical' | 'boolean' | 'datetime' | 'id';
export const SD_TYPES: readonly SdType[] = ['numerical', 'categorical', 'boolean', 'datetime', 'id'];

export type TaskType = 'classification' | 'regression';

/** How a datetime column is written back (the input's own format, detected at inference). */
export type DateFormat =
  | 'iso-date'
  | 'iso-datetime'
  | 'iso-datetime-t'
  | 'dmy-slash'
  | 'mdy-slash'
  | 'ymd-slash'
  /** English month names: "Sep 13 1996", "September 13, 1996". */
  | 'mdy-name'
  /** English month names, day first: "13-Sep-1996", "13 September 1996". */
  | 'dmy-name';

/** Separators of numbers written the way a locale writes them ("1.234,5": decimal ',', group '.'). */
export interface NumberFormat {
  decimal: '.' | ',';
  /** Thousands separator seen in the column; '' when none. */
  group: '' | '.' | ',' | ' ' | '\u00a0' | '\u202f';
}

export interface ColumnSchema {
  name: string;
  sdtype: SdType;
  /** Left out of modelling and out of the synthetic file. */
  skip: boolean;
  /** Share of missing cells, 0…1. */
  missingRate: number;
  /** Distinct non-missing values. */
  nUnique: number;
  /** numerical: every value is whole. datetime: always true (milliseconds). */
  integer?: boolean;
  /** numerical/datetime: observed range (datetime in ms since the epoch, UTC). */
  min?: number;
  max?: number;
  /** numerical: most decimals seen in the file, so output has the same precision. */
  decimals?: number;
  /** datetime: the format values are written back in. */
  dateFormat?: DateFormat;
  /** datetime: exact pattern within the format (padding, seconds, ms, 'Z'), e.g. 'D/M/YYYY' or 'YYYY-MM-DD HH:mm'. */
  datePattern?: string;
  /** datetime: how many present cells are not dates in `dateFormat` (read as missing, reported at inference). */
  invalidDates?: number;
  /** numerical: how many present cells are not numbers (a few; read as missing, reported at inference). */
  invalidNumbers?: number;
  /** numerical/categorical/id: the input's decimal and thousands separators, absent for plain "1234.5". */
  numberFormat?: NumberFormat;
  /** categorical/boolean: the labels exactly as in the file; codes index into this list. */
  levels?: string[];
}

export interface Schema {
  columns: ColumnSchema[];
  /** Column to predict; decides classification vs regression. */
  target: string | null;
}

/** Task implied by the target's sdtype: categorical/boolean → classification, numerical → regression. */
export function taskOf(schema: Schema): TaskType | null {
  if (!schema.target) return null;
  const c = schema.columns.find((x) => x.name === schema.target);
  if (!c) return null;
  if (c.sdtype === 'categorical' || c.sdtype === 'boolean') return 'classification';
  if (c.sdtype === 'numerical' || c.sdtype === 'datetime') return 'regression';
  return null;
}

export function columnByName(schema: Schema, name: string): ColumnSchema | undefined {
  return schema.columns.find((c) => c.name === name);
}

/** A deep copy, safe to edit. */
export function cloneSchema(schema: Schema): Schema {
  return {
    target: schema.target,
    columns: schema.columns.map((c) => ({
      ...c,
      levels: c.levels ? [...c.levels] : undefined,
      ...(c.numberFormat ? { numberFormat: { ...c.numberFormat } } : {}),
    })),
  };
}
