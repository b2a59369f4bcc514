/**
 * Argument parsing shared by the benches: positional words (dataset names, sizes), `--name value` options,
 * `--flag` switches and, where a bench takes them, `key=value` pairs (generator option overrides). An unknown
 * `--option` stops the bench with its usage line instead of being read as a dataset name.
 */
export interface BenchArgs {
  positional: string[];
  values: Record<string, string>;
  switches: Set<string>;
  pairs: Record<string, number | string>;
}

export interface ArgSpec {
  /** `--name value` options, without the dashes. */
  values?: string[];
  /** `--name` switches, without the dashes. */
  switches?: string[];
  /** Read `key=value` words as pairs (numbers where they parse) instead of positional words. */
  pairs?: boolean;
  usage: string;
}

export function parseBenchArgs(spec: ArgSpec, argv: string[] = process.argv.slice(2)): BenchArgs {
  const out: BenchArgs = { positional: [], values: {}, switches: new Set(), pairs: {} };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('--')) {
      const name = a.slice(2);
      if (spec.switches?.includes(name)) out.switches.add(name);
      else if (spec.values?.includes(name) && i + 1 < argv.length) out.values[name] = argv[++i]!;
      else usageError(spec, `unknown or incomplete option ${a}`);
    } else if (spec.pairs && a.includes('=')) {
      const [key, v = ''] = a.split('=') as [string, string | undefined];
      out.pairs[key] = Number.isNaN(Number(v)) ? v : Number(v);
    } else out.positional.push(a);
  }
  return out;
}

function usageError(spec: ArgSpec, why: string): never {
  console.error(`${why}\nusage: ${spec.usage}`);
  process.exit(2);
}

/** A numeric environment setting (SPLITS=3, SAMPLES=5), or its default. */
export function envNumber(name: string, fallback: number): number {
  const v = process.env[name];
  return v === undefined || v === '' ? fallback : Number(v);
}

/** A comma-separated numeric environment setting (FIT_SEEDS=1,3,5), or its default. */
export function envNumbers(name: string, fallback: string): number[] {
  return (process.env[name] ?? fallback).split(',').map(Number);
}

/** The entries of `all` named on the command line, or `defaults` when none is; an unknown name stops the bench. */
export function pickNamed<T extends { file: string }>(
  all: readonly T[],
  named: string[],
  defaults: (x: T) => boolean = () => true,
): T[] {
  const unknown = named.filter((n) => !all.some((x) => x.file === n));
  if (unknown.length) {
    console.error(`unknown dataset ${unknown.join(', ')} (known: ${all.map((x) => x.file).join(', ')})`);
    process.exit(2);
  }
  return named.length ? all.filter((x) => named.includes(x.file)) : all.filter(defaults);
}
