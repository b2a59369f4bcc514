/// <reference lib="webworker" />
/**
 * The synth worker: the one `Engine` (src/engine/engine.ts) exposed through Comlink, nothing else (STYLE.md §7).
 * Errors cross with their codes thanks to the transfer handlers in src/api/transfer.ts.
 */
import { expose } from 'comlink';
import { registerErrorTransfer } from '../src/api/transfer.js';
import { Engine } from '../src/engine/engine.js';
import { useBundledWasm } from './wasm-assets.js';

useBundledWasm();
registerErrorTransfer();
expose(new Engine());
