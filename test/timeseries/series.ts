/** The time-series fixtures as plain number arrays (second column of each file). */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fixtures } from '../support/data.js';

export function fixtureSeries(stem: string): { dates: string[]; values: number[] } {
  const lines = readFileSync(resolve(fixtures, 'timeseries', `${stem}.csv`), 'utf8')
    .trim()
    .split('\n')
    .slice(1);
  const cells = lines.map((l) => l.split(',').map((c) => c.replace(/"/g, '')));
  return { dates: cells.map((c) => c[0]!), values: cells.map((c) => Number(c[1]!)) };
}
