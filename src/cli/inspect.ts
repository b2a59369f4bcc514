/** `localsynth inspect data.csv`: the inferred schema as a table, plus warnings. */
import { basename } from 'node:path';
import { loadDataset } from '../index.js';
import { EXIT, UsageError } from './exit.js';
import { readInput } from './read-input.js';
import { parseNumberFormat } from './schema-flags.js';

export async function runInspect(positionals: string[], numberFormat?: string): Promise<number> {
  if (positionals.length !== 1)
    throw new UsageError('inspect needs exactly one input file: localsynth inspect data.csv');
  const file = positionals[0]!;
  const numberMode = parseNumberFormat(numberFormat);
  const { info } = loadDataset(readInput(file), basename(file), { numberMode });
  const out: string[] = [];
  out.push(
    `${info.fileName}: ${info.nRows} rows × ${info.nCols} columns, delimiter ${JSON.stringify(info.delimiter)}, ${info.encoding}`,
  );
  const w = Math.max(6, ...info.columns.map((c) => c.name.length));
  out.push(`${'column'.padEnd(w)}  ${'sdtype'.padEnd(11)}  missing  summary`);
  for (const c of info.columns) {
    const miss = c.missingRate > 0 ? `${(c.missingRate * 100).toFixed(1)}%` : '–';
    out.push(`${c.name.padEnd(w)}  ${c.sdtype.padEnd(11)}  ${miss.padStart(7)}  ${c.summary}`);
  }
  for (const warn of info.warnings) out.push(`warning: ${warn.message}`);
  process.stdout.write(out.join('\n') + '\n');
  return EXIT.ok;
}
