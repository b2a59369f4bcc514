/**
 * Automatic ARIMA (Hyndman & Khandakar 2008, forecast's auto.arima with stepwise = TRUE): d and D from the unit-root
 * and seasonal tests, then a stepwise search over (p, q, P, Q) and the mean by AIC. Each round fits every neighbour
 * of the current best (one order ±1, p and q together ±1, P and Q together ±1, the mean on/off when undifferenced)
 * and moves to the best improvement; it stops when none improves or after `maxModels` fits. No drift term: R's
 * `arima` has none, and a mean is only estimated for undifferenced series.
 */
import { fitArima, type ArimaFit, type ArimaOrder } from './arima.js';
import { chooseD, chooseSeasonalD, periodFromAcf } from './tests.js';
import { difference } from './polynomial.js';

export interface AutoOptions {
  /** Seasonal period; default: from the ACF. 1 = no seasonal part. */
  period?: number;
  d?: number;
  D?: number;
  maxP?: number;
  maxQ?: number;
  maxSP?: number;
  maxSQ?: number;
  /** Largest p + q + P + Q. */
  maxOrder?: number;
  maxModels?: number;
}

export interface AutoResult {
  best: ArimaFit;
  /** Every model fitted, in the order tried, with its AIC (Infinity when the fit failed). */
  tried: { order: ArimaOrder; includeMean: boolean; aic: number }[];
}

type Candidate = { order: ArimaOrder; includeMean: boolean };

const key = (c: Candidate): string => {
  const o = c.order;
  return `${o.p},${o.d},${o.q},${o.P},${o.D},${o.Q},${o.s},${c.includeMean}`;
};

/** d, D and s for a series under the given options. */
export function differencingOrders(y: readonly number[], opts: AutoOptions = {}): { d: number; D: number; s: number } {
  const s = opts.period ?? periodFromAcf(y);
  const D = opts.D ?? (s > 1 ? chooseSeasonalD(y, s) : 0);
  const d = opts.d ?? chooseD(difference(y, 0, D, s));
  return { d, D, s };
}

function neighbours(c: Candidate, seasonal: boolean, undifferenced: boolean): Candidate[] {
  const moves: Partial<Record<'p' | 'q' | 'P' | 'Q', number>>[] = [];
  for (const k of ['p', 'q'] as const) moves.push({ [k]: 1 }, { [k]: -1 });
  moves.push({ p: 1, q: 1 }, { p: -1, q: -1 });
  if (seasonal) {
    for (const k of ['P', 'Q'] as const) moves.push({ [k]: 1 }, { [k]: -1 });
    moves.push({ P: 1, Q: 1 }, { P: -1, Q: -1 });
  }
  const out = moves.map((m) => {
    const o = { ...c.order };
    for (const [k, v] of Object.entries(m) as ['p' | 'q' | 'P' | 'Q', number][]) o[k] += v;
    return { order: o, includeMean: c.includeMean };
  });
  if (undifferenced) out.push({ order: c.order, includeMean: !c.includeMean });
  return out;
}

/** Chooses and fits an ARIMA model for y by the stepwise search. */
export function autoArima(y: readonly number[], opts: AutoOptions = {}): AutoResult {
  const { d, D, s } = differencingOrders(y, opts);
  const seasonal = s > 1;
  const limits = { p: opts.maxP ?? 5, q: opts.maxQ ?? 5, P: opts.maxSP ?? 2, Q: opts.maxSQ ?? 2 };
  const maxOrder = opts.maxOrder ?? 5;
  const maxModels = opts.maxModels ?? 94;
  const undifferenced = d + D === 0;
  const fits = new Map<string, ArimaFit | null>();
  const tried: AutoResult['tried'] = [];
  const valid = (c: Candidate): boolean => {
    const o = c.order;
    const inRange = (['p', 'q', 'P', 'Q'] as const).every((k) => o[k] >= 0 && o[k] <= limits[k]);
    return inRange && o.p + o.q + o.P + o.Q <= maxOrder;
  };
  const fit = (c: Candidate): ArimaFit | null => {
    const k = key(c);
    if (fits.has(k)) return fits.get(k) ?? null;
    if (fits.size >= maxModels) return null;
    let f: ArimaFit | null = null;
    try {
      f = fitArima(y, c.order, c.includeMean);
    } catch {
      f = null;
    }
    fits.set(k, f);
    tried.push({ ...c, aic: f && Number.isFinite(f.aic) ? f.aic : Infinity });
    return f;
  };
  const order = (p: number, q: number, P: number, Q: number): ArimaOrder =>
    seasonal ? { p, d, q, P, D, Q, s } : { p, d, q, P: 0, D: 0, Q: 0, s: 1 };
  const starts: Candidate[] = [order(2, 2, 1, 1), order(0, 0, 0, 0), order(1, 0, 1, 0), order(0, 1, 0, 1)].map((o) => ({
    order: o,
    includeMean: undifferenced,
  }));
  let best: { c: Candidate; f: ArimaFit } | null = null;
  const consider = (c: Candidate): boolean => {
    if (!valid(c)) return false;
    const f = fit(c);
    if (!f || !(f.aic < (best?.f.aic ?? Infinity))) return false;
    best = { c, f };
    return true;
  };
  for (const c of starts) consider(c);
  for (let improved = true; improved && best;) {
    const from: Candidate = (best as { c: Candidate }).c;
    improved = false;
    for (const n of neighbours(from, seasonal, undifferenced)) if (consider(n)) improved = true;
  }
  if (!best) throw new RangeError('autoArima: no model could be fitted');
  return { best: (best as { f: ArimaFit }).f, tried };
}

/** Every model with p, q ≤ maxPQ and P, Q ≤ maxSPQ (same d, D, s): the yardstick for the stepwise search. */
export function exhaustiveArima(
  y: readonly number[],
  d: number,
  D: number,
  s: number,
  maxPQ = 2,
  maxSPQ = 1,
): ArimaFit {
  let best: ArimaFit | null = null;
  const sMax = s > 1 ? maxSPQ : 0;
  for (let p = 0; p <= maxPQ; p++)
    for (let q = 0; q <= maxPQ; q++)
      for (let P = 0; P <= sMax; P++)
        for (let Q = 0; Q <= sMax; Q++) {
          try {
            const f = fitArima(y, { p, d, q, P, D, Q, s: s > 1 ? s : 1 });
            if (!best || f.aic < best.aic) best = f;
          } catch {
            continue;
          }
        }
  if (!best) throw new RangeError('exhaustiveArima: no model could be fitted');
  return best;
}
