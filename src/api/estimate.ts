/**
 * The time estimate before Generate: a generator's cost model (`capabilities.cost`, plain data in its info) evaluated
 * for the table's size and the options, with a neural generator's step time taken from an earlier run when one
 * measured it. The page (GeneratorPanel) and the CLI (`generate`) show the same sentence.
 */
import type { Schema } from '../core/schema.js';
import type { CostFactor, CostModel, CostTerm } from '../generators/cost.js';
import type { GeneratorInfo, OptionValues } from '../generators/options.js';

/** What the cost terms multiply. */
export interface TableShape {
  /** Rows the generator trains on (the holdout taken out). */
  rows: number;
  /** Rows to generate. */
  sampleRows: number;
  /** Modelled columns (ids and skipped columns left out). */
  columns: number;
  /** One-hot width: numerical and date columns count 1, categorical and boolean ones their levels. */
  width: number;
}

/**
 * How much slower (> 1) or faster than its cost model a neural generator's steps ran in an earlier run on this
 * backend: the model's step time times `scale` is the measured one, carried over to other table sizes.
 */
export interface StepMeasure {
  generator: string;
  backend: string;
  scale: number;
}

export interface Estimate {
  /** Fit + sample, in seconds. */
  seconds: number;
  /** Neural generators: the training part. */
  training?: { steps: number; msPerStep: number; backend: string; measured: boolean };
}

/** Times above this get a suggestion of faster generators. */
export const LONG_RUN_SECONDS = 120;

/** The shape of `schema`'s table of `nRows` rows, `holdout` (0…1) of them kept out of training. */
export function tableShape(schema: Schema, nRows: number, holdout: number, sampleRows?: number | null): TableShape {
  const used = schema.columns.filter((c) => !c.skip && c.sdtype !== 'id');
  const width = used.reduce(
    (w, c) => w + (c.sdtype === 'categorical' || c.sdtype === 'boolean' ? Math.max(1, c.levels?.length ?? 2) : 1),
    0,
  );
  const rows = Math.max(1, Math.round(nRows * (1 - holdout)));
  return { rows, sampleRows: sampleRows ?? nRows, columns: used.length, width };
}

function factorValue(f: CostFactor, shape: TableShape, options: OptionValues): number {
  if (typeof f === 'string') return shape[f];
  const v = options[f.option];
  const n = typeof v === 'number' ? v : (f.auto ?? 1);
  return f.atMostRows ? Math.min(n, shape.rows) : n;
}

function sumTerms(terms: readonly CostTerm[], shape: TableShape, options: OptionValues): number {
  return terms.reduce((s, t) => s + t.seconds * t.per.reduce((p, f) => p * factorValue(f, shape, options), 1), 0);
}

/** The options with their defaults filled in (the page and the CLI may pass only the ones the user set). */
function withDefaults(info: GeneratorInfo, options: Partial<OptionValues>): OptionValues {
  const out: OptionValues = {};
  for (const o of info.options) out[o.key] = options[o.key] ?? o.default;
  return out;
}

/** Steps of a full training run (the most epochs; early stopping can end it sooner). */
function trainingSteps(cost: CostModel, options: OptionValues, epochs?: number): number {
  const t = cost.training;
  if (!t) return 0;
  const perEpoch = t.stepsPerEpoch.reduce((p, k) => p * (typeof options[k] === 'number' ? options[k] : 1), 1);
  const e = epochs ?? (typeof options[t.epochs] === 'number' ? options[t.epochs] : 1);
  return Number(e) * perEpoch;
}

/**
 * The estimate for `info` on a table of `shape`. `backend` is the run's backend setting; a `measured` step time of
 * the same generator on the backend the run will use replaces the model's (scaled to this size).
 */
export function estimateRun(
  info: GeneratorInfo,
  shape: TableShape,
  given: Partial<OptionValues>,
  backend = 'auto',
  measured?: StepMeasure | null,
): Estimate {
  const options = withDefaults(info, given);
  const cost = info.capabilities.cost;
  const rest = sumTerms(cost.terms, shape, options);
  if (!cost.training) return { seconds: rest };
  const modelMs = sumTerms(cost.training.msPerStep, shape, options);
  const use =
    measured && measured.generator === info.id && (backend === 'auto' || backend === measured.backend)
      ? measured
      : null;
  const msPerStep = modelMs * (use?.scale ?? 1);
  const steps = trainingSteps(cost, options);
  return {
    seconds: rest + (steps * msPerStep) / 1000,
    training: { steps, msPerStep, backend: use?.backend ?? (backend === 'auto' ? 'wasm' : backend), measured: !!use },
  };
}

/**
 * What an earlier run measured: its training seconds (the fit's, less the model's non-training part) per step it
 * took, against the model's step time; null for generators that do not train or a run with no epoch finished.
 */
export function measureSteps(
  info: GeneratorInfo,
  shape: TableShape,
  given: Partial<OptionValues>,
  fit: { seconds: number; backend?: string; epochs: number },
): StepMeasure | null {
  const cost = info.capabilities.cost;
  if (!cost.training || fit.epochs < 1 || !fit.backend) return null;
  const options = withDefaults(info, given);
  const steps = trainingSteps(cost, options, fit.epochs);
  const modelMs = sumTerms(cost.training.msPerStep, shape, options);
  const trainMs = (fit.seconds - sumTerms(cost.terms, shape, options)) * 1000;
  if (!(steps > 0 && modelMs > 0 && trainMs > 0)) return null;
  return { generator: info.id, backend: fit.backend, scale: trainMs / steps / modelMs };
}

/** "about 40 s", "about 6 min", "a second or two". */
export function describeSeconds(s: number): string {
  if (!Number.isFinite(s) || s < 0) return 'unknown';
  if (s < 2.5) return 'a second or two';
  if (s < 90) return `about ${Math.round(s)} s`;
  if (s < 5400) return `about ${Math.round(s / 60)} min`;
  return `about ${(s / 3600).toFixed(1)} h`;
}

/** "about 40 s here (wasm, 45 ms/step)"; "(… measured)" when the step time comes from an earlier run. */
export function describeEstimate(e: Estimate): string {
  const t = e.training;
  const ms = t ? (t.msPerStep >= 10 ? Math.round(t.msPerStep) : Number(t.msPerStep.toPrecision(2))) : 0;
  const how = t ? ` (${t.backend}, ${ms} ms/step${t.measured ? ' measured' : ''})` : '';
  return `${describeSeconds(e.seconds)} here${how}`;
}

export interface Alternative {
  info: GeneratorInfo;
  estimate: Estimate;
}

/**
 * When the estimate is long: the two quickest other generators offered for this table (not experimental, enough
 * rows), each under a tenth of `seconds` and under a minute; empty when the run is not long.
 */
export function fasterAlternatives(
  infos: readonly GeneratorInfo[],
  current: string,
  seconds: number,
  shape: TableShape,
): Alternative[] {
  if (seconds <= LONG_RUN_SECONDS) return [];
  return infos
    .filter((i) => i.id !== current && !i.experimental && shape.rows >= i.minRows)
    .map((info) => ({ info, estimate: estimateRun(info, shape, {}) }))
    .filter((a) => a.estimate.seconds < Math.min(60, seconds / 10))
    .sort((a, b) => a.estimate.seconds - b.estimate.seconds)
    .slice(0, 2);
}

/** "kNNMTD (a second or two) or Gaussian copula (about 3 s) would be quicker: …"; null when there is none. */
export function describeAlternatives(alts: readonly Alternative[]): string | null {
  if (alts.length === 0) return null;
  const names = alts.map((a) => `${a.info.label} (${describeSeconds(a.estimate.seconds)})`).join(' or ');
  return `${names} would be quicker here; their quality on tables like this one is in docs/generators/.`;
}
