import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng.js';
import { RandomForest } from '../../src/metrics/models/forest.js';
import { GradientBoosting } from '../../src/metrics/models/boosting.js';
import { choleskySolve, LogisticRegression, Ridge } from '../../src/metrics/models/linear.js';
import { accuracy, aucOvr, macroF1, mae, r2, rmse, rocAuc } from '../../src/metrics/scores.js';

describe('scores, worked by hand', () => {
  it('ROC-AUC: the sklearn example [0.1,0.4,0.35,0.8] → 3 of 4 positive–negative pairs ordered = 0.75; ties count ½', () => {
    expect(rocAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBeCloseTo(0.75, 12);
    expect(rocAuc([0, 1], [0.5, 0.5])).toBeCloseTo(0.5, 12);
    expect(rocAuc([1, 1], [0.2, 0.3])).toBeNull();
  });
  it('one-vs-rest AUC averages the classes present', () => {
    // 2 classes, perfect scores → 1
    expect(aucOvr([0, 1, 1], Float64Array.from([0.9, 0.1, 0.2, 0.8, 0.3, 0.7]), 2)).toBeCloseTo(1, 12);
  });
  it('accuracy and macro-F1: per-class F1 0.5, 0.8, 0 → 0.4333', () => {
    const y = [0, 0, 1, 1, 2];
    const p = [0, 1, 1, 1, 0];
    expect(accuracy(y, p)).toBeCloseTo(0.6, 12);
    expect(macroF1(y, p, [0, 1, 2])).toBeCloseTo(1.3 / 3, 12);
  });
  it('R² = 1 − 1/2, RMSE = √(1/3), MAE = 1/3 for y = [1,2,3], ŷ = [1,2,4]', () => {
    expect(r2([1, 2, 3], [1, 2, 4])).toBeCloseTo(0.5, 12);
    expect(rmse([1, 2, 3], [1, 2, 4])).toBeCloseTo(Math.sqrt(1 / 3), 12);
    expect(mae([1, 2, 3], [1, 2, 4])).toBeCloseTo(1 / 3, 12);
  });
});

describe('linear models', () => {
  it('Cholesky solve of [[4,2],[2,3]] x = [2,1] → x = [0.5, 0]', () => {
    expect(Array.from(choleskySolve(Float64Array.from([4, 2, 2, 3]), Float64Array.from([2, 1]), 2))).toEqual([0.5, 0]);
  });
  it('ridge (α = 1) on x = [−1, 1], y = [0, 2]: w = Σxy/(Σx² + 1) = 2/3, b = 1', () => {
    const m = new Ridge(1).fit({ X: Float64Array.from([-1, 1]), n: 2, d: 1 }, [0, 2]);
    const p = m.predict({ X: Float64Array.from([1, 0]), n: 2, d: 1 });
    expect(p[0]).toBeCloseTo(1 + 2 / 3, 10);
    expect(p[1]).toBeCloseTo(1, 10);
  });
  it('logistic regression: symmetric data gives p = ½ at the centre, increasing in x, separable data classified', () => {
    const X = Float64Array.from([-2, -1, 1, 2]);
    const m = new LogisticRegression(2).fit({ X, n: 4, d: 1 }, [0, 0, 1, 1]);
    const p = m.predict({ X: Float64Array.from([0, -3, 3]), n: 3, d: 1 });
    expect(p[1]).toBeCloseTo(0.5, 6); // P(class 1 | x = 0)
    expect(p[3]!).toBeLessThan(0.2);
    expect(p[5]!).toBeGreaterThan(0.8);
  });
});

describe('random forest', () => {
  it('learns an axis-aligned rule (classification) and a step function (regression)', () => {
    const rng = new Rng(1);
    const n = 400;
    const X = new Float64Array(n * 2);
    const yc = new Float64Array(n);
    const yr = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      X[2 * i] = rng.next();
      X[2 * i + 1] = rng.next();
      yc[i] = X[2 * i]! > 0.5 ? 1 : 0;
      yr[i] = X[2 * i + 1]! > 0.3 ? 10 : 0;
    }
    const test = { X: Float64Array.from([0.2, 0.9, 0.8, 0.1, 0.6, 0.2]), n: 3, d: 2 };
    const clf = new RandomForest({ trees: 30, classes: 2, minLeaf: 1, maxDepth: 20 }).fit(
      { X, n, d: 2 },
      yc,
      new Rng(2),
    );
    const p = clf.predict(test);
    expect(p[1]!).toBeLessThan(0.2); // x0 = 0.2 → class 0
    expect(p[3]!).toBeGreaterThan(0.8); // x0 = 0.8 → class 1
    const reg = new RandomForest({ trees: 30, classes: 0, minLeaf: 1, maxDepth: 20 }).fit(
      { X, n, d: 2 },
      yr,
      new Rng(3),
    );
    const q = reg.predict(test);
    expect(q[0]!).toBeGreaterThan(9); // x1 = 0.9
    expect(q[1]!).toBeLessThan(1); // x1 = 0.1
    expect(q[2]!).toBeLessThan(1); // x1 = 0.2
  });
  it('is deterministic for a seed', () => {
    const D = { X: Float64Array.from([0, 1, 2, 3, 4, 5]), n: 6, d: 1 };
    const a = new RandomForest({ trees: 5, classes: 0, minLeaf: 1, maxDepth: 5 })
      .fit(D, [0, 0, 1, 1, 2, 2], new Rng(4))
      .predict(D);
    const b = new RandomForest({ trees: 5, classes: 0, minLeaf: 1, maxDepth: 5 })
      .fit(D, [0, 0, 1, 1, 2, 2], new Rng(4))
      .predict(D);
    expect(Array.from(a)).toEqual(Array.from(b));
  });
});

describe('gradient boosting (detection model)', () => {
  it('separates two shifted clouds (AUC > 0.9) and gives ½ on indistinguishable ones', () => {
    const rng = new Rng(5);
    const make = (shift: number) => {
      const n = 600;
      const X = new Float64Array(n * 2);
      const y = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        y[i] = i % 2;
        X[2 * i] = rng.normal() + (y[i] ? shift : 0);
        X[2 * i + 1] = rng.normal();
      }
      return { D: { X, n, d: 2 }, y };
    };
    const a = make(2);
    const ta = make(2);
    const p = new GradientBoosting().fit(a.D, a.y).predict(ta.D);
    expect(rocAuc(Int8Array.from(ta.y), p)!).toBeGreaterThan(0.9);
    const b = make(0);
    const tb = make(0);
    const q = new GradientBoosting().fit(b.D, b.y).predict(tb.D);
    expect(Math.abs(rocAuc(Int8Array.from(tb.y), q)! - 0.5)).toBeLessThan(0.08);
  });
  it('with no split possible it predicts the base rate', () => {
    const D = { X: new Float64Array(40), n: 40, d: 1 };
    const y = Float64Array.from({ length: 40 }, (_, i) => (i < 10 ? 1 : 0));
    const p = new GradientBoosting().fit(D, y).predict({ X: new Float64Array(1), n: 1, d: 1 });
    expect(p[0]).toBeCloseTo(0.25, 6);
  });
});
