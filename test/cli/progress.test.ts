/** The CLI's progress line: one line rewritten with `\r` on a terminal, nothing on a pipe or with --quiet. */
import { describe, expect, it } from 'vitest';
import type { Progress } from '../../src/core/progress.js';
import { progressLine, progressPrinter, type ProgressStream } from '../../src/cli/progress.js';

const train = (epoch: number, extra: Partial<Extract<Progress, { stage: 'train' }>> = {}): Progress => ({
  stage: 'train',
  fraction: epoch / 40,
  epoch,
  epochs: 40,
  losses: { critic: -0.1234, sinkhorn: 0.5, mmd: 0.0456, ce: 1.2, adv: 0.3, total: 2.05 },
  validation: 0.8123,
  etaMs: 12_300,
  backend: 'wasm',
  ...extra,
});

function fakeStream(isTTY: boolean, columns?: number): ProgressStream & { out: string[] } {
  const out: string[] = [];
  return { isTTY, columns, out, write: (s: string) => out.push(s) };
}

describe('progress line', () => {
  it('training: epoch i/N, every loss term, validation PCD, backend and ETA', () => {
    const line = progressLine(train(18));
    expect(line).toBe(
      'training  45%  epoch 18/40  critic -0.123 sinkhorn 0.500 mmd 0.046 ce 1.200 adv 0.300 total 2.050 · PCD 0.812 · wasm · ETA 13 s',
    );
    expect(progressLine(train(1, { etaMs: 185_000 }))).toMatch(/ETA 3 min 05 s$/);
    expect(progressLine(train(2, { validation: undefined, backend: undefined, etaMs: undefined }))).not.toMatch(
      /PCD|ETA|·/,
    );
  });

  it('on a terminal: each report rewrites one line (\\r … erase), and clear() erases it before the summary', () => {
    const s = fakeStream(true);
    const p = progressPrinter(s, false);
    p.onProgress!(train(1));
    p.onProgress!(train(2));
    p.clear();
    expect(s.out).toHaveLength(3);
    expect(s.out[0]).toMatch(/^\rtraining .*epoch 1\/40.*\u001b\[K$/);
    expect(s.out[1]).toMatch(/^\rtraining .*epoch 2\/40/);
    expect(s.out.every((x) => !x.includes('\n'))).toBe(true);
    expect(s.out[2]).toBe('\r\u001b[K');
  });

  it('is cut to the terminal width, so that \\r can rewrite it', () => {
    const s = fakeStream(true, 40);
    progressPrinter(s, false).onProgress!(train(3));
    const text = s.out[0]!.replace(/^\r/, '').replace(/\u001b\[K$/, '');
    expect(text.length).toBe(39);
    expect(text.endsWith('…')).toBe(true);
  });

  it('prints nothing when stderr is not a terminal, or with --quiet', () => {
    for (const [tty, quiet] of [
      [false, false],
      [true, true],
      [false, true],
    ] as const) {
      const s = fakeStream(tty);
      const p = progressPrinter(s, quiet);
      expect(p.onProgress).toBeUndefined();
      p.clear();
      expect(s.out).toEqual([]);
    }
  });
});
