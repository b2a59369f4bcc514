/**
 * The debiased Sinkhorn divergence of `sinkhorn.ts` with its iterations in plain JavaScript (float64) — the form
 * training uses. On wasm a tfjs op costs tens of µs however small, and the log-domain iterations are thousands of
 * small ops per step; here they are tight loops over an n × m matrix. Training computes the cost matrices with tfjs,
 * gets the optimal couplings from `sinkhornPlans`, and lets tfjs differentiate ⟨π_xy, C(x,y)⟩ − ½⟨π_xx, C(x,x)⟩
 * with π held fixed, which is ∇ₓS at the fixed point (envelope theorem).
 *
 * Same definitions as `sinkhorn.ts` (uniform weights, squared Euclidean cost, alternating dual updates, averaged
 * updates on the symmetric problems, stop when no potential moves by more than tol·ε):
 *   S(x, y) = OT_ε(x,y) − ½ OT_ε(x,x) − ½ OT_ε(y,y),
 *   ∂S/∂x_i = Σ_j π^{xy}_ij · 2(x_i − y_j) − Σ_j π^{xx}_ij · 2(x_i − x_j)
 * with π_ij = a_i b_j exp((f_i + g_j − C_ij)/ε) (x is on both sides of C(x,x), so the ½ cancels a factor 2).
 */

export interface PlainSinkhorn {
  value: number;
  /** ∂S/∂x, row-major n × d. */
  grad: Float64Array;
  /** Iterations of the slowest of the three problems. */
  iterations: number;
}

/** Squared Euclidean costs ‖x_i − y_j‖² (row-major n × m) of row-major clouds x (n × d), y (m × d). */
export function costMatrix(x: Float64Array, n: number, y: Float64Array, m: number, d: number): Float64Array {
  const C = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    const oi = i * d;
    for (let j = 0; j < m; j++) {
      const oj = j * d;
      let s = 0;
      for (let k = 0; k < d; k++) {
        const t = x[oi + k]! - y[oj + k]!;
        s += t * t;
      }
      C[i * m + j] = s;
    }
  }
  return C;
}

/** out_i = −ε LSE_j(log w + (pot_j − C_ij)/ε) along rows (`byRow`) or, with C read transposed, along columns. */
function softmin(
  C: Float64Array,
  n: number,
  m: number,
  pot: Float64Array,
  logw: number,
  eps: number,
  byRow: boolean,
  out: Float64Array,
): void {
  const rows = byRow ? n : m;
  const cols = byRow ? m : n;
  for (let i = 0; i < rows; i++) {
    let mx = -Infinity;
    for (let j = 0; j < cols; j++) {
      const c = byRow ? C[i * m + j]! : C[j * m + i]!;
      const v = (pot[j]! - c) / eps;
      if (v > mx) mx = v;
    }
    let s = 0;
    for (let j = 0; j < cols; j++) {
      const c = byRow ? C[i * m + j]! : C[j * m + i]!;
      s += Math.exp((pot[j]! - c) / eps - mx);
    }
    out[i] = -eps * (mx + Math.log(s) + logw);
  }
}

function maxDiff(a: Float64Array, b: Float64Array): number {
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i]! - b[i]!));
  return d;
}

/** Largest C/ε for which the kernel-domain iteration is used: exp(±300) stays far inside float64. */
const KERNEL_DOMAIN_MAX = 300;

/**
 * Converged potentials of OT_ε between n and m uniform points with cost C. When every C_ij/ε ≤ 300 the iteration
 * runs in the kernel domain (u = e^{f/ε}, v = e^{g/ε}, K = e^{−C/ε} computed once: u_i = 1/Σ_j b_j K_ij v_j — the
 * same update as the log-domain one, without an exp per entry per iteration); otherwise (small ε) in the log domain.
 */
function potentials(
  C: Float64Array,
  n: number,
  m: number,
  eps: number,
  maxIter: number,
  tol: number,
  symmetric: boolean,
  domain: 'auto' | 'log',
): { f: Float64Array; g: Float64Array; it: number } {
  let cmax = 0;
  for (let i = 0; i < C.length; i++) if (C[i]! > cmax) cmax = C[i]!;
  if (domain === 'log' || cmax / eps > KERNEL_DOMAIN_MAX) return potentialsLog(C, n, m, eps, maxIter, tol, symmetric);
  const K = new Float64Array(C.length);
  for (let i = 0; i < C.length; i++) K[i] = Math.exp(-C[i]! / eps);
  const u = new Float64Array(n).fill(1);
  const v = symmetric ? u : new Float64Array(m).fill(1);
  // convergence on the potentials: |Δf| = ε |Δ log u| < tol·ε
  const logTol = tol;
  const tmp = new Float64Array(n);
  const colSum = new Float64Array(m);
  let it = 0;
  while (it < maxIter) {
    it++;
    let d = 0;
    if (symmetric) {
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let j = 0; j < n; j++) s += K[i * n + j]! * u[j]!;
        // f ← ½(f + T(f))  ⇔  u ← √(u · n/Σ_j K_ij u_j)  (weights 1/n); Jacobi-style update on a copy
        const nu = Math.sqrt((u[i]! * n) / s);
        d = Math.max(d, Math.abs(Math.log(nu / u[i]!)));
        tmp[i] = nu;
      }
      for (let i = 0; i < n; i++) u[i] = tmp[i]!;
    } else {
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let j = 0; j < m; j++) s += K[i * m + j]! * v[j]!;
        const nu = m / s;
        d = Math.max(d, Math.abs(Math.log(nu / u[i]!)));
        u[i] = nu;
      }
      for (let j = 0; j < m; j++) colSum[j] = 0;
      for (let i = 0; i < n; i++) {
        const ui = u[i]!;
        for (let j = 0; j < m; j++) colSum[j] = colSum[j]! + K[i * m + j]! * ui;
      }
      for (let j = 0; j < m; j++) {
        const nv = n / colSum[j]!;
        d = Math.max(d, Math.abs(Math.log(nv / v[j]!)));
        v[j] = nv;
      }
    }
    if (d < logTol) break;
  }
  const f = Float64Array.from(u, (x) => eps * Math.log(x));
  return { f, g: symmetric ? f : Float64Array.from(v, (x) => eps * Math.log(x)), it };
}

/** The log-domain iteration (any ε). */
function potentialsLog(
  C: Float64Array,
  n: number,
  m: number,
  eps: number,
  maxIter: number,
  tol: number,
  symmetric: boolean,
): { f: Float64Array; g: Float64Array; it: number } {
  const f = new Float64Array(n);
  const g = symmetric ? f : new Float64Array(m);
  const t = new Float64Array(Math.max(n, m));
  let it = 0;
  while (it < maxIter) {
    it++;
    if (symmetric) {
      softmin(C, n, n, f, -Math.log(n), eps, true, t);
      let d = 0;
      for (let i = 0; i < n; i++) {
        const nf = 0.5 * (f[i]! + t[i]!);
        d = Math.max(d, Math.abs(nf - f[i]!));
        f[i] = nf;
      }
      if (d < tol * eps) break;
    } else {
      const fOld = f.slice();
      const gOld = g.slice();
      softmin(C, n, m, g, -Math.log(m), eps, true, f);
      softmin(C, n, m, f, -Math.log(n), eps, false, g);
      if (Math.max(maxDiff(f, fOld), maxDiff(g, gOld)) < tol * eps) break;
    }
  }
  return { f, g, it };
}

/** OT_ε = ⟨a,f⟩ + ⟨b,g⟩ at the fixed point. */
function dualValue(p: { f: Float64Array; g: Float64Array }): number {
  let value = 0;
  for (let i = 0; i < p.f.length; i++) value += p.f[i]! / p.f.length;
  for (let j = 0; j < p.g.length; j++) value += p.g[j]! / p.g.length;
  return value;
}

/** The optimal coupling π_ij = a_i b_j exp((f_i + g_j − C_ij)/ε) (row-major n × m, float32 for tfjs). */
function plan(
  C: Float64Array,
  n: number,
  m: number,
  p: { f: Float64Array; g: Float64Array },
  eps: number,
): Float32Array {
  const out = new Float32Array(n * m);
  const w = 1 / (n * m);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < m; j++) out[i * m + j] = w * Math.exp((p.f[i]! + p.g[j]! - C[i * m + j]!) / eps);
  return out;
}

export interface SinkhornPlans {
  value: number;
  /** Optimal couplings of OT_ε(x,y) (n × m) and OT_ε(x,x) (n × n). */
  pxy: Float32Array;
  pxx: Float32Array;
  iterations: number;
}

export interface PlainOptions {
  epsilon: number;
  /** @default 100 */
  maxIter?: number;
  /** @default 1e-3 */
  tol?: number;
  /** 'log' forces the log-domain iteration (tests); 'auto' uses the kernel domain when C/ε ≤ 300. */
  domain?: 'auto' | 'log';
}

/**
 * S_ε from the three cost matrices C(x,y) (n × m), C(x,x) (n × n), C(y,y) (m × m), with the couplings that give
 * its gradient: by the envelope theorem, with π fixed, ∇ₓ[Σ π^{xy} ⊙ C(x,y) − ½ Σ π^{xx} ⊙ C(x,x)] = ∇ₓS_ε
 * (x appears on both sides of C(x,x), so the ½ there gives Σ_j π_ij ∂₁C_ij, as for the cross term). Training computes
 * the costs with tfjs, runs this, and lets tfjs differentiate that surrogate.
 */
export function sinkhornPlans(
  Cxy: Float64Array,
  Cxx: Float64Array,
  Cyy: Float64Array,
  n: number,
  m: number,
  opts: PlainOptions,
): SinkhornPlans {
  const { epsilon: eps, maxIter = 100, tol = 1e-3, domain = 'auto' } = opts;
  const pxy = potentials(Cxy, n, m, eps, maxIter, tol, false, domain);
  const pxx = potentials(Cxx, n, n, eps, maxIter, tol, true, domain);
  const pyy = potentials(Cyy, m, m, eps, maxIter, tol, true, domain);
  return {
    value: dualValue(pxy) - 0.5 * dualValue(pxx) - 0.5 * dualValue(pyy),
    pxy: plan(Cxy, n, m, pxy, eps),
    pxx: plan(Cxx, n, n, pxx, eps),
    iterations: Math.max(pxy.it, pxx.it, pyy.it),
  };
}

/**
 * S_ε(x, y) and ∂S/∂x for row-major clouds x (n × d) and y (m × d); y is a fixed target (its gradient is not
 * computed): ∂S/∂x_i = Σ_j π^{xy}_ij · 2(x_i − y_j) − Σ_j π^{xx}_ij · 2(x_i − x_j). Defaults as in `sinkhorn.ts`.
 */
export function sinkhornDivergencePlain(
  x: ArrayLike<number>,
  n: number,
  y: ArrayLike<number>,
  m: number,
  d: number,
  opts: PlainOptions,
): PlainSinkhorn {
  const xa = Float64Array.from(x);
  const ya = Float64Array.from(y);
  const r = sinkhornPlans(
    costMatrix(xa, n, ya, m, d),
    costMatrix(xa, n, xa, n, d),
    costMatrix(ya, m, ya, m, d),
    n,
    m,
    opts,
  );
  const grad = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      const c = 2 * r.pxy[i * m + j]!;
      for (let k = 0; k < d; k++) grad[i * d + k] = grad[i * d + k]! + c * (xa[i * d + k]! - ya[j * d + k]!);
    }
    for (let j = 0; j < n; j++) {
      const c = 2 * r.pxx[i * n + j]!;
      for (let k = 0; k < d; k++) grad[i * d + k] = grad[i * d + k]! - c * (xa[i * d + k]! - xa[j * d + k]!);
    }
  }
  return { value: r.value, grad, iterations: r.iterations };
}
