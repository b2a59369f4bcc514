/**
 * Evaluating files: reads synthetic/holdout files under the REAL file's schema (columns matched by name; labels the
 * real file lacks become extra levels so they count against the synthetic data instead of failing), and runs the
 * report. Used by `localsynth evaluate`.
 */
import { SchemaError } from '../core/errors.js';
import type { Schema } from '../core/schema.js';
import { cloneSchema } from '../core/schema.js';
import type { Table } from '../core/table.js';
import {
  buildTable,
  inferSchema,
  parseCsv,
  parseNumber,
  refreshSchema,
  validateSchema,
  type ParsedCsv,
} from '../io/index.js';
import { isMissingToken } from '../io/missing.js';
import { evaluate, type EvaluateOptions, type EvaluationReport } from '../metrics/evaluate.js';

function checkColumns(real: ParsedCsv, other: ParsedCsv, role: string): void {
  const want = new Set(real.header);
  const have = new Set(other.header);
  const missing = real.header.filter((h) => !have.has(h));
  const extra = other.header.filter((h) => !want.has(h));
  if (missing.length || extra.length) {
    const parts = [
      missing.length ? `missing ${missing.map((m) => `"${m}"`).join(', ')}` : '',
      extra.length ? `unexpected ${extra.map((m) => `"${m}"`).join(', ')}` : '',
    ].filter(Boolean);
    throw new SchemaError(
      'COLUMNS_MISMATCH',
      `The ${role} file's columns do not match the real file's: ${parts.join('; ')}.`,
      { role },
    );
  }
}

/**
 * The real schema with categorical levels extended by the labels `labels(column)` gives that the schema lacks (in
 * that order; numeric labels compare by value, so "1.0" is level "1").
 */
export function extendLevels(schema: Schema, labels: (column: string) => Iterable<string>): Schema {
  const out = cloneSchema(schema);
  for (const c of out.columns) {
    if ((c.sdtype !== 'categorical' && c.sdtype !== 'boolean') || c.skip) continue;
    const levels = c.levels ?? [];
    const numeric = levels.length > 0 && levels.every((l) => !Number.isNaN(parseNumber(l)));
    const known = new Set<string | number>(numeric ? levels.map((l) => parseNumber(l)) : levels);
    for (const cell of labels(c.name)) {
      if (isMissingToken(cell)) continue;
      const key: string | number = numeric && !Number.isNaN(parseNumber(cell)) ? parseNumber(cell) : cell;
      if (!known.has(key)) {
        known.add(key);
        levels.push(cell);
      }
    }
    c.levels = levels;
  }
  return out;
}

/** The real schema with categorical levels extended by labels that only the other files contain. */
export function widenLevels(schema: Schema, others: ParsedCsv[]): Schema {
  return extendLevels(schema, function* (name) {
    for (const p of others) yield* p.columns[p.header.indexOf(name)] ?? [];
  });
}

export interface EvaluationTables {
  schema: Schema;
  real: Table;
  synth: Table;
  holdout: Table | null;
}

/** Parses the three files and builds their tables under the real file's (inferred, target-aware) schema. */
export function tablesFromFiles(
  real: Uint8Array,
  synth: Uint8Array,
  holdout: Uint8Array | null,
  target: string | null,
): EvaluationTables {
  const pr = parseCsv(real, { fileName: 'real' });
  const ps = parseCsv(synth, { fileName: 'synthetic' });
  const ph = holdout ? parseCsv(holdout, { fileName: 'holdout' }) : null;
  checkColumns(pr, ps, 'synthetic');
  if (ph) checkColumns(pr, ph, 'holdout');
  if (target !== null && !pr.header.includes(target)) {
    throw new SchemaError(
      'UNKNOWN_COLUMN',
      `--target "${target}" is not a column of the real file; columns are ${pr.header.join(', ')}.`,
      { column: target },
    );
  }
  const inferred = refreshSchema(pr, { ...inferSchema(pr).schema, target });
  validateSchema(pr, inferred);
  const schema = widenLevels(inferred, ph ? [ps, ph] : [ps]);
  return {
    schema,
    real: buildTable(pr, schema),
    synth: buildTable(ps, schema),
    holdout: ph ? buildTable(ph, schema) : null,
  };
}

export async function evaluateFiles(
  real: Uint8Array,
  synth: Uint8Array,
  holdout: Uint8Array | null,
  target: string | null,
  opts: EvaluateOptions,
): Promise<EvaluationReport> {
  const t = tablesFromFiles(real, synth, holdout, target);
  return evaluate(t.real, t.synth, t.holdout, t.schema, opts);
}
