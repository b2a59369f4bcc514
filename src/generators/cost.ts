/**
 * A generator's cost model (`capabilities.cost` in its info): plain data, so the page can estimate a run's time
 * before Generate without loading generator code, and the CLI can print the same estimate. The coefficients are
 * calibrated by bench/estimate.bench.ts (estimated against measured fit + sample seconds, bench/results/estimate.md)
 * on the single-core wasm speed of the development machine; src/api/estimate.ts evaluates them.
 */

/**
 * What a term multiplies: the table's training rows, the rows to generate, the modelled columns, the one-hot width
 * (numerical columns plus the levels of categorical ones), or an option's value.
 */
export type CostMeasure = 'rows' | 'sampleRows' | 'columns' | 'width';

/**
 * An option's numerical value; `auto` stands for an automatic (null) value (e.g. the mean of the k values tried),
 * and `atMostRows` caps the value at the training rows (a batch never holds more rows than the table).
 */
export interface OptionFactor {
  option: string;
  auto?: number;
  atMostRows?: boolean;
}

export type CostFactor = CostMeasure | OptionFactor;

/** `seconds` (or milliseconds, inside `msPerStep`) times the product of `per` (none: a constant). */
export interface CostTerm {
  seconds: number;
  per: readonly CostFactor[];
}

/** A neural generator's training: steps × time per step, the time per step measured when a run has measured it. */
export interface TrainingCost {
  /** The option giving the most epochs. */
  epochs: string;
  /** Options whose product is the steps of one epoch (empty: one step per epoch). */
  stepsPerEpoch: readonly string[];
  /**
   * Milliseconds per training step on wasm (its share of the per-epoch check included), as terms (`seconds` holds
   * milliseconds here): replaced by a measured step time scaled to this model size when one is known.
   */
  msPerStep: readonly CostTerm[];
}

export interface CostModel {
  /** Seconds of everything but training (preparing, fitting a classical model, sampling): the terms' sum. */
  terms: readonly CostTerm[];
  /** Present for neural generators. */
  training?: TrainingCost;
}
