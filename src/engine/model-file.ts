/**
 * The saved-model file format: the file the page's "Download model" and the CLI's `--save-model` write (`modelFileText`),
 * and reading it back (`loadModel`: parse, validate, restore). Sampling from it is sample-model.ts.
 *
 * The file is the generator's own versioned `toJSON()` (format 'localsynth-model': options, layout, weights) plus a
 * `dataset` block added here: the (edited) schema, the input's header, delimiter and split, which the CSV writer
 * needs to give back the input's header, labels, formats and precision. The generator's JSON is left as it is.
 */
import type { GenerateResult } from '../api/types.js';
import { LocalSynthError } from '../core/errors.js';
import type { Schema } from '../core/schema.js';
import type { Generator } from '../generators/generator.js';
import { savableLabels } from '../api/generator-policy.js';
import type { BackendChoice } from '../core/compute.js';
import { generatorInfo, listGenerators, restoreGenerator } from '../generators/registry.js';
import type { ParsedCsv } from '../io/index.js';
import type { CopyGuard } from '../privacy/copy-guard.js';
import { PRIVACY_FILTER_MODES, type FilterOutcome, type PrivacyFilterMode } from '../privacy/modes.js';
import type { ModelLayout } from '../transforms/model-data.js';

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
   * With a filter on: fingerprints of the unique training rows (privacy/copy-guard.ts `copyFingerprints`), so sampling
   * from the file replaces exact copies of them as the run did. No rows: but a fingerprint confirms a guessed row.
   */
  copyGuard?: CopyGuard;
}

/** The `dataset` block of a run's model file. */
export function savedDataset(
  parsed: ParsedCsv,
  fileName: string,
  run: {
    schema: Schema;
    split: GenerateResult['split'];
    privacyFilter: FilterOutcome | null;
    copyGuard: CopyGuard | null;
  },
): SavedDataset {
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

const bad = (message: string, details: Record<string, string> = {}): LocalSynthError =>
  new LocalSynthError('BAD_MODEL_FILE', message, details);

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
    throw new LocalSynthError(
      'BAD_OPTION',
      `The ${generator.info.label} generator cannot be saved as a model: only ${savableLabels(listGenerators({ all: true }))} models can.`,
      { generator: generator.info.id },
    );
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
  return (
    (g['rows'] as unknown[]).every((r) => typeof r === 'string' && /^[0-9a-z]{1,12}$/.test(r)) &&
    medians.length === columns &&
    medians.every((m) => m === null || (typeof m === 'number' && Number.isFinite(m)))
  );
}

function checkDataset(v: unknown, layout: ModelLayout): SavedDataset {
  const missing =
    'It has no description of its data (schema and header): it was not saved by LocalSynth\'s "Download model" or --save-model.';
  if (
    !isObject(v) ||
    !isObject(v['schema']) ||
    !Array.isArray(v['header']) ||
    !Array.isArray((v['schema'] as { columns?: unknown }).columns)
  )
    throw bad(`This model file cannot be used. ${missing}`);
  const d = v as unknown as SavedDataset;
  const names = d.schema.columns.filter((c) => !c.skip).map((c) => c.name);
  const out = layout.outputs.map((o) => o.schema.name);
  if (names.length !== out.length || names.some((n, i) => n !== out[i])) {
    throw bad('This model file is damaged: its schema and its model layout name different columns.');
  }
  const guard = (v as Record<string, unknown>)['copyGuard'];
  if (guard !== undefined && !validGuard(guard, d.schema.columns.filter((c) => !c.skip && c.sdtype !== 'id').length)) {
    throw bad(
      'This model file is damaged: its fingerprints of the training rows (copyGuard) are not a list of fingerprints with a median per column.',
    );
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
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  if (text.trim() === '') throw bad('The model file is empty.');
  if (text.includes('\u0000'))
    throw bad('This model file holds NUL characters: it is UTF-16 text read as UTF-8, or not text at all.');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    const first = text.trimStart().slice(0, 1);
    const looksCsv = first !== '{' && first !== '[' && /[,;\t|]/.test(text.split('\n', 1)[0] ?? '');
    throw bad(
      looksCsv
        ? 'This is a CSV file, not a saved model: choose the .model.json file that "Download model" or --save-model wrote.'
        : 'This is not a saved model: the file is not valid JSON.',
    );
  }
  if (!isObject(json) || json['format'] !== MODEL_FORMAT) {
    throw bad(
      'This JSON file is not a LocalSynth model (it has no "format": "localsynth-model"); a model is the .model.json file that "Download model" or --save-model wrote.',
    );
  }
  const id = json['generator'];
  const info = typeof id === 'string' ? listGenerators({ all: true }).find((g) => g.id === id) : undefined;
  if (!info)
    throw bad(
      `This model names a generator LocalSynth does not know (${JSON.stringify(id ?? null)}); it may come from a newer version.`,
    );
  if (typeof json['version'] !== 'number')
    throw bad(`This ${info.label} model has no format version: the file is damaged.`);
  if (!isObject(json['layout']) || !Array.isArray((json['layout'] as { outputs?: unknown }).outputs))
    throw bad(`This ${info.label} model has no column layout: the file is damaged.`);
  const layout = json['layout'] as unknown as ModelLayout;
  const dataset = checkDataset(json['dataset'], layout);
  let generator: Generator;
  try {
    generator = await restoreGenerator(json, ctx);
  } catch (e) {
    if (e instanceof LocalSynthError && e.code === 'BAD_OPTION')
      throw bad(`This ${info.label} model file has an invalid saved option: ${e.message}`, {});
    if (e instanceof LocalSynthError && e.code !== 'INTERNAL') throw e;
    throw bad(
      `This ${info.label} model file is damaged and cannot be loaded (${e instanceof Error ? e.message : String(e)}).`,
    );
  }
  const options = isObject(json['options']) ? json['options'] : {};
  return { generator, dataset, generatorId: info.id, options, modelColumns: layout.columns?.length ?? 0 };
}
