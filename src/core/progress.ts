/** Progress reports: a tagged union, throttled by the sender to ~10 Hz (see `throttleProgress`). */
export type Progress =
  | { stage: 'parse'; fraction: number; rows?: number }
  /** Choosing an automatic option (`FitReport.tuning`): trying `value` of `option`; `scores` so far (lower: better). */
  | {
      stage: 'tune';
      fraction: number;
      option: string;
      value: number;
      metric: string;
      scores: { value: number; score: number }[];
    }
  | { stage: 'fit'; fraction: number; message?: string }
  | {
      stage: 'train';
      fraction: number;
      epoch: number;
      epochs: number;
      losses: Record<string, number>;
      validation?: number;
      etaMs?: number;
      backend?: string;
    }
  | { stage: 'sample'; fraction: number }
  | { stage: 'evaluate'; fraction: number; message?: string };

export type ProgressStage = Progress['stage'];
export type ProgressFn = (p: Progress) => void;

/**
 * Wraps a progress callback so it fires at most every `intervalMs`, except for the first report of a stage and
 * any report with fraction ≥ 1 (so bars always reach 100%).
 */
export function throttleProgress(
  fn: ProgressFn | undefined,
  intervalMs = 100,
  now: () => number = Date.now,
): ProgressFn {
  if (!fn) return () => {};
  let last = -Infinity;
  let lastStage: string | null = null;
  return (p) => {
    const t = now();
    if (p.stage !== lastStage || p.fraction >= 1 || t - last >= intervalMs) {
      last = t;
      lastStage = p.stage;
      fn(p);
    }
  };
}

/** Resolves on the next macrotask so that messages (progress, cancel) get through in long loops. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
