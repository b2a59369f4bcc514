/**
 * Rare levels grouped for the one-hot work of the report (issue 22): the one-hot PCD, detection, the utility models,
 * clustering and the projection build one column per level, so a 50 000-level column would need a 50 000-column
 * design and a correlation matrix of 2.5·10⁹ cells. Such a column keeps its most frequent real levels and the rest
 * become one "other" level there; the column shapes, pair trends, the mixed association matrix and the privacy
 * distances still see every level.
 */
import type { Prepared, PreparedPart } from './prepare.js';

/**
 * Levels a categorical column keeps in one-hot work. Wide enough that the tables the project is measured on (at most
 * a few dozen levels a column) are untouched, so their reports stay as they were; narrow enough that a design of a
 * few such columns stays a few hundred columns wide, which the models fit in seconds.
 */
export const MAX_ONE_HOT_LEVELS = 20;
/** The label of the grouped rare levels. */
export const OTHER_LEVEL = 'other';

export interface LevelGrouping {
  column: string;
  /** levels of the column in the report (real and synthetic together) */
  levels: number;
  /** levels kept as they are (the most frequent in the real table) */
  kept: number;
  /** levels grouped as OTHER_LEVEL */
  grouped: number;
}

/** The most frequent real codes of column `codes` (ties: the lower code), at most `max`. */
function topCodes(codes: Float64Array, realLevels: number, max: number): number[] {
  const count = new Float64Array(realLevels);
  for (const c of codes) if (c < realLevels) count[c]!++;
  const order = Array.from({ length: realLevels }, (_, c) => c).filter((c) => count[c]! > 0);
  order.sort((a, b) => count[b]! - count[a]! || a - b);
  return order.slice(0, max).sort((a, b) => a - b);
}

/**
 * `P` with each categorical column of more than `max` levels reduced to its `max` most frequent real levels plus
 * OTHER_LEVEL; `P` itself is returned (and `grouped` is empty) when no column has that many.
 */
export function groupRareLevels(P: Prepared, max = MAX_ONE_HOT_LEVELS): { P: Prepared; grouped: LevelGrouping[] } {
  const wide = P.names.map((_, j) => j).filter((j) => P.kinds[j] === 'cat' && P.levels[j]!.length > max);
  if (!wide.length) return { P, grouped: [] };
  const levels = P.levels.slice();
  const realLevels = P.realLevels.slice();
  const maps = new Map<number, Int32Array>();
  const grouped: LevelGrouping[] = [];
  for (const j of wide) {
    const keep = topCodes(P.real.values[j]!, P.realLevels[j]!, max);
    const map = new Int32Array(P.levels[j]!.length).fill(keep.length);
    keep.forEach((c, k) => (map[c] = k));
    maps.set(j, map);
    levels[j] = [...keep.map((c) => P.levels[j]![c]!), OTHER_LEVEL];
    const realOther = P.real.values[j]!.some((c) => map[c] === keep.length);
    realLevels[j] = keep.length + (realOther ? 1 : 0);
    grouped.push({
      column: P.names[j]!,
      levels: P.levels[j]!.length,
      kept: keep.length,
      grouped: P.levels[j]!.length - keep.length,
    });
  }
  const part = (p: PreparedPart): PreparedPart => ({
    n: p.n,
    raw: p.raw,
    values: p.values.map((v, j) => (maps.has(j) ? Float64Array.from(v, (c) => maps.get(j)![c]!) : v)),
  });
  return {
    P: { ...P, levels, realLevels, real: part(P.real), synth: part(P.synth), holdout: P.holdout && part(P.holdout) },
    grouped,
  };
}

/** The report's line for one grouped column. */
export function groupingNote(g: LevelGrouping): string {
  return `column ${g.column}: ${g.grouped.toLocaleString('en-US')} rare levels of ${g.levels.toLocaleString('en-US')} grouped as '${OTHER_LEVEL}' for the one-hot PCD and the models (the ${g.kept} most frequent kept)`;
}
