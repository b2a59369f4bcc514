/**
 * The evaluation report (DESIGN.md §5): fidelity, privacy, utility and clustering of a synthetic table against
 * the real (training) table and an optional holdout, as plain JSON for the UI, the CLI and `--json`.
 */
import type { KAnonymityOutcome } from '../privacy/k-anonymity-outcome.js';
import { throwIfAborted, type AbortLike } from '../core/errors.js';
import type { ProgressFn } from '../core/progress.js';
import type { Schema } from '../core/schema.js';
import type { Table } from '../core/table.js';
import { clustering, type ClusteringReport } from './clustering.js';
import { detection } from './detection.js';
import {
  associationPair,
  columnFidelity,
  pairTrends,
  pcdHoldoutReference,
  pcdOneHot,
  type ColumnFidelity,
  type PcdReference,
} from './fidelity.js';
import { groupRareLevels, type LevelGrouping } from './levels.js';
import { pacer } from './pace.js';
import { prepare } from './prepare.js';
import { privacy, type PrivacyReport } from './privacy.js';
import { projection, type Projection } from './projection.js';
import type { RatioInterval } from './intervals.js';
import { UtilityRunner, type UtilityReport } from './utility.js';
import {
  copiesVerdict,
  dcrShareVerdict,
  pcdVerdict,
  qualityVerdict,
  utilityVerdict,
  type Verdict,
} from './verdicts.js';

export interface EvaluationReport {
  version: 1;
  seed: number;
  seconds: number;
  rows: { real: number; synthetic: number; holdout: number | null };
  fidelity: {
    columnShapes: number;
    columnPairTrends: number | null;
    quality: number;
    /** DESIGN.md / GenerativeMTD PCD: mixed association (Pearson, η, bias-corrected Cramér's V) */
    pcd: number;
    /** judge.py's PCD: Pearson over numbers + one-hot real levels (comparable with BASELINES.md) */
    pcdOneHot: number | null;
    /**
     * What unseen real rows score: PCD of the holdout against the real table, and rescaled to the synthetic table's
     * size (fidelity.ts `pcdHoldoutReference`); null without a holdout.
     */
    pcdReference: PcdReference | null;
    detectionAuc: number | null;
    pairTrendsByKind: { numNum: number | null; catCat: number | null; mixed: number | null };
    columns: ColumnFidelity[];
    pairs: { names: string[]; real: number[]; synthetic: number[] };
  };
  privacy: PrivacyReport;
  utility: UtilityReport | null;
  clustering: ClusteringReport | null;
  pca: Projection | null;
  verdicts: Verdict[];
  timings: Record<string, number>;
  /**
   * Categorical columns whose rare levels were grouped as one level for the one-hot PCD, detection, utility,
   * clustering and PCA (`levels.ts`); absent when no column has more than MAX_ONE_HOT_LEVELS levels.
   */
  groupedLevels?: LevelGrouping[];
}

export interface EvaluateOptions {
  seed: number;
  onProgress?: ProgressFn;
  signal?: AbortLike;
  /** Quasi-identifier columns of the attack figures (default: chosen by name, `privacy/risk/keys.ts`). */
  quasiIdentifiers?: readonly string[];
  /** What k-anonymity enforcement did to the synthetic rows: the k-anonymity figure uses its generalisation. */
  kAnonymity?: KAnonymityOutcome | null;
  /** Skip the slower parts (detection, utility, clustering, PCA) — e.g. for k tuning. */
  fast?: boolean;
}

/** Progress and timing of the report's steps: `step` announces one (and yields, and checks the abort), `end` closes it. */
function stepTimer(opts: EvaluateOptions, steps: number, timings: Record<string, number>) {
  let done = 0;
  const step = async (name: string, message: string): Promise<void> => {
    opts.onProgress?.({ stage: 'evaluate', fraction: done / steps, message });
    await new Promise<void>((r) => setTimeout(r, 0));
    throwIfAborted(opts.signal);
    timings[name] = performance.now();
  };
  const end = (name: string): void => {
    timings[name] = (performance.now() - timings[name]!) / 1000;
    done++;
  };
  return { step, end };
}

/** TSTR / TRTR of the random forest, on the holdout when there is one (else the 5-fold means). */
function utilityRatio(utility: UtilityReport | null): {
  ratio: number | null;
  trtrValue: number | null;
  metric: string;
  interval?: RatioInterval;
} {
  if (!utility) return { ratio: null, trtrValue: null, metric: 'accuracy' };
  const key = utility.task === 'classification' ? 'accuracy' : 'r2';
  const src = utility.holdout ?? utility;
  const a = (src.tstr.randomForest as unknown as Record<string, number>)[key]!;
  const trtrValue = (src.trtr.randomForest as unknown as Record<string, number>)[key]!;
  // a ratio is meaningless when the real-data model itself has no skill (R² ≤ 0)
  const ratio = trtrValue > 0 ? a / trtrValue : null;
  const interval = ratio !== null ? utility.holdout?.ratioInterval : undefined;
  return { ratio, trtrValue, metric: key === 'r2' ? 'R²' : 'accuracy', ...(interval ? { interval } : {}) };
}

/** `schema` is the real table's schema (target included); the other tables must have its column names. */
export async function evaluate(
  real: Table,
  synth: Table,
  holdout: Table | null,
  schema: Schema,
  opts: EvaluateOptions,
): Promise<EvaluationReport> {
  const t0 = performance.now();
  const timings: Record<string, number> = {};
  const { step, end } = stepTimer(opts, opts.fast ? 3 : 7, timings);
  await step('prepare', 'Aligning the tables');
  const P = prepare(real, synth, holdout, schema);
  const { P: G, grouped } = groupRareLevels(P);
  end('prepare');
  await step('fidelity', 'Column shapes and pair trends');
  const columns = columnFidelity(P);
  const shapes = columns.reduce((s, c) => s + c.score, 0) / Math.max(1, columns.length);
  const trends = pairTrends(P);
  const assoc = associationPair(P);
  const pace = pacer(opts.signal);
  const oneHot = await pcdOneHot(G, pace);
  const pcdReference = pcdHoldoutReference(P, assoc.real, opts.seed + 104729);
  end('fidelity');
  await step('privacy', 'Distances to the closest real rows');
  const priv = privacy(P, opts.seed, undefined, opts.quasiIdentifiers ?? null, opts.kAnonymity ?? null);
  end('privacy');
  let detectionAuc: number | null = null;
  let utility: UtilityReport | null = null;
  let clusters: ClusteringReport | null = null;
  let pca: Projection | null = null;
  if (!opts.fast) {
    await step('detection', 'Telling real from synthetic');
    detectionAuc = P.real.n >= 5 && P.synth.n >= 5 ? (await detection(G, opts.seed, pace)).auc : null;
    end('detection');
    await step('utility', 'Training models (TSTR, TRTR, …)');
    utility = P.target >= 0 && P.names.length > 1 ? await new UtilityRunner(G, opts.seed, pace).evaluate() : null;
    end('utility');
    await step('clustering', 'Clustering');
    clusters = clustering(G, opts.seed);
    end('clustering');
    await step('pca', 'Projection');
    pca = projection(G, opts.seed);
    end('pca');
  }
  opts.onProgress?.({ stage: 'evaluate', fraction: 1, message: 'Done' });
  const quality = trends.score === null ? shapes : (shapes + trends.score) / 2;
  const { ratio, trtrValue, metric, interval: ratioInterval } = utilityRatio(utility);
  return {
    version: 1,
    seed: opts.seed,
    seconds: (performance.now() - t0) / 1000,
    rows: { real: real.nRows, synthetic: synth.nRows, holdout: holdout ? holdout.nRows : null },
    fidelity: {
      columnShapes: shapes,
      columnPairTrends: trends.score,
      quality,
      pcd: assoc.pcd,
      pcdOneHot: oneHot,
      pcdReference,
      detectionAuc,
      pairTrendsByKind: { numNum: trends.numNum, catCat: trends.catCat, mixed: trends.mixed },
      columns,
      pairs: { names: P.names, real: Array.from(assoc.real), synthetic: Array.from(assoc.synthetic) },
    },
    privacy: priv,
    utility,
    clustering: clusters,
    pca,
    verdicts: [
      qualityVerdict(quality),
      pcdVerdict(assoc.pcd, P.names.length, pcdReference?.atSynthSize ?? null, pcdReference?.spread?.hi ?? null),
      dcrShareVerdict(priv.dcrShare, priv.dcrShareInterval),
      copiesVerdict(priv.exactCopyRate, priv.holdoutReference?.exactCopyRate ?? null),
      utilityVerdict(ratio, metric, utility ? trtrValue : null, ratioInterval ?? null),
    ],
    timings,
    ...(grouped.length ? { groupedLevels: grouped } : {}),
  };
}
