"""The GenerativeMTD authors' utility protocol, re-stated for bench/authors-protocol.bench.ts (not a test).

Their evaluation code (utils.py, `predictive_model` / `regression_model`, 2022) scores "TSTR" like this:
- split the SYNTHETIC rows into 5 folds (StratifiedKFold for a class target, KFold for regression; shuffle,
  random_state=1);
- per fold, fit a scikit-learn random forest with default settings on the other 4 folds of synthetic rows;
- predict ALL the real rows the generator was trained on (there is no holdout) and score them;
- report the mean over the 5 folds: accuracy and F1 (binary: F1 of the first sorted label, their `pos_label =
  np.unique(labels)[0]`; more classes: micro-F1), or RMSE for regression (BASELINES.md also gives R², which is
  1 - MSE / population variance of the real target; we report the mean of the folds' R²).
TRTR under the same protocol (--trtr) is 5-fold cross-validation on the real rows (train on 4 real folds, score
the 5th); it depends on the real rows only, so the bench asks for it once per dataset.

Their forests were unseeded; ours take --seed so a run repeats. Usage:
  python3 authors_tstr.py --real real.csv --synth synth.csv --target T --task classification|regression [--seed 0] [--trtr]
Prints one JSON line: {"tstr": {...}, "trtr": {...} or null}.
"""
import argparse
import json

import numpy as np
import pandas as pd
from sklearn.ensemble import RandomForestClassifier, RandomForestRegressor
from sklearn.metrics import accuracy_score, f1_score, mean_squared_error, r2_score
from sklearn.model_selection import KFold, StratifiedKFold


def features(real: pd.DataFrame, synth: pd.DataFrame, target: str):
    """One-hot any text columns over the union of both tables' levels (the benchmark tables are all numeric)."""
    both = pd.get_dummies(pd.concat([real.drop(columns=[target]), synth.drop(columns=[target])], keys=["r", "s"]))
    return both.loc["r"].to_numpy(dtype=float), both.loc["s"].to_numpy(dtype=float)


def class_scores(y_true, y_pred) -> dict:
    labels = np.unique(y_true)
    if len(labels) == 2:
        f1 = f1_score(y_true, y_pred, pos_label=labels[0])
    else:
        f1 = f1_score(y_true, y_pred, average="micro")
    return {"accuracy": accuracy_score(y_true, y_pred), "f1": f1}


def reg_scores(y_true, y_pred) -> dict:
    return {"rmse": float(np.sqrt(mean_squared_error(y_true, y_pred))), "r2": r2_score(y_true, y_pred)}


def five_fold(X_fit, y_fit, classification: bool, seed: int, score_on):
    """Mean over 5 folds of X_fit/y_fit: fit on 4 folds, score with score_on(model, held-out fold indices)."""
    folds = (StratifiedKFold if classification else KFold)(n_splits=5, shuffle=True, random_state=1)
    rows = []
    for i, (tr, te) in enumerate(folds.split(X_fit, y_fit)):
        model = (RandomForestClassifier if classification else RandomForestRegressor)(random_state=seed + i)
        model.fit(X_fit[tr], y_fit[tr])
        rows.append(score_on(model, te))
    return {k: float(np.mean([r[k] for r in rows])) for k in rows[0]}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--real", required=True)
    ap.add_argument("--synth", required=True)
    ap.add_argument("--target", required=True)
    ap.add_argument("--task", choices=["classification", "regression"], required=True)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--trtr", action="store_true")
    a = ap.parse_args()
    real, synth = pd.read_csv(a.real), pd.read_csv(a.synth)
    Xr, Xs = features(real, synth, a.target)
    cls = a.task == "classification"
    yr = real[a.target].astype(str).to_numpy() if cls else real[a.target].to_numpy(dtype=float)
    ys = synth[a.target].astype(str).to_numpy() if cls else synth[a.target].to_numpy(dtype=float)
    scores = class_scores if cls else reg_scores
    tstr = five_fold(Xs, ys, cls, a.seed, lambda m, te: scores(yr, m.predict(Xr)))
    trtr = five_fold(Xr, yr, cls, a.seed, lambda m, te: scores(yr[te], m.predict(Xr[te]))) if a.trtr else None
    print(json.dumps({"tstr": tstr, "trtr": trtr}))


if __name__ == "__main__":
    main()
