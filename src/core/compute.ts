/**
 * The compute backend of neural generators: a setting of the run (page select, CLI `--backend`), not an option of
 * each generator. Plain data, so the page lists the choices without loading tfjs; `src/ml/backend.ts` acts on it.
 * 'auto' races the backends that start here on a few real training steps and keeps the fastest (ml/backend-race.ts).
 */
export const BACKEND_CHOICES = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendChoice = (typeof BACKEND_CHOICES)[number];

export function isBackendChoice(v: unknown): v is BackendChoice {
  return typeof v === 'string' && (BACKEND_CHOICES as readonly string[]).includes(v);
}
