/**
 * The page's one state object: the dataset, the run, and the error box. Actions (load, generate, cancel) live here
 * so components stay thin. Errors never clear what the user has: a failed load keeps the previous dataset and its
 * schema edits; a failed or cancelled run keeps the last result.
 */
import { pageDefaultGenerator } from '../../api/generator-policy.js';
import type { GenerateRequest, GenerateResult, LoadOptions } from '../../api/types.js';
import { isCancelled } from '../../core/errors.js';
import type { SynthBridge } from '../bridge/synth-bridge.js';
import { readDemo } from '../bridge/demo-source.js';
import { DatasetState } from './dataset.svelte.js';
import { EstimateState } from './estimate.svelte.js';
import { RunState } from './run.svelte.js';
import { SavedModelState } from './saved-model.svelte.js';
import { smallerSettings } from './session-recovery.js';
import { SessionState } from './session.svelte.js';
import { toUiError, type UiError } from './ui-error.js';

/** The demo file, served from `public/demo/` (same origin: the CSP allows nothing else). */
export const DEMO = { path: 'demo/cryotherapy.csv', name: 'cryotherapy.csv', target: 'Result_of_Treatment' };

/** `data.csv` → `data.synthetic.csv`. */
export function syntheticFileName(input: string): string {
  const base = input.replace(/\.(csv|tsv|txt)$/i, '') || 'data';
  return `${base}.synthetic.csv`;
}

export class AppState {
  readonly data = new DatasetState();
  readonly run = new RunState();
  /** The time estimate before Generate. */
  readonly estimate = new EstimateState(this.data, this.run);
  /** "Keep my session on this device" (IndexedDB, opt-in). */
  readonly session = new SessionState(this);
  error = $state.raw<UiError | null>(null);
  /** "Download model" and "Sample from a saved model…". */
  readonly models: SavedModelState;

  constructor(readonly bridge: SynthBridge) {
    this.models = new SavedModelState(
      bridge,
      () => this.session.model,
      () => this.run.backend,
    );
  }

  readonly busy: boolean = $derived(this.run.phase !== 'idle');
  readonly canGenerate: boolean = $derived(!!this.data.schema && !!this.run.generator && this.run.phase === 'idle');

  /** Fetches the generator list from the worker (called once on mount). */
  async init(): Promise<void> {
    try {
      const list = await this.bridge.listGenerators();
      this.run.setGenerators(list, pageDefaultGenerator(list, null));
      await this.session.restore();
    } catch (e) {
      this.fail(e, () => void this.init());
    }
  }

  /** A dropped or chosen file. */
  async loadFile(file: File): Promise<void> {
    await this.load(() => file.arrayBuffer(), file.name, null);
  }

  /** The bundled demo, with its target set. */
  async loadDemo(): Promise<void> {
    await this.load(() => readDemo(DEMO.path), DEMO.name, DEMO.target);
  }

  /** The loaded file read again with another number format (the schema panel's "Numbers" control). */
  async setNumberMode(numberMode: NonNullable<LoadOptions['numberMode']>): Promise<void> {
    const file = this.bridge.loadedFile;
    if (!file) return;
    await this.load(async () => file.bytes.slice(0), file.name, this.data.schema?.target ?? null, { numberMode });
  }

  private async load(
    read: () => Promise<ArrayBuffer>,
    name: string,
    target: string | null,
    opts: LoadOptions = {},
  ): Promise<void> {
    if (this.busy) return;
    this.run.phase = 'loading';
    this.error = null;
    try {
      const info = await this.bridge.loadCsv(await read(), name, opts);
      this.data.accept(info, target);
      this.run.rows = info.nRows;
      this.defaultGenerator(info.nRows);
    } catch (e) {
      this.fail(e);
    } finally {
      this.run.phase = 'idle';
    }
  }

  /** By the table's size, unless the user picked a generator this session (their choice and options are kept). */
  private defaultGenerator(nRows: number): void {
    const run = this.run;
    if (run.generatorPicked || run.generators.length === 0) return;
    const id = pageDefaultGenerator(run.generators, nRows);
    if (id !== run.generatorId) run.selectGenerator(id);
  }

  /** Fits and samples in the worker with the current schema and settings. */
  async generate(): Promise<void> {
    const schema = this.data.snapshot();
    const info = this.data.info;
    if (!schema || !info || this.busy) return;
    const quasi = this.run.quasiIdentifiers.filter((n) => info.header.includes(n));
    const req: GenerateRequest = {
      schema,
      generator: this.run.generatorId,
      options: $state.snapshot(this.run.options),
      rows: this.run.rows,
      seed: this.run.seed,
      ...(this.run.usesBackend ? { backend: this.run.backend } : {}),
      evaluate: this.run.evaluate,
      holdoutFraction: this.run.holdoutFor(info.nRows),
      privacyFilter: this.run.privacyFilter,
      // names from another file loaded earlier are dropped
      ...(quasi.length ? { kAnonymity: { k: this.run.kAnonymity, quasiIdentifiers: quasi } } : {}),
    };
    const run = this.run;
    run.phase = 'generating';
    run.progress = null;
    run.notice = null;
    run.resetTraining();
    this.error = null;
    let done: GenerateResult | null = null;
    try {
      const result = await this.bridge.generate(req, (p) => run.onProgress(p));
      done = result;
      run.result = result;
      this.estimate.record(req, result);
      run.resultFileName = syntheticFileName(info.fileName);
      run.resultInputName = info.fileName;
      // a trained model goes with the kept session, so after a reload it can still be downloaded (the worker's copy
      // is gone then); nothing is exported while the session is not kept
      this.session.setModel(
        req.generator,
        result.modelSavable && this.session.keep ? await this.bridge.exportModel().catch(() => null) : null,
      );
    } catch (e) {
      if (isCancelled(e)) run.notice = 'Cancelled.';
      else this.fail(e, () => void this.generate());
    } finally {
      run.endTraining(done);
      run.phase = 'idle';
      run.progress = null;
    }
  }

  /** Stops the running generate (the bridge terminates the worker if it does not stop within ~2 s). */
  async cancel(): Promise<void> {
    if (this.run.phase !== 'generating') return;
    this.run.phase = 'cancelling';
    await this.bridge.cancel();
  }

  dismissError(): void {
    this.error = null;
  }

  private fail(e: unknown, retry?: () => void): void {
    const err = toUiError(e);
    if (err.code === 'WORKER_CRASHED' && retry) err.retry = retry;
    if ((err.code === 'WORKER_CRASHED' || err.code === 'OUT_OF_MEMORY') && retry) {
      const offer = smallerSettings(this.run, this.data.info?.nRows ?? null, () => {
        this.error = null;
        retry();
      });
      if (offer) err.smaller = offer;
    }
    this.error = err;
  }
}
