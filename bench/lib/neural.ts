/**
 * The compute backend the benches train neural generators on: tfjs-wasm, the backend a Node CLI run gets, so timings
 * compare across benches and commits. It is a run setting (`FitContext.backend`), passed with every fit.
 */
import type { BackendChoice } from '../../src/core/compute.js';

export const BENCH_BACKEND: BackendChoice = 'wasm';
