"""Prequential accuracy of scikit-learn's SGDClassifier on elec2 with OnlineLearner's standardisation.

Run with Debian's interpreter, which has python3-sklearn:  /usr/bin/python3 elec2_reference.py [path/to/elec2.csv]
Each row: standardise the seven numeric features with the running mean and population standard deviation of
the rows before it (0 while a feature has no spread), one-hot the day (1..7), predict (class UP when the
decision function is > 0; DOWN before the first fit), then Welford-update the moments and partial_fit the row.
"""
import csv
import math
import os
import sys

import numpy as np
import sklearn
from sklearn.linear_model import SGDClassifier

NUMERIC = ["date", "period", "nswprice", "nswdemand", "vicprice", "vicdemand", "transfer"]
path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "data", "elec2", "elec2.csv")


def run(loss):
    model = SGDClassifier(loss=loss, penalty="l2", alpha=1e-4, learning_rate="optimal")
    count = [0] * len(NUMERIC)
    mean = [0.0] * len(NUMERIC)
    m2 = [0.0] * len(NUMERIC)
    correct = rows = 0
    fitted = False
    with open(path, newline="") as f:
        for record in csv.DictReader(f):
            raw = [float(record[n]) for n in NUMERIC]
            z = []
            for j, x in enumerate(raw):
                sd = math.sqrt(m2[j] / count[j]) if count[j] > 0 and m2[j] > 0 else 0.0
                z.append((x - mean[j]) / sd if sd > 0 else 0.0)
            day = [1.0 if record["day"] == str(d) else 0.0 for d in range(1, 8)]
            x = np.array([z + day])
            y = 1 if record["class"] == "UP" else 0
            predicted = 1 if fitted and model.decision_function(x)[0] > 0 else 0
            correct += predicted == y
            rows += 1
            for j, v in enumerate(raw):
                count[j] += 1
                delta = v - mean[j]
                mean[j] += delta / count[j]
                m2[j] += delta * (v - mean[j])
            model.partial_fit(x, [y], classes=[0, 1])
            fitted = True
    print(f"{loss}: {correct}/{rows} = {correct / rows:.6f}")
    print("  coef      =", [repr(float(v)) for v in model.coef_[0]])
    print("  intercept =", repr(float(model.intercept_[0])))


print("scikit-learn", sklearn.__version__, "numpy", np.__version__)
for loss in ("hinge", "log_loss"):
    run(loss)
