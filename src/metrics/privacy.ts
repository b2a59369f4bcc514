/**
 * Privacy scores (DESIGN.md §5) in the mixed-type Gower space of `privacy/distance.ts`: nearest-neighbour distances
 * (DCR), NNDR, exact copies, and the holdout DCR share (Platzer & Reutterer 2021).
 */
import { Rng } from '../core/rng.js';
import { COPY_TOL, GowerSpace, percentile } from '../privacy/distance.js';
import { dcrShareInterval, type DcrInterval } from '../privacy/risk/dcr-interval.js';
import { riskReport, type RiskReport } from '../privacy/risk/report.js';
import type { KAnonymityOutcome } from '../privacy/k-anonymity-outcome.js';
import type { Prepared } from './prepare.js';

/** Training subsamples averaged for the DCR share. */
export const DCR_REPEATS = 5;

/** NNDR per row: nearest / second nearest, 0 when the second is 0 (or missing). */
export function nndr(d1: Float64Array, d2: Float64Array): Float64Array {
  return d1.map((x, i) => (d2[i]! > 0 && Number.isFinite(d2[i]!) ? x / d2[i]! : 0));
}

/** Share of synthetic rows closer to train than to holdout; ties count ½. */
export function dcrShareOnce(dTrain: Float64Array, dHoldout: Float64Array): number {
  let s = 0;
  for (let i = 0; i < dTrain.length; i++) {
    const t = dTrain[i]!;
    const h = dHoldout[i]!;
    if (Math.abs(t - h) <= 1e-12) s += 0.5;
    else if (t < h) s += 1;
  }
  return s / dTrain.length;
}

export interface DistanceSummary {
  median: number;
  p5: number;
}

export interface PrivacyReport {
  distance: 'gower-l1';
  /** 0.5 ideal; null without a holdout */
  dcrShare: number | null;
  dcrShareStd: number | null;
  /** confidence interval of the share (bootstrap, `privacy/risk/dcr-interval.ts`); null without a holdout */
  dcrShareInterval: DcrInterval | null;
  exactCopyRate: number;
  dcr: DistanceSummary;
  nndr: DistanceSummary;
  /** the same numbers for real unseen rows (holdout → train): what "as private as new real data" looks like */
  holdoutReference: { dcr: DistanceSummary; nndr: DistanceSummary; exactCopyRate: number } | null;
  /** attack figures: k-anonymity, CAP disclosure protection, membership inference (`privacy/risk/report.ts`) */
  risk: RiskReport;
  /** synthetic→train and holdout→train nearest distances, binned for a chart */
  dcrHistogram: { edges: number[]; synthetic: number[]; holdout: number[] | null };
}

function histogram(values: Float64Array, edges: number[]): number[] {
  const counts = new Array(edges.length - 1).fill(0) as number[];
  for (const v of values) {
    let b = 0;
    while (b < counts.length - 1 && v >= edges[b + 1]!) b++;
    counts[b]!++;
  }
  return counts.map((c) => c / Math.max(1, values.length));
}

export function privacy(
  P: Prepared,
  seed: number,
  tick: () => void = () => {},
  quasiIdentifiers: readonly string[] | null = null,
  enforced: KAnonymityOutcome | null = null,
): PrivacyReport {
  const G = new GowerSpace(P);
  const S = G.rows(P.synth);
  const T = G.rows(P.real);
  const ds = G.nearest2(S, T);
  tick();
  const nnS = nndr(ds.d1, ds.d2);
  let dcrShare: number | null = null;
  let dcrShareStd: number | null = null;
  let interval: DcrInterval | null = null;
  let ref: PrivacyReport['holdoutReference'] = null;
  let dref: Float64Array | null = null;
  if (P.holdout && P.holdout.n > 0) {
    const H = G.rows(P.holdout);
    const m = Math.min(T.n, H.n);
    const rng = new Rng(seed);
    const shares: number[] = [];
    for (let rep = 0; rep < DCR_REPEATS; rep++) {
      const ti = rng.choose(T.n, m);
      const Ts = G.rows(P.real, ti);
      const Hs = H.n > m ? G.rows(P.holdout, rng.choose(H.n, m)) : H;
      shares.push(dcrShareOnce(G.nearest2(S, Ts).d1, G.nearest2(S, Hs).d1));
      tick();
    }
    dcrShare = shares.reduce((a, b) => a + b, 0) / shares.length;
    dcrShareStd = Math.sqrt(shares.reduce((a, b) => a + (b - dcrShare!) ** 2, 0) / shares.length);
    interval = dcrShareInterval(G, S, T, H, dcrShare, (seed + 1) >>> 0, { repeats: DCR_REPEATS });
    tick();
    const dh = G.nearest2(H, T);
    dref = dh.d1;
    const nnR = nndr(dh.d1, dh.d2);
    ref = {
      dcr: { median: percentile(dh.d1, 50), p5: percentile(dh.d1, 5) },
      nndr: { median: percentile(nnR, 50), p5: percentile(nnR, 5) },
      exactCopyRate: dh.d1.filter((d) => d <= COPY_TOL).length / dh.d1.length,
    };
  }
  const top = Math.max(percentile(ds.d1, 99), dref ? percentile(dref, 99) : 0, 1e-9);
  const edges = Array.from({ length: 21 }, (_, k) => (top * k) / 20);
  return {
    distance: 'gower-l1',
    dcrShare,
    dcrShareStd,
    dcrShareInterval: interval,
    exactCopyRate: ds.d1.filter((d) => d <= COPY_TOL).length / ds.d1.length,
    dcr: { median: percentile(ds.d1, 50), p5: percentile(ds.d1, 5) },
    nndr: { median: percentile(nnS, 50), p5: percentile(nnS, 5) },
    holdoutReference: ref,
    risk: riskReport(P, (seed + 2) >>> 0, quasiIdentifiers, enforced),
    dcrHistogram: { edges, synthetic: histogram(ds.d1, edges), holdout: dref ? histogram(dref, edges) : null },
  };
}
