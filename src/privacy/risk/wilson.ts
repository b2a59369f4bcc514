/**
 * Success rates of privacy attacks and the risk they imply, as anonymeter computes them (Giomi et al. 2023; DESIGN.md
 * §8): the Wilson score interval of a success count, and the risk = (attack rate − control rate) / (1 − control rate)
 * with its error propagated to first order, clipped to [0, 1].
 */
import { normalQuantile } from './dcr-interval.js';

export interface SuccessRate {
  /** Wilson centre (k + z²/2) / (n + z²) */
  rate: number;
  /** half-width of the Wilson interval */
  error: number;
}

export interface PrivacyRisk {
  value: number;
  lo: number;
  hi: number;
}

/** Wilson score interval of `k` successes in `n` trials at `confidence` (anonymeter's `SuccessRate`). */
export function wilson(k: number, n: number, confidence = 0.95): SuccessRate {
  if (!(n > 0) || k < 0 || k > n) throw new RangeError(`need 0 ≤ successes ≤ trials, trials > 0 (got ${k} of ${n})`);
  const z = normalQuantile(0.5 + confidence / 2);
  const z2 = z * z;
  return {
    rate: (k + z2 / 2) / (n + z2),
    error: (z / (n + z2)) * Math.sqrt((k * (n - k)) / n + z2 / 4),
  };
}

const clip = (x: number): number => Math.min(1, Math.max(0, x));

/**
 * The attack's success beyond what the control set (real rows the generator never saw) already gives the attacker.
 * 0 when the synthetic rows tell nothing about the training rows that they do not tell about any real row.
 */
export function anonymeterRisk(attack: SuccessRate, control: SuccessRate): PrivacyRisk {
  const value = (attack.rate - control.rate) / (1 - control.rate);
  const dAttack = 1 / Math.abs(1 - control.rate);
  const dControl = Math.abs(attack.rate - 1) / (1 - control.rate) ** 2;
  const error = Math.hypot(attack.error * dAttack, control.error * dControl);
  return { value: clip(value), lo: clip(value - error), hi: clip(value + error) };
}
