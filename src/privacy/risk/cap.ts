/**
 * Disclosure protection against the correct attribution probability (CAP) attack, as SDMetrics'
 * DisclosureProtection (DESIGN.md §8). The attacker knows a real row's key columns, finds the synthetic rows with
 * the same key and guesses the sensitive columns from them; the row's CAP is the share of those synthetic rows whose
 * sensitive values equal the real row's. protection = 1 − mean CAP; score = min(protection / baseline, 1) with
 * baseline = 1 − 1 / Π (distinct real values of each sensitive column), the protection against random guessing.
 * Real rows whose key no synthetic row has: skipped ('cap', SDMetrics' default) or counted as CAP 0, fully protected
 * ('zero_cap'). Rows are given as already discretised keys (numbers in 10 bins: ./keys.ts). O(n) with hash maps.
 */

export type CapMethod = 'cap' | 'zero_cap';

export interface DisclosureProtection {
  method: CapMethod;
  /** min(protection / baseline, 1); 1 when both are 0 */
  score: number;
  /** 1 − mean CAP over the real rows counted */
  protection: number;
  baseline: number;
  /** real rows that entered the mean */
  rows: number;
}

export function disclosureProtection(
  realKey: readonly string[],
  realSecret: readonly string[],
  synthKey: readonly string[],
  synthSecret: readonly string[],
  secretLevels: readonly number[],
  method: CapMethod = 'cap',
): DisclosureProtection {
  const classes = new Map<string, Map<string, number>>();
  const sizes = new Map<string, number>();
  for (let i = 0; i < synthKey.length; i++) {
    const key = synthKey[i]!;
    let m = classes.get(key);
    if (!m) classes.set(key, (m = new Map()));
    m.set(synthSecret[i]!, (m.get(synthSecret[i]!) ?? 0) + 1);
    sizes.set(key, (sizes.get(key) ?? 0) + 1);
  }
  let sum = 0;
  let rows = 0;
  for (let i = 0; i < realKey.length; i++) {
    const m = classes.get(realKey[i]!);
    if (!m) {
      if (method === 'zero_cap') rows++;
      continue;
    }
    sum += (m.get(realSecret[i]!) ?? 0) / sizes.get(realKey[i]!)!;
    rows++;
  }
  const protection = rows ? 1 - sum / rows : 1;
  const baseline = 1 - 1 / secretLevels.reduce((a, b) => a * Math.max(1, b), 1);
  return { method, score: protectionScore(protection, baseline), protection, baseline, rows };
}

/** SDMetrics' final step alone: the score from a protection and a baseline. */
export function protectionScore(protection: number, baseline: number): number {
  return baseline === 0 ? (protection === 0 ? 0 : 1) : Math.min(protection / baseline, 1);
}
