/**
 * Every generator: the entries of `generators/<id>/index.ts`, one line each in entries.ts. Everything else here is derived from
 * them (the list, the CLI's default, which can be saved); infos are plain data and load no generator code, and
 * `createGenerator` loads an implementation on demand (so tfjs is only fetched for neural generators).
 */
import type { BackendChoice } from '../core/compute.js';
import { LocalSynthError } from '../core/errors.js';
import type { GeneratorEntry } from './entry.js';
import type { Generator } from './generator.js';
import type { GeneratorInfo, OptionValues } from './options.js';
import * as listed from './entries.js';

/**
 * In the order the page's list and `--help` show them: the page's defaults first (smallest table limit first, the
 * any-size one last), then the rest by id.
 */
const entries: readonly GeneratorEntry[] = Object.values(listed as Record<string, GeneratorEntry>).sort(byListOrder);

function byListOrder(a: GeneratorEntry, b: GeneratorEntry): number {
  const rank = (e: GeneratorEntry): number => {
    const d = e.info.capabilities.default;
    if (d?.pageUpToRows === undefined) return Infinity;
    return d.pageUpToRows === null ? Number.MAX_VALUE : d.pageUpToRows;
  };
  return rank(a) - rank(b) || (a.info.id < b.info.id ? -1 : a.info.id > b.info.id ? 1 : 0);
}

/** Keys saved model files once carried in their options that are now settings of the run (dropped on restore). */
const FORMER_OPTIONS = ['backend'];

function entry(id: string): GeneratorEntry {
  const e = entries.find((x) => x.info.id === id);
  if (!e) {
    throw new LocalSynthError(
      'UNKNOWN_GENERATOR',
      `Unknown generator "${id}". Available: ${entries.map((x) => x.info.id).join(', ')}.`,
      { generator: id },
    );
  }
  return e;
}

/** The CLI's default generator: the entry whose capabilities say `default.cli`. */
export const DEFAULT_GENERATOR: string = (() => {
  const ids = entries.filter((e) => e.info.capabilities.default?.cli).map((e) => e.info.id);
  if (ids.length !== 1) throw new Error(`exactly one generator must be the CLI's default; found ${ids.length}`);
  return ids[0]!;
})();

/** The generators offered to users (experimental ones only with `{ all: true }`). */
export function listGenerators(opts: { all?: boolean } = {}): GeneratorInfo[] {
  return entries.map((e) => e.info).filter((i) => opts.all || !i.experimental);
}

export function generatorInfo(id: string): GeneratorInfo {
  return entry(id).info;
}

/** Ids of the generators whose fitted models can be saved and restored. */
export function savableGenerators(): string[] {
  return entries.filter((e) => e.info.capabilities.savable).map((e) => e.info.id);
}

export async function createGenerator(id: string, options: Partial<OptionValues> = {}): Promise<Generator> {
  return (await entry(id).load())(options);
}

/** A fitted generator from a saved model (`toJSON()` output); the JSON names its generator. */
export async function restoreGenerator(json: unknown, ctx: { backend?: BackendChoice } = {}): Promise<Generator> {
  const id = (json as { generator?: unknown } | null)?.generator;
  const e = entries.find((x) => x.info.id === id);
  if (!e?.restore) {
    throw new LocalSynthError(
      'BAD_MODEL_FILE',
      `This file is not a saved model LocalSynth can load${typeof id === 'string' ? ` (generator "${id}" cannot be restored)` : ''}.`,
      {},
    );
  }
  return e.restore(withoutFormerOptions(json), { backend: ctx.backend ?? 'auto' });
}

/** `json` with the options that became run settings taken out (a file saved before then still loads). */
function withoutFormerOptions(json: unknown): unknown {
  const j = json as { options?: unknown };
  if (typeof j.options !== 'object' || j.options === null || !FORMER_OPTIONS.some((k) => k in (j.options as object)))
    return json;
  const options = Object.fromEntries(Object.entries(j.options).filter(([k]) => !FORMER_OPTIONS.includes(k)));
  return { ...j, options };
}
