/** The compute backend: a run setting (CLI `--backend`, the page's run settings), not an option of a generator. */
export const BACKEND_CHOICES = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendChoice = (typeof BACKEND_CHOICES)[number];
