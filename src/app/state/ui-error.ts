/**
 * What the page's message boxes show for an error from the worker (or the page itself): the typed error's code and
 * message, and plain words for running out of memory. The app state and the saved-model panels both use it.
 */
import { LocalSynthError } from '../../core/errors.js';
import { isOutOfMemory } from '../bridge/synth-bridge.js';
import type { SmallerOffer } from './session-recovery.js';

/** What the message box shows. */
export interface UiError {
  code: string;
  message: string;
  /** Offered as a "Retry" button (e.g. after the worker crashed). */
  retry?: () => void;
  /** Offered after a crash or out of memory: the same run with fewer rows / smaller options. */
  smaller?: SmallerOffer;
}

export function toUiError(e: unknown): UiError {
  if (e instanceof LocalSynthError && e.code !== 'INTERNAL') return { code: e.code, message: e.message };
  if (e instanceof Error && isOutOfMemory(e.message)) {
    return {
      code: 'OUT_OF_MEMORY',
      message: `The computation ran out of memory (${e.message}). Your data and settings are kept: try smaller settings.`,
    };
  }
  if (e instanceof LocalSynthError) return { code: e.code, message: e.message };
  if (e instanceof Error) return { code: 'INTERNAL', message: e.message || String(e) };
  return { code: 'INTERNAL', message: String(e) };
}
