/**
 * The part every saveable neural generator (GenerativeMTD, CTGAN, TVAE) shares around its fitted networks: keeping
 * them between fit and sample, moving them to the backend a run names, the sample progress events, the saved-model
 * envelope and its options, and disposing the tensors. Each generator supplies how to fit, sample vectors, decode
 * and dispose.
 */
import type { BackendChoice } from '../../core/compute.js';
import { LocalSynthError, OptionError } from '../../core/errors.js';
import { throttleProgress } from '../../core/progress.js';
import type { Rng } from '../../core/rng.js';
import type { Table } from '../../core/table.js';
import { selectBackend } from '../../ml/backend.js';
import type { ModelData, ModelLayout } from '../../transforms/model-data.js';
import { BaseGenerator, type FitContext, type FitReport, type SampleContext } from '../generator.js';
import type { GeneratorInfo, OptionValues } from '../options.js';

/** What a fitted neural generator holds beyond its networks: the backend its tensors live on. */
export interface NeuralFitted {
  backend: string;
}

/** The fields every saved model file starts with. */
export interface SavedEnvelope {
  format: 'localsynth-model';
  version: number;
  options: OptionValues;
  layout: ModelLayout;
}

export abstract class NeuralGenerator<I extends GeneratorInfo, F extends NeuralFitted> extends BaseGenerator<I> {
  protected fitted: F | null = null;

  protected abstract fitNets(
    data: ModelData,
    rng: Rng,
    ctx: FitContext,
  ): Promise<{ fitted: F; report: Partial<FitReport> }>;
  /** `n` rows of the model's vector space (row-major), drawing from `rng`. */
  protected abstract sampleVectors(f: F, n: number, rng: Rng): Promise<Float32Array>;
  protected abstract decode(f: F, vectors: Float32Array, n: number): Table;
  protected abstract disposeNets(f: F): void;

  protected async fitModel(data: ModelData, rng: Rng, ctx: FitContext): Promise<Partial<FitReport>> {
    this.disposeFitted();
    const { fitted, report } = await this.fitNets(data, rng, ctx);
    this.fitted = fitted;
    return report;
  }

  /** Samples on the backend the run names, else where the model is (trained or restored). */
  protected async sampleModel(n: number, rng: Rng, ctx: SampleContext): Promise<Table> {
    const f = this.fitted!;
    if (ctx.backend) f.backend = (await selectBackend(ctx.backend)).backend;
    const progress = throttleProgress(ctx.onProgress);
    progress({ stage: 'sample', fraction: 0 });
    const vectors = await this.sampleVectors(f, n, rng);
    progress({ stage: 'sample', fraction: 1 });
    return this.decode(f, vectors, n);
  }

  /** The backend the model was trained (or restored) on. */
  get backend(): string | null {
    return this.fitted?.backend ?? null;
  }

  /** Takes restored networks onto the backend `backend` selects, with the saved layout. */
  protected async adopt(fitted: Omit<F, 'backend'>, layout: ModelLayout, backend: BackendChoice): Promise<void> {
    const selected = await selectBackend(backend);
    this.disposeFitted();
    this.fitted = { ...fitted, backend: selected.backend } as F;
    this.layout = layout;
  }

  /** The fitted networks and the envelope of the file `toJSON` writes; NOT_FITTED before a fit or restore. */
  protected saved(version: number): { f: F; envelope: SavedEnvelope } {
    const f = this.fitted;
    if (!f || !this.layout)
      throw new LocalSynthError('NOT_FITTED', `${this.info.label} has not been fitted: nothing to save.`, {});
    return {
      f,
      envelope: { format: 'localsynth-model', version, options: { ...this.options }, layout: this.layout },
    };
  }

  private disposeFitted(): void {
    if (this.fitted) this.disposeNets(this.fitted);
    this.fitted = null;
  }

  override dispose(): void {
    this.disposeFitted();
  }
}

/**
 * A generator built from a model file's options (the old `backend` key dropped: it is a run setting now). A bad
 * option there is a damaged file (BAD_MODEL_FILE, exit 3), not a usage error.
 */
export function fromSavedOptions<G>(label: string, options: unknown, make: (o: Partial<OptionValues>) => G): G {
  if (options !== undefined && (typeof options !== 'object' || options === null || Array.isArray(options)))
    throw new LocalSynthError(
      'BAD_MODEL_FILE',
      `This ${label} model file is damaged: its options are not a list of settings.`,
      {},
    );
  const { backend: _backend, ...rest } = (options ?? {}) as OptionValues;
  try {
    return make(rest);
  } catch (e) {
    if (!(e instanceof OptionError)) throw e;
    throw new LocalSynthError(
      'BAD_MODEL_FILE',
      `This ${label} model file has an invalid saved option: ${e.message}`,
      e.details,
    );
  }
}
