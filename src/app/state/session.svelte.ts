/**
 * "Keep my session on this device": opt-in, local only. While on, every change to the dataset, the schema edits,
 * the settings and the last result (and a trained model, via `setModel`) is written to IndexedDB ~½ s later, so a
 * reload or a crash of the tab brings the user back where they were. Off by default; turning it off, or "Forget",
 * deletes the database. Nothing is written while it is off.
 */
import { isBackendChoice } from '../../core/compute.js';
import type { GenerateResult } from '../../api/types.js';
import type { SynthBridge } from '../bridge/synth-bridge.js';
import type { DatasetState } from './dataset.svelte.js';
import type { RunState } from './run.svelte.js';
import {
  deleteSession,
  readSession,
  SESSION_FORMAT,
  sessionSizes,
  storageAvailable,
  writeSession,
  type SessionSizes,
  type StoredSession,
} from './session-store.js';

/** Delay between the last change and the write, ms. @default 400 */
export const SAVE_DELAY_MS = 400;

/** What the session keeps and restores: the app's dataset and run, and the bridge that loads the stored file. */
export interface SessionHost {
  readonly data: DatasetState;
  readonly run: RunState;
  readonly bridge: Pick<SynthBridge, 'loadCsv' | 'loadedFile'>;
}

export class SessionState {
  /** The user's switch. */
  keep = $state(false);
  /** False where IndexedDB is not available; the switch is then disabled and says why. */
  readonly available: boolean = storageAvailable();
  /** Sizes of what is stored now (null: nothing stored). */
  sizes = $state.raw<SessionSizes | null>(null);
  /** When the stored copy was written, ms since the epoch. */
  savedAt = $state<number | null>(null);
  /** Name of the stored dataset file. */
  datasetName = $state<string | null>(null);
  /** True after this page came back from a stored session. */
  restored = $state(false);
  /** The last storage error (quota, blocked, …), shown next to the switch. */
  problem = $state<string | null>(null);
  /**
   * Hook for generators with a trained model (e.g. neural ones): the page calls `setModel` with the model's JSON
   * after training; it is stored with the session and comes back here as `model` after a reload.
   */
  model = $state.raw<{ generatorId: string; json: unknown } | null>(null);

  private ops: Promise<unknown> = Promise.resolve();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopWatching: (() => void) | null = null;

  constructor(private readonly app: SessionHost) {}

  /** Keeps (or with null, drops) a trained model's JSON with the session. */
  setModel(generatorId: string, json: unknown): void {
    this.model = json === null ? null : { generatorId, json };
  }

  /**
   * Called once the generator list is known: brings back a stored session (if any), then starts saving changes
   * while the switch is on.
   */
  async restore(): Promise<void> {
    if (!this.available || this.stopWatching) return;
    let stored: StoredSession | null = null;
    try {
      stored = await this.serial(readSession);
    } catch (e) {
      this.problem = `Could not read the stored session: ${message(e)}`;
    }
    if (stored) {
      this.keep = true;
      this.describe(stored);
      try {
        await this.apply(stored);
        this.restored = true;
      } catch (e) {
        this.problem = `The stored session could not be restored (${message(e)}). "Forget" removes it.`;
      }
    }
    this.watch();
  }

  /** The switch: on starts saving now; off deletes everything stored. */
  async setKeep(on: boolean): Promise<void> {
    this.keep = on;
    this.problem = null;
    if (on) {
      // ask the browser not to evict it under storage pressure (it may say no; the copy is still kept)
      void navigator.storage?.persist?.().catch(() => false);
      this.scheduleSave(0);
    } else await this.wipe();
  }

  /** "Forget": turns keeping off and deletes the database. The page's current state stays as it is. */
  async wipe(): Promise<void> {
    this.keep = false;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    try {
      await this.serial(deleteSession);
      this.sizes = null;
      this.savedAt = null;
      this.datasetName = null;
    } catch (e) {
      this.problem = `Could not delete the stored session: ${message(e)}`;
    }
  }

  /** Resolves once pending writes are done (tests; and before a reload the page asks for). */
  async flush(): Promise<void> {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
      await this.save();
    }
    await this.ops;
  }

  dispose(): void {
    this.stopWatching?.();
    if (this.timer !== null) clearTimeout(this.timer);
  }

  private async apply(s: StoredSession): Promise<void> {
    const { app } = this;
    const run = app.run;
    if (s.dataset) {
      run.phase = 'loading';
      try {
        const info = await app.bridge.loadCsv(s.dataset.bytes.slice(0), s.dataset.name);
        app.data.accept(info, null);
        run.rows = info.nRows;
        // the stored edits, if they still describe this file's columns
        const names = info.schema.columns.map((c) => c.name).join('\n');
        if (s.schema && s.schema.columns.map((c) => c.name).join('\n') === names) app.data.schema = s.schema;
      } finally {
        run.phase = 'idle';
      }
    }
    const st = s.settings;
    if (run.generators.some((g) => g.id === st.generatorId)) {
      run.selectGenerator(st.generatorId);
      const keys = new Set(run.generator?.options.map((o) => o.key));
      for (const [k, v] of Object.entries(st.options)) if (keys.has(k) && v !== undefined) run.setOption(k, v);
    }
    run.rows = st.rows;
    run.seed = st.seed;
    // sessions kept before the backend became a run setting had it among GenerativeMTD's options
    const backend = st.backend ?? st.options['backend'];
    run.backend = isBackendChoice(backend) ? backend : 'auto';
    run.evaluate = st.evaluate;
    run.holdoutPercent = st.holdoutPercent;
    run.restoreFilter(st.privacyFilter);
    if (s.result && s.dataset) {
      run.result = s.result.value;
      run.resultFileName = s.result.fileName;
      run.resultInputName = s.result.inputName;
      // the stored result carries its training history (neural generators): show the chart of that run again
      run.endTraining(run.result);
    }
    this.model = s.model;
  }

  /** Everything kept, as a plain structured-cloneable object (reading it subscribes the save effect). */
  private collect(): StoredSession {
    const { app } = this;
    const run = app.run;
    const info = app.data.info;
    const file = info ? app.bridge.loadedFile : null;
    const result: GenerateResult | null = run.result;
    return {
      format: SESSION_FORMAT,
      savedAt: Date.now(),
      dataset: file ? { name: file.name, bytes: file.bytes } : null,
      schema: app.data.snapshot(),
      settings: {
        generatorId: run.generatorId,
        options: $state.snapshot(run.options),
        rows: run.rows,
        seed: run.seed,
        backend: run.backend,
        evaluate: run.evaluate,
        holdoutPercent: run.holdoutPercent,
        privacyFilter: run.privacyFilter,
      },
      result: result ? { value: result, fileName: run.resultFileName, inputName: run.resultInputName } : null,
      model: this.model,
    };
  }

  private watch(): void {
    this.stopWatching?.();
    this.stopWatching = $effect.root(() => {
      $effect(() => {
        if (!this.keep) return;
        this.collect(); // subscribes to everything that is saved
        this.scheduleSave(SAVE_DELAY_MS);
      });
    });
  }

  private scheduleSave(delay: number): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.save();
    }, delay);
  }

  private async save(): Promise<void> {
    if (!this.keep || this.app.run.phase === 'loading') return;
    const snap = this.collect();
    try {
      await this.serial(async () => {
        if (this.keep) await writeSession(snap);
      });
      if (!this.keep) return;
      this.describe(snap);
      this.problem = null;
    } catch (e) {
      this.problem = `Could not save the session: ${message(e)}`;
    }
  }

  private describe(s: StoredSession): void {
    this.sizes = sessionSizes(s);
    this.savedAt = s.savedAt;
    this.datasetName = s.dataset?.name ?? null;
  }

  /** Storage operations run one after another, so a wipe never races a write. */
  private serial<T>(op: () => Promise<T>): Promise<T> {
    const next = this.ops.then(op, op);
    this.ops = next.catch(() => {});
    return next;
  }
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
