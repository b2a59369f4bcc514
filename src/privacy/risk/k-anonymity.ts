/**
 * k-anonymity support (DESIGN.md §8). Each row is reduced to its quasi-identifier key (the caller generalises first:
 * `quasiKeys` in ./keys.ts); support(key) = the number of real training rows with that key. The real table's own k is
 * its smallest support; a synthetic row with 1 ≤ support < k reproduces a rare real combination, the disclosure this
 * measures. Synthetic keys with no real support are new combinations and do not count. O(n) with a hash map.
 */

export interface KAnonymityReport {
  k: number;
  /** smallest support among the real rows (the real table is realK-anonymous); 0 for an empty table */
  realK: number;
  /** distinct real keys */
  realClasses: number;
  /** synthetic rows whose key matches 1 ≤ support < k real rows */
  rareRows: number;
  rareShare: number;
  /** synthetic rows whose key no real row has */
  unmatchedShare: number;
}

export function kAnonymity(real: readonly string[], synth: readonly string[], k = 5): KAnonymityReport {
  if (!(k >= 1)) throw new RangeError(`k must be ≥ 1, got ${k}`);
  const support = new Map<string, number>();
  for (const key of real) support.set(key, (support.get(key) ?? 0) + 1);
  let realK = real.length ? Infinity : 0;
  for (const c of support.values()) realK = Math.min(realK, c);
  let rare = 0;
  let unmatched = 0;
  for (const key of synth) {
    const s = support.get(key) ?? 0;
    if (s === 0) unmatched++;
    else if (s < k) rare++;
  }
  const n = Math.max(1, synth.length);
  return {
    k,
    realK,
    realClasses: support.size,
    rareRows: rare,
    rareShare: rare / n,
    unmatchedShare: unmatched / n,
  };
}
