/**
 * The page's saved models: "Download model" under a run's result (the worker writes the file; after a reload the
 * kept session's copy), and "Sample from a saved model…" (a .model.json file → a new synthetic CSV, no training and
 * no data needed). Both go through the page's one bridge, given here, so the panels need no global.
 */
import type { BackendChoice, GenerateResult } from '../../api/types.js';
import { isCancelled, LocalSynthError } from '../../core/errors.js';
import { DEFAULT_SEED } from '../../core/rng.js';
import { decodeModelBytes } from '../../io/decode.js';
import type { SynthBridge } from '../bridge/synth-bridge.js';
import { toUiError, type UiError } from './ui-error.js';

/** Larger files are refused before they are read (a model of a few thousand rows is a few MiB). */
export const MAX_MODEL_BYTES = 256 * 1024 * 1024;

/** What the worker is asked for: the last run's model, and a sample from a model file. */
export type ModelBridge = Pick<SynthBridge, 'exportModel' | 'sampleFromModel'>;

/** A trained model kept with the session (`SessionState.model`). */
export type StoredModel = { generatorId: string; json: unknown } | null;

export interface SampledModel {
  result: GenerateResult;
  /** The model file's name, and the sample's (`<model>.synthetic.csv`). */
  modelName: string;
  fileName: string;
  /** The dataset the report compares with, as it was named when sampling (null: no report asked). */
  comparedWith: string | null;
}

/** `data.synthetic.csv` → `data.model.json`. */
export function modelFileName(syntheticFileName: string): string {
  return `${syntheticFileName.replace(/\.synthetic\.csv$/i, '') || 'data'}.model.json`;
}

/** `data.model.json` → `data.synthetic.csv`. */
export function sampleFileName(modelFile: string): string {
  return `${modelFile.replace(/\.json$/i, '').replace(/\.model$/i, '') || 'model'}.synthetic.csv`;
}

export class SavedModelState {
  /** "Download model" is waiting for the worker. */
  downloading = $state(false);
  downloadError = $state.raw<UiError | null>(null);

  /** "Sample from a saved model…" is running. */
  sampling = $state(false);
  sampleError = $state.raw<UiError | null>(null);
  sampled = $state.raw<SampledModel | null>(null);
  /** Rows to sample; null = as many as the model's training file had. */
  rows = $state<number | null>(null);
  seed = $state(DEFAULT_SEED);
  /** Compare the sample with the loaded dataset (the engine's report, no holdout). */
  compare = $state(false);

  /** `stored`: the kept session's model, if any (the worker has none after a reload). */
  constructor(
    private readonly bridge: ModelBridge,
    private readonly stored: () => StoredModel = () => null,
    /** The run's compute backend: a saved neural model's weights run on it. */
    private readonly backend: () => BackendChoice = () => 'auto',
  ) {}

  /** The kept session's model text when it belongs to `result` (same generator), else null. */
  storedModelFor(result: GenerateResult | null): string | null {
    const m = this.stored();
    return result && m && m.generatorId === result.fit.generator && typeof m.json === 'string' ? m.json : null;
  }

  /**
   * The model file of `result`'s run: the worker's copy, or after a reload (NOT_FITTED) the kept session's. Null (with
   * `downloadError` set) when there is none or the call failed.
   */
  async modelText(result: GenerateResult): Promise<string | null> {
    if (this.downloading) return null;
    this.downloading = true;
    this.downloadError = null;
    try {
      try {
        return await this.bridge.exportModel();
      } catch (e) {
        const stored = this.storedModelFor(result);
        if (!(e instanceof LocalSynthError && e.code === 'NOT_FITTED') || !stored) throw e;
        return stored;
      }
    } catch (e) {
      if (!isCancelled(e)) this.downloadError = toUiError(e);
      return null;
    } finally {
      this.downloading = false;
    }
  }

  /**
   * Samples from a chosen model file with the panel's rows and seed; with `compare` on and a dataset loaded
   * (`dataName`), the worker's report compares the sample with it.
   */
  async sampleFile(file: File, dataName: string | null): Promise<void> {
    if (this.sampling) return;
    this.sampling = true;
    this.sampleError = null;
    try {
      if (file.size > MAX_MODEL_BYTES) {
        throw new LocalSynthError(
          'BAD_MODEL_FILE',
          `"${file.name}" is too large to be a saved model (${Math.round(file.size / 2 ** 20)} MiB; the limit is 256 MiB).`,
        );
      }
      const rows = typeof this.rows === 'number' && Number.isFinite(this.rows) ? this.rows : null;
      const seed = this.seed;
      if (!Number.isSafeInteger(seed) || seed < 0)
        throw new LocalSynthError('BAD_OPTION', 'The sample seed must be a whole number ≥ 0.');
      const comparedWith = this.compare ? dataName : null;
      const text = decodeModelBytes(new Uint8Array(await file.arrayBuffer()));
      const result = await this.bridge.sampleFromModel(text, {
        rows,
        seed,
        evaluate: comparedWith !== null,
        backend: this.backend(),
      });
      this.sampled = { result, modelName: file.name, fileName: sampleFileName(file.name), comparedWith };
    } catch (e) {
      if (!isCancelled(e)) this.sampleError = toUiError(e);
    } finally {
      this.sampling = false;
    }
  }
}
