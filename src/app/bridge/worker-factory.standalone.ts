/**
 * The single-file build's synth worker: Vite inlines the whole worker bundle (one chunk, built as a classic
 * script: see build/standalone.ts) as a string and starts it from a blob: URL, falling back to a data: URL where
 * blob workers are refused. Nothing is fetched: the code is already in the page.
 */
import SynthWorker from '../../../workers/synth.worker.ts?worker&inline';

export function defaultWorker(): Worker {
  return new SynthWorker({ name: 'synth' });
}
