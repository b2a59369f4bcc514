/**
 * Carries `LocalSynthError`s across the worker boundary with their code and details.
 *
 * Comlink's built-in `throw` handler keeps only `message`, `name` and `stack` of a thrown error, so the page would
 * lose the code it needs (STYLE.md §6). We register two handlers, on both sides (`registerErrorTransfer()` in the
 * worker and in the bridge):
 * - `lserror`: an error passed as a plain value (argument or result) travels as `serializeError` data;
 * - `throw` (replacing Comlink's): an error *thrown* by an exposed method travels the same way and is rethrown on the
 *   other side as the matching `LocalSynthError` subclass (`deserializeError`). Plain `Error`s become code INTERNAL.
 * Comlink checks `throw` before `lserror` (Map order), which is why `lserror` alone would not cover thrown errors.
 */
import { transferHandlers, type TransferHandler } from 'comlink';
import { deserializeError, serializeError, type SerializedError } from '../core/errors.js';

/** Comlink's own test for "a thrown value", `{ value, [Comlink.thrown]: 0 }` (its marker symbol is not exported). */
const comlinkThrow = transferHandlers.get('throw');
function isThrownWrapper(v: unknown): v is { value: unknown } {
  if (comlinkThrow) return comlinkThrow.canHandle(v);
  return (
    typeof v === 'object' &&
    v !== null &&
    Object.getOwnPropertySymbols(v).some((s) => s.description === 'Comlink.thrown')
  );
}

type ThrownWire = { lserror: SerializedError } | { plain: unknown };

const errorHandler: TransferHandler<Error, SerializedError> = {
  canHandle: (v): v is Error => v instanceof Error,
  serialize: (e) => [serializeError(e), []],
  deserialize: (s) => deserializeError(s),
};

const throwHandler: TransferHandler<{ value: unknown }, ThrownWire> = {
  canHandle: isThrownWrapper,
  serialize: ({ value }) => [value instanceof Error ? { lserror: serializeError(value) } : { plain: value }, []],
  deserialize: (w) => {
    if ('lserror' in w) throw deserializeError(w.lserror);
    throw w.plain;
  },
};

let registered = false;

/** Installs both handlers (idempotent). Call once in the worker and once on the page, before the first call. */
export function registerErrorTransfer(): void {
  if (registered) return;
  registered = true;
  transferHandlers.set('lserror', errorHandler as TransferHandler<unknown, unknown>);
  transferHandlers.set('throw', throwHandler as TransferHandler<unknown, unknown>);
}
