/**
 * The compute backend the benches train neural generators on. Every neural bench runs on tfjs-wasm, the backend a
 * Node CLI run gets, so timings compare across benches and commits. One place to change when the backend becomes a
 * run setting (`FitContext.backend`) instead of a generator option.
 */
export const BENCH_BACKEND = 'wasm';

/** A neural generator's options with the bench backend. */
export function withBenchBackend<T extends object>(options: T): T & { backend: typeof BENCH_BACKEND } {
  return { backend: BENCH_BACKEND, ...options };
}
