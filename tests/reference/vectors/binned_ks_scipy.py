"""scipy's exact two-sample KS on the samples BinnedKsScipyTests bins, to check the drift windows' KS against.

Each case draws its reference and window values from Python's random.Random(seed).random() (CPython's Mersenne Twister, which
Core's PythonRandom reproduces bit for bit) and maps them with +, x and floor only, which IEEE 754 rounds the same way in
C# and Python, so the test rebuilds exactly these samples. Kinds: "same" (both U(0, 1)), "scale" (window a*u + b), "ties"
(floor(20u), window floor(20u + b): whole numbers, ties). Written: scipy.stats.ks_2samp(reference, window, method='exact')'s
D and p-value, and for sizing the test's bound the asymptotic p-value at that D, scipy.stats.kstwo.sf(D, round(en)).

Run: /usr/bin/python3 tests/reference/vectors/binned_ks_scipy.py > tests/reference/vectors/binned_ks_scipy.json
(scipy 1.10.1, numpy 1.24.2, Debian 12's python3 3.11)
"""
import json
import math
import random

import scipy
from scipy.stats import ks_2samp, kstwo

CASES = [
    # name, kind, reference seed, rows, window seed, rows, a, b
    ("same-1000-1440-a", "same", 1, 1000, 101, 1440, 1.0, 0.0),
    ("same-1000-1440-b", "same", 2, 1000, 102, 1440, 1.0, 0.0),
    ("same-1000-1440-c", "same", 3, 1000, 103, 1440, 1.0, 0.0),
    ("same-1000-48", "same", 4, 1000, 104, 48, 1.0, 0.0),
    ("same-500-300", "same", 5, 500, 105, 300, 1.0, 0.0),
    ("scale-narrower", "scale", 6, 1000, 106, 1440, 0.9, 0.05),
    ("scale-shift-small", "scale", 7, 1000, 107, 1440, 1.0, 0.03),
    ("scale-shift-48", "scale", 8, 1000, 108, 48, 1.0, 0.1),
    ("scale-shift-large", "scale", 9, 500, 109, 300, 1.0, 0.25),
    ("ties-same", "ties", 10, 1000, 110, 1440, 20.0, 0.0),
    ("ties-shifted", "ties", 11, 1000, 111, 1440, 20.0, 0.5),
]


def draw(kind, seed, rows, a, b, window):
    r = random.Random(seed)
    u = [r.random() for _ in range(rows)]
    if kind == "ties":
        return [float(math.floor(a * x + (b if window else 0.0))) for x in u]
    return [a * x + b for x in u] if window else u


cases = []
for name, kind, rs, n, ws, m, a, b in CASES:
    reference, window = draw(kind, rs, n, a, b, False), draw(kind, ws, m, a, b, True)
    exact = ks_2samp(reference, window, method="exact")
    en = n * m / (n + m)
    cases.append({
        "case": name, "kind": kind, "referenceSeed": rs, "referenceRows": n, "windowSeed": ws, "windowRows": m, "a": a, "b": b,
        "d": float(exact.statistic), "pExact": float(exact.pvalue), "pAsymptotic": float(kstwo.sf(exact.statistic, round(en))),
    })

print(json.dumps({"scipy": scipy.__version__, "cases": cases}, indent=1))
