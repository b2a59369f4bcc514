/**
 * Sampling from a saved model without the real data or retraining (`--load-model`, "Sample from a saved model…"):
 * the seed is derived as a run derives its sample seed, the copies the run's filter replaced are replaced again
 * from the file's fingerprints, and with a data file the report compares the sampled table with it.
 */
import type { GenerateResult, SampleModelRequest } from '../api/types.js';
import { checkRowBudget } from '../core/budget.js';
import { LocalSynthError, throwIfAborted } from '../core/errors.js';
import { Rng } from '../core/rng.js';
import type { Schema } from '../core/schema.js';
import type { Table } from '../core/table.js';
import type { Generator } from '../generators/generator.js';
import { buildTable, refreshSchema, validateSchema, type ParsedCsv } from '../io/index.js';
import { applyCopyGuard } from '../privacy/copy-guard.js';
import type { FilterOutcome } from '../privacy/modes.js';
import { extendLevels } from './evaluate-files.js';
import { loadModel, type LoadedModel, type SavedDataset } from './model-file.js';
import { assembleResult, type ReportInput, type RunContext } from './result.js';

/**
 * Why `real`'s columns do not fit the model (a message), or null when every column the model writes is in the file
 * (its other columns are ignored).
 */
export function modelColumnsMismatch(real: ParsedCsv, dataset: SavedDataset): string | null {
  const have = new Set(real.header);
  const missing = dataset.schema.columns.filter((c) => !c.skip && !have.has(c.name)).map((c) => `"${c.name}"`);
  if (!missing.length) return null;
  return `The data file's columns do not match the model's (trained on ${dataset.fileName}): missing ${missing.join(', ')}.`;
}

/**
 * The real file as a table under the model's schema (types as saved, statistics of the real file), its categorical
 * levels extended by the model's labels the file lacks, so the sampled table (coded by the model's levels) and the
 * real one are judged over one vocabulary.
 */
export function reportInput(real: ParsedCsv, saved: Schema): ReportInput {
  const columns = saved.columns.filter((c) => !c.skip);
  const target = columns.some((c) => c.name === saved.target) ? saved.target : null;
  const checked = refreshSchema(real, { columns, target });
  validateSchema(real, checked);
  const modelLevels = new Map(columns.map((c) => [c.name, c.levels ?? []]));
  const schema = extendLevels(checked, (name) => modelLevels.get(name) ?? []);
  return { real: buildTable(real, schema), holdout: null, schema };
}

/**
 * The run's filter compared with the training rows, which a model file does not keep: it keeps their fingerprints,
 * enough to replace exact copies of unique training rows as the 'copies' mode does. Adds to `notes` what differs.
 */
async function guardCopies(
  generator: Generator,
  out: Table,
  dataset: SavedDataset,
  req: { rows: number; sampleSeed: number; notes: string[] },
  ctx: RunContext,
): Promise<{ table: Table; filter: FilterOutcome | null }> {
  const { notes } = req;
  if (dataset.copyGuard) {
    const f = await applyCopyGuard(generator, out, {
      guard: dataset.copyGuard,
      schema: dataset.schema,
      rows: req.rows,
      sampleSeed: req.sampleSeed,
      signal: ctx.signal,
    });
    if (dataset.privacyFilter && dataset.privacyFilter !== 'copies') {
      notes.push(
        `the run's privacy filter (${dataset.privacyFilter}) measured distances to the training rows, which a saved model does not keep: it replaces exact copies of unique training rows only`,
      );
    }
    return { table: f.table, filter: { mode: 'copies', threshold: 0, removed: f.removed } };
  }
  if (dataset.privacyFilter === 'off') {
    if (generator.info.privacyFilter) notes.push('no privacy filter: the model was trained with it off');
  } else if (generator.info.privacyFilter || dataset.privacyFilter) {
    notes.push(
      'no privacy filter: this model file keeps no fingerprints of its training rows (saved by an earlier version); the report shows the exact-copy rate',
    );
  }
  return { table: out, filter: null };
}

/**
 * Samples `req.rows` rows (default: the input's row count at training) from a saved model. The seed is derived as
 * in `generateFromDataset`, so the same model and seed give the same file, and a model sampled with the seed of the
 * run that trained it gives that run's rows again (with the run's privacy filter in 'copies' mode, or off: the file
 * keeps fingerprints of the unique training rows, `applyCopyGuard`). With `real` and `req.evaluate`, the
 * report compares the rows with `real` (no holdout: the model file does not know which rows were held out).
 * `file` is the model file's text, or a model `loadModel` restored (disposed here either way).
 */
export async function sampleFromModel(
  file: string | LoadedModel,
  req: SampleModelRequest,
  real: ParsedCsv | null,
  ctx: RunContext = {},
): Promise<GenerateResult> {
  const t0 = performance.now();
  const model = typeof file === 'string' ? await loadModel(file, { backend: req.backend }) : file;
  const { generator, dataset } = model;
  try {
    const rows = req.rows ?? dataset.rows;
    if (!Number.isInteger(rows) || rows < 1)
      throw new LocalSynthError('BAD_OPTION', `The number of rows must be a whole number ≥ 1; got ${rows}.`, { rows });
    checkRowBudget(rows, dataset.schema.columns.filter((c) => !c.skip).length);
    const seeds = new Rng(req.seed);
    seeds.nextSeed(); // the fit seed of generateFromDataset: keeps the sample seed the same
    const sampleSeed = seeds.nextSeed();
    const restoreSeconds = (performance.now() - t0) / 1000;
    const sampleStart = performance.now();
    const sampled = await generator.sample(rows, {
      seed: sampleSeed,
      onProgress: ctx.onProgress,
      signal: ctx.signal,
      backend: req.backend,
    });
    const notes = [
      `sampled from a saved ${generator.info.label} model (trained on ${dataset.split.train} rows of ${dataset.fileName}); no training`,
    ];
    const { table, filter } = await guardCopies(generator, sampled, dataset, { rows, sampleSeed, notes }, ctx);
    let report: (() => ReportInput) | null = null;
    if (req.evaluate && real) {
      const mismatch = modelColumnsMismatch(real, dataset);
      if (mismatch) notes.push(`no report: ${mismatch}`);
      else {
        report = () => {
          throwIfAborted(ctx.signal);
          return reportInput(real, dataset.schema);
        };
      }
    } else if (req.evaluate) notes.push('no report: no data file to compare with');
    const fit = {
      generator: model.generatorId,
      options: generator.options,
      seconds: restoreSeconds,
      rows: dataset.split.train,
      modelColumns: model.modelColumns,
      notes,
      details: { savedModel: true, trainedOn: dataset.fileName },
    };
    const parts = {
      table,
      schema: dataset.schema,
      delimiter: dataset.delimiter,
      sampleStart,
      seed: req.seed,
      fit,
      split: dataset.split,
      privacyFilter: filter,
      report,
      modelSavable: true,
    };
    return await assembleResult(parts, ctx);
  } finally {
    generator.dispose();
  }
}
