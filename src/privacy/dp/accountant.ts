/**
 * The RDP accountant of DP-SGD: the ε spent by a run of sampled Gaussian steps (possibly with changing σ or q), and the
 * noise multiplier that keeps a planned run within a target ε. Same semantics as Opacus' `RDPAccountant` and
 * `get_noise_multiplier` (RDP, ε tolerance 0.01), so its published numbers are reproducible here.
 */
import { composedRdp, DEFAULT_ORDERS, rdpToEpsilon, type EpsilonAtOrder } from './rdp.js';

/** A run of `steps` steps at one noise multiplier and sampling rate. */
export interface GaussianSteps {
  noiseMultiplier: number;
  sampleRate: number;
  steps: number;
}

function checkDelta(delta: number): void {
  if (!(delta > 0 && delta < 1)) throw new RangeError(`δ must be in (0, 1), got ${delta}`);
}

function checkSteps(s: GaussianSteps): void {
  if (!(s.sampleRate >= 0 && s.sampleRate <= 1)) throw new RangeError(`sample rate must be in [0, 1]`);
  if (!(s.noiseMultiplier >= 0) || !Number.isFinite(s.noiseMultiplier))
    throw new RangeError('noise multiplier must be ≥ 0');
  if (!Number.isInteger(s.steps) || s.steps < 0) throw new RangeError('steps must be a whole number ≥ 0');
}

/** ε (and the best order) at δ after the runs in `history`, composed by adding their RDP. */
export function epsilonSpent(
  history: readonly GaussianSteps[],
  delta: number,
  orders: readonly number[] = DEFAULT_ORDERS,
): EpsilonAtOrder {
  checkDelta(delta);
  if (!history.length) return { epsilon: 0, order: 0 };
  const total = orders.map(() => 0);
  for (const h of history) {
    checkSteps(h);
    composedRdp(h.sampleRate, h.noiseMultiplier, h.steps, orders).forEach((r, k) => (total[k]! += r));
  }
  return rdpToEpsilon(total, orders, delta);
}

/** Steps of a run of `epochs` epochs at sampling rate q: ⌊epochs/q⌋, as Opacus counts them. */
export function stepsForEpochs(epochs: number, sampleRate: number): number {
  if (!(epochs > 0) || !(sampleRate > 0 && sampleRate <= 1)) throw new RangeError('epochs > 0 and q in (0, 1] needed');
  return Math.trunc(epochs / sampleRate);
}

/** What the noise solver is asked for: a target (ε, δ), the sampling rate, and the run's length in steps. */
export interface NoiseTarget {
  epsilon: number;
  delta: number;
  sampleRate: number;
  steps: number;
  /** The solver stops once the found σ's ε is within this of the target from below (default 0.01). */
  tolerance?: number;
}

const MAX_SIGMA = 1e6;

/**
 * The smallest noise multiplier (to the tolerance) whose ε at δ after `steps` steps at rate q is at most the target:
 * doubles σ from 20 until ε ≤ target, then bisects between 0 and it until ε is within `tolerance` below the target.
 * The returned σ always meets the target (its ε ≤ target).
 */
export function noiseMultiplierFor(t: NoiseTarget): number {
  checkDelta(t.delta);
  if (!(t.epsilon > 0) || !Number.isFinite(t.epsilon)) throw new RangeError('the target ε must be > 0 and finite');
  const tol = t.tolerance ?? 0.01;
  const eps = (sigma: number): number =>
    epsilonSpent([{ noiseMultiplier: sigma, sampleRate: t.sampleRate, steps: t.steps }], t.delta).epsilon;
  let low = 0;
  let high = 10;
  let epsHigh = Infinity;
  while (epsHigh > t.epsilon) {
    high *= 2;
    epsHigh = eps(high);
    if (high > MAX_SIGMA) throw new RangeError('the privacy budget is too small for any noise multiplier up to 1e6');
  }
  while (t.epsilon - epsHigh > tol) {
    const mid = (low + high) / 2;
    const e = eps(mid);
    if (e < t.epsilon) {
      high = mid;
      epsHigh = e;
    } else low = mid;
  }
  return high;
}
