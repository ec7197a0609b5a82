"""Old home of the decomposition functions, split by chapter.

:mod:`mathdl.eigenvectors`, :mod:`mathdl.pca`, :mod:`mathdl.svd` and
:mod:`mathdl.embeddings` now hold them; importing a name from here still
works, with a ``DeprecationWarning`` that names its new home.
"""

from __future__ import annotations

from mathdl._moved import moved_from

__getattr__ = moved_from(__name__, {
    "power_iteration": "mathdl.eigenvectors",
    "power_iteration_trace": "mathdl.eigenvectors",
    "covariance_matrix": "mathdl.pca",
    "pca": "mathdl.pca",
    "reconstruct": "mathdl.pca",
    "truncated_svd": "mathdl.svd",
    "low_rank_approximation": "mathdl.svd",
    "svd_factors": "mathdl.svd",
    "factorization_loss": "mathdl.embeddings",
    "factorize": "mathdl.embeddings",
    "factorize_with_history": "mathdl.embeddings",
    "cooccurrence_matrix": "mathdl.embeddings",
    "ppmi": "mathdl.embeddings",
})
