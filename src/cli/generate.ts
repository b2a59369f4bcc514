/** `localsynth generate data.csv …`: load → (schema flags) → fit → sample → write, through the shared engine. */
import { accessSync, constants, existsSync, realpathSync, statSync, writeFileSync } from 'node:fs';
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
  type GenerateOutcome,
  type GeneratorInfo,
  type OptionValues,
  type NumberMode,
  type ParsedCsv,
} from '../index.js';
import { EXIT, interruptible, terminalSafe, UsageError } from './exit.js';
import { progressPrinter } from './progress.js';
import { applySchemaFlags, parseNumberFormat } from './schema-flags.js';
import { readInput } from './read-input.js';
import { writeParts } from './write-output.js';
import { quasiList, summarize } from './evaluate.js';
import { DEFAULT_HOLDOUT_FRACTION } from '../engine/split.js';
import type { PrivacyFilterMode } from '../api/types.js';
import { describeFilter, PRIVACY_FILTER_MODES, type FilterOutcome } from '../privacy/modes.js';
import { describeKAnonymity, type KAnonymityRequest } from '../privacy/k-anonymity-outcome.js';
import { generatorCanSave, modelFileText, savedDataset } from '../engine/model-file.js';
import { savableLabels } from '../api/generator-policy.js';
import { BACKEND_CHOICES, isBackendChoice, type BackendChoice } from '../core/compute.js';
import { describeEstimate, describeSeconds, estimateRun, fasterAlternatives, tableShape } from '../api/estimate.js';
import type { Schema } from '../core/schema.js';

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
  'number-format',
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

/**
 * Throws a UsageError "cannot write" when `path` (an output flag's file) cannot be written: checked before the run,
 * so a typo in a folder name does not throw away a finished run.
 */
export function checkWritable(path: string, flag: string): void {
  const full = resolve(path);
  const folder = dirname(full);
  let why: string | null = null;
  if (existsSync(full) && statSync(full).isDirectory()) why = 'it is a folder';
  else if (!existsSync(folder)) why = `the folder ${folder} does not exist`;
  else if (!statSync(folder).isDirectory()) why = `${folder} is not a folder`;
  else {
    try {
      accessSync(existsSync(full) ? full : folder, constants.W_OK);
    } catch {
      why = 'permission denied';
    }
  }
  if (why) throw new UsageError(`--${flag}: cannot write ${path}: ${why}.`);
}

/** What `runGenerate` reads from the command line, all checked before the input file is read. */
interface GenerateArgs {
  input: string;
  generator: string;
  info: GeneratorInfo;
  options: Partial<OptionValues>;
  rows: number | null;
  seed: number;
  out: string;
  reportPath: string | undefined;
  holdoutFraction: number;
  privacyFilter: PrivacyFilterMode | undefined;
  kAnonymity: KAnonymityRequest | null;
  backend: BackendChoice | undefined;
  saveModel: string | undefined;
  /** `--types`, `--skip`, `--target`: edits of the inferred schema, applied once the file is read. */
  schemaFlags: { types: string | undefined; skip: string | undefined; target: string | undefined };
  /** `--number-format`: how decimal commas and thousands separators are read. */
  numberMode: NumberMode;
  quiet: boolean;
}

type StringFlag = (k: string) => string | undefined;

/** A string flag's value; undefined when absent (or a boolean flag). */
function stringFlags(values: Values): StringFlag {
  return (k) => (typeof values[k] === 'string' ? (values[k] as string) : undefined);
}

/** A stderr line, unless `--quiet`. */
function stderrLog(quiet: boolean): (s: string) => void {
  return (s) => {
    if (!quiet) process.stderr.write(terminalSafe(s) + '\n');
  };
}

/** The one input file `generate` takes. */
function inputFile(positionals: string[]): string {
  if (positionals.length === 0)
    throw new UsageError(
      'generate needs an input file: localsynth generate data.csv [options] (or --load-model model.json to sample from a saved model)',
    );
  if (positionals.length > 1)
    throw new UsageError(`generate takes one input file, got ${positionals.length}: ${positionals.join(' ')}`);
  return positionals[0]!;
}

/** The chosen generator's options from their flags (`auto` for an automatic one), checked against its specs. */
function generatorOptions(info: GeneratorInfo, str: StringFlag): Partial<OptionValues> {
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
  return options;
}

/** `--holdout-fraction`; unset: the default share with `--report`, else none. */
function parseHoldoutFraction(text: string | undefined, reportPath: string | undefined): number {
  const holdoutFraction = text === undefined ? (reportPath ? DEFAULT_HOLDOUT_FRACTION : 0) : Number(text);
  if (!(holdoutFraction >= 0 && holdoutFraction <= 0.9))
    throw new UsageError(`--holdout-fraction must be a number from 0 to 0.9, got "${text}".`);
  return holdoutFraction;
}

/** `--privacy-filter`; unset: the generator's default (its info's privacyFilter, else off). */
function parsePrivacyFilter(text: string | undefined): PrivacyFilterMode | undefined {
  const privacyFilter = text as PrivacyFilterMode | undefined;
  if (privacyFilter !== undefined && !PRIVACY_FILTER_MODES.includes(privacyFilter)) {
    throw new UsageError(
      `--privacy-filter must be ${PRIVACY_FILTER_MODES.slice(0, -1).join(', ')} or ${PRIVACY_FILTER_MODES.at(-1)!}; got "${privacyFilter}".`,
    );
  }
  return privacyFilter;
}

/** `--k-anonymity k --quasi-identifiers a,b`: quasi-identifiers alone mean k = 1 (only the report uses them). */
function parseKAnonymity(k: string | undefined, quasi: string | undefined): KAnonymityRequest | null {
  if (k === undefined && quasi === undefined) return null;
  if (quasi === undefined)
    throw new UsageError('--k-anonymity needs --quasi-identifiers, e.g. --k-anonymity 5 --quasi-identifiers age,sex');
  return { k: k === undefined ? 1 : parseInteger('k-anonymity', k, 1), quasiIdentifiers: quasiList(quasi) };
}

/** `--save-model`: a file name, a generator that can be saved, and a path that overwrites neither input nor output. */
async function checkSaveModel(saveModel: string, info: GeneratorInfo, input: string, out: string): Promise<void> {
  if (saveModel === '') throw new UsageError('--save-model needs a file name, e.g. --save-model model.json');
  if (!(await generatorCanSave(info.id))) {
    const savable = listGenerators().filter((g) => g.capabilities.savable);
    throw new UsageError(
      `--save-model: the ${info.id} generator cannot be saved as a model; ${savableLabels(savable)} can (--generator ${savable.map((g) => g.id).join(' or ')}).`,
    );
  }
  refuseOverwrite(saveModel, input, 'the input file', 'save-model');
  refuseOverwrite(saveModel, out, 'the synthetic file', 'save-model');
}

/** Everything about the command line, checked (in this order) before the file is read. */
async function parseGenerateArgs(positionals: string[], values: Values): Promise<GenerateArgs> {
  const input = inputFile(positionals);
  const str = stringFlags(values);
  const generator = str('generator') ?? DEFAULT_GENERATOR;
  const info = generatorInfo(generator);
  const options = generatorOptions(info, str);
  const rows = str('rows') === undefined ? null : parseInteger('rows', str('rows')!, 1);
  const seed = str('seed') === undefined ? DEFAULT_SEED : parseInteger('seed', str('seed')!, 0);
  const out = resolve(str('out') ?? defaultOutPath(input));
  const reportPath = str('report');
  const holdoutFraction = parseHoldoutFraction(str('holdout-fraction'), reportPath);
  const privacyFilter = parsePrivacyFilter(str('privacy-filter'));
  const kAnonymity = parseKAnonymity(str('k-anonymity'), str('quasi-identifiers'));
  const backend = parseBackend(str('backend'));
  if (existsSync(input) && existsSync(out) && realpathSync(out) === realpathSync(input)) {
    throw new UsageError(`--out would overwrite the input file ${input}; choose another output path.`);
  }
  const saveModel = str('save-model');
  // a missing input is reported as such first (its default output folder is missing too)
  if (existsSync(input)) {
    for (const [path, flag] of [
      [out, 'out'],
      [reportPath, 'report'],
      [saveModel, 'save-model'],
    ] as const)
      if (path !== undefined) checkWritable(path, flag);
  }
  if (saveModel !== undefined) await checkSaveModel(saveModel, info, input, out);
  return {
    input,
    generator,
    info,
    options,
    rows,
    seed,
    out,
    reportPath,
    holdoutFraction,
    privacyFilter,
    kAnonymity,
    backend,
    saveModel,
    schemaFlags: { types: str('types'), skip: str('skip'), target: str('target') },
    numberMode: parseNumberFormat(str('number-format')),
    quiet: values['quiet'] === true,
  };
}

/** Writes the synthetic CSV (and the model file, if asked); the fitted generator is disposed either way. */
function writeOutputs(a: GenerateArgs, parsed: ParsedCsv, result: GenerateOutcome): void {
  try {
    writeParts(a.out, result.csvParts);
    if (a.saveModel !== undefined)
      writeFileSync(a.saveModel, modelFileText(result.generator, savedDataset(parsed, basename(a.input), result)));
  } finally {
    result.generator.dispose();
  }
}

/** What the run did, on stderr (the report's summary on stdout), after writing the report if asked. */
function reportOutcome(a: GenerateArgs, result: GenerateOutcome, t0: number, log: (s: string) => void): void {
  const secs = ((performance.now() - t0) / 1000).toFixed(2);
  const tuned = result.fit.tuning;
  log(
    `wrote ${result.nRows} rows × ${result.header.length} columns to ${a.out} in ${secs} s (${a.info.label}${tuned ? `, ${tuned.option}=${tuned.chosen}` : ''}, seed ${a.seed})`,
  );
  for (const note of result.fit.notes) log(note);
  if (result.split.holdout > 0)
    log(`holdout: ${result.split.holdout} real rows kept away from the generator (trained on ${result.split.train})`);
  if (result.privacyFilter) log(filterLine(result.privacyFilter));
  if (result.kAnonymity) log(describeKAnonymity(result.kAnonymity));
  if (a.reportPath && result.report) {
    writeFileSync(a.reportPath, JSON.stringify(result.report, null, 1));
    if (!a.quiet) process.stdout.write(summarize(result.report) + '\n');
    log(`wrote the report to ${a.reportPath}`);
  }
  if (a.saveModel !== undefined)
    log(
      `wrote the model to ${a.saveModel} (sample again with: localsynth generate --load-model ${a.saveModel} --rows N)`,
    );
}

export async function runGenerate(positionals: string[], values: Values): Promise<number> {
  const a = await parseGenerateArgs(positionals, values);
  const log = stderrLog(a.quiet);
  const { parsed, info: dataset } = loadDataset(readInput(a.input), basename(a.input), { numberMode: a.numberMode });
  const schema = applySchemaFlags(dataset.schema, a.schemaFlags);
  for (const w of dataset.warnings) log(`warning: ${w.message}`);
  if (a.info.experimental)
    log(`warning: the ${a.info.id} generator is experimental: it does not yet reach the quality of the others.`);
  log(`seed ${a.seed}`);
  log(estimateLine(a, schema, dataset.nRows));

  const progress = progressPrinter(process.stderr, a.quiet);
  const t0 = performance.now();
  return interruptible(async (signal) => {
    const result = await generateFromDataset(
      parsed,
      {
        schema,
        generator: a.generator,
        options: a.options,
        rows: a.rows,
        seed: a.seed,
        holdoutFraction: a.holdoutFraction,
        privacyFilter: a.privacyFilter,
        kAnonymity: a.kAnonymity,
        backend: a.backend,
        evaluate: a.reportPath !== undefined,
      },
      { signal, onProgress: progress.onProgress },
    ).finally(() => progress.clear());
    writeOutputs(a, parsed, result);
    reportOutcome(a, result, t0, log);
    return EXIT.ok;
  });
}

/** The time estimate before the run (src/api/estimate.ts), with quicker generators when it is long. */
function estimateLine(a: GenerateArgs, schema: Schema, nRows: number): string {
  const shape = tableShape(schema, nRows, a.holdoutFraction, a.rows);
  const e = estimateRun(a.info, shape, a.options, a.backend ?? 'auto');
  const alts = fasterAlternatives(listGenerators(), a.generator, e.seconds, shape)
    .map((x) => `--generator ${x.info.id} (${describeSeconds(x.estimate.seconds)})`)
    .join(' or ');
  return `estimate: ${describeEstimate(e)} to fit and sample${alts ? `; quicker: ${alts} (quality: docs/generators/)` : ''}`;
}

/** The privacy filter's outcome in one line of stderr, with how to turn the default off. */
export function filterLine(f: FilterOutcome): string {
  return `${describeFilter(f)}${f.mode === 'copies' ? '; --privacy-filter off keeps them' : ''}`;
}
