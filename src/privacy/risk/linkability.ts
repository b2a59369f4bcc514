/**
 * anonymeter's linkability attack (Giomi et al. 2023; DESIGN.md §8). The attacker holds two datasets about the same
 * people, one with the columns of set A, the other with set B, and wants to join them. For a target row, the
 * `NEIGHBOURS` nearest synthetic rows on A (Gower distance over A alone) and those on B are found; the link succeeds
 * when the two sets share a synthetic row. Attack: training rows as targets; control: holdout rows (what the synthetic
 * data links for anyone from the population). The split, when not given: the evaluated columns in table order, the
 * first ⌈p/2⌉ in A and the rest in B. At most `MAX_TARGETS` targets of each; cost O(targets · synthetic · p).
 */
import { Rng } from '../../core/rng.js';
import type { Prepared, PreparedPart } from '../../metrics/prepare.js';
import { GowerSpace, type GowerRows } from '../distance.js';
import { MAX_TARGETS, restrict } from './inference.js';
import type { Counted } from './singling-out.js';
import { anonymeterRisk, wilson, type PrivacyRisk } from './wilson.js';

/** Synthetic neighbours per half (anonymeter's `n_neighbors`, default 1). */
export const NEIGHBOURS = 1;

export interface LinkabilityRisk {
  columnsA: string[];
  columnsB: string[];
  neighbours: number;
  attack: Counted;
  control: Counted;
  risk: PrivacyRisk;
}

/** Indices of the `k` nearest rows of `R` to row q of `Q` (ties: the lower index). */
export function nearestK(G: GowerSpace, Q: GowerRows, q: number, R: GowerRows, k: number): number[] {
  const best: { d: number; i: number }[] = [];
  for (let r = 0; r < R.n; r++) {
    const d = G.distance(Q, q, R, r);
    if (best.length < k || d < best[best.length - 1]!.d) {
      best.push({ d, i: r });
      best.sort((a, b) => a.d - b.d || a.i - b.i);
      if (best.length > k) best.pop();
    }
  }
  return best.map((b) => b.i);
}

interface Half {
  P: Prepared;
  G: GowerSpace;
  S: GowerRows;
}

function half(P: Prepared, cols: number[]): Half {
  const Pc = restrict(P, cols);
  const G = new GowerSpace(Pc);
  return { P: Pc, G, S: G.rows(Pc.synth) };
}

function links(a: Half, b: Half, part: 'real' | 'holdout', k: number, rng: Rng): Counted {
  const src: PreparedPart = a.P[part]!;
  const idx = src.n > MAX_TARGETS ? rng.choose(src.n, MAX_TARGETS) : Int32Array.from({ length: src.n }, (_, i) => i);
  const QA = a.G.rows(a.P[part]!, idx);
  const QB = b.G.rows(b.P[part]!, idx);
  let hits = 0;
  for (let t = 0; t < idx.length; t++) {
    const na = new Set(nearestK(a.G, QA, t, a.S, k));
    if (nearestK(b.G, QB, t, b.S, k).some((i) => na.has(i))) hits++;
  }
  return { ...wilson(hits, idx.length), successes: hits, trials: idx.length };
}

/** The default split: the first ⌈p/2⌉ columns and the rest. */
export function splitColumns(names: readonly string[]): [string[], string[]] {
  const h = Math.ceil(names.length / 2);
  return [names.slice(0, h), names.slice(h)];
}

/** The attack; null without a holdout, without synthetic rows or with fewer than 2 columns. */
export function linkabilityRisk(
  P: Prepared,
  seed: number,
  split: [string[], string[]] = splitColumns(P.names),
  k = NEIGHBOURS,
): LinkabilityRisk | null {
  const [A, B] = split.map((names) => names.map((n) => P.names.indexOf(n)).filter((j) => j >= 0));
  if (!A!.length || !B!.length || !P.holdout || P.holdout.n === 0 || P.synth.n === 0) return null;
  const ha = half(P, A!);
  const hb = half(P, B!);
  const rng = new Rng(seed);
  const attack = links(ha, hb, 'real', k, rng);
  const control = links(ha, hb, 'holdout', k, rng);
  return {
    columnsA: ha.P.names,
    columnsB: hb.P.names,
    neighbours: k,
    attack,
    control,
    risk: anonymeterRisk(attack, control),
  };
}
