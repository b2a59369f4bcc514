/**
 * The option schema: the resolved options' TypeScript type is inferred from the spec list (checked at compile time
 * by `expectTypeOf` under tsc), defaults are checked when the list is declared, and values when a generator is built.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  defineInfo,
  defineOptions,
  resolveOptions,
  type OptionsOf,
  type OptionValues,
} from '../../src/generators/options.js';
import type { GaussianCopula } from '../../src/generators/copula/copula.js';
import type { KnnMtd } from '../../src/generators/knnmtd/knnmtd.js';
import type { SequentialCart } from '../../src/generators/cart/cart.js';
import type { MarginalMode } from '../../src/generators/shared/marginals.js';

const plain = { savable: false, neural: false, conditional: 'none', dp: false, cost: { terms: [] } } as const;

const specs = defineOptions([
  { key: 'epochs', label: 'Epochs', type: 'int', default: 10, min: 1, scales: true, help: '' },
  { key: 'rate', label: 'Rate', type: 'number', default: 0.5, min: 0, max: 1, help: '' },
  { key: 'k', label: 'k', type: 'int', default: null, min: 2, help: '' },
  { key: 'shuffle', label: 'Shuffle', type: 'boolean', default: false, help: '' },
  { key: 'kernel', label: 'Kernel', type: 'enum', default: 'diagonal', choices: ['diagonal', 'full'], help: '' },
  { key: 'order', label: 'Order', type: 'string', default: null, help: '' },
]);
const info = defineInfo({
  id: 'demo',
  label: 'Demo',
  description: '',
  minRows: 1,
  capabilities: plain,
  options: specs,
});

describe('typed options', () => {
  it('int/number → number, boolean → boolean, enum → its choices, default null → | null', () => {
    type O = OptionsOf<typeof specs>;
    expectTypeOf<O>().toEqualTypeOf<{
      readonly epochs: number;
      readonly rate: number;
      readonly k: number | null;
      readonly shuffle: boolean;
      readonly kernel: 'diagonal' | 'full';
      readonly order: string | null;
    }>();
    // a list whose keys are unknown at compile time is plain OptionValues
    expectTypeOf<
      OptionsOf<readonly { key: string; label: string; type: 'int'; default: 1; help: string }[]>
    >().toEqualTypeOf<OptionValues>();
  });

  it('the generators read this.options typed from their info', () => {
    expectTypeOf<KnnMtd['options']['k']>().toEqualTypeOf<number | null>();
    expectTypeOf<KnnMtd['options']['keep']>().toEqualTypeOf<number>();
    expectTypeOf<GaussianCopula['options']['marginals']>().toEqualTypeOf<MarginalMode>();
    expectTypeOf<SequentialCart['options']['smoothing']>().toEqualTypeOf<'none' | 'density'>();
    expectTypeOf<SequentialCart['options']['order']>().toEqualTypeOf<string | null>();
  });

  it('resolves defaults and given values (strings from flags converted), typed', () => {
    const o = resolveOptions(info, { epochs: '3', shuffle: 'yes', k: null });
    expectTypeOf(o.kernel).toEqualTypeOf<'diagonal' | 'full'>();
    expect(o).toEqual({ epochs: 3, rate: 0.5, k: null, shuffle: true, kernel: 'diagonal', order: null });
  });

  it('refuses unknown keys, values of the wrong type or out of range, and null where a value is needed', () => {
    expect(() => resolveOptions(info, { epoch: 3 })).toThrow(
      /Demo has no option "epoch". Its options are: epochs, rate, k/,
    );
    expect(() => resolveOptions(info, { epochs: 2.5 })).toThrow(/must be a whole number/);
    expect(() => resolveOptions(info, { epochs: 0 })).toThrow(/at least 1/);
    expect(() => resolveOptions(info, { rate: 'fast' })).toThrow(/must be a number/);
    expect(() => resolveOptions(info, { kernel: 'round' })).toThrow(/one of diagonal, full/);
    expect(() => resolveOptions(info, { shuffle: 'maybe' })).toThrow(/true or false/);
    expect(() => resolveOptions(info, { epochs: null })).toThrow(/needs a value/);
  });

  it('checks each default against its own spec when the list is declared', () => {
    const bad =
      (spec: object): (() => unknown) =>
      () =>
        defineOptions([{ key: 'x', label: 'X', help: '', ...spec } as never]);
    expect(bad({ type: 'enum', default: 'c', choices: ['a', 'b'] })).toThrow(/one of a, b/);
    expect(bad({ type: 'int', default: 0, min: 1 })).toThrow(/at least 1/);
    expect(bad({ type: 'int', default: 1.5 })).toThrow(/whole number/);
    expect(bad({ type: 'enum', default: 'a' })).toThrow(/no choices/);
    expect(bad({ type: 'number', default: 1, scales: true })).toThrow(/scales but is not an int/);
    expect(() => defineOptions([specs[0], specs[0]])).toThrow(/declared twice/);
  });
});
