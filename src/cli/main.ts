/**
 * `localsynth` command line: the same engine as the web app's worker (`src/engine/engine.ts`), in-process.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { generateHelp, mainHelp } from './help.js';
import { EXIT, reportError, UsageError } from './exit.js';
import { runGenerate, generatorFlags } from './generate.js';
import { runInspect } from './inspect.js';
import { runLoadModel } from './load-model.js';
import { EVALUATE_HELP, runEvaluate } from './evaluate.js';
import { runPrivacyBudget } from './privacy-budget.js';
import { runSeries, wantsSeries } from './series.js';

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

const wantsHelp = (args: string[]): boolean => args.includes('--help') || args.includes('-h');

/** `generate`: its help, or its flags parsed and handed to training or to sampling from a saved model. */
async function generateCommand(rest: string[]): Promise<number> {
  if (wantsHelp(rest)) {
    process.stdout.write(generateHelp() + '\n');
    return EXIT.ok;
  }
  if (wantsSeries(rest)) return await runSeries(rest);
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    strict: true,
    options: {
      generator: { type: 'string' },
      rows: { type: 'string' },
      target: { type: 'string' },
      seed: { type: 'string' },
      out: { type: 'string' },
      types: { type: 'string' },
      skip: { type: 'string' },
      quiet: { type: 'boolean', short: 'q' },
      report: { type: 'string' },
      'holdout-fraction': { type: 'string' },
      'privacy-filter': { type: 'string' },
      'k-anonymity': { type: 'string' },
      'quasi-identifiers': { type: 'string' },
      'save-model': { type: 'string' },
      'load-model': { type: 'string' },
      backend: { type: 'string' },
      'number-format': { type: 'string' },
      ...Object.fromEntries(generatorFlags().map((f) => [f, { type: 'string' as const }])),
    },
  });
  if (values['load-model'] !== undefined) return await runLoadModel(positionals, values);
  return await runGenerate(positionals, values);
}

/** `evaluate`: its help, or its flags (no positional arguments). */
async function evaluateCommand(rest: string[]): Promise<number> {
  if (wantsHelp(rest)) {
    process.stdout.write(EVALUATE_HELP + '\n');
    return EXIT.ok;
  }
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    strict: true,
    options: {
      real: { type: 'string' },
      synth: { type: 'string' },
      holdout: { type: 'string' },
      target: { type: 'string' },
      json: { type: 'string' },
      seed: { type: 'string' },
      'quasi-identifiers': { type: 'string' },
    },
  });
  if (positionals.length)
    throw new UsageError(
      `evaluate takes no positional arguments (got ${positionals.join(' ')}); use --real and --synth.`,
    );
  return await runEvaluate(values);
}

/** Runs one command (or prints the help or the version); throws on a bad command line. */
async function runCommand(command: string | undefined, rest: string[]): Promise<number> {
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(mainHelp() + '\n');
    return command === undefined ? EXIT.usage : EXIT.ok;
  }
  if (command === '--version' || command === '-v') {
    process.stdout.write(version() + '\n');
    return EXIT.ok;
  }
  if (command === 'generate') return await generateCommand(rest);
  if (command === 'inspect') {
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      strict: true,
      options: { 'number-format': { type: 'string' } },
    });
    return await runInspect(positionals, values['number-format']);
  }
  if (command === 'evaluate') return await evaluateCommand(rest);
  if (command === 'privacy-budget') return runPrivacyBudget(rest);
  throw new UsageError(`unknown command "${command}". Commands: generate, evaluate, inspect, privacy-budget.`);
}

/** node's parseArgs errors (ERR_PARSE_ARGS_*) are mistakes in the command line. */
function isParseArgsError(err: unknown): err is Error {
  return err instanceof Error && 'code' in err && typeof err.code === 'string' && err.code.startsWith('ERR_PARSE_ARGS');
}

/** Runs the CLI with `argv` (without node and the script); returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  try {
    const [command, ...rest] = argv;
    return await runCommand(command, rest);
  } catch (err) {
    if (isParseArgsError(err)) {
      // node's messages run over several lines; the first says what is wrong
      return reportError(new UsageError(err.message.split('\n')[0]!.replace(/\. To specify a positional.*$/, '.')));
    }
    return reportError(err);
  }
}
