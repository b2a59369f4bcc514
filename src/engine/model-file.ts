/**
 * Saved models: the file the page's "Download model" and the CLI's `--save-model` write, and sampling from it again
 * without the real data or retraining (`--load-model`, "Sample from a saved model…").
 *
 * The file is the generator's own versioned `toJSON()` (format 'localsynth-model': options, layout, weights) plus a
 * `dataset` block added here: the (edited) schema, the input's header, delimiter and split, which the CSV writer
 * needs to give back the input's header, labels, formats and precision. The generator's JSON is left as it is.
 */
import type { GenerateResult, SampleModelRequest } from '../api/types.js';
import { LocalSynthError, throwIfAborted } from '../core/errors.js';
import { PRIVACY_FILTER_MODES, type FilterOutcome, type PrivacyFilterMode } from '../core/privacy-modes.js';
import { Rng } from '../core/rng.js';
import type { Schema } from '../core/schema.js';
import type { Table } from '../core/table.js';
import type { Generator } from '../generators/generator.js';
import { savableLabels } from '../api/generator-policy.js';
import type { BackendChoice } from '../core/compute.js';
import { generatorInfo, listGenerators, restoreGenerator } from '../generators/registry.js';
import { buildTable, parseCsv, previewCsv, refreshSchema, validateSchema, writeCsv, type ParsedCsv } from '../io/index.js';
import { evaluate } from '../metrics/evaluate.js';
import type { ModelLayout } from '../transforms/model-data.js';
import { widenLevels } from './evaluate.js';
import { applyCopyGuard, type CopyGuard } from './privacy-filter.js';
import { PREVIEW_ROWS, type RunContext } from './engine.js';

/** `format` of every saved model. */
export const MODEL_FORMAT = 'localsynth-model';

/** What the saved file says about the data the model was trained on (no real rows). */
export interface SavedDataset {
  /** Name of the input file. */
  fileName: string;
  /** The input's header, skipped columns included. */
  header: string[];
  delimiter: string;
  /** The schema the model was trained under (types, skips, target, levels, formats). */
  schema: Schema;
  /** Rows of the input, and the split the generator was trained on. */
  rows: number;
  split: GenerateResult['split'];
  /** The run's privacy filter ('off': none); absent in files saved before it was recorded. */
  privacyFilter?: PrivacyFilterMode;
  /**
   * With a filter on: fingerprints of the unique training rows (privacy-filter.ts `copyFingerprints`), so sampling
   * from the file replaces exact copies of them as the run did. No rows: but a fingerprint confirms a guessed row.
   */
  copyGuard?: CopyGuard;
}

/** The `dataset` block of a run's model file. */
export function savedDataset(parsed: ParsedCsv, fileName: string, run: { schema: Schema; split: GenerateResult['split']; privacyFilter: FilterOutcome | null; copyGuard: CopyGuard | null }): SavedDataset {
  return {
    fileName,
    header: [...parsed.header],
    delimiter: parsed.delimiter,
    schema: run.schema,
    rows: parsed.nRows,
    split: run.split,
    privacyFilter: run.privacyFilter?.mode ?? 'off',
    ...(run.copyGuard ? { copyGuard: run.copyGuard } : {}),
  };
}

/** A restored model, ready to sample. The caller disposes `generator`. */
export interface LoadedModel {
  generator: Generator;
  dataset: SavedDataset;
  /** The generator id and options as saved. */
  generatorId: string;
  options: Record<string, unknown>;
  modelColumns: number;
}

const bad = (message: string, details: Record<string, string> = {}): LocalSynthError => new LocalSynthError('BAD_MODEL_FILE', message, details);

/** Can this fitted generator be written to a model file and restored? Its `capabilities.savable`. */
export function canSaveModel(generator: Generator): boolean {
  return generator.info.capabilities.savable;
}

/** Can generator `id` be saved once fitted? (Checked before training, e.g. for the CLI's --save-model.) */
export async function generatorCanSave(id: string): Promise<boolean> {
  return generatorInfo(id).capabilities.savable;
}

/** The model file's text: the generator's JSON plus the `dataset` block. */
export function modelFileText(generator: Generator, dataset: SavedDataset): string {
  if (!canSaveModel(generator)) {
    throw new LocalSynthError('BAD_OPTION', `The ${generator.info.label} generator cannot be saved as a model: only ${savableLabels(listGenerators({ all: true }))} models can.`, { generator: generator.info.id });
  }
  const json = generator.toJSON() as Record<string, unknown>;
  return JSON.stringify({ ...json, dataset });
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function validGuard(g: unknown, columns: number): boolean {
  if (!isObject(g) || !Array.isArray(g['rows']) || !Array.isArray(g['medians'])) return false;
  const medians = g['medians'] as unknown[];
  return (g['rows'] as unknown[]).every((r) => typeof r === 'string' && /^[0-9a-z]{1,12}$/.test(r)) && medians.length === columns && medians.every((m) => m === null || (typeof m === 'number' && Number.isFinite(m)));
}

function checkDataset(v: unknown, layout: ModelLayout): SavedDataset {
  const missing = 'It has no description of its data (schema and header): it was not saved by LocalSynth\'s "Download model" or --save-model.';
  if (!isObject(v) || !isObject(v['schema']) || !Array.isArray(v['header']) || !Array.isArray((v['schema'] as { columns?: unknown }).columns)) throw bad(`This model file cannot be used. ${missing}`);
  const d = v as unknown as SavedDataset;
  const names = d.schema.columns.filter((c) => !c.skip).map((c) => c.name);
  const out = layout.outputs.map((o) => o.schema.name);
  if (names.length !== out.length || names.some((n, i) => n !== out[i])) {
    throw bad('This model file is damaged: its schema and its model layout name different columns.');
  }
  const guard = (v as Record<string, unknown>)['copyGuard'];
  if (guard !== undefined && !validGuard(guard, d.schema.columns.filter((c) => !c.skip && c.sdtype !== 'id').length)) {
    throw bad('This model file is damaged: its fingerprints of the training rows (copyGuard) are not a list of fingerprints with a median per column.');
  }
  const mode = (v as Record<string, unknown>)['privacyFilter'];
  return {
    fileName: typeof d.fileName === 'string' ? d.fileName : 'data.csv',
    header: d.header.map(String),
    delimiter: typeof d.delimiter === 'string' && d.delimiter.length === 1 ? d.delimiter : ',',
    schema: d.schema,
    rows: Number.isInteger(d.rows) && d.rows > 0 ? d.rows : 1,
    split: isObject(d.split) ? d.split : { train: d.rows, holdout: 0, fraction: 0 },
    ...(PRIVACY_FILTER_MODES.includes(mode as PrivacyFilterMode) ? { privacyFilter: mode as PrivacyFilterMode } : {}),
    ...(guard !== undefined ? { copyGuard: guard as CopyGuard } : {}),
  };
}

/**
 * Reads a model file and restores its generator. Every problem with the file is a BAD_MODEL_FILE with a message
 * that says what is wrong (not JSON, another format, an unknown or unsavable generator, another version, damaged).
 */
export async function loadModel(text: string, ctx: { backend?: BackendChoice } = {}): Promise<LoadedModel> {
  if (text.trim() === '') throw bad('The model file is empty.');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    const first = text.trimStart().slice(0, 1);
    const looksCsv = first !== '{' && first !== '[' && /[,;\t|]/.test(text.split('\n', 1)[0] ?? '');
    throw bad(looksCsv ? 'This is a CSV file, not a saved model: choose the .model.json file that "Download model" or --save-model wrote.' : 'This is not a saved model: the file is not valid JSON.');
  }
  if (!isObject(json) || json['format'] !== MODEL_FORMAT) {
    throw bad('This JSON file is not a LocalSynth model (it has no "format": "localsynth-model"); a model is the .model.json file that "Download model" or --save-model wrote.');
  }
  const id = json['generator'];
  const info = typeof id === 'string' ? listGenerators({ all: true }).find((g) => g.id === id) : undefined;
  if (!info) throw bad(`This model names a generator LocalSynth does not know (${JSON.stringify(id ?? null)}); it may come from a newer version.`);
  if (typeof json['version'] !== 'number') throw bad(`This ${info.label} model has no format version: the file is damaged.`);
  if (!isObject(json['layout']) || !Array.isArray((json['layout'] as { outputs?: unknown }).outputs)) throw bad(`This ${info.label} model has no column layout: the file is damaged.`);
  const layout = json['layout'] as unknown as ModelLayout;
  const dataset = checkDataset(json['dataset'], layout);
  let generator: Generator;
  try {
    generator = await restoreGenerator(json, ctx);
  } catch (e) {
    if (e instanceof LocalSynthError && e.code !== 'INTERNAL') throw e;
    throw bad(`This ${info.label} model file is damaged and cannot be loaded (${e instanceof Error ? e.message : String(e)}).`);
  }
  const options = isObject(json['options']) ? json['options'] : {};
  return { generator, dataset, generatorId: info.id, options, modelColumns: layout.columns?.length ?? 0 };
}

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

/** The real file and a synthetic CSV as tables under the model's schema (types as saved, levels from both files). */
function reportTables(real: ParsedCsv, csv: string, saved: Schema): { schema: Schema; real: Table; synth: Table } {
  const columns = saved.columns.filter((c) => !c.skip);
  const target = columns.some((c) => c.name === saved.target) ? saved.target : null;
  const schema = refreshSchema(real, { columns, target });
  validateSchema(real, schema);
  const synthParsed = parseCsv(csv, { fileName: 'synthetic' });
  const wide = widenLevels(schema, [synthParsed]);
  return { schema: wide, real: buildTable(real, wide), synth: buildTable(synthParsed, wide) };
}

/**
 * Samples `req.rows` rows (default: the input's row count at training) from a saved model. The seed is derived as
 * in `generateFromDataset`, so the same model and seed give the same file, and a model sampled with the seed of the
 * run that trained it gives that run's rows again (with the run's privacy filter in 'copies' mode, or off: the file
 * keeps fingerprints of the unique training rows, `applyCopyGuard`). With `real` and `req.evaluate`, the
 * report compares the rows with `real` (no holdout: the model file does not know which rows were held out).
 * `file` is the model file's text, or a model `loadModel` restored (disposed here either way).
 */
export async function sampleFromModel(file: string | LoadedModel, req: SampleModelRequest, real: ParsedCsv | null, ctx: RunContext = {}): Promise<GenerateResult> {
  const t0 = performance.now();
  const model = typeof file === 'string' ? await loadModel(file, { backend: req.backend }) : file;
  const { generator, dataset } = model;
  try {
    const rows = req.rows ?? dataset.rows;
    if (!Number.isInteger(rows) || rows < 1) throw new LocalSynthError('BAD_OPTION', `The number of rows must be a whole number ≥ 1; got ${rows}.`, { rows });
    const seeds = new Rng(req.seed);
    seeds.nextSeed(); // the fit seed of generateFromDataset: keeps the sample seed the same
    const sampleSeed = seeds.nextSeed();
    const restoreSeconds = (performance.now() - t0) / 1000;
    const t1 = performance.now();
    let out = await generator.sample(rows, { seed: sampleSeed, onProgress: ctx.onProgress, signal: ctx.signal, backend: req.backend });
    const notes = [`sampled from a saved ${generator.info.label} model (trained on ${dataset.split.train} rows of ${dataset.fileName}); no training`];
    // the run's filter compared with the training rows, which a model file does not keep: it keeps their
    // fingerprints, enough to replace exact copies of unique training rows as the 'copies' mode does
    let privacyFilter: FilterOutcome | null = null;
    if (dataset.copyGuard) {
      const f = await applyCopyGuard(generator, out, { guard: dataset.copyGuard, schema: dataset.schema, rows, sampleSeed, signal: ctx.signal });
      out = f.table;
      privacyFilter = { mode: 'copies', threshold: 0, removed: f.removed };
      if (dataset.privacyFilter && dataset.privacyFilter !== 'copies') {
        notes.push(`the run's privacy filter (${dataset.privacyFilter}) measured distances to the training rows, which a saved model does not keep: it replaces exact copies of unique training rows only`);
      }
    } else if (dataset.privacyFilter === 'off') {
      if (generator.info.privacyFilter) notes.push('no privacy filter: the model was trained with it off');
    } else if (generator.info.privacyFilter || dataset.privacyFilter) {
      notes.push('no privacy filter: this model file keeps no fingerprints of its training rows (saved by an earlier version); the report shows the exact-copy rate');
    }
    const csv = writeCsv(out, dataset.schema, { delimiter: dataset.delimiter });
    const sampleSeconds = (performance.now() - t1) / 1000;
    let report: GenerateResult['report'] = null;
    if (req.evaluate && real) {
      const mismatch = modelColumnsMismatch(real, dataset);
      if (mismatch) notes.push(`no report: ${mismatch}`);
      else {
        throwIfAborted(ctx.signal);
        const t = reportTables(real, csv, dataset.schema);
        report = await evaluate(t.real, t.synth, null, t.schema, { seed: req.seed, onProgress: ctx.onProgress, signal: ctx.signal });
      }
    } else if (req.evaluate) notes.push('no report: no data file to compare with');
    const pv = previewCsv(csv, PREVIEW_ROWS);
    return {
      csv,
      header: pv.header,
      preview: pv.rows,
      nRows: out.nRows,
      seed: req.seed,
      fit: {
        generator: model.generatorId,
        options: generator.options,
        seconds: restoreSeconds,
        rows: dataset.split.train,
        modelColumns: model.modelColumns,
        notes,
        details: { savedModel: true, trainedOn: dataset.fileName },
      },
      sampleSeconds,
      split: dataset.split,
      privacyFilter,
      report,
      modelSavable: true,
    };
  } finally {
    generator.dispose();
  }
}
