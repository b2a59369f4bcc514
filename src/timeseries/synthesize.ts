/**
 * A time series in a table (a datetime column and one numeric value column) fitted by ARIMA and synthesised: new
 * series of any length on the detected date grid, or continuations of the real series with fan-chart quantiles. The
 * tabular generator contract (i.i.d. rows from any table) does not fit a single ordered series, so this is a
 * function of its own that the CLI calls for `--generator arima`.
 */
import { Rng } from '../core/rng.js';
import type { ColumnSchema, Schema } from '../core/schema.js';
import { getColumn, makeTable, type Column, type Table } from '../core/table.js';
import { fitArima, type ArimaFit, type ArimaOrder } from './arima.js';
import { autoArima } from './auto.js';
import { detectFrequency, gridDate, type DetectedFrequency } from './frequency.js';
import { continueSeries, fanChart, simulateSeries, type FanChart } from './simulate.js';

export interface SeriesOptions {
  /** The datetime column; null: the rows are in time order, one step apart. */
  timeColumn: string | null;
  /** The value column; null: the only numerical column. */
  valueColumn: string | null;
  /** New series of this many points (default: the real length), unless `horizon` is set. */
  length?: number;
  /** Continue the real series by this many steps (and compute the fan chart). */
  horizon?: number;
  /** How many series (or continuation paths) to write. */
  series: number;
  seed: number;
  /** Seasonal period; default: the frequency's, else the ACF's. */
  period?: number;
  /** A fixed order instead of the stepwise search. */
  order?: ArimaOrder;
  /** Paths behind the fan chart's quantiles. */
  fanPaths?: number;
}

export interface SeriesResult {
  table: Table;
  schema: Schema;
  fit: ArimaFit;
  /** Models the stepwise search fitted (1 for a fixed order). */
  modelsTried: number;
  frequency: DetectedFrequency | null;
  fan: FanChart | null;
  notes: string[];
}

function pickColumns(schema: Schema, o: SeriesOptions): { time: ColumnSchema | null; value: ColumnSchema } {
  const find = (name: string): ColumnSchema => {
    const c = schema.columns.find((x) => x.name === name);
    if (!c) throw new RangeError(`no column "${name}" (columns: ${schema.columns.map((x) => x.name).join(', ')})`);
    return c;
  };
  const time = o.timeColumn === null ? null : find(o.timeColumn);
  if (time && time.sdtype !== 'datetime') throw new RangeError(`"${time.name}" is not a datetime column`);
  const numeric = schema.columns.filter((c) => c.sdtype === 'numerical' && c.name !== time?.name);
  if (o.valueColumn === null && numeric.length !== 1)
    throw new RangeError(`choose the value column (numerical columns: ${numeric.map((c) => c.name).join(', ')})`);
  const value = o.valueColumn === null ? numeric[0]! : find(o.valueColumn);
  if (value.sdtype !== 'numerical') throw new RangeError(`"${value.name}" is not a numerical column`);
  return { time, value };
}

/** The values on the date grid (NaN in the gaps) and what was noticed on the way. */
function onGrid(times: Float64Array | null, values: Float64Array, notes: string[]) {
  if (!times) return { y: Array.from(values), frequency: null };
  const frequency = detectFrequency(Array.from(times));
  if (!frequency) throw new RangeError('the datetime column has no regular daily/weekly/monthly/quarterly/yearly step');
  const y = new Array<number>(frequency.length).fill(NaN);
  frequency.index.forEach((k, i) => {
    if (Number.isFinite(k)) y[k] = values[i]!;
  });
  notes.push(`${frequency.frequency} series of ${frequency.length} steps`);
  if (frequency.missing > 0)
    notes.push(`${frequency.missing} missing steps in ${frequency.gaps.length} gaps (treated as missing values)`);
  if (frequency.duplicates > 0) notes.push(`${frequency.duplicates} duplicate dates (the later value kept)`);
  if (frequency.offGrid > 0) notes.push(`${frequency.offGrid} dates off the grid (left out)`);
  return { y, frequency };
}

function fitSeries(y: number[], frequency: DetectedFrequency | null, o: SeriesOptions) {
  if (o.order) return { fit: fitArima(y, o.order), modelsTried: 1 };
  const { best, tried } = autoArima(y, {
    period: o.period ?? (frequency && frequency.period > 1 ? frequency.period : undefined),
  });
  return { fit: best, modelsTried: tried.length };
}

/** Fits the series of `table` and writes the synthetic series (long format: series id, date, value). */
export function synthesizeSeries(table: Table, schema: Schema, o: SeriesOptions): SeriesResult {
  const notes: string[] = [];
  const { time, value } = pickColumns(schema, o);
  const col = (name: string): Float64Array => {
    const c = getColumn(table, name);
    if (c.kind !== 'num') throw new RangeError(`"${name}" is not numeric`);
    return c.values;
  };
  const { y, frequency } = onGrid(time ? col(time.name) : null, col(value.name), notes);
  const { fit, modelsTried } = fitSeries(y, frequency, o);
  const rng = new Rng(o.seed);
  const k = fit.order.d + fit.order.D * fit.order.s;
  const horizon = o.horizon ?? 0;
  const length = horizon > 0 ? horizon : (o.length ?? y.length - k);
  const firstStep = horizon > 0 ? y.length : k;
  const paths = Array.from({ length: o.series }, () => {
    const r = rng.fork();
    return horizon > 0 ? continueSeries(fit, y, horizon, r) : simulateSeries(fit, y, length, r);
  });
  const fan = horizon > 0 ? fanChart(fit, y, horizon, o.fanPaths ?? 1000, rng.fork()) : null;
  const stepTime = (j: number): number => (frequency ? gridDate(frequency, firstStep + j) : firstStep + j);
  const n = o.series * length;
  const ids = new Int32Array(n);
  const dates = new Float64Array(n);
  const vals = new Float64Array(n);
  paths.forEach((p, s) =>
    p.forEach((v, j) => {
      ids[s * length + j] = s;
      dates[s * length + j] = stepTime(j);
      vals[s * length + j] = value.integer ? Math.round(v) : v;
    }),
  );
  const levels = paths.map((_, s) => String(s + 1));
  const names = ['series', time?.name ?? 'step', value.name];
  const columns: Column[] = [
    { kind: 'cat', codes: ids, levels },
    { kind: 'num', values: dates },
    { kind: 'num', values: vals },
  ];
  const base = { skip: false, missingRate: 0 };
  const outSchema: Schema = {
    target: null,
    columns: [
      { ...base, name: 'series', sdtype: 'categorical', nUnique: levels.length, levels },
      time ?? { ...base, name: 'step', sdtype: 'numerical', nUnique: length, integer: true },
      value,
    ],
  };
  return { table: makeTable(names, columns), schema: outSchema, fit, modelsTried, frequency, fan, notes };
}
