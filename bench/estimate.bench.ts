/**
 * The time estimate before Generate (src/api/estimate.ts, each generator's `capabilities.cost`) against the measured
 * fit + sample seconds, for every offered generator on tables of different sizes, and the ratio measured / estimated.
 * The coefficients are checked on all tables at once: one table alone would tune them to its shape.
 * GenerativeMTD is measured with its default options (a real fit, no shortened training) on the tables named in
 * NEURAL (default: cryotherapy); elsewhere only its estimate is printed.
 * Usage: [NEURAL=cryotherapy,…] node --import tsx bench/estimate.bench.ts [--generators knnmtd,copula,…] [table…]
 * (tables: cryotherapy, wisconsin_breast, pima, urban_land, generated5000)
 */
import { loadavg } from 'node:os';
import { estimateRun, tableShape } from '../src/api/estimate.js';
import {
  buildTable,
  createGenerator,
  listGenerators,
  loadDataset,
  refreshSchema,
  type Schema,
  type Table,
} from '../src/index.js';
import { parseBenchArgs, pickNamed } from './lib/args.js';
import { datasetBytes, datasets } from './lib/datasets.js';
import { BENCH_BACKEND } from './lib/neural.js';
import { BenchReport, machine } from './lib/report.js';

const args = parseBenchArgs({
  values: ['generators'],
  usage:
    'node --import tsx bench/estimate.bench.ts [--generators knnmtd,copula,…] [cryotherapy|wisconsin_breast|pima|urban_land|generated5000 …]',
});
const only = args.values['generators']?.split(',') ?? null;
const neuralOn = (process.env['NEURAL'] ?? 'cryotherapy').split(',');
const gens = listGenerators().filter((g) => !only || only.includes(g.id));

interface BenchInput {
  file: string;
  table: Table;
  schema: Schema;
}

function load(name: string, target: string): BenchInput {
  const { parsed, info } = loadDataset(datasetBytes(name), name);
  const schema = refreshSchema(parsed, { ...info.schema, target });
  return { file: name, table: buildTable(parsed, schema), schema };
}

/** 5 000 rows drawn from the Gaussian copula fitted on pima: a larger table of the same kind. */
async function generated(pima: BenchInput): Promise<BenchInput> {
  const g = await createGenerator('copula');
  await g.fit(pima.table, pima.schema, { seed: 0 });
  const table = await g.sample(5000, { seed: 1 });
  g.dispose();
  return { file: 'generated5000', table, schema: pima.schema };
}

const named = datasets(['cryotherapy', 'wisconsin_breast', 'pima', 'urban_land']).map((d) => load(d.file, d.target));
const pima = named.find((d) => d.file === 'pima')!;
const all = [...named, await generated(pima)];
const tables = pickNamed(all, args.positional);

const report = new BenchReport(import.meta.url, ['NEURAL']);
report.line(`estimate — ${machine()}, neural generators on ${BENCH_BACKEND}; fit on all rows, sample as many`);
report.table([
  'table',
  'rows × columns (width)',
  'generator',
  'estimated s',
  'measured s',
  'measured / estimated',
  'load',
]);
/** The 1-minute load average: on a shared machine a run's time is only as good as the load it ran under. */
const loadNow = (): string => loadavg()[0]!.toFixed(1);
const ratios: number[] = [];
for (const d of tables) {
  const shape = tableShape(d.schema, d.table.nRows, 0, d.table.nRows);
  const size = `${shape.rows} × ${shape.columns} (${shape.width})`;
  for (const g of gens) {
    const est = estimateRun(g, shape, {}, BENCH_BACKEND).seconds;
    if (g.capabilities.neural && !neuralOn.includes(d.file)) {
      report.row([d.file, size, g.id, est.toFixed(2), '–', '–', '']);
      continue;
    }
    const gen = await createGenerator(g.id);
    const t0 = performance.now();
    await gen.fit(d.table, d.schema, { seed: 0, backend: BENCH_BACKEND });
    await gen.sample(d.table.nRows, { seed: 1 });
    const secs = (performance.now() - t0) / 1000;
    gen.dispose();
    ratios.push(secs / est);
    report.row([d.file, size, g.id, est.toFixed(2), secs.toFixed(2), (secs / est).toFixed(2), loadNow()]);
  }
}
const sorted = [...ratios].sort((a, b) => a - b);
const q = (p: number): string => (sorted[Math.floor(p * (sorted.length - 1))] ?? NaN).toFixed(2);
report.line();
report.line(`measured / estimated over ${ratios.length} runs: min ${q(0)}, median ${q(0.5)}, max ${q(1)}`);
report.save();
