"""Expected values for PcaReconstructionTests.Matches_scikit_learn_on_a_fixed_dataset.

Run: /usr/bin/python3 tests/OrleansCt.Core.Tests/Drift/Multivariate/pca_reference.py
(Debian's python3 with numpy 1.24.2 and scikit-learn 1.2.1.)

NannyML's pipeline on a reference: StandardScaler (population std), PCA(n_components=0.65 or 0.9) fitted on the
standardized reference, each window row standardized, projected and reconstructed (inverse_transform).
The C# model scores a window by the root mean squared reconstruction error; NannyML's own number, the
mean of the per-row Euclidean errors, is printed too for comparison (it is never larger).
"""
import numpy as np
from sklearn.decomposition import PCA
from sklearn.preprocessing import StandardScaler

reference = np.array([
    [1.0, 2.1, 0.5],
    [2.0, 3.9, 0.1],
    [3.0, 6.2, -0.4],
    [4.0, 8.1, 0.9],
    [5.0, 9.8, -1.2],
    [6.0, 12.3, 0.3],
    [7.0, 13.9, 1.1],
    [8.0, 16.2, -0.7],
    [9.0, 18.1, 0.2],
    [10.0, 19.7, -0.3],
    [11.0, 22.4, 0.8],
    [12.0, 23.8, -0.9],
])
window = np.array([
    [2.5, 4.0, 0.0],
    [4.0, 3.0, 1.5],
    [7.5, 15.5, -2.0],
    [9.0, 12.0, 0.4],
    [11.0, 25.0, 0.6],
    [13.0, 20.0, -1.0],
])

scaler = StandardScaler().fit(reference)
z = scaler.transform(window)
for variance_to_keep in (0.65, 0.9):
    pca = PCA(n_components=variance_to_keep, svd_solver="full").fit(scaler.transform(reference))
    residual = z - pca.inverse_transform(pca.transform(z))
    squared = (residual ** 2).sum(axis=1)
    print("variance_to_keep", variance_to_keep)
    print("  n_components", pca.n_components_)
    print("  explained_variance_ratio", [repr(v) for v in pca.explained_variance_ratio_])
    print("  rms_error", repr(float(np.sqrt(squared.mean()))))
    print("  nannyml_mean_error", repr(float(np.sqrt(squared).mean())))
