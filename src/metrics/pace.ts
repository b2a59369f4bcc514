/**
 * Cooperative pauses for the report's long loops: the report runs on the thread that must also hear Cancel (the
 * page's worker) or Ctrl-C (the CLI), so its loops call `pace()` often; it yields to the event loop once a slice has
 * passed and then stops with CANCELLED if the run was aborted.
 */
import { throwIfAborted, type AbortLike } from '../core/errors.js';
import { yieldToEventLoop } from '../core/progress.js';

export type Pace = () => Promise<void>;

/** Longest run of work between two yields, in ms: short against the one second Cancel and Ctrl-C may take. */
export const PACE_SLICE_MS = 50;

export function pacer(signal?: AbortLike, sliceMs = PACE_SLICE_MS, now = () => performance.now()): Pace {
  let last = now();
  return async () => {
    throwIfAborted(signal);
    if (now() - last < sliceMs) return;
    await yieldToEventLoop();
    throwIfAborted(signal);
    last = now();
  };
}

/** A pace that never yields (callers outside a run). */
export const noPace: Pace = () => Promise.resolve();
