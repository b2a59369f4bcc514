/**
 * `localsynth privacy-budget`: the DP-SGD accountant on the command line. Given σ it prints the ε a run spends; given a
 * target ε it prints the smallest σ (to Opacus' 0.01 tolerance in ε) that keeps the run within it.
 */
import { parseArgs } from 'node:util';
import { epsilonSpent, noiseMultiplierFor, stepsForEpochs } from '../privacy/dp/accountant.js';
import { EXIT, UsageError } from './exit.js';

export const PRIVACY_BUDGET_HELP = `localsynth privacy-budget --noise-multiplier <σ> --sample-rate <q> (--steps <n> | --epochs <e>) --delta <δ> [--json]
localsynth privacy-budget --epsilon <ε> --sample-rate <q> (--steps <n> | --epochs <e>) --delta <δ> [--json]

The (ε, δ) of DP-SGD by the RDP accountant of the sampled Gaussian mechanism (Poisson sampling at rate q, noise σ
times the clipping norm, the Balle et al. 2020 conversion over the orders 1.1…10.9 and 12…63).
  --noise-multiplier <σ>  noise standard deviation over the clipping norm: prints the ε the run spends and the best order
  --epsilon <ε>           target ε instead: prints the smallest noise multiplier whose ε is at most the target
                          (found to within 0.01 below it) and the ε that noise spends
  --sample-rate <q>       share of the rows in each step's batch, in (0, 1] (batch size / rows)
  --steps <n>             number of noisy steps, or
  --epochs <e>            passes over the data: steps = ⌊e / q⌋
  --delta <δ>             the δ of the guarantee, in (0, 1); usually below 1 / rows
  --json                  print one JSON object: epsilon, delta, noiseMultiplier, sampleRate, steps, order`;

/** The answer, as `--json` prints it. */
export interface PrivacyBudget {
  epsilon: number;
  delta: number;
  noiseMultiplier: number;
  sampleRate: number;
  steps: number;
  order: number;
}

type Values = Record<string, string | boolean | undefined>;

/** A flag's number, checked against `ok` (which names the allowed range in `range`); undefined when not given. */
function numberFlag(values: Values, flag: string, ok: (x: number) => boolean, range: string): number | undefined {
  const text = values[flag];
  if (typeof text !== 'string') return undefined;
  const x = text.trim() === '' ? NaN : Number(text);
  if (!Number.isFinite(x) || !ok(x)) throw new UsageError(`--${flag} must be ${range}, got "${text}".`);
  return x;
}

/** The steps of the run from --steps or --epochs (exactly one of them). */
function stepsOf(values: Values, sampleRate: number): number {
  const steps = numberFlag(values, 'steps', (x) => Number.isInteger(x) && x >= 1, 'a whole number ≥ 1');
  const epochs = numberFlag(values, 'epochs', (x) => x > 0, 'a number > 0');
  if ((steps === undefined) === (epochs === undefined))
    throw new UsageError('privacy-budget needs exactly one of --steps <n> and --epochs <e>.');
  if (steps !== undefined) return steps;
  const fromEpochs = stepsForEpochs(epochs!, sampleRate);
  if (fromEpochs < 1) throw new UsageError(`--epochs ${epochs} at --sample-rate ${sampleRate} is less than one step.`);
  return fromEpochs;
}

/** Reads the flags and runs the accountant (forward with --noise-multiplier, inverse with --epsilon). */
export function privacyBudget(values: Values): PrivacyBudget {
  const sigma = numberFlag(values, 'noise-multiplier', (x) => x > 0, 'a number > 0');
  const target = numberFlag(values, 'epsilon', (x) => x > 0, 'a number > 0');
  if ((sigma === undefined) === (target === undefined))
    throw new UsageError('privacy-budget needs exactly one of --noise-multiplier <σ> (to get ε) and --epsilon <ε>.');
  const sampleRate = numberFlag(values, 'sample-rate', (x) => x > 0 && x <= 1, 'in (0, 1]');
  if (sampleRate === undefined) throw new UsageError('privacy-budget needs --sample-rate <q>.');
  const delta = numberFlag(values, 'delta', (x) => x > 0 && x < 1, 'in (0, 1)');
  if (delta === undefined) throw new UsageError('privacy-budget needs --delta <δ>.');
  const steps = stepsOf(values, sampleRate);
  let noiseMultiplier = sigma;
  if (noiseMultiplier === undefined) {
    try {
      noiseMultiplier = noiseMultiplierFor({ epsilon: target!, delta, sampleRate, steps });
    } catch (err) {
      if (err instanceof RangeError) throw new UsageError(`no noise multiplier reaches ε ${target}: ${err.message}.`);
      throw err;
    }
  }
  const { epsilon, order } = epsilonSpent([{ noiseMultiplier, sampleRate, steps }], delta);
  return { epsilon, delta, noiseMultiplier, sampleRate, steps, order };
}

/** `privacy-budget [flags]`: prints the answer as a sentence, or as JSON with --json. */
export function runPrivacyBudget(args: string[]): number {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(PRIVACY_BUDGET_HELP + '\n');
    return EXIT.ok;
  }
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      'noise-multiplier': { type: 'string' },
      epsilon: { type: 'string' },
      'sample-rate': { type: 'string' },
      steps: { type: 'string' },
      epochs: { type: 'string' },
      delta: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  if (positionals.length) throw new UsageError(`privacy-budget takes no positional arguments (got ${positionals[0]}).`);
  const b = privacyBudget(values);
  if (values.json) {
    process.stdout.write(JSON.stringify(b) + '\n');
    return EXIT.ok;
  }
  const run = `${b.steps} steps at sampling rate ${b.sampleRate}`;
  const spent = `ε = ${b.epsilon.toFixed(6)} at δ = ${b.delta} (best RDP order α = ${b.order})`;
  if (values['noise-multiplier'] !== undefined)
    process.stdout.write(`${spent} for noise multiplier ${b.noiseMultiplier} over ${run}\n`);
  else
    process.stdout.write(
      `noise multiplier ${b.noiseMultiplier} keeps ${run} within ε ${values.epsilon}: it spends ${spent}\n`,
    );
  return EXIT.ok;
}
