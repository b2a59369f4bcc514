/**
 * Every generator, by id. Infos are plain data and load no generator code; `createGenerator` loads the
 * implementation on demand (so tfjs is only fetched for neural generators).
 */
import { LocalSynthError } from '../core/errors.js';
import type { Generator } from './generator.js';
import type { GeneratorInfo, OptionValues } from './options.js';
import { knnmtdInfo } from './knnmtd/info.js';
import { gmtdInfo } from './gmtd/info.js';
import { copulaInfo } from './copula/info.js';
import { distfitInfo } from './distfit/info.js';
import { bootstrapInfo } from './bootstrap/info.js';
import { smoteInfo } from './smote/info.js';
import { kdeInfo } from './kde/info.js';
import { gmmInfo } from './gmm/info.js';
import { cartInfo } from './cart/info.js';

interface Entry {
  info: GeneratorInfo;
  load(): Promise<(options: Partial<OptionValues>) => Generator>;
  /** A fitted generator from its `toJSON()` output (generators that can be saved). */
  restore?(json: unknown): Promise<Generator>;
}

const entries: Entry[] = [
  {
    info: knnmtdInfo,
    load: async () => {
      const m = await import('./knnmtd/knnmtd.js');
      return (o) => new m.KnnMtd(o);
    },
  },
  {
    info: gmtdInfo,
    load: async () => {
      const m = await import('./gmtd/gmtd.js');
      return (o) => new m.GenerativeMtd(o);
    },
    restore: async (json) => (await import('./gmtd/gmtd.js')).GenerativeMtd.restore(json),
  },
  {
    info: copulaInfo,
    load: async () => {
      const m = await import('./copula/copula.js');
      return (o) => new m.GaussianCopula(o);
    },
  },
  {
    info: distfitInfo,
    load: async () => {
      const m = await import('./distfit/distfit.js');
      return (o) => new m.DistFit(o);
    },
  },
  {
    info: smoteInfo,
    load: async () => {
      const m = await import('./smote/smote.js');
      return (o) => new m.Smote(o);
    },
  },
  {
    info: bootstrapInfo,
    load: async () => {
      const m = await import('./bootstrap/bootstrap.js');
      return (o) => new m.Bootstrap(o);
    },
  },
  {
    info: kdeInfo,
    load: async () => {
      const m = await import('./kde/kde.js');
      return (o) => new m.Kde(o);
    },
  },
  {
    info: gmmInfo,
    load: async () => {
      const m = await import('./gmm/gmm.js');
      return (o) => new m.Gmm(o);
    },
  },
  {
    info: cartInfo,
    load: async () => {
      const m = await import('./cart/cart.js');
      return (o) => new m.SequentialCart(o);
    },
  },
];

/** The CLI's default generator (the page selects its own: PREFERRED_GENERATOR in src/app/state/app.svelte.ts). */
export const DEFAULT_GENERATOR = 'gmtd';

/** The generators offered to users (experimental ones only with `{ all: true }`). */
export function listGenerators(opts: { all?: boolean } = {}): GeneratorInfo[] {
  return entries.map((e) => e.info).filter((i) => opts.all || !i.experimental);
}

export function generatorInfo(id: string): GeneratorInfo {
  const e = entries.find((x) => x.info.id === id);
  if (!e) {
    throw new LocalSynthError('UNKNOWN_GENERATOR', `Unknown generator "${id}". Available: ${entries.map((x) => x.info.id).join(', ')}.`, { generator: id });
  }
  return e.info;
}

export async function createGenerator(id: string, options: Partial<OptionValues> = {}): Promise<Generator> {
  generatorInfo(id);
  const e = entries.find((x) => x.info.id === id)!;
  return (await e.load())(options);
}

/** A fitted generator from a saved model (`toJSON()` output); the JSON names its generator. */
export async function restoreGenerator(json: unknown): Promise<Generator> {
  const id = (json as { generator?: unknown } | null)?.generator;
  const e = entries.find((x) => x.info.id === id);
  if (!e?.restore) {
    throw new LocalSynthError('BAD_MODEL_FILE', `This file is not a saved model LocalSynth can load${typeof id === 'string' ? ` (generator "${id}" cannot be restored)` : ''}.`, {});
  }
  return e.restore(json);
}
