"""Independent numpy model of BinnedCdf's estimate, to size the tolerances of BinnedCdfRawSampleTests.

A window is known by its shares on the reference's bins (min, numpy deciles, just above max); inside a bin it is given
the reference's shape (here the exact reference ECDF, not a sketch), outside the reference's range its own ECDF.
Prints how far the estimate's W1 (normed by the reference's std, ddof 0) and KS D fall from scipy's raw-sample values,
for 5,000 N(0, 1) reference values against 2,000 window values of N(0, 1) and N(0.5, 1), and the population bias
for the shift by a fine trapezoid rule. Run: /usr/bin/python3 tests/OrleansCt.Core.Tests/Drift/Windows/binned_cdf_reference.py
Output (numpy 1.24, scipy 1.10):
  population shift 0.5: binned W1 0.4744 (true 0.5), binned D 0.197411 (true 0.197413)
  shift 0.0: W1 diff in [-0.0213, 0.0071], D diff in [-0.0147, -0.0001], raw W1 max 0.09
  shift 0.5: W1 diff in [-0.0474, -0.0033], D diff in [-0.0163, 0.0000], raw W1 max 0.58
"""
import numpy as np
from scipy.stats import ks_2samp, norm, wasserstein_distance


def population(shift=0.5, lo=-3.5, hi=3.5):
    e = np.concatenate([[lo], norm.ppf(np.arange(1, 10) / 10), [hi]])

    def window_cdf(x):
        if x < e[0] or x >= e[-1]:
            return norm.cdf(x - shift)
        c = norm.cdf(e[0] - shift)
        for i in range(len(e) - 1):
            q = norm.cdf(e[i + 1] - shift) - norm.cdf(e[i] - shift)
            if x < e[i + 1]:
                return c + q * (norm.cdf(x) - norm.cdf(e[i])) / (norm.cdf(e[i + 1]) - norm.cdf(e[i]))
            c += q
        return c

    xs = np.linspace(-8, 9, 200001)
    gap = np.abs(norm.cdf(xs) - np.array([window_cdf(x) for x in xs]))
    return np.trapz(gap, xs), gap.max(), 2 * norm.cdf(shift / 2) - 1


def binned(ref, win):
    s, ws = np.sort(ref), np.sort(win)
    edges = np.concatenate([[s[0]], np.quantile(s, np.arange(1, 10) / 10), [np.nextafter(s[-1], np.inf)]])
    shares = np.bincount(np.searchsorted(edges, win, side='right'), minlength=len(edges) + 1) / len(win)
    grid = np.unique(np.concatenate([s, edges, win]))
    f_ref = np.searchsorted(s, grid, side='right') / len(s)
    f_win = np.searchsorted(ws, grid, side='right') / len(ws)
    i = np.clip(np.searchsorted(edges, grid, side='right') - 1, 0, len(edges) - 2)
    below = np.searchsorted(s, edges, side='left') / len(s)
    cum = np.concatenate([[0], np.cumsum(shares)])
    g = cum[i + 1] + shares[i + 1] * (f_ref - below[i]) / (below[i + 1] - below[i])
    g = np.where((grid < edges[0]) | (grid >= edges[-1]), f_win, g)
    gap = np.abs(f_ref - g)
    return gap.max(), (gap[:-1] * np.diff(grid)).sum() / s.std()


w1, d, true_d = population()
print(f"population shift 0.5: binned W1 {w1:.4f} (true 0.5), binned D {d:.6f} (true {true_d:.6f})")
rng = np.random.default_rng(2)
for shift in (0.0, 0.5):
    rows = []
    for _ in range(2000):
        ref = rng.standard_normal(5000)
        win = rng.standard_normal(2000) + shift
        bd, bw = binned(ref, win)
        raw_w = wasserstein_distance(ref, win) / ref.std()
        rows.append((bw - raw_w, bd - ks_2samp(ref, win).statistic, raw_w))
    r = np.array(rows)
    print(f"shift {shift}: W1 diff in [{r[:, 0].min():.4f}, {r[:, 0].max():.4f}], "
          f"D diff in [{r[:, 1].min():.4f}, {r[:, 1].max():.4f}], raw W1 max {r[:, 2].max():.2f}")
