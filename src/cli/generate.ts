/** `localsynth generate data.csv …`: load → (schema flags) → fit → sample → write, through the shared engine. */
import { readFileSync, realpathSync, writeFileSync, existsSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import {
  cliFlag,
  DEFAULT_GENERATOR,
  DEFAULT_SEED,
  generateFromDataset,
  generatorInfo,
  listGenerators,
  loadDataset,
  resolveOptions,
  type OptionValues,
} from '../index.js';
import { EXIT, interruptible, UsageError } from './exit.js';
import { progressPrinter } from './progress.js';
import { applySchemaFlags } from './schema-flags.js';
import { summarize } from './evaluate.js';
import { DEFAULT_HOLDOUT_FRACTION } from '../engine/split.js';
import type { PrivacyFilterMode } from '../api/types.js';
import { describeFilter, PRIVACY_FILTER_MODES, type FilterOutcome } from '../privacy/modes.js';
import { generatorCanSave, modelFileText, savedDataset } from '../engine/model-file.js';
import { savableLabels } from '../api/generator-policy.js';
import { BACKEND_CHOICES, isBackendChoice, type BackendChoice } from '../core/compute.js';

const GLOBAL_FLAGS = new Set([
  'generator',
  'rows',
  'target',
  'seed',
  'out',
  'types',
  'skip',
  'quiet',
  'report',
  'holdout-fraction',
  'privacy-filter',
  'save-model',
  'load-model',
  'backend',
]);

/** Every generator option's CLI flag (the union over generators; checked against the chosen one later). */
export function generatorFlags(): string[] {
  const flags = new Set<string>();
  for (const g of listGenerators()) {
    for (const o of g.options) {
      const f = cliFlag(o);
      if (GLOBAL_FLAGS.has(f)) throw new Error(`generator ${g.id} option --${f} collides with a global flag`);
      flags.add(f);
    }
  }
  return [...flags];
}

export function parseInteger(flag: string, text: string, min: number): number {
  const n = Number(text);
  if (!/^[+-]?\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n < min) {
    throw new UsageError(`--${flag} must be a whole number ≥ ${min}, got "${text}".`);
  }
  return n;
}

/** `--backend`: the compute backend of a neural generator (unset: auto). */
export function parseBackend(text: string | undefined): BackendChoice | undefined {
  if (text === undefined || isBackendChoice(text)) return text;
  throw new UsageError(
    `--backend must be ${BACKEND_CHOICES.slice(0, -1).join(', ')} or ${BACKEND_CHOICES.at(-1)!}; got "${text}".`,
  );
}

export function defaultOutPath(input: string): string {
  const ext = extname(input);
  return join(dirname(input), `${basename(input, ext)}.synthetic.csv`);
}

export type Values = Record<string, string | boolean | undefined>;

/** Refuses an output path that is the input file (or another output of the same run). */
export function refuseOverwrite(path: string, other: string, what: string, flag: string): void {
  const same =
    resolve(path) === resolve(other) ||
    (existsSync(other) && existsSync(path) && realpathSync(path) === realpathSync(other));
  if (same) throw new UsageError(`--${flag} would overwrite ${what} ${other}; choose another path.`);
}

export async function runGenerate(positionals: string[], values: Values): Promise<number> {
  if (positionals.length === 0)
    throw new UsageError(
      'generate needs an input file: localsynth generate data.csv [options] (or --load-model model.json to sample from a saved model)',
    );
  if (positionals.length > 1)
    throw new UsageError(`generate takes one input file, got ${positionals.length}: ${positionals.join(' ')}`);
  const input = positionals[0]!;
  const str = (k: string): string | undefined => (typeof values[k] === 'string' ? (values[k] as string) : undefined);
  const quiet = values['quiet'] === true;
  const log = (s: string): void => {
    if (!quiet) process.stderr.write(s + '\n');
  };

  // everything about the command line is checked before the file is read
  const generator = str('generator') ?? DEFAULT_GENERATOR;
  const info = generatorInfo(generator);
  const options: Partial<OptionValues> = {};
  const own = new Map(info.options.map((o) => [cliFlag(o), o]));
  for (const flag of generatorFlags()) {
    const v = str(flag);
    if (v === undefined) continue;
    const spec = own.get(flag);
    if (!spec)
      throw new UsageError(`--${flag} is not an option of the ${info.id} generator (see localsynth generate --help).`);
    options[spec.key] = v === 'auto' && spec.default === null ? null : v;
  }
  resolveOptions(info, options); // bad values are usage errors before any work
  const rows = str('rows') === undefined ? null : parseInteger('rows', str('rows')!, 1);
  const seed = str('seed') === undefined ? DEFAULT_SEED : parseInteger('seed', str('seed')!, 0);
  const out = resolve(str('out') ?? defaultOutPath(input));
  const reportPath = str('report');
  const hfText = str('holdout-fraction');
  const holdoutFraction = hfText === undefined ? (reportPath ? DEFAULT_HOLDOUT_FRACTION : 0) : Number(hfText);
  if (!(holdoutFraction >= 0 && holdoutFraction <= 0.9))
    throw new UsageError(`--holdout-fraction must be a number from 0 to 0.9, got "${hfText}".`);
  // unset: the generator's default (its info's privacyFilter, else off)
  const privacyFilter = str('privacy-filter') as PrivacyFilterMode | undefined;
  if (privacyFilter !== undefined && !PRIVACY_FILTER_MODES.includes(privacyFilter)) {
    throw new UsageError(
      `--privacy-filter must be ${PRIVACY_FILTER_MODES.slice(0, -1).join(', ')} or ${PRIVACY_FILTER_MODES.at(-1)!}; got "${privacyFilter}".`,
    );
  }
  const backend = parseBackend(str('backend'));
  if (existsSync(input) && existsSync(out) && realpathSync(out) === realpathSync(input)) {
    throw new UsageError(`--out would overwrite the input file ${input}; choose another output path.`);
  }
  const saveModel = str('save-model');
  if (saveModel !== undefined) {
    if (saveModel === '') throw new UsageError('--save-model needs a file name, e.g. --save-model model.json');
    if (!(await generatorCanSave(generator))) {
      const savable = listGenerators().filter((g) => g.capabilities.savable);
      throw new UsageError(
        `--save-model: the ${info.id} generator cannot be saved as a model; ${savableLabels(savable)} can (--generator ${savable.map((g) => g.id).join(' or ')}).`,
      );
    }
    refuseOverwrite(saveModel, input, 'the input file', 'save-model');
    refuseOverwrite(saveModel, out, 'the synthetic file', 'save-model');
  }

  const { parsed, info: dataset } = loadDataset(new Uint8Array(readFileSync(input)), basename(input));
  const schema = applySchemaFlags(dataset.schema, { types: str('types'), skip: str('skip'), target: str('target') });
  for (const w of dataset.warnings) log(`warning: ${w.message}`);
  if (info.experimental)
    log(`warning: the ${info.id} generator is experimental: it does not yet reach the quality of the others.`);
  log(`seed ${seed}`);

  const progress = progressPrinter(process.stderr, quiet);
  const t0 = performance.now();
  return interruptible(async (signal) => {
    const result = await generateFromDataset(
      parsed,
      {
        schema,
        generator,
        options,
        rows,
        seed,
        holdoutFraction,
        privacyFilter,
        backend,
        evaluate: reportPath !== undefined,
      },
      {
        signal,
        onProgress: progress.onProgress,
      },
    ).finally(() => progress.clear());
    try {
      writeFileSync(out, result.csv);
      if (saveModel !== undefined)
        writeFileSync(saveModel, modelFileText(result.generator, savedDataset(parsed, basename(input), result)));
    } finally {
      result.generator.dispose();
    }
    const secs = ((performance.now() - t0) / 1000).toFixed(2);
    const tuned = result.fit.tuning;
    log(
      `wrote ${result.nRows} rows × ${result.header.length} columns to ${out} in ${secs} s (${info.label}${tuned ? `, ${tuned.option}=${tuned.chosen}` : ''}, seed ${seed})`,
    );
    for (const note of result.fit.notes) log(note);
    if (result.split.holdout > 0)
      log(`holdout: ${result.split.holdout} real rows kept away from the generator (trained on ${result.split.train})`);
    if (result.privacyFilter) log(filterLine(result.privacyFilter));
    if (reportPath && result.report) {
      writeFileSync(reportPath, JSON.stringify(result.report, null, 1));
      if (!quiet) process.stdout.write(summarize(result.report) + '\n');
      log(`wrote the report to ${reportPath}`);
    }
    if (saveModel !== undefined)
      log(
        `wrote the model to ${saveModel} (sample again with: localsynth generate --load-model ${saveModel} --rows N)`,
      );
    return EXIT.ok;
  });
}

/** The privacy filter's outcome in one line of stderr, with how to turn the default off. */
export function filterLine(f: FilterOutcome): string {
  return `${describeFilter(f)}${f.mode === 'copies' ? '; --privacy-filter off keeps them' : ''}`;
}
