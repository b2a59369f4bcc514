/**
 * anonymeter's singling-out attack (Giomi et al. 2023; DESIGN.md §8). The attacker writes predicates that isolate one
 * synthetic row and bets each isolates one real person. Univariate: for each column, `== v` for a value that only one
 * synthetic row has, and for numbers `<= min` and `>= max` of the synthetic values. Multivariate: a random synthetic row
 * and `MULTI_COLUMNS` random columns; a number `>= v` when v is above the synthetic median, else `<= v`; a category
 * `== v`; kept when it matches exactly one synthetic row. Success: the predicate matches exactly one training row;
 * control: exactly one holdout row. As anonymeter, the training set is used whole, so with a holdout much smaller than
 * the training set the control rate is lower for chance reasons too (docs/privacy/risk.md).
 */
import { Rng } from '../../core/rng.js';
import type { Prepared, PreparedPart } from '../../metrics/prepare.js';
import { anonymeterRisk, wilson, type PrivacyRisk, type SuccessRate } from './wilson.js';
import { MAX_TARGETS } from './inference.js';

/** Columns in one multivariate predicate (anonymeter's example uses 4; fewer when the table has fewer). */
export const MULTI_COLUMNS = 3;

export interface Condition {
  col: number;
  op: 'eq' | 'le' | 'ge';
  value: number;
}
export type Predicate = Condition[];

export type Counted = SuccessRate & { successes: number; trials: number };

export interface SinglingOutRisk {
  mode: 'univariate' | 'multivariate';
  attack: Counted;
  control: Counted;
  risk: PrivacyRisk;
}

function holds(c: Condition, part: PreparedPart, i: number): boolean {
  const v = part.values[c.col]![i]!;
  return c.op === 'eq' ? v === c.value : c.op === 'le' ? v <= c.value : v >= c.value;
}

/** Rows of `part` that satisfy every condition, counting stops at `limit`. */
export function matchCount(q: Predicate, part: PreparedPart, limit = 2): number {
  let n = 0;
  for (let i = 0; i < part.n && n < limit; i++) if (q.every((c) => holds(c, part, i))) n++;
  return n;
}

/** anonymeter's univariate predicates from the synthetic rows, all of them (the caller draws a subset). */
export function univariatePredicates(P: Prepared): Predicate[] {
  const out: Predicate[] = [];
  const S = P.synth;
  P.names.forEach((_, j) => {
    const v = S.values[j]!;
    const counts = new Map<number, number>();
    for (const x of v) counts.set(x, (counts.get(x) ?? 0) + 1);
    for (const [x, c] of counts) if (c === 1) out.push([{ col: j, op: 'eq', value: x }]);
    if (P.kinds[j] === 'num' && v.length) {
      let lo = Infinity;
      let hi = -Infinity;
      for (const x of v) {
        lo = Math.min(lo, x);
        hi = Math.max(hi, x);
      }
      out.push([{ col: j, op: 'le', value: lo }], [{ col: j, op: 'ge', value: hi }]);
    }
  });
  return out;
}

function medians(P: Prepared): number[] {
  return P.names.map((_, j) => {
    if (P.kinds[j] !== 'num') return 0;
    const a = Float64Array.from(P.synth.values[j]!).sort();
    const m = a.length >> 1;
    return a.length % 2 ? a[m]! : (a[m - 1]! + a[m]!) / 2;
  });
}

/** Up to `n` distinct multivariate predicates that each single out one synthetic row (at most 20·n tries). */
export function multivariatePredicates(P: Prepared, n: number, rng: Rng): Predicate[] {
  const p = P.names.length;
  const width = Math.min(MULTI_COLUMNS, p);
  const med = medians(P);
  const seen = new Set<string>();
  const out: Predicate[] = [];
  for (let t = 0; t < 20 * n && out.length < n && P.synth.n > 0; t++) {
    const row = rng.int(P.synth.n);
    const cols = Array.from(rng.choose(p, width)).sort((a, b) => a - b);
    const q: Predicate = cols.map((j) => {
      const value = P.synth.values[j]![row]!;
      const op = P.kinds[j] === 'cat' ? 'eq' : value > med[j]! ? 'ge' : 'le';
      return { col: j, op, value };
    });
    const key = JSON.stringify(q);
    if (seen.has(key)) continue;
    seen.add(key);
    if (matchCount(q, P.synth) === 1) out.push(q);
  }
  return out;
}

function counted(successes: number, trials: number): Counted {
  return { ...wilson(successes, trials), successes, trials };
}

/** Success counts of the predicates on the training rows and on the holdout, with the risk. */
export function scorePredicates(
  P: Prepared,
  queries: Predicate[],
  mode: SinglingOutRisk['mode'],
): SinglingOutRisk | null {
  if (!queries.length || !P.holdout) return null;
  const hold = P.holdout;
  const ka = queries.filter((q) => matchCount(q, P.real) === 1).length;
  const kc = queries.filter((q) => matchCount(q, hold) === 1).length;
  const attack = counted(ka, queries.length);
  const control = counted(kc, queries.length);
  return { mode, attack, control, risk: anonymeterRisk(attack, control) };
}

/** The attack with at most `MAX_TARGETS` predicates; null without a holdout or without a predicate. */
export function singlingOutRisk(P: Prepared, mode: SinglingOutRisk['mode'], seed: number): SinglingOutRisk | null {
  if (!P.holdout || P.holdout.n === 0 || P.synth.n === 0 || !P.names.length) return null;
  const rng = new Rng(seed);
  let queries: Predicate[];
  if (mode === 'univariate') {
    const all = univariatePredicates(P);
    queries = all.length > MAX_TARGETS ? Array.from(rng.choose(all.length, MAX_TARGETS), (i) => all[i]!) : all;
  } else queries = multivariatePredicates(P, MAX_TARGETS, rng);
  return scorePredicates(P, queries, mode);
}
