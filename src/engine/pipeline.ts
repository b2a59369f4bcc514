/**
 * The pipeline: parse → infer → (user edits schema) → split → fit → sample → filter → report. `Engine` (engine.ts)
 * runs it for the worker and the CLI, so both hosts run the same code (STYLE.md: no copy of the core).
 */
import { checkRowBudget } from '../core/budget.js';
import type { DatasetInfo, GenerateRequest, GenerateResult } from '../api/types.js';
import { LocalSynthError } from '../core/errors.js';
import { Rng } from '../core/rng.js';
import type { Schema } from '../core/schema.js';
import type { Table } from '../core/table.js';
import type { Generator } from '../generators/generator.js';
import { createGenerator } from '../generators/registry.js';
import {
  buildTable,
  inferSchema,
  parseCsv,
  refreshSchema,
  summarizeColumns,
  validateSchema,
  type NumberMode,
  type ParsedCsv,
} from '../io/index.js';
import { copyFingerprints, type CopyGuard } from '../privacy/copy-guard.js';
import { applyPrivacyFilter } from '../privacy/filter.js';
import { enforceKAnonymity } from '../privacy/k-anonymity.js';
import { canSaveModel } from './model-file.js';
import { assembleResult, PREVIEW_ROWS, type RunContext } from './result.js';
import { applySplit, holdoutSplit } from './split.js';

export interface LoadedDataset {
  parsed: ParsedCsv;
  info: DatasetInfo;
}

/** Parses and checks a file, infers its schema. Throws CsvError/SchemaError with a user-facing message. */
export function loadDataset(
  data: ArrayBuffer | Uint8Array | string,
  fileName: string,
  opts: { numberMode?: NumberMode } = {},
): LoadedDataset {
  const input = typeof data === 'string' ? data : data instanceof Uint8Array ? data : new Uint8Array(data);
  const parsed = parseCsv(input, { fileName, numberMode: opts.numberMode });
  const { schema, warnings } = inferSchema(parsed);
  validateSchema(parsed, schema);
  const previewN = Math.min(PREVIEW_ROWS, parsed.nRows);
  const preview: string[][] = [];
  for (let i = 0; i < previewN; i++) preview.push(parsed.columns.map((c) => c[i] ?? ''));
  const info: DatasetInfo = {
    fileName,
    bytes: parsed.bytes,
    nRows: parsed.nRows,
    nCols: parsed.header.length,
    header: [...parsed.header],
    delimiter: parsed.delimiter,
    encoding: parsed.encoding,
    warnings: [...parsed.warnings, ...warnings],
    schema,
    columns: summarizeColumns(parsed, schema),
    preview,
  };
  if (opts.numberMode && opts.numberMode !== 'auto') info.numberMode = opts.numberMode;
  return { parsed, info };
}

/** Everything `generate` produced, including the fitted generator (the caller disposes it), the table and the schema. */
export interface GenerateOutcome extends GenerateResult {
  table: Table;
  generator: Generator;
  /** The schema the generator was fitted under (what a saved model needs to write the CSV). */
  schema: Schema;
  /**
   * With a privacy filter on and a generator that can be saved: fingerprints of the unique training rows, so the
   * saved model replaces copies of them too (privacy/copy-guard.ts `copyFingerprints`); else null.
   */
  copyGuard: CopyGuard | null;
}

/** The holdout share asked for (none by default), between 0 and 0.9. */
function holdoutFraction(req: GenerateRequest): number {
  const fraction = req.holdoutFraction ?? 0;
  if (!(fraction >= 0 && fraction <= 0.9)) {
    throw new LocalSynthError('BAD_OPTION', `The holdout share must be between 0 and 0.9; got ${fraction}.`, {
      holdoutFraction: fraction,
    });
  }
  return fraction;
}

/** The training rows and (with a share > 0) the holdout, which must keep at least 2 rows. */
function splitHoldout(
  table: Table,
  schema: Schema,
  fraction: number,
  splitSeed: number,
): { train: Table; holdout: Table | null } {
  const { train, holdout } =
    fraction > 0
      ? applySplit(table, holdoutSplit(table, schema, fraction, splitSeed))
      : { train: table, holdout: null };
  if (holdout && holdout.nRows < 2) {
    throw new LocalSynthError(
      'BAD_OPTION',
      `A holdout of ${Math.round(fraction * 100)}% keeps only ${holdout.nRows} row(s) of ${table.nRows}: use a larger share, or 0 to skip the report's holdout tests.`,
      { holdoutFraction: fraction },
    );
  }
  return { train, holdout };
}

/** The number of rows to sample: `req.rows`, else the input's row count (holdout or not: what the UI shows). */
function rowCount(req: GenerateRequest, table: Table, schema: Schema): number {
  const rows = req.rows ?? table.nRows;
  if (!Number.isInteger(rows) || rows < 1) {
    throw new LocalSynthError('BAD_OPTION', `The number of rows must be a whole number ≥ 1; got ${rows}.`, { rows });
  }
  checkRowBudget(rows, schema.columns.filter((c) => !c.skip).length);
  return rows;
}

/** A checked request, ready to fit: the schema, the training rows and holdout, the row count and the derived seeds. */
interface PreparedRun {
  schema: Schema;
  train: Table;
  holdout: Table | null;
  fraction: number;
  rows: number;
  fitSeed: number;
  sampleSeed: number;
}

/** Checks the request against the file and derives the seeds (fit, sample, split: in that order from `req.seed`). */
function prepareRun(parsed: ParsedCsv, req: GenerateRequest): PreparedRun {
  const schema = refreshSchema(parsed, req.schema);
  validateSchema(parsed, schema);
  const table = buildTable(parsed, schema);
  const fraction = holdoutFraction(req);
  const seeds = new Rng(req.seed);
  const fitSeed = seeds.nextSeed();
  const sampleSeed = seeds.nextSeed();
  const splitSeed = seeds.nextSeed();
  const { train, holdout } = splitHoldout(table, schema, fraction, splitSeed);
  const rows = rowCount(req, table, schema);
  return { schema, train, holdout, fraction, rows, fitSeed, sampleSeed };
}

/** The privacy filter over the sample, in the request's mode (unset: the generator's own default, else off). */
async function filterSample(
  generator: Generator,
  sample: Table,
  req: GenerateRequest,
  run: PreparedRun,
  ctx: RunContext,
): Promise<{ table: Table; filter: GenerateResult['privacyFilter'] }> {
  const mode = req.privacyFilter ?? generator.info.privacyFilter ?? 'off';
  if (mode === 'off') return { table: sample, filter: null };
  const f = await applyPrivacyFilter(generator, sample, {
    train: run.train,
    holdout: run.holdout,
    schema: run.schema,
    mode,
    threshold: req.privacyThreshold ?? null,
    rows: run.rows,
    sampleSeed: run.sampleSeed,
    signal: ctx.signal,
  });
  return { table: f.table, filter: { mode, threshold: f.threshold, removed: f.removed } };
}

/** Fits `generator` on the training rows, samples, filters and assembles the outcome (the caller disposes on error). */
async function fitAndSample(
  generator: Generator,
  parsed: ParsedCsv,
  req: GenerateRequest,
  run: PreparedRun,
  ctx: RunContext,
): Promise<GenerateOutcome> {
  const { schema, train, holdout } = run;
  const fit = await generator.fit(train, schema, {
    seed: run.fitSeed,
    onProgress: ctx.onProgress,
    signal: ctx.signal,
    backend: req.backend,
  });
  const sampleStart = performance.now();
  const sample = await generator.sample(run.rows, {
    seed: run.sampleSeed,
    onProgress: ctx.onProgress,
    signal: ctx.signal,
    backend: req.backend,
  });
  const { table: filtered, filter } = await filterSample(generator, sample, req, run, ctx);
  // k-anonymity after the filter; its fresh samples get seeds of their own (the filter's are sampleSeed + round)
  const anon = req.kAnonymity
    ? await enforceKAnonymity(generator, filtered, {
        ...req.kAnonymity,
        train,
        rows: run.rows,
        sampleSeed: (run.sampleSeed + 0x9e3779b9) >>> 0,
        signal: ctx.signal,
      })
    : null;
  const out = anon?.table ?? filtered;
  const savable = canSaveModel(generator);
  const result = await assembleResult(
    {
      table: out,
      schema,
      delimiter: parsed.delimiter,
      sampleStart,
      seed: req.seed,
      fit,
      split: { train: train.nRows, holdout: holdout?.nRows ?? 0, fraction: run.fraction },
      privacyFilter: filter,
      kAnonymity: anon?.outcome ?? null,
      report: req.evaluate ? () => ({ real: train, holdout, schema }) : null,
      modelSavable: savable,
    },
    ctx,
  );
  return {
    ...result,
    table: out,
    generator,
    schema,
    copyGuard: filter !== null && savable ? copyFingerprints(train, schema) : null,
  };
}

/**
 * Splits off the holdout (if asked), fits `req.generator` on the training rows under the (possibly edited) schema,
 * samples `req.rows` rows, applies the privacy filter (if asked) and evaluates (if asked). The split, the fit and
 * the sample get their own seeds derived from `req.seed`, so the same seed gives the same file.
 */
export async function generateFromDataset(
  parsed: ParsedCsv,
  req: GenerateRequest,
  ctx: RunContext = {},
): Promise<GenerateOutcome> {
  const run = prepareRun(parsed, req);
  const generator = await createGenerator(req.generator, req.options);
  try {
    return await fitAndSample(generator, parsed, req, run, ctx);
  } catch (e) {
    generator.dispose();
    throw e;
  }
}
