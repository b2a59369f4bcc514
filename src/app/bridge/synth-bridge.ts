/**
 * The page's side of the synth worker. It owns the worker's life (STYLE.md §8, after squoosh's worker-bridge):
 * - calls are queued, one at a time, so a load never races a generate;
 * - `cancel()` asks the engine to stop, and if the running call has not rejected within `cancelGraceMs` the worker is
 *   terminated (a tight loop that never yields cannot be stopped any other way);
 * - a worker that dies (`error` or `messageerror` event, or gone without a word: out of memory, terminated, see
 *   life-lock.ts) rejects what was pending with WORKER_CRASHED;
 * - the next call after a terminate or a crash starts a fresh worker and first re-sends the loaded file's bytes, so
 *   the user's dataset survives both.
 * Only plain data crosses: the file goes as a transferred ArrayBuffer (a copy: the bridge keeps the original).
 */
import { proxy, transfer, wrap, type Remote } from 'comlink';
import type {
  LoadOptions,
  DatasetInfo,
  GenerateRequest,
  GenerateResult,
  GeneratorInfo,
  Progress,
  SampleModelRequest,
  SynthApi,
} from '../../api/types.js';
import { registerErrorTransfer } from '../../api/transfer.js';
import { CancelledError, LocalSynthError } from '../../core/errors.js';
import { watchLifeLock } from './life-lock.js';
import { defaultWorker } from './worker-factory.js';

export interface BridgeOptions {
  /**
   * Milliseconds to wait after `cancel()` for the worker to reject on its own before it is terminated.
   * @default 2000
   */
  cancelGraceMs?: number;
  /** Makes a worker; tests may pass their own. @default the module worker `workers/synth.worker.ts` */
  createWorker?: () => Worker;
  /** Web Locks used to notice a worker that died silently (life-lock.ts). @default `navigator.locks` where present */
  locks?: LockManager;
}

/**
 * What the page says when its worker died. A worker dies silently mostly because it ran out of memory (the browser
 * ends it), so the words say so, and what to try.
 */
export function workerCrashed(detail?: string): LocalSynthError {
  const oom = isOutOfMemory(detail);
  const what = detail && !oom ? ` (${detail})` : '';
  return new LocalSynthError(
    'WORKER_CRASHED',
    `The generator's worker stopped${what} — ${oom ? 'it ran out of memory' : 'most likely it ran out of memory'}. ` +
      'Your data and settings are kept; try fewer rows or a smaller table, then Retry.',
    { outOfMemory: oom },
  );
}

/** Messages browsers and wasm runtimes give when memory runs out (V8, SpiderMonkey, JSC, Emscripten). */
export function isOutOfMemory(message: string | undefined): boolean {
  return !!message && /out of memory|allocation failed|Aborted\(OOM\)|Cannot enlarge memory/i.test(message);
}

/** One started worker and the promise that rejects when it dies (crash or terminate). */
interface Live {
  worker: Worker;
  api: Remote<SynthApi>;
  dead: Promise<never>;
  kill(reason: LocalSynthError): void;
  /** Stops watching the worker's life lock (the bridge ends the worker itself). */
  unwatch(): void;
  /** Id of the file this worker holds (see `SynthBridge.file`), 0 for none. */
  fileId: number;
}

export class SynthBridge {
  private live: Live | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private file: { bytes: ArrayBuffer; name: string; id: number; opts: LoadOptions } | null = null;
  private fileIds = 0;
  private running: Promise<unknown> | null = null;
  private readonly cancelGraceMs: number;
  private readonly createWorker: () => Worker;
  private readonly locks: LockManager | undefined;
  /** Workers started so far (1 after the first call); tests read it to see a restart happen. */
  workersStarted = 0;

  constructor(options: BridgeOptions = {}) {
    registerErrorTransfer();
    this.cancelGraceMs = options.cancelGraceMs ?? 2000;
    this.createWorker = options.createWorker ?? defaultWorker;
    this.locks = options.locks ?? (typeof navigator === 'undefined' ? undefined : navigator.locks);
  }

  /** The last file that loaded without error (its bytes are the bridge's own copy: do not transfer them). */
  get loadedFile(): { bytes: ArrayBuffer; name: string } | null {
    return this.file ? { bytes: this.file.bytes, name: this.file.name } : null;
  }

  /** The generators the worker offers (plain data: ids, labels, option specs). */
  listGenerators(): Promise<GeneratorInfo[]> {
    return this.enqueue((live) => live.api.listGenerators());
  }

  /**
   * Parses a file in the worker. On success the bridge remembers the bytes (to replay into a fresh worker); on
   * failure the previously loaded file stays loaded, in the worker and here.
   */
  loadCsv(bytes: ArrayBuffer, fileName: string, opts: LoadOptions = {}): Promise<DatasetInfo> {
    const keep = bytes.slice(0);
    return this.enqueue(async (live) => {
      const info = await live.api.loadCsv(transfer(bytes, [bytes]), fileName, opts);
      this.file = { bytes: keep, name: fileName, id: ++this.fileIds, opts };
      live.fileId = this.file.id;
      return info;
    }, false);
  }

  /** Fits and samples in the worker. Rejects with code CANCELLED after `cancel()`. */
  generate(req: GenerateRequest, onProgress?: (p: Progress) => void): Promise<GenerateResult> {
    const run = this.enqueue((live) => live.api.generate(req, onProgress ? proxy(onProgress) : undefined));
    this.running = run;
    const clear = (): void => {
      if (this.running === run) this.running = null;
    };
    run.then(clear, clear);
    return run;
  }

  /**
   * The last run's trained model as the text of a `.model.json` file. The model lives in the worker: after a crash or
   * a cancel that terminated it, this rejects with NOT_FITTED (generate again).
   */
  exportModel(): Promise<string> {
    return this.enqueue((live) => live.api.exportModel(), false);
  }

  /** Samples from a saved model's text in the worker, without training; cancellable like `generate`. */
  sampleFromModel(
    modelJson: string,
    req: SampleModelRequest,
    onProgress?: (p: Progress) => void,
  ): Promise<GenerateResult> {
    const run = this.enqueue((live) =>
      live.api.sampleFromModel(modelJson, req, onProgress ? proxy(onProgress) : undefined),
    );
    this.running = run;
    const clear = (): void => {
      if (this.running === run) this.running = null;
    };
    run.then(clear, clear);
    return run;
  }

  /**
   * Stops the running `generate` or `sampleFromModel`: asks the engine (it stops at its next check), and terminates the worker if the
   * call is still running `cancelGraceMs` later. Resolves at once; the `generate` promise tells when it stopped.
   */
  async cancel(): Promise<void> {
    const run = this.running;
    const live = this.live;
    if (!run || !live) return;
    // not awaited: a worker stuck in a loop never answers
    live.api.cancel().catch(() => {});
    const timer = setTimeout(() => {
      if (this.running === run && this.live === live) this.stop(live, new CancelledError());
    }, this.cancelGraceMs);
    const done = (): void => clearTimeout(timer);
    run.then(done, done);
  }

  /** Terminates the worker (e.g. when the page goes away); the next call starts a fresh one. */
  dispose(): void {
    if (this.live) this.stop(this.live, new LocalSynthError('CANCELLED', 'The worker was shut down.'));
  }

  /** Test hook: behave as if the worker had crashed (fires its `error` event). */
  simulateCrash(): void {
    this.live?.worker.dispatchEvent(new ErrorEvent('error', { message: 'simulated crash' }));
  }

  /**
   * Test hook: ends the worker as the browser does when it runs out of memory (`terminate()`, no event); the bridge
   * must notice by itself. Harmless in production: it only ends the page's own worker, which the next call restarts.
   */
  killWorker(): void {
    this.live?.worker.terminate();
  }

  private stop(live: Live, reason: LocalSynthError): void {
    live.unwatch();
    live.kill(reason);
    live.worker.terminate();
    if (this.live === live) this.live = null;
  }

  private start(): Live {
    const worker = this.createWorker();
    this.workersStarted++;
    let kill: (reason: LocalSynthError) => void = () => {};
    const dead = new Promise<never>((_, reject) => {
      kill = reject;
    });
    dead.catch(() => {}); // observed through Promise.race only
    const live: Live = { worker, api: wrap<SynthApi>(worker), dead, kill, unwatch: () => {}, fileId: 0 };
    live.unwatch = watchLifeLock(worker, this.locks, () => this.stop(live, workerCrashed()));
    worker.addEventListener('error', (ev: ErrorEvent) => {
      ev.preventDefault();
      // out of memory shows up as a RangeError/abort message from the worker's last words
      this.stop(live, workerCrashed(ev.message || undefined));
    });
    worker.addEventListener('messageerror', () => {
      this.stop(live, workerCrashed('a message from it could not be read'));
    });
    return live;
  }

  /**
   * Runs `call` after every earlier call has settled, on a live worker (started and given the file if needed).
   * The call rejects as soon as its worker dies, with the reason it died.
   */
  private enqueue<T>(call: (live: Live) => Promise<T>, needsFile = true): Promise<T> {
    const task = async (): Promise<T> => {
      let live = this.live;
      if (!live) {
        live = this.start();
        this.live = live;
      }
      const current = live;
      const guarded = async (): Promise<T> => {
        const file = this.file;
        if (needsFile && file && current.fileId !== file.id) {
          const copy = file.bytes.slice(0);
          await current.api.loadCsv(transfer(copy, [copy]), file.name, file.opts);
          current.fileId = file.id;
        }
        return call(current);
      };
      return Promise.race([guarded(), current.dead]);
    };
    const result = this.queue.then(task, task);
    this.queue = result.catch(() => {});
    return result;
  }
}
