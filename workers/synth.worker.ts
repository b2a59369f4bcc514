/// <reference lib="webworker" />
/**
 * The synth worker: the one `Engine` (src/engine/engine.ts) exposed through Comlink, nothing else (STYLE.md §7).
 * Errors cross with their codes thanks to the transfer handlers in src/api/transfer.ts; a Web Lock held for the
 * worker's life tells the page when it is gone (src/app/bridge/life-lock.ts).
 */
import { expose } from 'comlink';
import { registerErrorTransfer } from '../src/api/transfer.js';
import { holdLifeLock } from '../src/app/bridge/life-lock.js';
import { Engine } from '../src/engine/engine.js';
import { useBundledWasm } from './wasm-assets.js';

useBundledWasm();
registerErrorTransfer();
expose(new Engine());
// lets the page notice this worker's death even when no event tells it (out of memory, terminated)
holdLifeLock(self.navigator.locks, (m) => self.postMessage(m));
