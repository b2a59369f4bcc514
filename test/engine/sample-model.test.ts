/**
 * The report of a sample from a saved model is built from Tables: the real file under the model's schema, its levels
 * extended by the model's, so the sampled table (coded by the model's levels) is compared label by label — also a
 * label the CSV writer would escape (a leading '=') and one the real file lacks.
 */
import { describe, expect, it } from 'vitest';
import { makeTable } from '../../src/core/table.js';
import { loadDataset } from '../../src/engine/pipeline.js';
import { modelColumnsMismatch, reportInput } from '../../src/engine/sample-model.js';
import { evaluate } from '../../src/metrics/evaluate.js';

const REAL = 'city,score\n=cmd,1.5\nOslo,2.5\n=cmd,3\nBergen,4\n';

describe('sample-model: the report input', () => {
  const { parsed, info } = loadDataset(REAL, 'real.csv');
  // the model was trained on a file whose labels came in another order, and that had a label this file lacks
  const saved = {
    ...info.schema,
    columns: info.schema.columns.map((c) =>
      c.name === 'city' ? { ...c, levels: ['Oslo', 'Tromsø', '=cmd', 'Bergen'] } : c,
    ),
  };

  it("the real file's levels first, then the model's labels it lacks; types as saved", () => {
    const input = reportInput(parsed, saved);
    expect(input.holdout).toBeNull();
    expect(input.schema.columns.map((c) => c.sdtype)).toEqual(['categorical', 'numerical']);
    expect(input.schema.columns[0]!.levels).toEqual(['=cmd', 'Bergen', 'Oslo', 'Tromsø']); // the file's (sorted), then Tromsø
    expect(input.real.nRows).toBe(4);
  });

  it('a sample equal to the real rows, coded by the model, scores as identical', async () => {
    const input = reportInput(parsed, saved);
    const synth = makeTable(
      ['city', 'score'],
      [
        { kind: 'cat', codes: Int32Array.from([2, 0, 2, 3]), levels: ['Oslo', 'Tromsø', '=cmd', 'Bergen'] },
        { kind: 'num', values: Float64Array.from([1.5, 2.5, 3, 4]) },
      ],
    );
    const report = await evaluate(input.real, synth, null, input.schema, { seed: 1, fast: true });
    expect(report.fidelity.columns.map((c) => c.score)).toEqual([1, 1]);
    expect(report.privacy.exactCopyRate).toBe(1);
  });

  it('names the columns the data file lacks', () => {
    const other = loadDataset('city,size\nOslo,1\nBergen,2\n', 'other.csv');
    const dataset = {
      fileName: 'real.csv',
      header: ['city', 'score'],
      delimiter: ',',
      schema: saved,
      rows: 4,
      split: { train: 4, holdout: 0, fraction: 0 },
    };
    expect(modelColumnsMismatch(other.parsed, dataset)).toBe(
      'The data file\'s columns do not match the model\'s (trained on real.csv): missing "score".',
    );
    expect(modelColumnsMismatch(parsed, dataset)).toBeNull();
  });
});
