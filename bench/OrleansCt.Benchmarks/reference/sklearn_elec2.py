"""scikit-learn side of the "sklearn" benchmark scenario (OrleansCt.Benchmarks).

elec2 in file order, prequential: each row is standardised with the running mean and population standard deviation
of the rows before it (0 while a feature has no spread; the seven numeric features), the day (1..7) one-hot, then
SGDClassifier() with its defaults (hinge loss, "optimal" rate, alpha 1e-4) predicts the row and partial_fit learns it.
The standardisation depends only on earlier rows, not on the model, so it is computed before the timed loop: the
time covers only predict + partial_fit, one row at a time.

Usage: /usr/bin/python3 sklearn_elec2.py ELEC2_CSV [--rows N]
Prints one JSON line: accuracy, usPerRow, rows, versions. Exits 3 when scikit-learn is missing.
"""
import csv
import json
import sys
import time

try:
    import numpy as np
    import sklearn
    from sklearn.linear_model import SGDClassifier
except ImportError as error:
    print(f"scikit-learn is not importable ({error}); install it with: apt-get install -y python3-sklearn", file=sys.stderr)
    sys.exit(3)

NUMERIC = ["date", "period", "nswprice", "nswdemand", "vicprice", "vicdemand", "transfer"]


def load(path, limit):
    with open(path, newline="") as handle:
        rows = list(csv.DictReader(handle))
    if limit:
        rows = rows[:limit]
    raw = np.array([[float(r[name]) for name in NUMERIC] for r in rows])
    days = np.array([int(r["day"]) for r in rows])
    labels = np.array([1 if r["class"] == "UP" else 0 for r in rows])
    return raw, days, labels


def standardise_online(raw, days):
    n, k = raw.shape
    out = np.zeros((n, k + 7))
    count = 0
    mean = np.zeros(k)
    m2 = np.zeros(k)
    for i in range(n):
        if count > 0:
            sd = np.sqrt(m2 / count)
            spread = sd > 0
            out[i, :k][spread] = (raw[i][spread] - mean[spread]) / sd[spread]
        out[i, k + days[i] - 1] = 1.0
        count += 1
        delta = raw[i] - mean
        mean += delta / count
        m2 += delta * (raw[i] - mean)
    return out


def main():
    path = sys.argv[1]
    limit = int(sys.argv[sys.argv.index("--rows") + 1]) if "--rows" in sys.argv else 0
    raw, days, labels = load(path, limit)
    x = standardise_online(raw, days)
    n = len(labels)
    model = SGDClassifier()
    classes = np.array([0, 1])
    correct = 0
    start = time.perf_counter()
    for i in range(n):
        row = x[i:i + 1]
        # Before the first fit the model has zero weights: decision 0, which predicts class 0, as our learner does.
        predicted = model.predict(row)[0] if i > 0 else 0
        correct += int(predicted == labels[i])
        model.partial_fit(row, labels[i:i + 1], classes=classes)
    elapsed = time.perf_counter() - start
    print(json.dumps({
        "accuracy": correct / n,
        "usPerRow": elapsed * 1e6 / n,
        "rows": n,
        "sklearn": sklearn.__version__,
        "numpy": np.__version__,
        "python": sys.version.split()[0],
    }))


if __name__ == "__main__":
    main()
