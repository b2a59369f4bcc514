/**
 * Lag polynomials of ARIMA models, with R's sign conventions: the AR side is x_t = Σ φ_j x_{t−j} + e_t and the MA
 * side e_t + Σ θ_j e_{t−j}. Seasonal factors multiply out into one long polynomial (R's `arima` does the same), and
 * the AR parameters are mapped to partial autocorrelations (R's `partrans`) so that any real vector is stationary.
 */

/** Coefficients of (1 − Σ a_i B^i)(1 − Σ A_j B^{js}) as the φ of x_t = Σ φ_k x_{t−k} (length p + sP). */
export function expandAr(ar: readonly number[], sar: readonly number[], s: number): number[] {
  const out = new Array<number>(ar.length + s * sar.length).fill(0);
  for (let i = 0; i < ar.length; i++) out[i]! += ar[i]!;
  for (let j = 0; j < sar.length; j++) {
    out[(j + 1) * s - 1]! += sar[j]!;
    for (let i = 0; i < ar.length; i++) out[(j + 1) * s + i]! -= ar[i]! * sar[j]!;
  }
  return out;
}

/** Coefficients of (1 + Σ b_i B^i)(1 + Σ B_j B^{js}) without the leading 1 (length q + sQ). */
export function expandMa(ma: readonly number[], sma: readonly number[], s: number): number[] {
  const out = new Array<number>(ma.length + s * sma.length).fill(0);
  for (let i = 0; i < ma.length; i++) out[i]! += ma[i]!;
  for (let j = 0; j < sma.length; j++) {
    out[(j + 1) * s - 1]! += sma[j]!;
    for (let i = 0; i < ma.length; i++) out[(j + 1) * s + i]! += ma[i]! * sma[j]!;
  }
  return out;
}

/** δ of (1 − B)^d (1 − B^s)^D written as y_t = w_t + Σ δ_k y_{t−k}. */
export function differencingPolynomial(d: number, D: number, s: number): number[] {
  // Polynomial in B with the leading 1, multiplied factor by factor.
  let poly = [1];
  const times = (factor: number[]): void => {
    const next = new Array<number>(poly.length + factor.length - 1).fill(0);
    for (let i = 0; i < poly.length; i++) for (let j = 0; j < factor.length; j++) next[i + j]! += poly[i]! * factor[j]!;
    poly = next;
  };
  for (let i = 0; i < d; i++) times([1, -1]);
  const seasonal = new Array<number>(s + 1).fill(0);
  seasonal[0] = 1;
  seasonal[s] = -1;
  for (let i = 0; i < D; i++) times(seasonal);
  return poly.slice(1).map((c) => (c === 0 ? 0 : -c));
}

/** w_t = Δ(B) y_t: the series differenced d times and seasonally D times (shorter by d + sD). */
export function difference(y: readonly number[], d: number, D: number, s: number): number[] {
  let w = y.slice();
  for (let i = 0; i < d; i++) w = w.slice(1).map((v, t) => v - w[t]!);
  for (let i = 0; i < D; i++) w = w.slice(s).map((v, t) => v - w[t]!);
  return w;
}

/** R's `partrans`: unconstrained reals → the coefficients of a stationary AR polynomial (via tanh and Durbin–Levinson). */
export function toStationary(raw: readonly number[]): number[] {
  const out = raw.map(Math.tanh);
  const work = out.slice();
  for (let j = 1; j < out.length; j++) {
    const a = out[j]!;
    for (let k = 0; k < j; k++) work[k]! -= a * out[j - k - 1]!;
    for (let k = 0; k < j; k++) out[k] = work[k]!;
  }
  return out;
}

/** The inverse of `toStationary`, or null when `phi` is not stationary (a partial autocorrelation reaches ±1). */
export function fromStationary(phi: readonly number[]): number[] | null {
  const out = phi.slice();
  const work = phi.slice();
  for (let j = out.length - 1; j > 0; j--) {
    const a = out[j]!;
    if (!(Math.abs(a) < 1)) return null;
    for (let k = 0; k < j; k++) work[k] = (out[k]! + a * out[j - k - 1]!) / (1 - a * a);
    for (let k = 0; k < j; k++) out[k] = work[k]!;
  }
  if (out.length > 0 && !(Math.abs(out[0]!) < 1)) return null;
  return out.map(Math.atanh);
}

/** Whether the AR polynomial with coefficients `phi` has all roots outside the unit circle. */
export function isStationary(phi: readonly number[]): boolean {
  return fromStationary(phi) !== null;
}
