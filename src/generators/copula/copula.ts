/**
 * Gaussian copula (as SDV's GaussianCopula / copulas' GaussianMultivariate; DESIGN.md §4).
 * Fit: each column's marginal F_j (`marginals.ts`), normal scores z = Φ⁻¹(F_j(x)) (categories: a uniform draw inside
 * the category's frequency interval), and their correlation matrix R (repaired to positive definite if needed).
 * Sample: z ~ N(0, R), x_j = F_j⁻¹(Φ(z_j)). Conditional sampling is exact: fixed numbers condition the normal
 * (Schur complement), ranges and categories truncate it (`gaussian.ts`) — no rejection of whole rows.
 */
import { NotFittedError, throwIfAborted } from '../../core/errors.js';
import { throttleProgress, yieldToEventLoop } from '../../core/progress.js';
import { Rng } from '../../core/rng.js';
import type { CatColumn, Column, NumColumn, Table } from '../../core/table.js';
import { makeTable } from '../../core/table.js';
import { decodeFromModel, type ModelData } from '../../transforms/model-data.js';
import { normCdf } from '../../transforms/special-functions.js';
import { BaseGenerator, type FitContext, type FitReport, type SampleContext } from '../generator.js';
import type { OptionValues } from '../options.js';
import { planConditions, type ConditionPlan, type Conditions } from './conditions.js';
import { cholesky, conditionGaussian, correlationMatrix, nearestCorrelation, TruncatedMvn } from './gaussian.js';
import { copulaInfo } from './info.js';
import {
  categoryOf,
  fitCatMarginal,
  fitNumMarginal,
  marginalJson,
  normalScore,
  uniformInCategory,
  type Marginal,
} from '../shared/marginals.js';

export type { Conditions, ConditionValue } from './conditions.js';

/** Keeps quantile arguments off 0 and 1, where unbounded families' quantiles are infinite. */
const U_EPS = 1e-12;

export class GaussianCopula extends BaseGenerator<typeof copulaInfo> {
  private marginals: Marginal[] | null = null;
  private corr: number[][] | null = null;
  private names: string[] = [];
  private levels: (string[] | null)[] = [];
  private nTrain = 0;

  constructor(options: Partial<OptionValues> = {}) {
    super(copulaInfo, options);
  }

  /** The fitted correlation matrix of normal scores, in model-column order (after fitting). */
  get correlation(): number[][] {
    if (!this.corr) throw new NotFittedError(this.info.label);
    return this.corr.map((r) => [...r]);
  }

  /** The fitted marginals, in model-column order (after fitting). */
  get fittedMarginals(): readonly Marginal[] {
    if (!this.marginals) throw new NotFittedError(this.info.label);
    return this.marginals;
  }

  protected async fitModel(data: ModelData, rng: Rng, ctx: FitContext): Promise<Partial<FitReport>> {
    const progress = throttleProgress(ctx.onProgress);
    const mode = this.options.marginals;
    const t = data.table;
    const n = t.nRows;
    const marginals: Marginal[] = [];
    const scores: Float64Array[] = [];
    const columns: Record<string, unknown>[] = [];
    const notes: string[] = [];
    for (let j = 0; j < t.columns.length; j++) {
      progress({ stage: 'fit', fraction: j / t.columns.length, message: `marginal of ${t.names[j]}` });
      await yieldToEventLoop();
      throwIfAborted(ctx.signal);
      const col = t.columns[j]!;
      const z = new Float64Array(n);
      if (col.kind === 'num') {
        const m = fitNumMarginal(col.values, mode);
        for (let i = 0; i < n; i++) z[i] = normalScore(m.dist.cdf(col.values[i]!), n);
        marginals.push(m);
        columns.push({ column: t.names[j], family: m.dist.family, ks: m.ks, params: m.dist.params });
        if (m.fallback) notes.push(`${t.names[j]}: ${m.fallback}`);
      } else {
        const c = col as CatColumn;
        const m = fitCatMarginal(c.codes, c.levels.length);
        for (let i = 0; i < n; i++) z[i] = normalScore(uniformInCategory(m, c.codes[i]!, rng), n);
        marginals.push(m);
        columns.push({ column: t.names[j], family: 'categorical', levels: m.order.length });
      }
      scores.push(z);
    }
    const fixed = nearestCorrelation(correlationMatrix(scores));
    if (fixed.repaired)
      notes.push(
        `correlation matrix repaired to positive definite (smallest eigenvalue was ${fixed.minEigenvalue.toExponential(2)})`,
      );
    this.marginals = marginals;
    this.corr = fixed.matrix;
    this.names = [...t.names];
    this.levels = t.columns.map((c) => (c.kind === 'cat' ? c.levels : null));
    this.nTrain = n;
    progress({ stage: 'fit', fraction: 1 });
    const fams = new Map<string, number>();
    for (const c of columns) fams.set(String(c['family']), (fams.get(String(c['family'])) ?? 0) + 1);
    notes.unshift(`marginals (${mode}): ${[...fams].map(([f, k]) => `${f} × ${k}`).join(', ')}`);
    return { notes, details: { marginals: columns, correlationRepaired: fixed.repaired } };
  }

  protected async sampleModel(n: number, rng: Rng, ctx: SampleContext): Promise<Table> {
    return this.draw(n, rng, ctx, { points: [], sets: [] });
  }

  /**
   * `n` rows that satisfy `conditions` exactly (a fixed number or category, a range `{ min, max }`, or
   * `{ oneOf: [categories] }` per column), drawn from the fitted copula's conditional distribution.
   */
  async sampleConditional(n: number, conditions: Conditions, ctx: SampleContext): Promise<Table> {
    if (!this.layout || !this.marginals) throw new NotFittedError(this.info.label);
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`number of rows must be a positive whole number, got ${n}`);
    const plan = planConditions(conditions, this.layout, this.marginals, this.nTrain);
    const model = await this.draw(n, new Rng(ctx.seed), ctx, plan);
    throwIfAborted(ctx.signal);
    return decodeFromModel(model, this.layout);
  }

  private async draw(n: number, rng: Rng, ctx: SampleContext, plan: ConditionPlan): Promise<Table> {
    const marginals = this.marginals!;
    const corr = this.corr!;
    const d = marginals.length;
    const progress = throttleProgress(ctx.onProgress);
    // 1. fixed values: condition N(0, R) on them (Schur complement)
    const cg = conditionGaussian(
      new Array<number>(d).fill(0),
      corr,
      plan.points.map((p) => p.dim),
      plan.points.map((p) => p.z),
    );
    const posInRest = new Map(cg.rest.map((dim, t) => [dim, t]));
    const tPos = plan.sets.map((s) => posInRest.get(s.dim)!);
    // 2. ranges/categories: a truncated normal over those dimensions
    const tmvn = tPos.length
      ? new TruncatedMvn(
          tPos.map((i) => cg.mean[i]!),
          tPos.map((i) => tPos.map((j) => cg.cov[i]![j]!)),
          plan.sets.map((s) => s.set),
          this.options.gibbsSweeps,
        )
      : null;
    // 3. the rest: Gaussian given the truncated dimensions (its covariance does not depend on their values)
    const cg2 = conditionGaussian(
      cg.mean,
      cg.cov,
      tPos,
      tPos.map((i) => cg.mean[i]!),
    );
    const lf = cholesky(cg2.cov);
    const nf = cg2.rest.length;
    const out = marginals.map((m) => (m.kind === 'num' ? new Float64Array(n) : new Int32Array(n)));
    const z = new Float64Array(d);
    const zt = new Float64Array(tPos.length);
    const eps = new Float64Array(nf);
    let last = performance.now();
    for (let i = 0; i < n; i++) {
      for (const p of plan.points) z[p.dim] = p.z;
      if (tmvn) tmvn.draw(rng, zt);
      tPos.forEach((t, k) => (z[cg.rest[t]!] = zt[k]!));
      for (let a = 0; a < nf; a++) eps[a] = rng.normal();
      for (let a = 0; a < nf; a++) {
        let v = cg2.mean[a]!;
        const coef = cg2.coef[a]!;
        for (let k = 0; k < tPos.length; k++) v += coef[k]! * (zt[k]! - cg.mean[tPos[k]!]!);
        const row = lf[a]!;
        for (let b = 0; b <= a; b++) v += row[b]! * eps[b]!;
        z[cg.rest[cg2.rest[a]!]!] = v;
      }
      for (let j = 0; j < d; j++) {
        const m = marginals[j]!;
        const u = normCdf(z[j]!);
        if (m.kind === 'num') out[j]![i] = m.dist.ppf(Math.min(1 - U_EPS, Math.max(U_EPS, u)));
        else out[j]![i] = categoryOf(m, u);
      }
      for (const p of plan.points) out[p.dim]![i] = p.value;
      if (performance.now() - last > 50) {
        progress({ stage: 'sample', fraction: (i + 1) / n });
        await yieldToEventLoop();
        throwIfAborted(ctx.signal);
        last = performance.now();
      }
    }
    progress({ stage: 'sample', fraction: 1 });
    const cols: Column[] = out.map((v, j): Column =>
      v instanceof Float64Array
        ? ({ kind: 'num', values: v } satisfies NumColumn)
        : { kind: 'cat', codes: v, levels: this.levels[j]! },
    );
    return makeTable([...this.names], cols);
  }

  override toJSON(): unknown {
    const base = super.toJSON() as Record<string, unknown>;
    return { ...base, marginals: this.marginals?.map(marginalJson) ?? null, correlation: this.corr };
  }
}
