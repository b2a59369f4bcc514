/**
 * Conditions for the copula's conditional sampling, in the user's terms (column names, labels, numbers), turned
 * into constraints on the normal scores: a fixed number becomes a point (Gaussian conditioning), a range of numbers,
 * a category or a set of categories becomes a set of intervals (a truncated normal).
 */
import { OptionError, SchemaError } from '../../core/errors.js';
import type { ModelColumn, ModelLayout } from '../../transforms/model-data.js';
import type { IntervalSet } from './gaussian.js';
import { normalScore, type CatMarginal, type Marginal, type NumMarginal } from '../shared/marginals.js';
import { normInv } from '../../transforms/special-functions.js';

/**
 * One condition: a number or a category label (fixed value), `{ min, max }` (a range of a numerical column,
 * either end optional, inclusive), or `{ oneOf: [...] }` (any of several categories).
 */
export type ConditionValue = number | string | { min?: number; max?: number } | { oneOf: readonly (string | number)[] };
/** Conditions by column name (the user's column names). */
export type Conditions = Record<string, ConditionValue>;

export interface ConditionPlan {
  /** Model dimensions fixed to a normal score; `value` is written to the output as is. */
  points: { dim: number; z: number; value: number }[];
  /** Model dimensions restricted to a union of normal-score intervals. */
  sets: { dim: number; set: IntervalSet }[];
}

/** Resolves `conditions` against the fitted layout and marginals (`nTrain` = training rows, for score clipping). */
export function planConditions(
  conditions: Conditions,
  layout: ModelLayout,
  marginals: Marginal[],
  nTrain: number,
): ConditionPlan {
  const plan: ConditionPlan = { points: [], sets: [] };
  for (const [name, cond] of Object.entries(conditions)) {
    const out = layout.outputs.find((o) => o.schema.name === name);
    if (!out) {
      throw new SchemaError(
        'UNKNOWN_COLUMN',
        `Cannot condition on "${name}": no such modelled column. Columns: ${layout.outputs.map((o) => o.schema.name).join(', ')}.`,
        { column: name },
      );
    }
    if (out.kind !== 'model' || out.value < 0) {
      throw new OptionError(
        `Cannot condition on "${name}": it is ${out.kind === 'id' ? 'an id column' : 'constant in the training data'}, so it is not modelled.`,
        { column: name },
      );
    }
    const target: Target = { name, dim: out.value, col: layout.columns[out.value]!, indicator: out.indicator };
    const m = marginals[target.dim]!;
    if (m.kind === 'cat') planCategories(plan, target, cond, m);
    else planNumber(plan, target, cond, m, marginals, nTrain);
  }
  return plan;
}

/** The modelled column a condition is on: its model dimension and that of its missing-indicator (−1 if none). */
interface Target {
  name: string;
  dim: number;
  col: ModelColumn;
  indicator: number;
}

/** A label or `{ oneOf }`: the union of the categories' intervals. */
function planCategories(plan: ConditionPlan, t: Target, cond: ConditionValue, m: CatMarginal): void {
  const { name, col } = t;
  const labels = typeof cond === 'object' && 'oneOf' in cond ? cond.oneOf : typeof cond === 'object' ? null : [cond];
  if (!labels)
    throw new OptionError(`"${name}" is categorical: give a label or { oneOf: [labels] }, not a range.`, {
      column: name,
    });
  const slots = labels.map((l) => {
    const code = col.levels.indexOf(String(l));
    const k = code >= 0 ? m.slot[code]! : -1;
    if (k < 0) {
      throw new OptionError(
        `"${name}" has no category "${String(l)}" in the training data. Categories: ${col.levels.filter((_, c) => m.slot[c]! >= 0).join(', ')}.`,
        { column: name },
      );
    }
    return k;
  });
  plan.sets.push({ dim: t.dim, set: mergeIntervals(slots.map((k) => [normInv(m.cuts[k]!), normInv(m.cuts[k + 1]!)])) });
}

/** A number (a point) or `{ min, max }` (an interval); either way the cell must not come out missing. */
function planNumber(
  plan: ConditionPlan,
  t: Target,
  cond: ConditionValue,
  m: NumMarginal,
  marginals: Marginal[],
  nTrain: number,
): void {
  const { name, col, dim } = t;
  let lo: number;
  let hi: number;
  if (typeof cond === 'object') {
    if ('oneOf' in cond)
      throw new OptionError(`"${name}" is numerical: give a number or { min, max }.`, { column: name });
    lo = cond.min ?? -Infinity;
    hi = cond.max ?? Infinity;
  } else {
    const v = Number(cond);
    if (!Number.isFinite(v))
      throw new OptionError(`"${name}" is numerical: "${String(cond)}" is not a number.`, { column: name });
    if (v < col.min || v > col.max) {
      throw new OptionError(`"${name}" = ${v} is outside the training range [${col.min}, ${col.max}].`, {
        column: name,
      });
    }
    plan.points.push({ dim, z: normalScore(m.dist.cdf(v), nTrain), value: v });
    lo = hi = NaN;
  }
  if (!Number.isNaN(lo)) {
    // integer columns are rounded after sampling: allow exactly the values that round into the range
    if (col.integer) {
      lo = Math.ceil(lo) - 0.5;
      hi = Math.floor(hi) + 0.5;
    }
    if (!(lo < hi) || lo >= col.max || hi <= col.min) {
      throw new OptionError(
        `"${name}": the range [${lo}, ${hi}] holds no value of the training range [${col.min}, ${col.max}].`,
        { column: name },
      );
    }
    const zLo = lo <= col.min ? -Infinity : normInv(m.dist.cdf(lo));
    const zHi = hi >= col.max ? Infinity : normInv(m.dist.cdf(hi));
    if (!(zLo < zHi))
      throw new OptionError(`"${name}": the fitted distribution gives the range [${lo}, ${hi}] no probability.`, {
        column: name,
      });
    plan.sets.push({ dim, set: [[zLo, zHi]] });
  }
  // a condition on a number asks for that number: the cell must not come out missing
  if (t.indicator >= 0) {
    const ind = marginals[t.indicator]!;
    if (ind.kind === 'cat' && ind.slot[0]! >= 0) {
      const k = ind.slot[0]!;
      plan.sets.push({ dim: t.indicator, set: [[normInv(ind.cuts[k]!), normInv(ind.cuts[k + 1]!)]] });
    }
  }
}

/** Sorts intervals and merges touching ones (adjacent categories share a boundary). */
function mergeIntervals(set: [number, number][]): IntervalSet {
  const s = [...set].sort((a, b) => a[0] - b[0]);
  const out: IntervalSet = [];
  for (const iv of s) {
    const last = out[out.length - 1];
    if (last && iv[0] <= last[1]) last[1] = Math.max(last[1], iv[1]);
    else out.push([iv[0], iv[1]]);
  }
  return out;
}
