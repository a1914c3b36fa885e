"""Reference values from scikit-learn for the prequential metrics (tests/OrleansCt.Core.Tests/Metrics).

Run with Debian's interpreter, which has python3-sklearn:  /usr/bin/python3 metrics_reference.py
(the numbers pasted into the tests came from scikit-learn 1.2.1, numpy 1.24.2).

Predictions are a fixed closed-form rule of the data sets in data/, evaluated with plain Python floats in the same
operation order as the C# tests (Elec2Rule, HousingRule), so both sides see bit-identical inputs.
  elec2:   p = clip(0.3 + 1.6*nswprice - 0.6*vicprice + 0.5*nswdemand - 0.5*period, 0, 1) = P(UP);
           probability rows [1 - p, p], UP = class 1 is the positive class. p hits 0 and 1 exactly on some rows,
           which exercises log_loss's clipping.
  housing: predicted = 45000 + 38000*median_income + 900*housing_median_age, target median_house_value.
The binned ROC AUC (1,000 equal bins on [0, 1], within-bin pairs counted 0.5) and its bound
(0.5 * sum_b pos_b*neg_b / (P*N)) are computed here too, independently of the C# code.
"""
import csv
import math
import os

import numpy as np
import sklearn
from sklearn.metrics import (accuracy_score, f1_score, log_loss, mean_absolute_error, mean_squared_error,
                             precision_score, r2_score, recall_score, roc_auc_score)

# The repository root, three folders above this script (tests/OrleansCt.Core.Tests/Reference).
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
ELEC2_CHUNKS = [(0, 17424), (17424, 30000), (30000, 45312)]
HOUSING_CHUNKS = [(0, 5000), (5000, 12000), (12000, 20640)]
BINS = 1000


def elec2():
    ps, ys = [], []
    with open(os.path.join(ROOT, "data/elec2/elec2.csv"), newline="") as f:
        for row in csv.DictReader(f):
            p = 0.3 + 1.6 * float(row["nswprice"]) - 0.6 * float(row["vicprice"]) + 0.5 * float(row["nswdemand"]) - 0.5 * float(row["period"])
            ps.append(min(1.0, max(0.0, p)))
            ys.append(1 if row["class"] == "UP" else 0)
    return np.array(ps), np.array(ys)


def housing():
    preds, ys = [], []
    with open(os.path.join(ROOT, "data/housing/housing.csv"), newline="") as f:
        for row in csv.DictReader(f):
            preds.append(45000.0 + 38000.0 * float(row["median_income"]) + 900.0 * float(row["housing_median_age"]))
            ys.append(float(row["median_house_value"]))
    return np.array(preds), np.array(ys)


def binned_auc(p, y):
    bins = np.minimum((p * BINS).astype(np.int64), BINS - 1)
    pos = np.bincount(bins[y == 1], minlength=BINS).astype(object)  # Python ints: exact products
    neg = np.bincount(bins[y == 0], minlength=BINS).astype(object)
    below = 0
    twice_wins = 0
    same_bin = 0
    for b in range(BINS):
        twice_wins += pos[b] * (2 * below + neg[b])
        same_bin += pos[b] * neg[b]
        below += neg[b]
    pairs = sum(pos) * sum(neg)
    return twice_wins / (2 * pairs), same_bin / (2 * pairs)


def classification(name, p, y):
    probs = np.column_stack([1.0 - p, p])
    pred = np.argmax(probs, axis=1)
    auc, bound = binned_auc(p, y)
    print(f"{name}: n={len(y)}")
    print(f"  accuracy  = {accuracy_score(y, pred)!r}")
    print(f"  log_loss  = {log_loss(y, probs, labels=[0, 1])!r}")
    print(f"  precision = {precision_score(y, pred)!r}")
    print(f"  recall    = {recall_score(y, pred)!r}")
    print(f"  f1        = {f1_score(y, pred)!r}")
    print(f"  roc_auc   = {roc_auc_score(y, p)!r}")
    print(f"  binned roc_auc = {auc!r}, binning bound = {bound!r}")


def regression(name, pred, y):
    print(f"{name}: n={len(y)}")
    print(f"  mae  = {mean_absolute_error(y, pred)!r}")
    print(f"  rmse = {math.sqrt(mean_squared_error(y, pred))!r}")
    print(f"  r2   = {r2_score(y, pred)!r}")


MULTI_P = [
    [0.7, 0.2, 0.1], [0.1, 0.8, 0.1], [0.2, 0.3, 0.5], [0.4, 0.4, 0.2],
    [0.0, 0.5, 0.5], [0.3, 0.3, 0.4], [1.0, 0.0, 0.0], [0.25, 0.25, 0.5],
    [0.6, 0.3, 0.3], [0.1, 0.1, 0.1], [0.05, 0.9, 0.05], [0.33, 0.33, 0.34],
]
MULTI_Y = [0, 1, 1, 0, 2, 2, 1, 0, 0, 2, 1, 2]


def multiclass():
    probs = np.array(MULTI_P)
    y = np.array(MULTI_Y)
    print("multiclass (3 classes, 12 rows):")
    print(f"  accuracy = {accuracy_score(y, np.argmax(probs, axis=1))!r}")
    print(f"  log_loss = {log_loss(y, probs, labels=[0, 1, 2])!r}")
    for k in range(3):
        print(f"  roc_auc class {k} vs rest = {roc_auc_score(y == k, probs[:, k])!r}")


print("scikit-learn", sklearn.__version__, "numpy", np.__version__)
p, y = elec2()
print(f"elec2 rows with p == 0: {int((p == 0).sum())}, p == 1: {int((p == 1).sum())}")
classification("elec2 all", p, y)
for a, b in ELEC2_CHUNKS:
    classification(f"elec2 rows [{a}, {b})", p[a:b], y[a:b])
pred, t = housing()
regression("housing all", pred, t)
for a, b in HOUSING_CHUNKS:
    regression(f"housing rows [{a}, {b})", pred[a:b], t[a:b])
multiclass()
