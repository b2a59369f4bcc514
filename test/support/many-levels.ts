/**
 * High-cardinality tables for the report's bounds (issue 22 item 3): a number, a `levels`-level categorical drawn
 * so that most levels repeat (so it is not taken for an id column), and a `classes`-class target.
 */
import { Rng } from '../../src/core/rng.js';

export interface ManyLevelsSpec {
  rows: number;
  /** levels of each wide categorical column, e.g. [5000, 50000] */
  levels: number[];
  classes: number;
  seed: number;
}

/** The table as CSV text (header `x,c0,c1,…,y`). */
export function manyLevelsCsv(spec: ManyLevelsSpec): string {
  const rng = new Rng(spec.seed);
  const head = ['x', ...spec.levels.map((_, k) => `c${k}`), 'y'];
  const lines = [head.join(',')];
  for (let i = 0; i < spec.rows; i++) {
    const y = Math.floor(rng.next() ** 2 * spec.classes);
    const cells = [(rng.normal() + y / spec.classes).toFixed(3)];
    // a squared uniform: a few frequent levels and a long tail of rare ones, as real many-level columns have
    for (const L of spec.levels) cells.push(`L${Math.floor(rng.next() ** 2 * L)}`);
    cells.push(`k${y}`);
    lines.push(cells.join(','));
  }
  return lines.join('\n') + '\n';
}
