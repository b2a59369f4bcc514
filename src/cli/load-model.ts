/**
 * `localsynth generate --load-model model.json [data.csv] [--rows n] [--seed n] [--out synth.csv] [--report r.json]`:
 * samples from a saved model (written by `--save-model` or the page's "Download model") without training. The data
 * file is optional; when given it is only checked against the model's columns and compared with in the report.
 */
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { readInput } from './read-input.js';
import { writeParts } from './write-output.js';
import { basename, dirname, join, resolve } from 'node:path';
import { DEFAULT_SEED, LocalSynthError, loadDataset, SchemaError, type ParsedCsv } from '../index.js';
import { decodeModelBytes } from '../io/index.js';
import { describeFilter } from '../privacy/modes.js';
import { loadModel } from '../engine/model-file.js';
import { modelColumnsMismatch, sampleFromModel } from '../engine/sample-model.js';
import { summarize } from './evaluate.js';
import { EXIT, interruptible, terminalSafe, UsageError } from './exit.js';
import {
  checkWritable,
  defaultOutPath,
  generatorFlags,
  parseBackend,
  parseInteger,
  refuseOverwrite,
  type Values,
} from './generate.js';
import { progressPrinter } from './progress.js';

/** Flags that only mean something when training: a saved model keeps the settings it was trained with. */
const TRAINING_FLAGS = ['generator', 'target', 'types', 'skip', 'holdout-fraction', 'privacy-filter', 'save-model'];

/** `model.json` → `model.synthetic.csv`, `data.model.json` → `data.synthetic.csv`, next to the model. */
export function defaultModelOutPath(model: string): string {
  const base =
    basename(model)
      .replace(/\.json$/i, '')
      .replace(/\.model$/i, '') || 'model';
  return join(dirname(model), `${base}.synthetic.csv`);
}

/** Larger model files are refused before they are read, as in the page (a model of a few thousand rows is a few MiB). */
const MAX_MODEL_BYTES = 256 * 1024 * 1024;

/** The model file's text, decoded as the page decodes it (UTF-8 or UTF-16). */
function readModelFile(path: string): string {
  const size = statSync(path).size;
  if (size > MAX_MODEL_BYTES) {
    throw new LocalSynthError(
      'BAD_MODEL_FILE',
      `${path} is too large to be a saved model (${Math.round(size / 2 ** 20)} MiB; the limit is 256 MiB).`,
    );
  }
  return decodeModelBytes(readInput(path, MAX_MODEL_BYTES));
}

export async function runLoadModel(positionals: string[], values: Values): Promise<number> {
  const str = (k: string): string | undefined => (typeof values[k] === 'string' ? (values[k] as string) : undefined);
  const quiet = values['quiet'] === true;
  const log = (s: string): void => {
    if (!quiet) process.stderr.write(terminalSafe(s) + '\n');
  };
  const modelPath = str('load-model') ?? '';
  if (modelPath === '')
    throw new UsageError('--load-model needs a file: localsynth generate --load-model model.json --rows 500');
  for (const flag of [...TRAINING_FLAGS, ...generatorFlags()]) {
    if (values[flag] !== undefined)
      throw new UsageError(
        `--${flag} cannot be used with --load-model: a saved model keeps the settings it was trained with.`,
      );
  }
  if (positionals.length > 1)
    throw new UsageError(
      `generate --load-model takes at most one data file (for the report), got ${positionals.length}: ${positionals.join(' ')}`,
    );
  const input = positionals[0];
  const rows = str('rows') === undefined ? null : parseInteger('rows', str('rows')!, 1);
  const seed = str('seed') === undefined ? DEFAULT_SEED : parseInteger('seed', str('seed')!, 0);
  const backend = parseBackend(str('backend'));
  const reportPath = str('report');
  if (reportPath !== undefined && input === undefined) {
    throw new UsageError(
      '--report with --load-model needs the real data to compare with: localsynth generate data.csv --load-model model.json --report r.json',
    );
  }
  const out = resolve(str('out') ?? (input !== undefined ? defaultOutPath(input) : defaultModelOutPath(modelPath)));
  // a missing model or data file is reported as such first
  if (existsSync(modelPath) && (input === undefined || existsSync(input))) {
    checkWritable(out, 'out');
    if (reportPath !== undefined) checkWritable(reportPath, 'report');
  }
  refuseOverwrite(out, modelPath, 'the model file', 'out');
  if (input !== undefined) refuseOverwrite(out, input, 'the input file', 'out');

  // the data file first: a bad CSV is reported before the model is restored
  let real: ParsedCsv | null = null;
  if (input !== undefined) {
    const d = loadDataset(readInput(input), basename(input));
    for (const w of d.info.warnings) log(`warning: ${w.message}`);
    real = d.parsed;
  }
  const model = await loadModel(readModelFile(modelPath), { backend });
  const mismatch = real ? modelColumnsMismatch(real, model.dataset) : null;
  if (mismatch) {
    model.generator.dispose();
    throw new SchemaError('COLUMNS_MISMATCH', mismatch, { model: modelPath });
  }
  log(`seed ${seed}`);
  const progress = progressPrinter(process.stderr, quiet);
  const t0 = performance.now();
  return interruptible(async (signal) => {
    const result = await sampleFromModel(model, { rows, seed, backend, evaluate: reportPath !== undefined }, real, {
      signal,
      onProgress: progress.onProgress,
    }).finally(() => progress.clear());
    writeParts(out, result.csvParts);
    const secs = ((performance.now() - t0) / 1000).toFixed(2);
    log(
      `wrote ${result.nRows} rows × ${result.header.length} columns to ${out} in ${secs} s (${model.generator.info.label} from ${modelPath}, no training, seed ${seed})`,
    );
    for (const note of result.fit.notes) log(note);
    if (result.privacyFilter) log(describeFilter(result.privacyFilter));
    if (reportPath && result.report) {
      writeFileSync(reportPath, JSON.stringify(result.report, null, 1));
      if (!quiet) process.stdout.write(summarize(result.report) + '\n');
      log(`wrote the report to ${reportPath}`);
    }
    return EXIT.ok;
  });
}
