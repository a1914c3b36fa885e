"""How often windows of a stationary stream are judged drifted against ONE fixed reference, per reference (docs/architecture.md,
"Verdicts against a fixed reference"). For each of 300 references of 1,000 U(0, 1) rows, 500 independent windows of 1,440 rows
are counted on the reference's decile bins (numpy's linear quantiles, as ReferenceBins) and judged by
  two-sample: the binned KS D's asymptotic two-sample p-value < 0.05 (what the drift windows did before issue 12), and
  band: D >= kolmogi(a)/sqrt(1000) + kolmogi(a)/sqrt(1440), a = 0.05/3 (the fixed-reference band of a 3-feature model).
Prints the share of drifted windows over references: mean, median, 90th and 95th percentiles, max.
Run: /usr/bin/python3 tests/reference/fixed_reference_rates.py   (numpy 1.24.2, scipy 1.10.1)
Output:
  two-sample: mean 0.0159, median 0.0020, p90 0.0402, p95 0.0841, max 0.3680
  band:       mean 0.0000, median 0.0000, p90 0.0000, p95 0.0000, max 0.0000
"""
import numpy as np
from scipy.special import kolmogi, kolmogorov

N, M, REFERENCES, WINDOWS = 1000, 1440, 300, 500
rng = np.random.default_rng(20261208)
en = N * M / (N + M)
a = 0.05 / 3
band = kolmogi(a) / np.sqrt(N) + kolmogi(a) / np.sqrt(M)
rates = {"two-sample": [], "band": []}
for _ in range(REFERENCES):
    reference = np.sort(rng.random(N))
    edges = np.quantile(reference, np.arange(1, 10) / 10)
    f_reference = np.searchsorted(reference, edges, side="left") / N
    windows = rng.random((WINDOWS, M))
    f_windows = (windows[:, :, None] < edges).mean(axis=1)
    d = np.abs(f_windows - f_reference).max(axis=1)
    rates["two-sample"].append(np.mean(kolmogorov(np.sqrt(en) * d) < 0.05))
    rates["band"].append(np.mean(d >= band))
for name, r in rates.items():
    r = np.array(r)
    print(f"{name + ':':11} mean {r.mean():.4f}, median {np.median(r):.4f}, p90 {np.quantile(r, 0.9):.4f}, "
          f"p95 {np.quantile(r, 0.95):.4f}, max {r.max():.4f}")
