/**
 * The saved-model panels' state (no browser): "Download model" falls back to the kept session's copy only after a
 * reload (NOT_FITTED) and only for the same generator; "Sample from a saved model…" checks size and seed before
 * reading, names the sample after the model, and asks for a report only when comparing with a loaded dataset.
 */
import { describe, expect, it } from 'vitest';
import type { GenerateResult, SampleModelRequest } from '../../src/api/types.js';
import { LocalSynthError } from '../../src/core/errors.js';
import {
  MAX_MODEL_BYTES,
  modelFileName,
  SavedModelState,
  sampleFileName,
  type ModelBridge,
} from '../../src/app/state/saved-model.svelte.js';

const resultOf = (generator: string): GenerateResult => ({ fit: { generator } }) as unknown as GenerateResult;

/** A bridge whose exportModel fails with `exportError` (or returns 'worker model'); records sample requests. */
function fakeBridge(exportError: Error | null = null) {
  const asked: { text: string; req: SampleModelRequest }[] = [];
  const bridge: ModelBridge = {
    exportModel: async () => {
      if (exportError) throw exportError;
      return 'worker model';
    },
    sampleFromModel: async (text, req) => {
      asked.push({ text, req });
      return resultOf('gmtd');
    },
  };
  return { bridge, asked };
}

describe('SavedModelState: download', () => {
  const notFitted = new LocalSynthError('NOT_FITTED', 'There is no trained model to save');

  it("the worker's model first; after a reload the kept session's copy of the same generator's model", async () => {
    expect(await new SavedModelState(fakeBridge().bridge).modelText(resultOf('gmtd'))).toBe('worker model');
    const stored = () => ({ generatorId: 'gmtd', json: 'kept model' });
    const s = new SavedModelState(fakeBridge(notFitted).bridge, stored);
    expect(await s.modelText(resultOf('gmtd'))).toBe('kept model');
    expect(s.downloadError).toBeNull();
    expect(s.downloading).toBe(false);
  });

  it('no kept copy for another generator, and no fallback for other errors: the error is shown', async () => {
    const stored = () => ({ generatorId: 'gmtd', json: 'kept model' });
    const other = new SavedModelState(fakeBridge(notFitted).bridge, stored);
    expect(await other.modelText(resultOf('knnmtd'))).toBeNull();
    expect(other.downloadError?.code).toBe('NOT_FITTED');
    const crashed = new SavedModelState(fakeBridge(new LocalSynthError('WORKER_CRASHED', 'gone')).bridge, stored);
    expect(await crashed.modelText(resultOf('gmtd'))).toBeNull();
    expect(crashed.downloadError).toEqual({ code: 'WORKER_CRASHED', message: 'gone' });
  });

  it('file names: data.synthetic.csv → data.model.json → data.synthetic.csv', () => {
    expect(modelFileName('data.synthetic.csv')).toBe('data.model.json');
    expect(modelFileName('.synthetic.csv')).toBe('data.model.json');
    expect(sampleFileName('data.model.json')).toBe('data.synthetic.csv');
    expect(sampleFileName('m.json')).toBe('m.synthetic.csv');
  });
});

describe('SavedModelState: sample from a file', () => {
  const file = (text: string, name = 'cryo.model.json') => new File([text], name, { type: 'application/json' });

  it("sends the text, rows, seed and the run's backend; a report only when comparing with a loaded dataset", async () => {
    const { bridge, asked } = fakeBridge();
    const s = new SavedModelState(
      bridge,
      () => null,
      () => 'cpu',
    );
    s.rows = 40;
    s.seed = 9;
    await s.sampleFile(file('{"format":"localsynth-model"}'), 'cryotherapy.csv');
    expect(asked[0]).toEqual({
      text: '{"format":"localsynth-model"}',
      req: { rows: 40, seed: 9, evaluate: false, backend: 'cpu' },
    });
    expect(s.sampled).toMatchObject({
      modelName: 'cryo.model.json',
      fileName: 'cryo.synthetic.csv',
      comparedWith: null,
    });
    s.compare = true;
    s.rows = null;
    await s.sampleFile(file('m'), 'cryotherapy.csv');
    expect(asked[1]!.req).toEqual({ rows: null, seed: 9, evaluate: true, backend: 'cpu' });
    expect(s.sampled?.comparedWith).toBe('cryotherapy.csv');
    await s.sampleFile(file('m'), null); // compare on, but no dataset loaded
    expect(asked[2]!.req.evaluate).toBe(false);
    expect(s.sampling).toBe(false);
  });

  it('refuses a bad seed and a too large file before asking the worker', async () => {
    const { bridge, asked } = fakeBridge();
    const s = new SavedModelState(bridge);
    s.seed = -1;
    await s.sampleFile(file('m'), null);
    expect(s.sampleError?.code).toBe('BAD_OPTION');
    s.seed = 1;
    const big = file('m');
    Object.defineProperty(big, 'size', { value: MAX_MODEL_BYTES + 1 });
    await s.sampleFile(big, null);
    expect(s.sampleError?.code).toBe('BAD_MODEL_FILE');
    expect(asked).toEqual([]);
    expect(s.sampled).toBeNull();
  });
});
