/**
 * The one implementation of `SynthApi`: parse → infer → (user edits schema) → fit → sample → write.
 * The CLI calls it in-process and `workers/synth.worker.ts` exposes it to the page through Comlink, so both hosts
 * run the same code (STYLE.md: no copy of the core).
 */
import type { DatasetInfo, GenerateRequest, GenerateResult, SampleModelRequest, SynthApi } from '../api/types.js';
import { LocalSynthError } from '../core/errors.js';
import type { Progress } from '../core/progress.js';
import { Rng } from '../core/rng.js';
import type { Schema } from '../core/schema.js';
import type { Table } from '../core/table.js';
import { evaluate } from '../metrics/evaluate.js';
import { applyPrivacyFilter, copyFingerprints, type CopyGuard } from './privacy-filter.js';
import { applySplit, holdoutSplit } from './split.js';
import type { Generator } from '../generators/generator.js';
import { savableLabels } from '../api/generator-policy.js';
import { createGenerator, listGenerators } from '../generators/registry.js';
import { buildTable, inferSchema, parseCsv, previewCsv, refreshSchema, summarizeColumns, validateSchema, writeCsv } from '../io/index.js';
import type { ParsedCsv } from '../io/index.js';
import { canSaveModel, modelFileText, sampleFromModel, savedDataset, type SavedDataset } from './model-file.js';

/** Rows shown in previews. */
export const PREVIEW_ROWS = 20;

export interface LoadedDataset {
  parsed: ParsedCsv;
  info: DatasetInfo;
}

/** Parses and checks a file, infers its schema. Throws CsvError/SchemaError with a user-facing message. */
export function loadDataset(data: ArrayBuffer | Uint8Array | string, fileName: string): LoadedDataset {
  const input = typeof data === 'string' ? data : data instanceof Uint8Array ? data : new Uint8Array(data);
  const parsed = parseCsv(input, { fileName });
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
  return { parsed, info };
}

export interface RunContext {
  onProgress?: (p: Progress) => void;
  signal?: { readonly aborted: boolean };
}

/** Everything `generate` produced, including the fitted generator (the caller disposes it), the table and the schema. */
export interface GenerateOutcome extends GenerateResult {
  table: Table;
  generator: Generator;
  /** The schema the generator was fitted under (what a saved model needs to write the CSV). */
  schema: Schema;
  /**
   * With a privacy filter on and a generator that can be saved: fingerprints of the unique training rows, so the
   * saved model replaces copies of them too (`privacy-filter.ts` copyFingerprints); else null.
   */
  copyGuard: CopyGuard | null;
}

/**
 * Splits off the holdout (if asked), fits `req.generator` on the training rows under the (possibly edited) schema,
 * samples `req.rows` rows, applies the privacy filter (if asked) and evaluates (if asked). The split, the fit and
 * the sample get their own seeds derived from `req.seed`, so the same seed gives the same file.
 */
export async function generateFromDataset(parsed: ParsedCsv, req: GenerateRequest, ctx: RunContext = {}): Promise<GenerateOutcome> {
  const schema = refreshSchema(parsed, req.schema);
  validateSchema(parsed, schema);
  const table = buildTable(parsed, schema);
  const fraction = req.holdoutFraction ?? 0;
  if (!(fraction >= 0 && fraction <= 0.9)) {
    throw new LocalSynthError('BAD_OPTION', `The holdout share must be between 0 and 0.9; got ${fraction}.`, { holdoutFraction: fraction });
  }
  const seeds = new Rng(req.seed);
  const fitSeed = seeds.nextSeed();
  const sampleSeed = seeds.nextSeed();
  const splitSeed = seeds.nextSeed();
  const { train, holdout } = fraction > 0 ? applySplit(table, holdoutSplit(table, schema, fraction, splitSeed)) : { train: table, holdout: null };
  if (holdout && holdout.nRows < 2) {
    throw new LocalSynthError('BAD_OPTION', `A holdout of ${Math.round(fraction * 100)}% keeps only ${holdout.nRows} row(s) of ${table.nRows}: use a larger share, or 0 to skip the report's holdout tests.`, { holdoutFraction: fraction });
  }
  const rows = req.rows ?? table.nRows; // the input's row count, holdout or not (what the UI shows and --rows documents)
  if (!Number.isInteger(rows) || rows < 1) {
    throw new LocalSynthError('BAD_OPTION', `The number of rows must be a whole number ≥ 1; got ${rows}.`, { rows });
  }
  const generator = await createGenerator(req.generator, req.options);
  try {
    const fit = await generator.fit(train, schema, { seed: fitSeed, onProgress: ctx.onProgress, signal: ctx.signal, backend: req.backend });
    const t0 = performance.now();
    let out = await generator.sample(rows, { seed: sampleSeed, onProgress: ctx.onProgress, signal: ctx.signal, backend: req.backend });
    // unset: the generator's own default (`GeneratorInfo.privacyFilter`, else off)
    const mode = req.privacyFilter ?? generator.info.privacyFilter ?? 'off';
    let filter: GenerateResult['privacyFilter'] = null;
    if (mode !== 'off') {
      const f = await applyPrivacyFilter(generator, out, { train, holdout, schema, mode, threshold: req.privacyThreshold ?? null, rows, sampleSeed, signal: ctx.signal });
      out = f.table;
      filter = { mode, threshold: f.threshold, removed: f.removed };
    }
    const csv = writeCsv(out, schema, { delimiter: parsed.delimiter });
    const sampleSeconds = (performance.now() - t0) / 1000;
    const report = req.evaluate ? await evaluate(train, out, holdout, schema, { seed: req.seed, onProgress: ctx.onProgress, signal: ctx.signal }) : null;
    const pv = previewCsv(csv, PREVIEW_ROWS);
    return {
      csv,
      header: pv.header,
      preview: pv.rows,
      nRows: out.nRows,
      seed: req.seed,
      fit,
      sampleSeconds,
      split: { train: train.nRows, holdout: holdout?.nRows ?? 0, fraction },
      privacyFilter: filter,
      report,
      modelSavable: canSaveModel(generator),
      table: out,
      generator,
      schema,
      copyGuard: mode !== 'off' && canSaveModel(generator) ? copyFingerprints(train, schema) : null,
    };
  } catch (e) {
    generator.dispose();
    throw e;
  }
}

/** Stateful engine: keeps the loaded dataset between calls (the worker holds one of these). */
export class Engine implements SynthApi {
  private dataset: LoadedDataset | null = null;
  private running: { aborted: boolean } | null = null;
  /** The last run's fitted generator (null when it cannot be saved) and what its model file needs. */
  private fitted: { label: string; generator: Generator | null; dataset: SavedDataset } | null = null;

  async listGenerators() {
    return listGenerators();
  }

  async loadCsv(data: ArrayBuffer | string, fileName: string): Promise<DatasetInfo> {
    this.dataset = loadDataset(data, fileName);
    return this.dataset.info;
  }

  async generate(req: GenerateRequest, onProgress?: (p: Progress) => void): Promise<GenerateResult> {
    if (!this.dataset) {
      throw new LocalSynthError('NOT_FITTED', 'No dataset is loaded: open a CSV file first.');
    }
    const { parsed, info } = this.dataset;
    return this.track(async (signal) => {
      const out = await generateFromDataset(parsed, req, { onProgress, signal });
      const { table: _table, generator, schema: _schema, copyGuard: _guard, ...result } = out;
      // the previous model stays until a run succeeds (a failed or cancelled run keeps the last result on the page)
      this.fitted?.generator?.dispose();
      const keep = canSaveModel(generator);
      if (!keep) generator.dispose();
      this.fitted = { label: generator.info.label, generator: keep ? generator : null, dataset: savedDataset(parsed, info.fileName, out) };
      return result;
    });
  }

  async exportModel(): Promise<string> {
    const f = this.fitted;
    if (!f) {
      throw new LocalSynthError('NOT_FITTED', 'There is no trained model to save: generate first (a model stays in memory only until the page is reloaded or the background worker restarts).');
    }
    if (!f.generator) {
      throw new LocalSynthError('BAD_OPTION', `The last run's generator (${f.label}) cannot be saved as a model; ${savableLabels(listGenerators({ all: true }))} models can.`, { generator: f.label });
    }
    return modelFileText(f.generator, f.dataset);
  }

  async sampleFromModel(modelJson: string, req: SampleModelRequest, onProgress?: (p: Progress) => void): Promise<GenerateResult> {
    const real = this.dataset?.parsed ?? null;
    return this.track((signal) => sampleFromModel(modelJson, req, real, { onProgress, signal }));
  }

  /** Runs a cancellable call: `cancel()` sets the flag it is given. */
  private async track<T>(call: (signal: { aborted: boolean }) => Promise<T>): Promise<T> {
    const flag = { aborted: false };
    this.running = flag;
    try {
      return await call(flag);
    } finally {
      if (this.running === flag) this.running = null;
    }
  }

  async cancel(): Promise<void> {
    if (this.running) this.running.aborted = true;
  }
}
