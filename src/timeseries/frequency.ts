/**
 * The frequency of a datetime column: daily, weekly, monthly, quarterly or yearly, read from the median step between
 * sorted timestamps, then every point placed on that grid so that gaps (missing steps), duplicates and points off the
 * grid can be reported. Monthly and coarser grids count calendar months (lengths vary); a grid of month ends stays
 * on month ends.
 */

export const FREQUENCIES = ['daily', 'weekly', 'monthly', 'quarterly', 'yearly'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

/** The seasonal period each frequency implies (a week for daily data, a year for the others). */
export const SEASONAL_PERIOD: Record<Frequency, number> = {
  daily: 7,
  weekly: 52,
  monthly: 12,
  quarterly: 4,
  yearly: 1,
};

const MS_DAY = 86_400_000;

/** A missing stretch of the grid: `count` steps missing after grid step `after`. */
export interface Gap {
  after: number;
  count: number;
}

export interface DetectedFrequency {
  frequency: Frequency;
  period: number;
  /** Timestamp of grid step 0 (the earliest point). */
  start: number;
  /** Whether the monthly/quarterly/yearly grid sits on month ends. */
  monthEnd: boolean;
  /** Grid step of each input point (input order); NaN for a point off the grid. */
  index: number[];
  /** Steps from the first to the last point, inclusive. */
  length: number;
  gaps: Gap[];
  missing: number;
  duplicates: number;
  offGrid: number;
}

const monthOf = (t: number): number => {
  const d = new Date(t);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
};
const isMonthEnd = (t: number): boolean => new Date(t + MS_DAY).getUTCDate() === 1;

function classify(medianDays: number): Frequency | null {
  if (Math.abs(medianDays - 1) < 0.01) return 'daily';
  if (Math.abs(medianDays - 7) < 0.01) return 'weekly';
  if (medianDays >= 28 && medianDays <= 31) return 'monthly';
  if (medianDays >= 89 && medianDays <= 92) return 'quarterly';
  if (medianDays >= 365 && medianDays <= 366) return 'yearly';
  return null;
}

const MONTHS: Record<Frequency, number> = { daily: 0, weekly: 0, monthly: 1, quarterly: 3, yearly: 12 };

/** The timestamp of grid step k. */
export function gridDate(f: Pick<DetectedFrequency, 'frequency' | 'start' | 'monthEnd'>, k: number): number {
  if (f.frequency === 'daily') return f.start + k * MS_DAY;
  if (f.frequency === 'weekly') return f.start + 7 * k * MS_DAY;
  const d = new Date(f.start);
  const m = d.getUTCMonth() + k * MONTHS[f.frequency];
  const tod = f.start - Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), m + 1, 0)).getUTCDate();
  const day = f.monthEnd ? lastDay : Math.min(d.getUTCDate(), lastDay);
  return Date.UTC(d.getUTCFullYear(), m, day) + tod;
}

function stepOf(frequency: Frequency, start: number, t: number): number {
  if (frequency === 'daily' || frequency === 'weekly') return (t - start) / ((frequency === 'daily' ? 1 : 7) * MS_DAY);
  return (monthOf(t) - monthOf(start)) / MONTHS[frequency];
}

/** Detects the grid of timestamps (ms since the epoch, any order; NaN ignored); null when none fits. */
export function detectFrequency(times: readonly number[]): DetectedFrequency | null {
  const sorted = times.filter(Number.isFinite).sort((a, b) => a - b);
  const steps = sorted
    .slice(1)
    .map((t, i) => (t - sorted[i]!) / MS_DAY)
    .filter((d) => d > 0)
    .sort((a, b) => a - b);
  if (steps.length === 0) return null;
  const frequency = classify(steps[Math.floor((steps.length - 1) / 2)]!);
  if (!frequency) return null;
  const start = sorted[0]!;
  const monthEnd = MONTHS[frequency] > 0 && sorted.every(isMonthEnd);
  const f = { frequency, start, monthEnd };
  const index = times.map((t) => {
    if (!Number.isFinite(t)) return NaN;
    const k = Math.round(stepOf(frequency, start, t));
    return gridDate(f, k) === t ? k : NaN;
  });
  const onGrid = [...new Set(index.filter(Number.isFinite))].sort((a, b) => a - b);
  const gaps: Gap[] = [];
  for (let i = 1; i < onGrid.length; i++)
    if (onGrid[i]! - onGrid[i - 1]! > 1) gaps.push({ after: onGrid[i - 1]!, count: onGrid[i]! - onGrid[i - 1]! - 1 });
  const finite = index.filter(Number.isFinite).length;
  return {
    ...f,
    period: SEASONAL_PERIOD[frequency],
    index,
    length: onGrid.length ? onGrid[onGrid.length - 1]! + 1 : 0,
    gaps,
    missing: gaps.reduce((s, g) => s + g.count, 0),
    duplicates: finite - onGrid.length,
    offGrid: times.filter(Number.isFinite).length - finite,
  };
}
