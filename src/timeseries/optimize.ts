/**
 * BFGS with central-difference gradients and a backtracking line search: the optimiser R's `arima` uses (`optim`
 * method "BFGS"), written here because the objective is cheap and has at most a dozen parameters.
 */

/** Central-difference gradient; an infinite side falls back to the one-sided difference. */
export function numericGradient(f: (x: number[]) => number, x: readonly number[], fx: number, h = 1e-4): number[] {
  return x.map((xi, i) => {
    const up = x.slice();
    const down = x.slice();
    up[i] = xi + h;
    down[i] = xi - h;
    const fu = f(up);
    const fd = f(down);
    if (Number.isFinite(fu) && Number.isFinite(fd)) return (fu - fd) / (2 * h);
    if (Number.isFinite(fu)) return (fu - fx) / h;
    if (Number.isFinite(fd)) return (fx - fd) / h;
    return 0;
  });
}

/** Result of a minimisation. */
export interface Minimum {
  x: number[];
  value: number;
  iterations: number;
  converged: boolean;
}

const dot = (a: readonly number[], b: readonly number[]): number => a.reduce((s, v, i) => s + v * b[i]!, 0);

/** Minimises f from x0; stops when an iteration improves f by less than reltol (relative) or after maxIter. */
export function bfgs(f: (x: number[]) => number, x0: readonly number[], reltol = 1e-10, maxIter = 200): Minimum {
  const n = x0.length;
  let x = x0.slice();
  let fx = f(x);
  if (n === 0 || !Number.isFinite(fx)) return { x, value: fx, iterations: 0, converged: n === 0 };
  let g = numericGradient(f, x, fx);
  let h: number[][] = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  for (let it = 1; it <= maxIter; it++) {
    let dir = h.map((row) => -dot(row, g));
    if (dot(dir, g) >= 0) {
      h = h.map((row, i) => row.map((_, j) => (i === j ? 1 : 0))); // not a descent direction: restart
      dir = g.map((v) => -v);
    }
    let step = 1;
    let xn = x;
    let fn = fx;
    const slope = dot(dir, g);
    for (let k = 0; k < 40; k++, step *= 0.3) {
      xn = x.map((v, i) => v + step * dir[i]!);
      fn = f(xn);
      if (Number.isFinite(fn) && fn <= fx + 1e-4 * step * slope) break;
    }
    if (!(Number.isFinite(fn) && fn <= fx)) return { x, value: fx, iterations: it, converged: true };
    const gn = numericGradient(f, xn, fn);
    const s = xn.map((v, i) => v - x[i]!);
    const y = gn.map((v, i) => v - g[i]!);
    const sy = dot(s, y);
    const done = Math.abs(fx - fn) <= reltol * (Math.abs(fx) + reltol);
    x = xn;
    g = gn;
    fx = fn;
    if (done) return { x, value: fx, iterations: it, converged: true };
    if (sy > 1e-12) h = bfgsUpdate(h, s, y, sy);
  }
  return { x, value: fx, iterations: maxIter, converged: false };
}

/** The inverse-Hessian update H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ. */
function bfgsUpdate(h: number[][], s: number[], y: number[], sy: number): number[][] {
  const rho = 1 / sy;
  const hy = h.map((row) => dot(row, y));
  const yhy = dot(y, hy);
  return h.map((row, i) =>
    row.map((v, j) => v - rho * (hy[i]! * s[j]! + s[i]! * hy[j]!) + (rho * rho * yhy + rho) * s[i]! * s[j]!),
  );
}

/** Numerical Hessian by central differences (for standard errors). */
export function numericHessian(f: (x: number[]) => number, x: readonly number[], h = 1e-4): number[][] {
  const n = x.length;
  const at = (di: number, dj: number, i: number, j: number): number => {
    const z = x.slice();
    z[i]! += di;
    z[j]! += dj;
    return f(z);
  };
  const out = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++)
    for (let j = i; j < n; j++) {
      const v = (at(h, h, i, j) - at(h, -h, i, j) - at(-h, h, i, j) + at(-h, -h, i, j)) / (4 * h * h);
      out[i]![j] = v;
      out[j]![i] = v;
    }
  return out;
}

/** Inverse of a small symmetric matrix by Gauss–Jordan; null when singular. */
export function invert(m: readonly number[][]): number[][] | null {
  const n = m.length;
  const a = m.map((row, i) => [...row, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[piv]![c]!)) piv = r;
    if (Math.abs(a[piv]![c]!) < 1e-300) return null;
    const row = a[c]!;
    a[c] = a[piv]!;
    a[piv] = row;
    const d = a[c]![c]!;
    for (let k = 0; k < 2 * n; k++) a[c]![k]! /= d;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = a[r]![c]!;
      if (f !== 0) for (let k = 0; k < 2 * n; k++) a[r]![k]! -= f * a[c]![k]!;
    }
  }
  return a.map((row) => row.slice(n));
}
