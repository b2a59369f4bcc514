/** Shared checks of a synthetic CSV (as parsed rows, header first) against the real one it was made from. */
import { expect } from 'vitest';

/**
 * Same header; every column finite, inside the real min/max and integer where the real one is; with
 * `levels`, columns of ≤ 10 distinct real values only take real values.
 */
export function expectValidSynthetic(real: string[][], rows: string[][], opts: { levels?: boolean } = {}): void {
  expect(rows[0]).toEqual(real[0]);
  for (let j = 0; j < real[0]!.length; j++) {
    const rv = real.slice(1).map((x) => Number(x[j]));
    const sv = rows.slice(1).map((x) => Number(x[j]));
    expect(sv.every(Number.isFinite)).toBe(true);
    expect(Math.min(...sv)).toBeGreaterThanOrEqual(Math.min(...rv));
    expect(Math.max(...sv)).toBeLessThanOrEqual(Math.max(...rv));
    if (rv.every(Number.isInteger)) expect(sv.every(Number.isInteger)).toBe(true);
    if (opts.levels) {
      const levels = new Set(real.slice(1).map((x) => x[j]));
      if (levels.size <= 10) for (const x of rows.slice(1)) expect(levels.has(x[j])).toBe(true);
    }
  }
}
