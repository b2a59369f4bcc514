/**
 * The complementary error function in log space, accurate in double precision from −∞ to +∞. The sampled Gaussian's
 * fractional-order series multiplies erfc of arguments up to a few hundred by terms as large as e^1000, so erfc itself
 * would underflow long before the product does; ln erfc(x) = −x² − ln(√π·g(x)) with g the continued fraction does not.
 */

const SQRT_PI = Math.sqrt(Math.PI);

/** erf(x) for 0 ≤ x ≤ 1 by the series 2/√π · e^(−x²) · Σ 2ⁿ x^(2n+1) / (1·3·…·(2n+1)): positive terms, no cancellation. */
function erfSeries(x: number): number {
  const x2 = 2 * x * x;
  let term = x;
  let sum = x;
  for (let n = 1; n < 500; n++) {
    term *= x2 / (2 * n + 1);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return (2 / SQRT_PI) * Math.exp(-x * x) * sum;
}

/**
 * g(x) = x + (1/2)/(x + 1/(x + (3/2)/(x + …))) for x > 1, by the modified Lentz algorithm; erfc(x) = e^(−x²)/(√π·g(x)).
 */
function erfcFraction(x: number): number {
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let j = 1; j < 5000; j++) {
    const a = j / 2;
    d = x + a * d;
    d = Math.abs(d) < tiny ? 1 / tiny : 1 / d;
    c = x + a / c;
    if (Math.abs(c) < tiny) c = tiny;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return f;
}

/** erfc(x) for x ≥ 0 (it underflows to 0 past x ≈ 27; use `logErfc` there). */
function erfcNonNegative(x: number): number {
  if (x <= 1) return 1 - erfSeries(x);
  return Math.exp(-x * x) / (SQRT_PI * erfcFraction(x));
}

/** ln erfc(x) for any finite x; −∞ only for x = +∞. */
export function logErfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x === Infinity) return -Infinity;
  if (x < 0) return Math.log(2 - erfcNonNegative(-x));
  if (x <= 1) return Math.log(erfcNonNegative(x));
  return -x * x - Math.log(SQRT_PI * erfcFraction(x));
}

/** erfc(x) for any x. */
export function erfc(x: number): number {
  return x < 0 ? 2 - erfcNonNegative(-x) : erfcNonNegative(x);
}
