/**
 * Generator choice and settings, the running job's progress, and the last result.
 * The generator list comes from the worker (`listGenerators()`): the page holds no generator code.
 */
import type {
  BackendChoice,
  GenerateResult,
  GeneratorInfo,
  OptionValues,
  PrivacyFilterMode,
  Progress,
} from '../../api/types.js';
import { savableLabels } from '../../api/generator-policy.js';
import { usesThreshold } from '../../api/catalog.js';
import { describeSeconds } from '../../api/estimate.js';

/** One option's description (derived from the contract: the page imports nothing from src/generators). */
export type OptionSpec = GeneratorInfo['options'][number];
export type OptionValue = OptionValues[string];

/**
 * An automatic option's choice (`FitReport.tuning`, or live from 'tune' progress): each value tried and its score
 * (lower is better); `chosen` is null while the values are still being tried.
 */
export interface TuningView {
  option: string;
  metric: string;
  scores: { value: number; score: number }[];
  chosen: number | null;
}

export type Phase = 'idle' | 'loading' | 'generating' | 'cancelling';

/** One epoch of a neural generator's training: its loss terms and the validation PCD (lower is better). */
export interface TrainPoint {
  epoch: number;
  /** e.g. critic, sinkhorn, mmd, ce, adv, total (whatever the generator reports). */
  losses: Record<string, number>;
  pcd: number | null;
}

/** Where the last training run stands (kept after the run). */
export interface TrainingStatus {
  epoch: number;
  /** Most epochs the run may take (it can stop earlier). */
  epochs: number;
  /** Estimated time left, in ms; null once the run is over or when unknown. */
  etaMs: number | null;
  /** tfjs backend the training runs on, e.g. `wasm`. */
  backend: string | null;
}

/** Default seed of a fresh page (the CLI's default too). */
export const DEFAULT_SEED = 42;
/** Default holdout share of the report, in % (DESIGN.md §5: a stratified 30% split). */
export const DEFAULT_HOLDOUT_PERCENT = 30;
/** Fewest rows a holdout may keep; below this the run goes without one (the engine refuses fewer than 2). */
export const MIN_HOLDOUT_ROWS = 5;

function defaultsOf(info: GeneratorInfo | undefined): OptionValues {
  const out: OptionValues = {};
  for (const o of info?.options ?? []) out[o.key] = o.default;
  return out;
}

/** Words for the progress bar. */
export function describeProgress(p: Progress | null): string {
  if (!p) return 'Starting…';
  switch (p.stage) {
    case 'parse':
      return 'Reading the file';
    case 'tune':
      return `Choosing ${p.option} automatically (trying ${p.option} = ${p.value})`;
    case 'fit':
      return p.message ?? 'Fitting';
    case 'train':
      return `Training, epoch ${p.epoch} of ${p.epochs}${p.backend ? ` (${p.backend})` : ''}`;
    case 'sample':
      return 'Sampling rows';
    case 'evaluate':
      return p.message ?? 'Evaluating';
  }
}

/**
 * The whole per-epoch history of a result's fit (`FitReport.history`), or null when the result has none. The live
 * history can miss epochs (progress is throttled to ~10 Hz); this one cannot.
 */
export function historyOfResult(result: GenerateResult | null): TrainPoint[] | null {
  const h = result?.fit.history;
  if (!h?.length) return null;
  return h.map((e) => ({ epoch: e.epoch, losses: { ...e.losses }, pcd: e.validation ?? null }));
}

/** "about 40 s left", "about 3 min left" (the estimate's words, describeSeconds); null when unknown. */
export function describeEta(ms: number | null | undefined): string | null {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return null;
  return ms < 1000 ? 'almost done' : `${describeSeconds(ms / 1000)} left`;
}

export class RunState {
  generators = $state.raw<GeneratorInfo[]>([]);
  generatorId = $state('');
  /** Option values of the selected generator; `null` = automatic (only where the spec's default is null). */
  options = $state<OptionValues>({});
  /** Rows to generate; set to the input's row count on each load. */
  rows = $state<number | null>(null);
  seed = $state(DEFAULT_SEED);
  /** Compute backend of neural generators (a run setting; shown only when the selected generator is neural). */
  backend = $state<BackendChoice>('auto');
  /** Compute the evaluation report after sampling (in the worker). @default true */
  evaluate = $state(true);
  /** Share of real rows kept away from the generator for the report's privacy and utility tests, in %. @default 30 */
  holdoutPercent = $state(DEFAULT_HOLDOUT_PERCENT);
  /**
   * Replace exact copies of unique training rows, or drop / replace synthetic rows closer to a training row than the
   * holdout's 5th percentile. Follows the selected generator's default (its info's `privacyFilter`, else 'off')
   * until the user picks one.
   */
  privacyFilter = $state<PrivacyFilterMode>('off');
  /** The user chose the privacy filter this session: picking another generator then keeps their choice. */
  filterPicked = $state(false);
  /** Columns an attacker may know (the report's attacks and k-anonymity); empty: the report picks them by name. */
  quasiIdentifiers = $state<string[]>([]);
  /** Every quasi-identifier combination in the output gets at least this many real rows (1: nothing enforced). */
  kAnonymity = $state(1);

  phase = $state<Phase>('idle');
  progress = $state.raw<Progress | null>(null);
  /** A neutral remark after a run, e.g. "Cancelled." */
  notice = $state<string | null>(null);
  result = $state.raw<GenerateResult | null>(null);
  /** Download name of `result`: `<input>.synthetic.csv`. */
  resultFileName = $state('synthetic.csv');
  /** Name of the input file `result` was made from (the report's downloads are `<input>.report.json|html`). */
  resultInputName = $state('data.csv');
  /** Per-epoch history of the last training run (neural generators); reset when a run starts, kept after it. */
  trainHistory = $state.raw<TrainPoint[]>([]);
  /** Epoch, ETA and backend of the last training run; null when the last run did not train a network. */
  training = $state.raw<TrainingStatus | null>(null);
  /** The user chose the generator in the Method list this session: loading a table then keeps their choice. */
  generatorPicked = $state(false);

  readonly generator: GeneratorInfo | undefined = $derived(this.generators.find((g) => g.id === this.generatorId));
  readonly basicOptions: OptionSpec[] = $derived(this.generator?.options.filter((o) => !o.advanced) ?? []);
  readonly advancedOptions: OptionSpec[] = $derived(this.generator?.options.filter((o) => o.advanced) ?? []);

  /** The automatic option's scores: live from 'tune' progress while running, else from the last result's fit. */
  readonly tuning: TuningView | null = $derived.by(() => {
    const p = this.progress;
    if (p?.stage === 'tune' && this.phase !== 'idle')
      return { option: p.option, metric: p.metric, scores: p.scores, chosen: null };
    const t = this.result?.fit.tuning;
    return t ? { option: t.option, metric: t.metric, scores: t.scores, chosen: t.chosen } : null;
  });

  /** "GenerativeMTD" (or "A or B"): the generators whose trained models can be saved, for the page's wording. */
  readonly savableLabels: string = $derived(savableLabels(this.generators));

  /** The compute backend means something for the selected generator (it is neural). */
  readonly usesBackend: boolean = $derived(this.generator?.capabilities.neural === true);

  /** The holdout share asked for: none when neither the report nor the privacy filter needs one. */
  readonly holdoutFraction: number = $derived(
    this.evaluate || usesThreshold(this.privacyFilter) ? this.holdoutPercent / 100 : 0,
  );

  /**
   * The holdout share sent to the worker for a file of `nRows` rows: 0 when the holdout would keep fewer than
   * `MIN_HOLDOUT_ROWS` rows (a 4-row file cannot spare any; the report then runs without the holdout tests).
   */
  holdoutFor(nRows: number): number {
    return nRows * this.holdoutFraction < MIN_HOLDOUT_ROWS ? 0 : this.holdoutFraction;
  }

  readonly percent: number = $derived(Math.round(Math.max(0, Math.min(1, this.progress?.fraction ?? 0)) * 100));

  setGenerators(list: GeneratorInfo[], preferred: string): void {
    this.generators = list;
    const id = list.some((g) => g.id === preferred) ? preferred : (list[0]?.id ?? '');
    this.selectGenerator(id);
  }

  /** Picks a generator and resets its options to their defaults (and the privacy filter, unless the user chose one). */
  selectGenerator(id: string): void {
    this.generatorId = id;
    const info = this.generators.find((g) => g.id === id);
    this.options = defaultsOf(info);
    if (!this.filterPicked) this.privacyFilter = info?.privacyFilter ?? 'off';
  }

  /** The user's own choice of privacy filter. */
  pickFilter(mode: PrivacyFilterMode): void {
    this.filterPicked = true;
    this.privacyFilter = mode;
  }

  /** A stored session's filter: a choice of the user's when it differs from its generator's default. */
  restoreFilter(mode: PrivacyFilterMode): void {
    this.privacyFilter = mode;
    this.filterPicked = mode !== (this.generator?.privacyFilter ?? 'off');
  }

  /** The user's own choice in the Method list (unlike `selectGenerator`, which defaults and restores also use). */
  pickGenerator(id: string): void {
    this.generatorPicked = true;
    this.selectGenerator(id);
  }

  /** A run starts: forget the last run's training history. */
  resetTraining(): void {
    this.trainHistory = [];
    this.training = null;
  }

  /** Every progress report of a run: shown as is, and 'train' reports add to the history (one point per epoch). */
  onProgress(p: Progress): void {
    this.progress = p;
    if (p.stage !== 'train') return;
    this.training = {
      epoch: p.epoch,
      epochs: p.epochs,
      etaMs: p.etaMs ?? null,
      backend: p.backend ?? this.training?.backend ?? null,
    };
    const point: TrainPoint = { epoch: p.epoch, losses: { ...p.losses }, pcd: p.validation ?? null };
    const last = this.trainHistory.at(-1);
    if (!last || p.epoch > last.epoch) this.trainHistory = [...this.trainHistory, point];
    else if (p.epoch === last.epoch) this.trainHistory = [...this.trainHistory.slice(0, -1), point];
  }

  /** A run ended (finished, failed or cancelled): no more ETA; a finished run's full history replaces the live one. */
  endTraining(result: GenerateResult | null): void {
    const full = historyOfResult(result);
    if (full) this.trainHistory = full;
    if (!this.training && !full) return;
    const last = this.trainHistory.at(-1);
    this.training = {
      epoch: last?.epoch ?? this.training?.epoch ?? 0,
      epochs: this.training?.epochs ?? last?.epoch ?? 0,
      etaMs: null,
      backend: result?.fit.backend ?? this.training?.backend ?? null,
    };
  }

  setOption(key: string, value: OptionValue): void {
    this.options[key] = value;
  }

  /** A fresh seed from the browser's CSPRNG (the page never uses Math.random). 0 … 999 999, easy to retype. */
  newSeed(): void {
    const buf = new Uint32Array(1);
    crypto.getRandomValues(buf);
    this.seed = (buf[0] ?? 0) % 1_000_000;
  }
}
