/**
 * Zero-concentrated DP (Bun and Steinke 2016), the currency of the marginal-based generators: a Gaussian measurement
 * costs ρ = Δ²/(2σ²), costs add, and ρ-zCDP implies (ρ + 2√(ρ ln(1/δ)), δ)-DP for every δ.
 */

/** The largest ρ whose (ε, δ) image meets (ε, δ): ρ = (√(ln(1/δ) + ε) − √(ln(1/δ)))². */
export function rhoFromEpsilonDelta(epsilon: number, delta: number): number {
  if (!(epsilon > 0)) throw new RangeError(`ε must be > 0, got ${epsilon}`);
  if (!(delta > 0 && delta < 1)) throw new RangeError(`δ must be in (0, 1), got ${delta}`);
  const l = Math.log(1 / delta);
  return (Math.sqrt(l + epsilon) - Math.sqrt(l)) ** 2;
}

/** The ε at δ that ρ-zCDP gives: ρ + 2√(ρ ln(1/δ)) (the inverse of `rhoFromEpsilonDelta`). */
export function epsilonFromRho(rho: number, delta: number): number {
  if (!(rho >= 0)) throw new RangeError(`ρ must be ≥ 0, got ${rho}`);
  if (!(delta > 0 && delta < 1)) throw new RangeError(`δ must be in (0, 1), got ${delta}`);
  return rho + 2 * Math.sqrt(rho * Math.log(1 / delta));
}

/** ρ of one Gaussian measurement with L2 sensitivity Δ and noise standard deviation σ: Δ²/(2σ²). */
export function gaussianRho(sensitivity: number, sigma: number): number {
  if (!(sigma > 0)) throw new RangeError(`σ must be > 0, got ${sigma}`);
  return (sensitivity * sensitivity) / (2 * sigma * sigma);
}

/** The noise σ that makes a Gaussian measurement of L2 sensitivity Δ cost exactly ρ: Δ/√(2ρ). */
export function gaussianSigmaForRho(sensitivity: number, rho: number): number {
  if (!(rho > 0)) throw new RangeError(`ρ must be > 0, got ${rho}`);
  return sensitivity / Math.sqrt(2 * rho);
}
