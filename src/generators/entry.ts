/**
 * One generator's entry (`generators/<id>/index.ts`): its plain-data info (id, typed options, capabilities,
 * privacy-filter default) and how to load its code. `registry.ts` lists the entries, one line each, and derives
 * everything else from them; no other file names a generator.
 */
import type { BackendChoice } from '../core/compute.js';
import type { Generator } from './generator.js';
import type { GeneratorInfo, OptionValues } from './options.js';

/** What restoring a saved model needs besides its JSON. */
export interface RestoreContext {
  /** Compute backend for a neural generator's weights. @default 'auto' */
  backend?: BackendChoice;
}

export interface GeneratorEntry<I extends GeneratorInfo = GeneratorInfo> {
  info: I;
  /** Loads the implementation on demand (tfjs is only fetched for neural generators) and gives its factory. */
  load(): Promise<(options: Partial<OptionValues>) => Generator>;
  /** A fitted generator from its `toJSON()` output: present exactly when `info.capabilities.savable`. */
  restore?(json: unknown, ctx: RestoreContext): Promise<Generator>;
}

/** Checks the entry against its own capabilities (a savable generator can be restored; only one kind of default). */
export function defineGenerator<I extends GeneratorInfo>(entry: GeneratorEntry<I>): GeneratorEntry<I> {
  const { id, capabilities } = entry.info;
  if (capabilities.savable !== (entry.restore !== undefined)) {
    throw new Error(
      `generator ${id}: capabilities.savable is ${capabilities.savable} but restore is ${entry.restore ? 'given' : 'missing'}`,
    );
  }
  if (!/^[a-z][a-z0-9-]*$/.test(id))
    throw new Error(`generator id "${id}" must be lower-case letters, digits and dashes`);
  return entry;
}
