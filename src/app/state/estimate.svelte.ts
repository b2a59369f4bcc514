/**
 * The time estimate shown before Generate: the selected generator's cost model (src/api/estimate.ts) for the table
 * as the schema stands, the options and the backend setting; it follows every change of these. A finished neural
 * run's measured step time replaces the model's from then on (scaled to other sizes), for that generator and the
 * backend it ran on.
 */
import {
  describeAlternatives,
  describeEstimate,
  estimateRun,
  fasterAlternatives,
  measureSteps,
  tableShape,
  type Estimate,
  type StepMeasure,
  type TableShape,
} from '../../api/estimate.js';
import type { GenerateRequest, GenerateResult } from '../../api/types.js';
import type { DatasetState } from './dataset.svelte.js';
import type { RunState } from './run.svelte.js';

export class EstimateState {
  /** Step times measured by finished runs this session, one per generator (the latest). */
  measured = $state.raw<StepMeasure[]>([]);

  constructor(
    private readonly data: DatasetState,
    private readonly run: RunState,
  ) {}

  readonly shape: TableShape | null = $derived.by(() => {
    const { schema, info } = this.data;
    if (!schema || !info) return null;
    return tableShape(schema, info.nRows, this.run.holdoutFor(info.nRows), this.run.rows);
  });

  readonly estimate: Estimate | null = $derived.by(() => {
    const g = this.run.generator;
    if (!g || !this.shape) return null;
    const backend = this.run.usesBackend ? this.run.backend : 'auto';
    return estimateRun(
      g,
      this.shape,
      this.run.options,
      backend,
      this.measured.find((m) => m.generator === g.id),
    );
  });

  /** "about 40 s here (wasm, 45 ms/step)". */
  readonly text: string | null = $derived(this.estimate ? describeEstimate(this.estimate) : null);

  /** For a long run: the quicker generators with their own estimates. */
  readonly suggestion: string | null = $derived.by(() => {
    if (!this.estimate || !this.shape) return null;
    const alts = fasterAlternatives(this.run.generators, this.run.generatorId, this.estimate.seconds, this.shape);
    return describeAlternatives(alts);
  });

  /** A finished run: its fit time and epochs give the step time of its generator on its backend. */
  record(req: GenerateRequest, result: GenerateResult): void {
    const g = this.run.generators.find((x) => x.id === req.generator);
    const info = this.data.info;
    if (!g || !info) return;
    const shape = tableShape(req.schema, info.nRows, req.holdoutFraction ?? 0, req.rows);
    const fit = result.fit;
    const m = measureSteps(g, shape, req.options, {
      seconds: fit.seconds,
      epochs: fit.history?.length ?? 0,
      ...(fit.backend ? { backend: fit.backend } : {}),
    });
    if (m) this.measured = [...this.measured.filter((x) => x.generator !== m.generator), m];
  }
}
