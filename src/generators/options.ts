import { OptionError } from '../core/errors.js';
import type { PrivacyFilterMode } from '../privacy/modes.js';

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
}

/** Plain-data description of a generator; the registry lists these without loading any generator code. */
export interface GeneratorInfo {
  id: string;
  label: string;
  /** One paragraph for the UI and `--help`. */
  description: string;
  options: OptionSpec[];
  /** Fewest training rows it accepts. */
  minRows: number;
  /** Uses tfjs (loads a backend). */
  neural: boolean;
  /**
   * Not offered in the UI's list or in `--help` (it can still be created by id, e.g. to restore a saved model):
   * for a generator that does not yet meet its issue's quality bar.
   */
  experimental?: boolean;
  /**
   * The privacy filter a run uses when the user has not chosen one (absent: 'off'). GenerativeMTD's is 'copies':
   * its issue asks for no exact copies of real rows, and a small all-categorical table gives a few by chance.
   * (Only copies of unique training rows go: privacy/copy-guard.ts `uniqueRows`.)
   */
  privacyFilter?: PrivacyFilterMode;
}

export function cliFlag(spec: OptionSpec): string {
  return spec.cli ?? spec.key.replace(/[A-Z]/g, (m) => '-' + m.toLowerCase());
}

/** Fills defaults and checks every value against its spec; unknown keys are an error (typos must not pass). */
export function resolveOptions(info: GeneratorInfo, given: Partial<OptionValues> = {}): OptionValues {
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
    out[spec.key] = v === undefined ? spec.default : checkValue(info, spec, v);
  }
  return out;
}

function checkValue(info: GeneratorInfo, spec: OptionSpec, v: OptionValue): OptionValue {
  const where = `${info.label} option "${spec.key}"`;
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
