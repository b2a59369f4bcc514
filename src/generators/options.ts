/**
 * Generator options and the plain-data description of a generator (`GeneratorInfo`): what the page's form, the
 * CLI's flags and `--help`, and the crash "try smaller" offer are built from. The option list is declared once with
 * `defineOptions` (or inside `defineInfo`) and the generator reads `this.options` typed from it: no casts.
 */
import { OptionError } from '../core/errors.js';
import type { PrivacyFilterMode } from '../privacy/modes.js';
import type { CostModel } from './cost.js';

/** A value a generator option can take. */
export type OptionValue = number | string | boolean | null;
export type OptionValues = Record<string, OptionValue>;

/**
 * One option of a generator, described as plain data so that the UI form and the CLI's `--help` are built from
 * it (and so it can cross the worker boundary).
 */
export interface OptionSpec {
  key: string;
  /** Label in the UI. */
  label: string;
  type: 'int' | 'number' | 'boolean' | 'enum' | 'string';
  /** Default; `null` means "automatic" (explained in `help`). */
  default: OptionValue;
  min?: number;
  max?: number;
  choices?: readonly string[];
  /** One sentence for the UI tooltip and `--help`. */
  help: string;
  /** Shown under "Advanced" in the UI. */
  advanced?: boolean;
  /** Name of the CLI flag (default: the key in kebab-case). */
  cli?: string;
  /**
   * Size-like: memory and time grow with the value (epochs, batch size, widths, iterations). After a crash or out of
   * memory the page offers to run again with such integer options halved; options that change what the model means
   * (k, smoothing, weights) do not say this.
   */
  scales?: boolean;
}

/** The resolved value type of one option spec: numbers, booleans, an enum's choices, text; `| null` when automatic. */
export type OptionValueOf<S extends OptionSpec> =
  | (S extends { type: 'int' | 'number' }
      ? number
      : S extends { type: 'boolean' }
        ? boolean
        : S extends { type: 'enum'; choices: readonly (infer C extends string)[] }
          ? C
          : string)
  | (S extends { default: null } ? null : never);

/**
 * The resolved options of a spec list, e.g. `{ readonly k: number | null; readonly keep: number }`. A list whose
 * keys are not known at compile time (`OptionSpec[]`) gives plain `OptionValues`.
 */
export type OptionsOf<S extends readonly OptionSpec[]> = string extends S[number]['key']
  ? OptionValues
  : { readonly [K in S[number] as K['key']]: OptionValueOf<K> };

/** How a generator may be chosen by default: plain data, read by the CLI and the page. */
export interface DefaultPolicy {
  /** The CLI's `--generator` default (exactly one generator says so). */
  cli?: boolean;
  /**
   * The page's default for a freshly loaded table: of the generators that say so, the one with the smallest
   * `pageUpToRows` the table fits in (and has `minRows` for) wins; `null` (any size) is the fallback and the choice
   * of a page with no table yet.
   */
  pageUpToRows?: number | null;
}

/**
 * What a generator can do, as plain data inside its info (it crosses to the page, whose policies derive from it).
 */
export interface Capabilities {
  /** A fitted model can be written to a model file and restored (its entry has `restore`). */
  savable: boolean;
  /** Uses tfjs: loads a compute backend (the run's `backend` setting means something only for these). */
  neural: boolean;
  /**
   * Sampling with some columns fixed: 'exact' (drawn from the conditional distribution, e.g. the copula's),
   * 'rejection' (draw and keep rows that match), 'none'.
   */
  conditional: 'exact' | 'rejection' | 'none';
  /** Trained with differential privacy (none yet). */
  dp: boolean;
  /** When it is preselected (absent: never). */
  default?: DefaultPolicy;
  /** How long fit + sample take for a table's size and the options (the time estimate before Generate). */
  cost: CostModel;
}

/** Plain-data description of a generator; the registry lists these without loading any generator code. */
export interface GeneratorInfo<S extends readonly OptionSpec[] = readonly OptionSpec[]> {
  id: string;
  label: string;
  /** One paragraph for the UI and `--help`. */
  description: string;
  options: S;
  /** Fewest training rows it accepts. */
  minRows: number;
  capabilities: Capabilities;
  /**
   * Not offered in the UI's list or in `--help` (it can still be created by id, e.g. to restore a saved model):
   * for a generator that does not yet meet its issue's quality bar.
   */
  experimental?: boolean;
  /** The privacy filter a run uses when the user has not chosen one (absent: 'off'). */
  privacyFilter?: PrivacyFilterMode;
}

/** The resolved options of a generator info. */
export type OptionsOfInfo<I extends GeneratorInfo> = OptionsOf<I['options']>;

/**
 * An option list with its literal types kept (so `OptionsOf` can type it); every default is checked against its
 * own spec when the module loads, so a wrong default fails every test rather than one run.
 */
export function defineOptions<const S extends readonly OptionSpec[]>(specs: S): S {
  const seen = new Set<string>();
  for (const spec of specs) {
    if (seen.has(spec.key)) throw new Error(`option "${spec.key}" is declared twice`);
    seen.add(spec.key);
    if (spec.type === 'enum' && !spec.choices?.length) throw new Error(`enum option "${spec.key}" has no choices`);
    if (spec.scales && spec.type !== 'int') throw new Error(`option "${spec.key}" scales but is not an int`);
    if (spec.default !== null) checkValue(`option "${spec.key}"`, spec, spec.default);
  }
  return specs;
}

/** A generator's info, its options typed (`defineOptions`) and checked. */
export function defineInfo<const S extends readonly OptionSpec[]>(info: GeneratorInfo<S>): GeneratorInfo<S> {
  defineOptions(info.options);
  return info;
}

export function cliFlag(spec: OptionSpec): string {
  return spec.cli ?? spec.key.replace(/[A-Z]/g, (m) => '-' + m.toLowerCase());
}

/** Fills defaults and checks every value against its spec; unknown keys are an error (typos must not pass). */
export function resolveOptions<I extends GeneratorInfo>(info: I, given: Partial<OptionValues> = {}): OptionsOfInfo<I> {
  const out: OptionValues = {};
  const known = new Set(info.options.map((o) => o.key));
  for (const k of Object.keys(given)) {
    if (!known.has(k)) {
      throw new OptionError(
        `${info.label} has no option "${k}". Its options are: ${info.options.map((o) => o.key).join(', ') || 'none'}.`,
        { option: k },
      );
    }
  }
  for (const spec of info.options) {
    const v = given[spec.key];
    out[spec.key] = v === undefined ? spec.default : checkValue(`${info.label} option "${spec.key}"`, spec, v);
  }
  // checked above against every spec: the one place the typed view is asserted
  return out as OptionsOfInfo<I>;
}

function checkValue(where: string, spec: OptionSpec, v: OptionValue): OptionValue {
  if (v === null) {
    if (spec.default === null) return null;
    throw new OptionError(`${where} needs a value.`, { option: spec.key });
  }
  switch (spec.type) {
    case 'int':
    case 'number': {
      const n = typeof v === 'string' ? Number(v) : v;
      if (typeof n !== 'number' || !Number.isFinite(n)) {
        throw new OptionError(`${where} must be a number, got "${String(v)}".`, { option: spec.key });
      }
      if (spec.type === 'int' && !Number.isInteger(n)) {
        throw new OptionError(`${where} must be a whole number, got ${n}.`, { option: spec.key });
      }
      if (spec.min !== undefined && n < spec.min) {
        throw new OptionError(`${where} must be at least ${spec.min}, got ${n}.`, { option: spec.key });
      }
      if (spec.max !== undefined && n > spec.max) {
        throw new OptionError(`${where} must be at most ${spec.max}, got ${n}.`, { option: spec.key });
      }
      return n;
    }
    case 'boolean': {
      if (typeof v === 'boolean') return v;
      if (v === 'true' || v === '1' || v === 'yes') return true;
      if (v === 'false' || v === '0' || v === 'no') return false;
      throw new OptionError(`${where} must be true or false, got "${String(v)}".`, { option: spec.key });
    }
    case 'enum': {
      const s = String(v);
      if (!spec.choices?.includes(s)) {
        throw new OptionError(`${where} must be one of ${spec.choices?.join(', ')}; got "${s}".`, { option: spec.key });
      }
      return s;
    }
    case 'string':
      return String(v);
  }
}
