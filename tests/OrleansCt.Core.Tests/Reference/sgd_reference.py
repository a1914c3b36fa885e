"""Reference weights from scikit-learn for OnlineLearner's cross-check (SklearnCrossCheckTests).

Run with Debian's interpreter, which has python3-sklearn:  /usr/bin/python3 sgd_reference.py
Every case trains row by row with partial_fit (one row per call, so shuffling does nothing), no scaling:
the C# side uses Standardize = false. The categorical feature "c" (categories a, b, c) is one-hot
encoded here by hand; an unseen value ("z") and a missing one (None) give all-zero columns, and the
missing numeric value (NaN on the C# side) is fed as 0, which is what the learner gives it unstandardised.
"""
import math

import numpy as np
import sklearn
from sklearn.linear_model import SGDClassifier, SGDRegressor

NUMERIC = [
    (0.5, -1.2), (1.5, 0.3), (-0.7, 2.0), (2.2, -0.4),
    (0.0, None), (-1.3, -0.8), (0.9, 0.9), (-0.2, -1.7),
]
CATEGORY = ["a", "b", "c", "a", "z", None, "b", "c"]
Y_BINARY = [1, 0, 1, 0, 1, 0, 1, 0]
Y_MULTI = [0, 1, 2, 1, 0, 2, 1, 0]
Y_REG = [3.0, -1.0, 2.5, 0.7, 4.1, -2.2, 1.9, -0.6]


def row(i):
    x1, x2 = NUMERIC[i]
    onehot = [1.0 if CATEGORY[i] == c else 0.0 for c in ("a", "b", "c")]
    return np.array([[x1, 0.0 if x2 is None else x2] + onehot])


def show(name, model):
    print(f"{name}:")
    print("  coef      =", [[repr(float(v)) for v in r] for r in np.atleast_2d(model.coef_)])
    print("  intercept =", [repr(float(v)) for v in np.atleast_1d(model.intercept_)])


def classifier(name, y, classes, **settings):
    model = SGDClassifier(penalty="l2", **settings)
    for i in range(len(y)):
        model.partial_fit(row(i), [y[i]], classes=classes)
    show(name, model)


def regressor(name, **settings):
    # OnlineLearner's squared-loss step is eta_t / (1 + eta_t (||x||^2 + 1)); scikit-learn multiplies its
    # step (but not its L2 shrinkage) by the sample weight, so weight 1 / (1 + eta_t (||x||^2 + 1)) is the same rule.
    model = SGDRegressor(penalty="l2", **settings)
    for i in range(len(Y_REG)):
        x = row(i)
        t = i + 1
        if settings["learning_rate"] == "invscaling":
            eta = settings["eta0"] / t ** settings["power_t"]
        else:
            eta = settings["eta0"]
        weight = 1.0 / (1.0 + eta * (float(x @ x.T) + 1.0))
        model.partial_fit(x, [Y_REG[i]], sample_weight=[weight])
    show(name, model)


print("scikit-learn", sklearn.__version__, "numpy", np.__version__)
classifier("binary log constant", Y_BINARY, [0, 1], loss="log_loss", learning_rate="constant", eta0=0.1, alpha=0.01)
classifier("binary log optimal", Y_BINARY, [0, 1], loss="log_loss", learning_rate="optimal", alpha=0.01)
classifier("binary hinge optimal", Y_BINARY, [0, 1], loss="hinge", learning_rate="optimal", alpha=0.01)
classifier("multiclass hinge invscaling", Y_MULTI, [0, 1, 2], loss="hinge", learning_rate="invscaling", eta0=0.1, power_t=0.5, alpha=0.01)
regressor("regression invscaling", learning_rate="invscaling", eta0=0.1, power_t=0.25, alpha=0.01)
regressor("regression constant", learning_rate="constant", eta0=0.05, alpha=0.001)
