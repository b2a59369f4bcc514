/**
 * What the mode-normalised neural generators (CTGAN, TVAE) share around their networks: the backend note, the
 * transform fitted on a model table, and the saved-model envelope's checks.
 */
import type { BackendChoice } from '../../core/compute.js';
import { LocalSynthError } from '../../core/errors.js';
import { selectBackend, wasmLimitation } from '../../ml/backend.js';
import type { ModelData } from '../../transforms/model-data.js';
import { fitModeNormalizer, type ModeNormalizerState } from '../../transforms/mode-normalizer.js';

/** The backend the run chose, with a note naming it and what was skipped. */
export async function backendNotes(choice: BackendChoice | undefined): Promise<{ backend: string; notes: string[] }> {
  const { backend, skipped } = await selectBackend(choice ?? 'auto');
  const skippedText = skipped.length ? ` (skipped ${skipped.map((s) => `${s.backend}: ${s.reason}`).join('; ')})` : '';
  const notes = [`backend: ${backend}${skippedText}`];
  const limitation = backend === 'wasm' ? wasmLimitation() : null;
  if (limitation) notes.push(limitation);
  return { backend, notes };
}

/** Mode-specific normalisation of the model table, with the categorical levels the layout declares. */
export function fitModeTransform(data: ModelData): ModeNormalizerState {
  return fitModeNormalizer(
    data.table,
    data.columns.map((c) => (c.kind === 'cat' ? c.levels : null)),
  );
}

/** The checked envelope of a saved model of `generator` (its options are checked by `fromSavedOptions`). */
export function checkSavedModel<J extends { format?: unknown; generator?: unknown; version?: unknown }>(
  json: unknown,
  generator: string,
  label: string,
  version: number,
): J {
  const j = json as J | null;
  if (!j || typeof j !== 'object' || j.format !== 'localsynth-model' || j.generator !== generator)
    throw new LocalSynthError('BAD_MODEL_FILE', `This file is not a saved ${label} model.`, {});
  if (j.version !== version)
    throw new LocalSynthError(
      'BAD_MODEL_FILE',
      `Saved ${label} model version ${String(j.version)} is not supported (expected ${version}).`,
      {},
    );
  return j;
}
