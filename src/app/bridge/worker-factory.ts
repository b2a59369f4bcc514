/**
 * Starts the synth worker from its own file (the hosted build and `vite dev`). The single-file build swaps this
 * module for `worker-factory.standalone.ts` (see scripts/build-standalone.ts), which starts it from inlined code.
 */
export function defaultWorker(): Worker {
  return new Worker(new URL('../../../workers/synth.worker.ts', import.meta.url), { type: 'module', name: 'synth' });
}
