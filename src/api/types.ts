/**
 * The worker contract: plain, structured-cloneable DTOs only (no class instances, no tensors).
 * The same `SynthApi` is implemented in-process by `src/engine/engine.ts` (used by the CLI and the contract tests)
 * and exposed from `workers/synth.worker.ts` through Comlink (used by the page).
 */
import type { BackendChoice } from '../core/compute.js';
import type { Progress } from '../core/progress.js';
import type { Schema, SdType } from '../core/schema.js';
import type { FitReport } from '../generators/generator.js';
import type { GeneratorInfo, OptionValues } from '../generators/options.js';
import type { EvaluationReport } from '../metrics/evaluate.js';
import type { KAnonymityOutcome, KAnonymityRequest } from '../privacy/k-anonymity-outcome.js';
import type { FilterOutcome, PrivacyFilterMode } from '../privacy/modes.js';

import type { ColumnSummary, InputWarning } from '../io/types.js';
import type { NumberMode } from '../io/locale.js';

export type {
  NumberMode,
  BackendChoice,
  Progress,
  Schema,
  SdType,
  FitReport,
  GeneratorInfo,
  OptionValues,
  EvaluationReport,
  PrivacyFilterMode,
  InputWarning,
  ColumnSummary,
};

/** A parsed, validated file with its inferred schema. */
export interface DatasetInfo {
  fileName: string;
  bytes: number;
  nRows: number;
  nCols: number;
  header: string[];
  delimiter: string;
  encoding: string;
  warnings: InputWarning[];
  schema: Schema;
  columns: ColumnSummary[];
  /** First rows as text, as in the file. */
  preview: string[][];
  /** How numbers were read when not by detection ('auto', absent): 'point' or 'comma' (docs/hardening.md). */
  numberMode?: NumberMode;
}

/** How a file is read. */
export interface LoadOptions {
  /** Decimal commas and thousands separators: detected (default), never ('point') or decimal commas ('comma'). */
  numberMode?: NumberMode;
}

export interface GenerateRequest {
  /** The (possibly user-edited) schema of the loaded dataset. */
  schema: Schema;
  generator: string;
  options: Partial<OptionValues>;
  /** Rows to generate; null = as many as the input has. */
  rows: number | null;
  seed: number;
  /** Share of real rows kept away from the generator for the report (stratified, seeded). @default 0 */
  holdoutFraction?: number;
  /** Compute the evaluation report after sampling. @default false */
  evaluate?: boolean;
  /** Unset: the generator's default (`GeneratorInfo.privacyFilter`, else 'off'). */
  privacyFilter?: PrivacyFilterMode;
  /** 'drop' / 'regenerate': Gower distance below which a synthetic row is too close; null = the holdout's 5th percentile. */
  privacyThreshold?: number | null;
  /** Generalise and replace rows after the privacy filter so every quasi-identifier combination has ≥ k real rows. */
  kAnonymity?: KAnonymityRequest | null;
  /** Compute backend of a neural generator (others ignore it). @default 'auto' */
  backend?: BackendChoice;
}

export interface GenerateResult {
  /**
   * The synthetic file, ready to download (formula-escaped, input's header and formats), in row-aligned parts
   * (`writeCsvChunks`) so that no single string holds a large output: write them in order, or `parts.join('')`.
   */
  csvParts: string[];
  header: string[];
  /** First rows as written in the CSV. */
  preview: string[][];
  nRows: number;
  seed: number;
  fit: FitReport;
  sampleSeconds: number;
  /** Rows the generator saw and rows held out (0 without a holdout). */
  split: { train: number; holdout: number; fraction: number };
  privacyFilter: FilterOutcome | null;
  /** What k-anonymity enforcement did; absent or null when not asked. */
  kAnonymity?: KAnonymityOutcome | null;
  report: EvaluationReport | null;
  /** The fitted generator can be saved (`exportModel`) and sampled again (`sampleFromModel`). */
  modelSavable?: boolean;
}

/** Sampling again from a saved model (no training, no real rows needed). */
export interface SampleModelRequest {
  /** Rows to generate; null = as many as the input the model was trained on had. */
  rows: number | null;
  seed: number;
  /** Compare with the loaded dataset (when its columns match the model's); no holdout. @default false */
  evaluate?: boolean;
  /** Compute backend the saved weights run on (neural generators). @default 'auto' */
  backend?: BackendChoice;
}

export interface SynthApi {
  listGenerators(): Promise<GeneratorInfo[]>;
  /** Parses (bytes are decoded: BOM, UTF-8 or Windows-1252) and infers a schema; the dataset is kept for `generate`. */
  loadCsv(data: ArrayBuffer | string, fileName: string, opts?: LoadOptions): Promise<DatasetInfo>;
  /** Fits the generator on the loaded dataset under `req.schema` and samples. Progress is throttled to ~10 Hz. */
  generate(req: GenerateRequest, onProgress?: (p: Progress) => void): Promise<GenerateResult>;
  /**
   * The model the last `generate` fitted, as the text of a `.model.json` file (the generator's versioned JSON and
   * the schema). Rejects with NOT_FITTED when nothing was fitted (or the worker restarted since), and with
   * BAD_OPTION when the generator cannot be saved (see `GenerateResult.modelSavable`).
   */
  exportModel(): Promise<string>;
  /**
   * Samples from a saved model's text without training: the same result shape as `generate` (the report only with
   * `req.evaluate` and a loaded dataset whose columns match). A file that is not a model LocalSynth can load rejects
   * with BAD_MODEL_FILE and a message saying why.
   */
  sampleFromModel(
    modelJson: string,
    req: SampleModelRequest,
    onProgress?: (p: Progress) => void,
  ): Promise<GenerateResult>;
  /** Stops the running `generate` or `sampleFromModel` at its next check (it rejects with code CANCELLED). */
  cancel(): Promise<void>;
}
