import { describe, expect, it } from 'vitest';
import { layoutWidth, placeSpans, softmaxSpans, type Span } from '../../src/transforms/vector-layout.js';

describe('vector layout', () => {
  const spans: Span[] = [
    { kind: 'softmax', width: 3 },
    { kind: 'tanh', width: 1 },
    { kind: 'tanh', width: 2 },
    { kind: 'softmax', width: 2 },
  ];

  it('places spans in their order, any order of kinds', () => {
    expect(placeSpans(spans).map((s) => s.start)).toEqual([0, 3, 4, 6]);
    expect(layoutWidth(spans)).toBe(8);
    expect(softmaxSpans(spans)).toEqual([
      { kind: 'softmax', width: 3, start: 0 },
      { kind: 'softmax', width: 2, start: 6 },
    ]);
  });

  it('refuses a span without a positive whole width', () => {
    expect(() => placeSpans([{ kind: 'tanh', width: 0 }])).toThrow(RangeError);
    expect(() => placeSpans([{ kind: 'softmax', width: 1.5 }])).toThrow(RangeError);
  });
});
