/**
 * Rényi DP of the sampled Gaussian mechanism (Mironov, Talwar, Zhang 2019, "Rényi Differential Privacy of the Sampled
 * Gaussian Mechanism", §3.3): each step adds N(0, σ²) noise to a sum of sensitivity 1 over a Poisson sample of rate q.
 * RDP(α) = ln(A_α)/(α − 1); integer orders by the binomial expansion of A_α, fractional orders by its two-sided series.
 * Everything is summed in log space, so no term over- or underflows. Composition over steps is addition (RDP adds).
 */
import { logErfc } from './erfc.js';

/** ln(eˣ + eʸ). */
export function logAdd(x: number, y: number): number {
  const a = Math.min(x, y);
  const b = Math.max(x, y);
  if (a === -Infinity) return b;
  return Math.log1p(Math.exp(a - b)) + b;
}

/** ln(eˣ − eʸ) for x ≥ y. */
export function logSub(x: number, y: number): number {
  if (x < y) throw new RangeError('logSub: the result would be negative');
  if (y === -Infinity) return x;
  if (x === y) return -Infinity;
  const d = Math.expm1(x - y);
  // eˣ⁻ʸ overflows only when eʸ is negligible against eˣ
  return Number.isFinite(d) ? Math.log(d) + y : x;
}

/** ln C(n, k) for whole 0 ≤ k ≤ n. */
function logBinomial(n: number, k: number): number {
  let s = 0;
  for (let j = 1; j <= k; j++) s += Math.log((n - k + j) / j);
  return s;
}

/** ln A_α for a whole α ≥ 2: A_α = Σᵢ C(α, i) qⁱ (1 − q)^(α−i) e^((i² − i)/(2σ²)). */
export function logAInt(q: number, sigma: number, alpha: number): number {
  let logA = -Infinity;
  const lq = Math.log(q);
  const l1q = Math.log1p(-q);
  for (let i = 0; i <= alpha; i++) {
    const logCoef = logBinomial(alpha, i) + i * lq + (alpha - i) * l1q;
    logA = logAdd(logA, logCoef + (i * i - i) / (2 * sigma * sigma));
  }
  return logA;
}

/**
 * ln A_α for a fractional α > 1: A_α split at z₀ = σ² ln(1/q − 1) + ½ into two series whose terms carry the binomial
 * coefficient C(α, i) (of alternating sign past i > α) and half an erfc; summed until both terms fall below e⁻³⁰.
 */
export function logAFrac(q: number, sigma: number, alpha: number): number {
  let logA0 = -Infinity;
  let logA1 = -Infinity;
  const z0 = sigma * sigma * Math.log(1 / q - 1) + 0.5;
  const lq = Math.log(q);
  const l1q = Math.log1p(-q);
  const s2 = Math.SQRT2 * sigma;
  // C(α, i) kept as ln|C| and its sign, by C(α, i) = C(α, i − 1)·(α − i + 1)/i
  let logAbsCoef = 0;
  let positive = true;
  for (let i = 0; i < 100_000; i++) {
    if (i > 0) {
      const ratio = (alpha - i + 1) / i;
      logAbsCoef += Math.log(Math.abs(ratio));
      if (ratio < 0) positive = !positive;
    }
    const j = alpha - i;
    const logT0 = logAbsCoef + i * lq + j * l1q;
    const logT1 = logAbsCoef + j * lq + i * l1q;
    const logE0 = Math.log(0.5) + logErfc((i - z0) / s2);
    const logE1 = Math.log(0.5) + logErfc((z0 - j) / s2);
    const logS0 = logT0 + (i * i - i) / (2 * sigma * sigma) + logE0;
    const logS1 = logT1 + (j * j - j) / (2 * sigma * sigma) + logE1;
    if (positive) {
      logA0 = logAdd(logA0, logS0);
      logA1 = logAdd(logA1, logS1);
    } else {
      logA0 = logSub(logA0, logS0);
      logA1 = logSub(logA1, logS1);
    }
    if (Math.max(logS0, logS1) < -30) break;
  }
  return logAdd(logA0, logA1);
}

/** RDP at order α of one step of the sampled Gaussian mechanism with rate q and noise multiplier σ. */
export function sampledGaussianRdp(q: number, sigma: number, alpha: number): number {
  if (q === 0) return 0;
  if (sigma === 0) return Infinity;
  if (q === 1) return alpha / (2 * sigma * sigma);
  if (!Number.isFinite(alpha)) return Infinity;
  const logA = Number.isInteger(alpha) ? logAInt(q, sigma, alpha) : logAFrac(q, sigma, alpha);
  return logA / (alpha - 1);
}

/** The usual order grid: 1.1, 1.2, …, 10.9 (1 + x/10 for x = 1…99), then 12, 13, …, 63. */
export const DEFAULT_ORDERS: readonly number[] = [
  ...Array.from({ length: 99 }, (_, k) => 1 + (k + 1) / 10),
  ...Array.from({ length: 52 }, (_, k) => 12 + k),
];

/** RDP after `steps` compositions, one value per order. */
export function composedRdp(
  q: number,
  sigma: number,
  steps: number,
  orders: readonly number[] = DEFAULT_ORDERS,
): number[] {
  return orders.map((a) => sampledGaussianRdp(q, sigma, a) * steps);
}

/** An (ε, δ) guarantee and the order that gave it. */
export interface EpsilonAtOrder {
  epsilon: number;
  order: number;
}

/**
 * RDP → (ε, δ) (Balle et al. 2020, "Hypothesis testing interpretations and Rényi DP", Theorem 21):
 * ε = min over α of RDP(α) + ln((α − 1)/α) − (ln δ + ln α)/(α − 1). Orders whose value is NaN are skipped.
 */
export function rdpToEpsilon(rdp: readonly number[], orders: readonly number[], delta: number): EpsilonAtOrder {
  if (rdp.length !== orders.length) throw new RangeError('rdpToEpsilon: one RDP value per order');
  let best: EpsilonAtOrder = { epsilon: Infinity, order: NaN };
  for (let k = 0; k < orders.length; k++) {
    const a = orders[k]!;
    const eps = rdp[k]! - (Math.log(delta) + Math.log(a)) / (a - 1) + Math.log((a - 1) / a);
    if (!Number.isNaN(eps) && (Number.isNaN(best.order) || eps < best.epsilon)) best = { epsilon: eps, order: a };
  }
  return best;
}
