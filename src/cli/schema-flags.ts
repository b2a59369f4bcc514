/** `--types`, `--skip` and `--target` applied to an inferred schema; unknown names are usage errors. */
import { cloneSchema, NUMBER_MODES, SD_TYPES, type NumberMode, type Schema, type SdType } from '../index.js';
import { UsageError } from './exit.js';

function column(schema: Schema, name: string, flag: string) {
  const c = schema.columns.find((x) => x.name === name);
  if (!c) {
    const names = schema.columns.map((x) => x.name);
    throw new UsageError(`${flag}: no column named "${name}". Columns: ${names.join(', ')}.`);
  }
  return c;
}

/** Parses "a=categorical,b=numerical". */
export function parseTypes(text: string): [string, SdType][] {
  return text
    .split(',')
    .filter((p) => p.trim() !== '')
    .map((part) => {
      const eq = part.lastIndexOf('=');
      if (eq <= 0) throw new UsageError(`--types: expected column=sdtype, got "${part}".`);
      const name = part.slice(0, eq).trim();
      const type = part.slice(eq + 1).trim();
      if (!(SD_TYPES as readonly string[]).includes(type)) {
        throw new UsageError(`--types: "${type}" is not an sdtype; use one of ${SD_TYPES.join(', ')}.`);
      }
      return [name, type as SdType];
    });
}

export function applySchemaFlags(inferred: Schema, flags: { types?: string; skip?: string; target?: string }): Schema {
  const schema = cloneSchema(inferred);
  if (flags.types) for (const [name, type] of parseTypes(flags.types)) column(schema, name, '--types').sdtype = type;
  if (flags.skip) {
    for (const name of flags.skip
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean))
      column(schema, name, '--skip').skip = true;
  }
  if (flags.target !== undefined) {
    column(schema, flags.target, '--target');
    schema.target = flags.target;
  }
  return schema;
}

/** `--number-format auto|point|comma` (how decimal commas and thousands separators are read); absent → auto. */
export function parseNumberFormat(value: string | undefined): NumberMode {
  if (value === undefined) return 'auto';
  if (!(NUMBER_MODES as readonly string[]).includes(value)) {
    throw new UsageError(
      `--number-format: "${value}" is not a number format; use auto (detect decimal commas), point (1234.5 only) or comma (1.234,5).`,
    );
  }
  return value as NumberMode;
}
