/**
 * The library barrel: what the CLI (and any Node script) uses. The same modules run inside the page's worker.
 */
export * from './core/errors.js';
export * from './core/progress.js';
export * from './core/rng.js';
export * from './core/schema.js';
export * from './core/table.js';
export * from './io/index.js';
export { Engine } from './engine/engine.js';
export { generateFromDataset, loadDataset, type GenerateOutcome, type LoadedDataset } from './engine/pipeline.js';
export { PREVIEW_ROWS, type RunContext } from './engine/result.js';
export {
  createGenerator,
  DEFAULT_GENERATOR,
  generatorInfo,
  listGenerators,
  restoreGenerator,
  savableGenerators,
} from './generators/registry.js';
export { BACKEND_CHOICES, type BackendChoice } from './core/compute.js';
export {
  cliFlag,
  resolveOptions,
  type Capabilities,
  type GeneratorInfo,
  type OptionSpec,
  type OptionsOf,
  type OptionValue,
  type OptionValues,
} from './generators/options.js';
export type { FitReport, Generator, HistoryPoint, TuningReport } from './generators/generator.js';
export type { DatasetInfo, GenerateRequest, GenerateResult, InputWarning, ColumnSummary } from './api/types.js';
