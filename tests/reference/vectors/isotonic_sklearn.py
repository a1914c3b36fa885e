"""scikit-learn's isotonic calibration on the cases IsotonicCalibrationTests checks (issue 13: the label-free accuracy estimate
calibrates the reference's scores). Scores are drawn from Python's random.Random(seed) and rounded to 2 decimals (ties), labels
drawn as Bernoulli(score ** 1.5) (miscalibrated on purpose); both are written into the JSON, with
IsotonicRegression(increasing=True, out_of_bounds="clip").fit(scores, labels).predict(queries), queries including points
between, at and outside the fitted scores.

Run: /usr/bin/python3 tests/reference/vectors/isotonic_sklearn.py > tests/reference/vectors/isotonic_sklearn.json
(scikit-learn 1.2.1, numpy 1.24.2, Debian 12's python3 3.11)
"""
import json
import random

import sklearn
from sklearn.isotonic import IsotonicRegression


def case(seed, n):
    rng = random.Random(seed)
    scores = [round(rng.random(), 2) for _ in range(n)]
    labels = [1.0 if rng.random() < s ** 1.5 else 0.0 for s in scores]
    queries = [-0.5, 0.0, 0.005, 0.123, 0.25, 0.333, 0.5, 0.6666, 0.75, 0.905, 0.99, 1.0, 1.7] + [round(rng.random(), 4) for _ in range(20)]
    model = IsotonicRegression(increasing=True, out_of_bounds="clip").fit(scores, labels)
    return {"seed": seed, "scores": scores, "labels": labels, "queries": queries, "predictions": [float(v) for v in model.predict(queries)]}


print(json.dumps({"sklearn": sklearn.__version__, "cases": [case(1, 30), case(2, 200), case(3, 1000)]}))
