/**
 * anonymeter's attribute-inference attack (Giomi et al. 2023; DESIGN.md §8). The attacker knows every column of a
 * person's row but the secret one; the nearest synthetic row on those columns (Gower distance) guesses the secret,
 * a success when it equals the truth (numbers: within 5% of it, anonymeter's tolerance). Run on training rows (the
 * attack) and on holdout rows (the control: what the synthetic data reveals about anyone from the population);
 * risk = (attack − control) / (1 − control) with Wilson intervals. At most `MAX_TARGETS` rows of each, as
 * anonymeter's default of 500 attacks; cost O(targets · synthetic · p).
 */
import { Rng } from '../../core/rng.js';
import type { Prepared, PreparedPart } from '../../metrics/prepare.js';
import { GowerSpace, type GowerRows } from '../distance.js';
import { anonymeterRisk, wilson, type PrivacyRisk, type SuccessRate } from './wilson.js';

export const MAX_TARGETS = 500;
/** A numerical guess within this share of the true value counts as a success. */
export const TOLERANCE = 0.05;

export interface InferenceRisk {
  secret: string;
  attack: SuccessRate & { successes: number; trials: number };
  control: SuccessRate & { successes: number; trials: number };
  risk: PrivacyRisk;
}

/** `P` with only the columns `cols` (the distance space of the auxiliary columns). */
export function restrict(P: Prepared, cols: number[]): Prepared {
  const part = (p: PreparedPart): PreparedPart => ({
    n: p.n,
    raw: cols.map((j) => p.raw[j]!),
    values: cols.map((j) => p.values[j]!),
  });
  return {
    names: cols.map((j) => P.names[j]!),
    kinds: cols.map((j) => P.kinds[j]!),
    levels: cols.map((j) => P.levels[j]!),
    realLevels: cols.map((j) => P.realLevels[j]!),
    min: cols.map((j) => P.min[j]!),
    max: cols.map((j) => P.max[j]!),
    real: part(P.real),
    synth: part(P.synth),
    holdout: P.holdout ? part(P.holdout) : null,
    target: -1,
  };
}

function nearestIndex(G: GowerSpace, Q: GowerRows, q: number, R: GowerRows): number {
  let best = Infinity;
  let at = 0;
  for (let r = 0; r < R.n; r++) {
    const d = G.distance(Q, q, R, r);
    if (d < best) {
      best = d;
      at = r;
    }
  }
  return at;
}

function successes(
  P: Prepared,
  Pa: Prepared,
  G: GowerSpace,
  part: 'real' | 'holdout',
  s: number,
  rng: Rng,
): [number, number] {
  const src = P[part]!;
  const idx = src.n > MAX_TARGETS ? rng.choose(src.n, MAX_TARGETS) : Int32Array.from({ length: src.n }, (_, i) => i);
  const Q = G.rows(Pa[part]!, idx);
  const S = G.rows(Pa.synth);
  const truth = src.values[s]!;
  const guess = P.synth.values[s]!;
  const num = P.kinds[s] === 'num';
  let k = 0;
  for (let a = 0; a < idx.length; a++) {
    const t = truth[idx[a]!]!;
    const g = guess[nearestIndex(G, Q, a, S)]!;
    if (num ? Math.abs(g - t) <= TOLERANCE * Math.abs(t) : g === t) k++;
  }
  return [k, idx.length];
}

/** The attack on secret column `secret`; null without a holdout or without other columns. */
export function inferenceRisk(P: Prepared, secret: string, seed: number): InferenceRisk | null {
  const s = P.names.indexOf(secret);
  const aux = P.names.flatMap((_, j) => (j === s ? [] : [j]));
  if (s < 0 || !aux.length || !P.holdout || P.holdout.n === 0 || P.synth.n === 0) return null;
  const Pa = restrict(P, aux);
  const G = new GowerSpace(Pa);
  const rng = new Rng(seed);
  const [ka, na] = successes(P, Pa, G, 'real', s, rng);
  const [kc, nc] = successes(P, Pa, G, 'holdout', s, rng);
  const attack = { ...wilson(ka, na), successes: ka, trials: na };
  const control = { ...wilson(kc, nc), successes: kc, trials: nc };
  return { secret, attack, control, risk: anonymeterRisk(attack, control) };
}
