/**
 * The column layout of a network's vectors: one span per output column, in any order. A `tanh` span is a value
 * in (−1, 1) (a standardised number, CTGAN's α); a `softmax` span is a one-hot block (a category, CTGAN's mode
 * indicator) whose logits go through (Gumbel-)softmax. Output activations (ml/activations.ts) and losses
 * (ml/losses/cross-entropy.ts) walk the spans, so a transform decides the layout and the networks follow it.
 * Plain data, no tfjs.
 */

export type SpanKind = 'tanh' | 'softmax';

export interface Span {
  kind: SpanKind;
  width: number;
}

/** A span with its first slot in the vector. */
export interface PlacedSpan extends Span {
  start: number;
}

/** The spans with their start slots, in order. */
export function placeSpans(spans: readonly Span[]): PlacedSpan[] {
  let start = 0;
  return spans.map((s) => {
    if (!Number.isInteger(s.width) || s.width < 1)
      throw new RangeError(`a span needs a positive whole width, got ${s.width}`);
    const p = { kind: s.kind, width: s.width, start };
    start += s.width;
    return p;
  });
}

/** Width of the whole vector. */
export function layoutWidth(spans: readonly Span[]): number {
  return spans.reduce((w, s) => w + s.width, 0);
}

/** The softmax spans, placed (the categorical blocks the cross-entropy walks). */
export function softmaxSpans(spans: readonly Span[]): PlacedSpan[] {
  return placeSpans(spans).filter((s) => s.kind === 'softmax');
}
