"""scipy's values for the paired tests of a challenger against its champion (issue 13): McNemar from the discordant counts, and
the Wilcoxon signed-rank test on paired per-event losses. PairedTestsScipyTests reads the JSON this writes.

Spending: Lan and DeMets' O'Brien-Fleming-type alpha(t) from scipy.stats.norm.
McNemar: the exact conditional p-value is scipy.stats.binomtest(k, n, 0.5).pvalue with k = min(b, c), n = b + c; the mid-p is
2 * binom.cdf(k, n, 0.5) - binom.pmf(k, n, 0.5) (Fagerland, Lydersen and Laake 2013, eq. 3), capped at 1.
Wilcoxon: scipy.stats.wilcoxon(champion, challenger... ) on d = challenger - champion with zero_method='wilcox', correction=False,
method 'exact' for tie-free cases of at most 50 non-zero differences, else 'approx'. The losses are written into the JSON as
decimal numbers (repr), so the test reads exactly these values.

Run: /usr/bin/python3 tests/reference/vectors/paired_tests_scipy.py > tests/reference/vectors/paired_tests_scipy.json
(scipy 1.10.1, numpy 1.24.2, Debian 12's python3 3.11)
"""
import json
import random

import scipy
import math

from scipy.stats import binom, binomtest, norm, wilcoxon

MCNEMAR = [(0, 0), (0, 1), (1, 0), (3, 9), (9, 3), (5, 5), (0, 12), (10, 20), (40, 60), (120, 150), (1000, 1080), (7, 8)]


def mcnemar(b, c):
    n, k = b + c, min(b, c)
    if n == 0:
        return {"b": b, "c": c, "exact": 1.0, "midP": 1.0}
    exact = binomtest(k, n, 0.5).pvalue
    mid = min(1.0, 2 * binom.cdf(k, n, 0.5) - binom.pmf(k, n, 0.5))
    return {"b": b, "c": c, "exact": float(exact), "midP": float(mid)}


def losses(seed, n, shift, ties):
    rng = random.Random(seed)
    champion, challenger = [], []
    for _ in range(n):
        base = rng.expovariate(1.0)
        a = base + rng.gauss(0, 0.3)
        b = base + rng.gauss(shift, 0.3)
        if ties:
            a, b = round(abs(a), 1), round(abs(b), 1)
        champion.append(abs(a))
        challenger.append(abs(b))
    return champion, challenger


WILCOXON = [
    # name, seed, n, shift of the challenger's loss, rounded (ties and zeros), method
    ("exact-12-same", 1, 12, 0.0, False, "exact"),
    ("exact-20-worse", 2, 20, 0.15, False, "exact"),
    ("exact-40-better", 3, 40, -0.1, False, "exact"),
    ("exact-50-same", 4, 50, 0.0, False, "exact"),
    ("approx-200-same", 5, 200, 0.0, False, "approx"),
    ("approx-500-better", 6, 500, -0.03, False, "approx"),
    ("approx-300-ties", 7, 300, 0.02, True, "approx"),
    ("approx-60-ties-worse", 8, 60, 0.2, True, "approx"),
]


def main():
    cases = []
    for name, seed, n, shift, ties, method in WILCOXON:
        champion, challenger = losses(seed, n, shift, ties)
        d = [y - x for x, y in zip(champion, challenger)]
        result = wilcoxon(d, zero_method="wilcox", correction=False, method=method)
        cases.append({"name": name, "method": method, "champion": champion, "challenger": challenger,
                      "statistic": float(result.statistic), "pValue": float(result.pvalue),
                      "nonZero": sum(1 for v in d if v != 0)})
    # Lan-DeMets O'Brien-Fleming-type spending: alpha(t) = 2 - 2 Phi(z_{1 - alpha/2} / sqrt(t)).
    spending = [{"alpha": a, "t": t, "spent": float(2 - 2 * norm.cdf(norm.ppf(1 - a / 2) / math.sqrt(t)))}
                for a in (0.05, 0.01) for t in (0.1, 0.25, 0.5, 0.75, 1.0)]
    print(json.dumps({"scipy": scipy.__version__, "mcnemar": [mcnemar(b, c) for b, c in MCNEMAR], "wilcoxon": cases,
                      "spending": spending}, indent=1))


main()
