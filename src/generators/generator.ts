/**
 * The generator contract (SDV's verbs, typed) and the base class that runs the shared steps:
 * validate → encode (`src/transforms/model-data.ts`) → `fitModel`; `sampleModel` → decode.
 * A new generator is one folder: an `info.ts` (plain data: id, typed options, capabilities), a class that fills in
 * `fitModel` and `sampleModel`, and an `index.ts` entry (`defineGenerator`, entry.ts) that `registry.ts` lists in
 * one line. The UI and the CLI read options and capabilities from the info.
 */
import { NotFittedError, SchemaError, throwIfAborted, type AbortLike } from '../core/errors.js';
import type { ProgressFn } from '../core/progress.js';
import { Rng } from '../core/rng.js';
import type { BackendChoice } from '../core/compute.js';
import type { Schema } from '../core/schema.js';
import type { Table } from '../core/table.js';
import { decodeFromModel, encodeForModel, type ModelData, type ModelLayout } from '../transforms/model-data.js';
import type { GeneratorInfo, OptionsOf, OptionValues } from './options.js';
import { resolveOptions } from './options.js';

export interface FitContext {
  /** Seed of everything random in fitting (k tuning, network init, pseudo-real data). */
  seed: number;
  onProgress?: ProgressFn;
  signal?: AbortLike;
  /** The compute backend of a neural generator (a run setting, not an option). @default 'auto' */
  backend?: BackendChoice;
}

export interface SampleContext {
  seed: number;
  onProgress?: ProgressFn;
  signal?: AbortLike;
  /** As `FitContext.backend`. @default 'auto' */
  backend?: BackendChoice;
}

/** How an automatic option was chosen (kNNMTD's and GenerativeMTD's k). Lower score is better. */
export interface TuningReport {
  option: string;
  chosen: number;
  metric: string;
  scores: { value: number; score: number }[];
}

/** One epoch of a neural generator's training curve. */
export interface HistoryPoint {
  epoch: number;
  validation?: number;
  losses: Record<string, number>;
}

/** What fitting found and cost; plain JSON, shown in the UI and printed by the CLI. */
export interface FitReport {
  generator: string;
  options: OptionValues;
  /** Wall-clock seconds of `fit`. */
  seconds: number;
  rows: number;
  /** Columns the model saw (after dropping ids, skipped and constant columns; indicators included). */
  modelColumns: number;
  /** tfjs backend used, for neural generators. */
  backend?: string;
  /** Plain-words remarks (e.g. "k = 5 chosen by PCD"). */
  notes: string[];
  /** How an automatic option was chosen (absent when none was). The CLI and the page read this, not `details`. */
  tuning?: TuningReport;
  /** The training curve of a neural generator, one point per epoch. */
  history?: HistoryPoint[];
  /** Generator-specific numbers for the report's JSON (nothing the CLI or the page interprets). */
  details: Record<string, unknown>;
}

export interface Generator {
  readonly info: GeneratorInfo;
  readonly options: OptionValues;
  fit(table: Table, schema: Schema, ctx: FitContext): Promise<FitReport>;
  /** `n` synthetic rows in the schema's column order (skipped columns left out). */
  sample(n: number, ctx: SampleContext): Promise<Table>;
  /** Versioned, JSON-serialisable state (for saving a trained model). */
  toJSON(): unknown;
  dispose(): void;
}

/**
 * Runs the steps shared by every generator; subclasses implement `fitModel` and `sampleModel`.
 * `I` is the generator's info (`class Kde extends BaseGenerator<typeof kdeInfo>`): `this.options` is typed from it.
 */
export abstract class BaseGenerator<I extends GeneratorInfo = GeneratorInfo> implements Generator {
  readonly info: I;
  readonly options: OptionsOf<I['options']>;
  protected layout: ModelLayout | null = null;

  /** `options` are checked here (unknown keys, types, ranges), so they may come untyped from a form or flags. */
  constructor(info: I, options: Partial<OptionValues> = {}) {
    this.info = info;
    this.options = resolveOptions(info, options);
  }

  async fit(table: Table, schema: Schema, ctx: FitContext): Promise<FitReport> {
    const t0 = performance.now();
    if (table.nRows < this.info.minRows) {
      throw new SchemaError(
        'TOO_FEW_ROWS',
        `${this.info.label} needs at least ${this.info.minRows} rows to learn from; this table has ${table.nRows}.`,
        { rows: table.nRows, needed: this.info.minRows },
      );
    }
    const { data, layout } = encodeForModel(table, schema);
    throwIfAborted(ctx.signal);
    const partial = await this.fitModel(data, new Rng(ctx.seed), ctx);
    this.layout = layout;
    return {
      generator: this.info.id,
      options: this.options,
      seconds: (performance.now() - t0) / 1000,
      rows: table.nRows,
      modelColumns: data.columns.length,
      notes: [],
      details: {},
      ...partial,
    };
  }

  async sample(n: number, ctx: SampleContext): Promise<Table> {
    if (!this.layout) throw new NotFittedError(this.info.label);
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`number of rows must be a positive whole number, got ${n}`);
    const model = await this.sampleModel(n, new Rng(ctx.seed), ctx);
    throwIfAborted(ctx.signal);
    return decodeFromModel(model, this.layout);
  }

  /** Learns from the complete model matrix. May return report fields (notes, details, backend). */
  protected abstract fitModel(data: ModelData, rng: Rng, ctx: FitContext): Promise<Partial<FitReport>>;
  /** `n` rows of the model matrix (same columns, kinds and levels as the fitted `data.table`). */
  protected abstract sampleModel(n: number, rng: Rng, ctx: SampleContext): Promise<Table>;

  toJSON(): unknown {
    return {
      format: 'localsynth-model',
      version: 1,
      generator: this.info.id,
      options: this.options,
      layout: this.layout,
    };
  }

  dispose(): void {}
}
