/**
 * `localsynth generate series.csv --generator arima --time-column date [--length N | --continue H]`: the time-series
 * path (src/timeseries), kept apart from the tabular `generate` because its flags and its output differ.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_SEED } from '../core/rng.js';
import { buildTable, inferSchema, parseCsv, writeCsv } from '../io/index.js';
import type { ArimaOrder } from '../timeseries/arima.js';
import { synthesizeSeries, type SeriesResult } from '../timeseries/synthesize.js';
import { EXIT, UsageError } from './exit.js';
import { defaultOutPath, parseInteger } from './generate.js';
import { readInput } from './read-input.js';

/** Whether a `generate` command line asks for the time-series generator. */
export function wantsSeries(args: readonly string[]): boolean {
  return args.some((a, i) => a === '--generator=arima' || (a === '--generator' && args[i + 1] === 'arima'));
}

function parseOrder(text: string): ArimaOrder {
  const n = text.split(',').map((v) => parseInteger('order', v.trim(), 0));
  if (n.length !== 3 && n.length !== 7) throw new UsageError(`--order takes p,d,q or p,d,q,P,D,Q,s (got "${text}").`);
  const [p, d, q, P = 0, D = 0, Q = 0, s = 1] = n as [number, number, number, number?, number?, number?, number?];
  return { p, d, q, P, D, Q, s };
}

function describe(r: SeriesResult): string[] {
  const o = r.fit.order;
  const seasonal = o.s > 1 ? `(${o.P},${o.D},${o.Q})[${o.s}]` : '';
  const coef = r.fit.coef.map((c) => `${c.name} ${c.value.toFixed(4)} (s.e. ${c.se.toFixed(4)})`).join(', ');
  return [
    ...r.notes,
    `ARIMA(${o.p},${o.d},${o.q})${seasonal}${r.fit.includeMean ? ' with mean' : ''}: ${coef || 'no coefficients'}`,
    `sigma^2 ${r.fit.sigma2.toPrecision(6)}, log L ${r.fit.logLik.toFixed(2)}, AIC ${r.fit.aic.toFixed(2)} (${r.modelsTried} models fitted)`,
  ];
}

function fanCsv(r: SeriesResult): string {
  if (!r.fan) return '';
  const head = ['step', 'mean', ...r.fan.probs.map((p) => `q${p}`)].join(',');
  return [head, ...r.fan.quantiles.map((q, h) => [h + 1, r.fan!.mean[h], ...q].join(','))].join('\n') + '\n';
}

/** Parses the time-series flags, fits, writes the CSV (and the fan chart's quantiles with --fan). */
export async function runSeries(args: string[]): Promise<number> {
  const text = { type: 'string' } as const;
  const { values: v, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      generator: text,
      'time-column': text,
      'value-column': text,
      length: text,
      continue: text,
      series: text,
      seed: text,
      out: text,
      period: text,
      order: text,
      fan: text,
      quiet: { type: 'boolean' },
    },
  });
  const str = (k: Exclude<keyof typeof v, 'quiet'>): string | undefined => v[k];
  if (positionals.length !== 1) throw new UsageError('generate --generator arima needs one input file.');
  const input = positionals[0]!;
  if (str('length') !== undefined && str('continue') !== undefined)
    throw new UsageError('--length and --continue exclude each other.');
  const int = (k: 'length' | 'continue' | 'series' | 'seed' | 'period', min: number): number | undefined =>
    str(k) === undefined ? undefined : parseInteger(k, str(k)!, min);
  const parsed = parseCsv(readInput(input), { fileName: input });
  const { schema } = inferSchema(parsed);
  const result = synthesizeSeries(buildTable(parsed, schema), schema, {
    timeColumn: str('time-column') ?? null,
    valueColumn: str('value-column') ?? null,
    length: int('length', 1),
    horizon: int('continue', 1),
    series: int('series', 1) ?? 1,
    seed: int('seed', 0) ?? DEFAULT_SEED,
    period: int('period', 1),
    order: str('order') === undefined ? undefined : parseOrder(str('order')!),
  });
  const out = resolve(str('out') ?? defaultOutPath(input));
  writeFileSync(out, writeCsv(result.table, result.schema));
  const fan = str('fan');
  if (fan !== undefined) writeFileSync(fan, fanCsv(result));
  if (v.quiet !== true)
    for (const line of [...describe(result), `wrote ${result.table.nRows} rows to ${out}`])
      process.stderr.write(line + '\n');
  return EXIT.ok;
}
