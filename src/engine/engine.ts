/**
 * The one implementation of `SynthApi`. The CLI calls it in-process and `workers/synth.worker.ts` exposes it to the
 * page through Comlink, so both hosts run the same code (STYLE.md: no copy of the core). It keeps the loaded dataset
 * and the last run's fitted model between calls; the work itself is pipeline.ts, model-file.ts and sample-model.ts.
 */
import type {
  DatasetInfo,
  GenerateRequest,
  GenerateResult,
  LoadOptions,
  SampleModelRequest,
  SynthApi,
} from '../api/types.js';
import { LocalSynthError } from '../core/errors.js';
import type { Progress } from '../core/progress.js';
import type { Generator } from '../generators/generator.js';
import { savableLabels } from '../api/generator-policy.js';
import { listGenerators } from '../generators/registry.js';
import { canSaveModel, modelFileText, savedDataset, type SavedDataset } from './model-file.js';
import { generateFromDataset, loadDataset, type LoadedDataset } from './pipeline.js';
import { sampleFromModel } from './sample-model.js';

/** Stateful engine: keeps the loaded dataset between calls (the worker holds one of these). */
export class Engine implements SynthApi {
  private dataset: LoadedDataset | null = null;
  private running: { aborted: boolean } | null = null;
  /** The last run's fitted generator (null when it cannot be saved) and what its model file needs. */
  private fitted: { label: string; generator: Generator | null; dataset: SavedDataset } | null = null;

  async listGenerators() {
    return listGenerators();
  }

  async loadCsv(data: ArrayBuffer | string, fileName: string, opts: LoadOptions = {}): Promise<DatasetInfo> {
    this.dataset = loadDataset(data, fileName, opts);
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
      this.fitted = {
        label: generator.info.label,
        generator: keep ? generator : null,
        dataset: savedDataset(parsed, info.fileName, out),
      };
      return result;
    });
  }

  async exportModel(): Promise<string> {
    const f = this.fitted;
    if (!f) {
      throw new LocalSynthError(
        'NOT_FITTED',
        'There is no trained model to save: generate first (a model stays in memory only until the page is reloaded or the background worker restarts).',
      );
    }
    if (!f.generator) {
      throw new LocalSynthError(
        'BAD_OPTION',
        `The last run's generator (${f.label}) cannot be saved as a model; ${savableLabels(listGenerators({ all: true }))} models can.`,
        { generator: f.label },
      );
    }
    return modelFileText(f.generator, f.dataset);
  }

  async sampleFromModel(
    modelJson: string,
    req: SampleModelRequest,
    onProgress?: (p: Progress) => void,
  ): Promise<GenerateResult> {
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
