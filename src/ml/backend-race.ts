/**
 * The automatic backend is measured, not guessed: every backend that starts here (webgpu, webgl, wasm) runs a few
 * real training steps of a throwaway copy of the model about to be trained, and the fastest is kept. A GPU backend
 * emulated on the CPU (SwiftShader, llvmpipe, WARP: VMs, remote desktops, headless Chromium) is detected from its
 * renderer and left out while wasm can run: compiling its shaders alone takes longer than the whole race.
 * The result is cached per model size for the life of the worker (the browser does not change), so a second run on
 * the same table does not race again.
 * A forced backend never races. Where only one backend can start (Node: wasm) there is nothing to race.
 */
import {
  activateBackend,
  selectBackend,
  softwareRenderer,
  type BackendName,
  type BackendSelection,
} from './backend.js';
import { loadGradients } from './tf.js';

/** Backends raced by default (cpu is the plain-JS fallback: never faster than wasm, used only when nothing starts). */
const RACED: readonly BackendName[] = ['webgpu', 'webgl', 'wasm'];
/** The order of the race: the reliable CPU backends first, so a slow emulated GPU can be cut short (timeProbe). */
const RACE_ORDER: readonly BackendName[] = ['wasm', 'cpu', 'webgl', 'webgpu'];
const TRY_ORDER: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

/** Real training steps of a throwaway copy of the model, on the active backend. */
export interface BackendProbe {
  /** One training step; resolves once its results are read back (so GPU work is finished). */
  step(): Promise<void>;
  dispose(): void;
}

export interface BackendTiming {
  backend: BackendName;
  /** The emulating renderer when the backend runs on a software GPU (e.g. "SwiftShader"). */
  software: string | null;
  /** Mean time of the timed steps after the warm-up step. */
  msPerStep: number;
  /** Timed steps (0: the warm-up alone was so slow that it stands for the step time). */
  steps: number;
}

export interface MeasuredSelection extends BackendSelection {
  /** The race, fastest first; empty when nothing was raced (forced backend, or one candidate). */
  timings: BackendTiming[];
  /** True when the race was run earlier in this worker for the same model size. */
  cached: boolean;
}

export interface RaceOptions {
  /** Timed steps per backend at most. @default 3 */
  steps?: number;
  /** Time per backend after which no more steps are timed. @default 400 */
  budgetMs?: number;
  now?: () => number;
  /** Backends to race (tests). @default RACED */
  candidates?: readonly BackendName[];
}

const cache = new Map<
  string,
  { backend: BackendName; timings: BackendTiming[]; skipped: BackendSelection['skipped'] }
>();

/** Forgets the cached races (tests). */
export function clearBackendRaces(): void {
  cache.clear();
}

/** "wasm: 45 ms/step; webgl (software: SwiftShader): 400 ms/step". */
export function describeTimings(timings: readonly BackendTiming[]): string {
  return timings
    .map((t) => {
      const ms = t.msPerStep >= 10 ? Math.round(t.msPerStep) : Number(t.msPerStep.toPrecision(2));
      return `${t.backend}${t.software ? ` (software: ${t.software})` : ''}: ${t.steps === 0 ? '≥ ' : ''}${ms} ms/step`;
    })
    .join('; ');
}

/** Times `probe` on the active backend: one warm-up step (compiles shaders, allocates), then up to `steps`. */
async function timeProbe(probe: BackendProbe, o: Required<Omit<RaceOptions, 'candidates'>>, best: number) {
  let t0 = o.now();
  await probe.step();
  const warm = o.now() - t0;
  // a backend whose first step alone is far slower than the best one so far cannot win: its warm-up is its time
  if (warm > 10 * best && warm > o.budgetMs) return { msPerStep: warm, steps: 0 };
  t0 = o.now();
  let steps = 0;
  while (steps < o.steps && (steps === 0 || o.now() - t0 < o.budgetMs)) {
    await probe.step();
    steps++;
  }
  return { msPerStep: (o.now() - t0) / steps, steps };
}

/**
 * The backend for a run: a forced `choice` as `selectBackend` gives it; `auto` races the backends that start here
 * on `makeProbe`'s steps and activates the fastest. `key` names the model size the race is valid for.
 * `onTiming` hears each result as it is measured (progress).
 */
export async function measuredBackend(
  choice: BackendName | 'auto',
  key: string,
  makeProbe: () => BackendProbe,
  onTiming?: (timings: readonly BackendTiming[]) => void,
  opts: RaceOptions = {},
): Promise<MeasuredSelection> {
  if (choice !== 'auto') return { ...(await selectBackend(choice)), timings: [], cached: false };
  const hit = cache.get(key);
  if (hit && !(await activateBackend(hit.backend, true)))
    return { backend: hit.backend, skipped: hit.skipped, timings: hit.timings, cached: true };
  const o = { steps: opts.steps ?? 3, budgetMs: opts.budgetMs ?? 400, now: opts.now ?? (() => performance.now()) };
  await loadGradients();
  const candidates = opts.candidates ?? RACED;
  const started: BackendName[] = [];
  const skipped: BackendSelection['skipped'] = [];
  // tried in selectBackend's order, so the skipped list reads as before
  const software = new Map<BackendName, string>();
  for (const name of TRY_ORDER.filter((c) => candidates.includes(c))) {
    const why = await activateBackend(name, true);
    if (why) skipped.push({ backend: name, reason: why });
    else started.push(name);
    const emulated = why ? null : await softwareRenderer();
    if (emulated) software.set(name, emulated);
  }
  // an emulated GPU's first step compiles its shaders on the CPU (seconds), and it then runs slower than wasm
  // (docs/backends.md): not raced when a backend that is not emulated started
  if (started.some((b) => !software.has(b)))
    for (const [name, renderer] of software) {
      started.splice(started.indexOf(name), 1);
      skipped.push({ backend: name, reason: `software renderer (${renderer}): wasm is faster` });
    }
  started.sort((a, b) => RACE_ORDER.indexOf(a) - RACE_ORDER.indexOf(b));
  if (started.length === 0) {
    await activateBackend('cpu');
    return { backend: 'cpu', skipped, timings: [], cached: false };
  }
  if (started.length === 1) {
    await activateBackend(started[0]!, true);
    return { backend: started[0]!, skipped, timings: [], cached: false };
  }
  const timings: BackendTiming[] = [];
  for (const name of started) {
    await activateBackend(name, true);
    const probe = makeProbe();
    try {
      const best = Math.min(Infinity, ...timings.map((t) => t.msPerStep));
      timings.push({ backend: name, software: software.get(name) ?? null, ...(await timeProbe(probe, o, best)) });
    } finally {
      probe.dispose();
    }
    onTiming?.(timings);
  }
  timings.sort((a, b) => a.msPerStep - b.msPerStep);
  const backend = timings[0]!.backend;
  await activateBackend(backend, true);
  cache.set(key, { backend, timings, skipped });
  return { backend, skipped, timings, cached: false };
}
