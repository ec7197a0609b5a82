r"""The SVD, the best low-rank approximation, and PCA computed from it.

Explained in :doc:`/linear-algebra/svd-and-embeddings` (sections
:ref:`svd-and-embeddings-svd` to :ref:`svd-and-embeddings-recommend`);
matrix factorisation and word embeddings, the rest of that chapter, are
in :mod:`mathdl.embeddings`. Every function accepts anything
``numpy.asarray`` turns into an array of numbers and raises a
:mod:`mathdl.errors` error, naming the shapes, on bad input.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from mathdl._scaling import binary_scale, check_representable
from mathdl._validate import as_float_array, check_count
from mathdl.eigenvectors import _signs
from mathdl.errors import ConstantFeatureError, ShapeError

__all__ = [
    "truncated_svd",
    "low_rank_approximation",
    "svd_factors",
    "pca_by_svd",
]


# SVD -------------------------------------------------------------------


def truncated_svd(
    A: ArrayLike, rank: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    r"""Return the ``rank`` largest singular triplets of ``A``.

    .. math::

       A = U \Sigma V^\top
         = \sum_{i=1}^{r} \sigma_i \mathbf{u}_i \mathbf{v}_i^\top ,
       \qquad \sigma_1 \ge \sigma_2 \ge \dots \ge 0 .

    Computed with ``numpy.linalg.svd``; each pair
    :math:`(\mathbf{u}_i, \mathbf{v}_i)` is flipped so that
    :math:`\mathbf{v}_i` has its largest entry positive. Explained in
    :ref:`svd-and-embeddings-svd` (equation :eq:`eq-svd-and-embeddings-svd`).

    Parameters
    ----------
    A : array_like, shape (m, n)
        Any matrix.
    rank : int
        How many terms :math:`k` to keep, 1 to ``min(m, n)``.

    Returns
    -------
    left : ndarray, shape (m, rank)
        The left singular vectors :math:`\mathbf{u}_i` as columns.
    singular_values : ndarray, shape (rank,)
        :math:`\sigma_1 \ge \dots \ge \sigma_k \ge 0`.
    right : ndarray, shape (rank, n)
        The right singular vectors :math:`\mathbf{v}_i` as rows.

    Raises
    ------
    ShapeError
        If ``A`` is not 2-D.
    ParameterError
        If ``rank`` is not a whole number in range.

    Examples
    --------
    >>> left, singular_values, right = truncated_svd([[3, 0], [0, 2]], 1)
    >>> singular_values, right
    (array([3.]), array([[1., 0.]]))
    """
    matrix = as_float_array(A, "A", ndim=2)
    count = check_count(rank, "rank", upper=min(matrix.shape))
    scale = binary_scale(matrix)  # exact; scaled back below
    left, singular_values, right = np.linalg.svd(
        matrix / scale, full_matrices=False
    )
    with np.errstate(over="ignore"):
        singular_values = check_representable(
            singular_values * scale, "the singular values"
        )
    signs = _signs(right[:count])
    return (left[:, :count] * signs.T, singular_values[:count],
            right[:count] * signs)


def low_rank_approximation(A: ArrayLike, rank: int) -> np.ndarray:
    r"""Return the best approximation of ``A`` of rank at most ``rank``.

    Keep the ``rank`` largest terms of the SVD:

    .. math::

       A_k = \sum_{i=1}^{k} \sigma_i \mathbf{u}_i \mathbf{v}_i^\top ,
       \qquad
       \lVert A - A_k \rVert_F = \sqrt{\sum_{i > k} \sigma_i^2} .

    By the Eckart–Young theorem no matrix of rank :math:`k` is closer to
    :math:`A` in the Frobenius norm. Implements equation
    :eq:`eq-svd-and-embeddings-low-rank` of
    :ref:`svd-and-embeddings-low-rank`.

    Parameters
    ----------
    A : array_like, shape (m, n)
        Any matrix.
    rank : int
        The rank :math:`k`, 1 to ``min(m, n)``.

    Returns
    -------
    ndarray, shape (m, n)
        :math:`A_k`.

    Raises
    ------
    ShapeError
        If ``A`` is not 2-D.
    ParameterError
        If ``rank`` is not a whole number in range.

    Examples
    --------
    >>> low_rank_approximation([[3, 0], [0, 2]], 1)
    array([[3., 0.],
           [0., 0.]])
    """
    left, singular_values, right = truncated_svd(A, rank)
    return (left * singular_values) @ right


def svd_factors(A: ArrayLike, rank: int) -> tuple[np.ndarray, np.ndarray]:
    r"""Split the best rank-``rank`` approximation into two factors.

    .. math::

       A_k = P Q, \qquad
       P = U_k \Sigma_k^{1/2}, \quad Q = \Sigma_k^{1/2} V_k^\top ,

    so row :math:`i` of :math:`P` is a vector for row :math:`i` of
    :math:`A` (a user), column :math:`j` of :math:`Q` one for column
    :math:`j` (a movie), and their dot product approximates
    :math:`A_{ij}`. Explained in :ref:`svd-and-embeddings-recommend`.

    Parameters
    ----------
    A : array_like, shape (m, n)
        Any matrix.
    rank : int
        The number of columns of :math:`P` and rows of :math:`Q`.

    Returns
    -------
    row_vectors : ndarray, shape (m, rank)
        :math:`P`.
    column_vectors : ndarray, shape (rank, n)
        :math:`Q`.

    Raises
    ------
    ShapeError, ParameterError
        As :func:`truncated_svd`.

    Examples
    --------
    >>> P, Q = svd_factors([[4, 0], [0, 1]], 2)
    >>> P @ Q
    array([[4., 0.],
           [0., 1.]])
    """
    left, singular_values, right = truncated_svd(A, rank)
    root = np.sqrt(singular_values)
    return left * root, root[:, None] * right


def pca_by_svd(
    X: ArrayLike, n_components: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    r"""Return what :func:`mathdl.pca.pca` returns, from the SVD of the
    centred data instead of the eigenvectors of its covariance matrix.

    With :math:`\bar X = U \Sigma V^\top`, the components are the first
    rows of :math:`V^\top`, and

    .. math::

       Z = U_k \Sigma_k, \qquad
       r_i = \frac{\sigma_i^2}{\sigma_1^2 + \dots + \sigma_p^2}
           = \frac{\sigma_i^2}{\lVert \bar X \rVert_F^2} .

    The covariance matrix is never formed, so the ratio between large
    and small spreads is not squared, and components of small variance
    keep their accuracy. Explained in :ref:`svd-and-embeddings-pca`
    (equation :eq:`eq-svd-and-embeddings-pca`).

    Parameters
    ----------
    X : array_like, shape (n_samples, n_features)
        The data, one sample per row.
    n_components : int
        How many components :math:`k` to keep, 1 to
        ``min(n_samples, n_features)``.

    Returns
    -------
    components : ndarray, shape (n_components, n_features)
        The principal components as rows, each with its largest entry
        positive (the sign rule of :func:`mathdl.pca.pca`).
    explained_variance_ratio : ndarray, shape (n_components,)
        The share :math:`r_i` of the total variance along each one.
    projected : ndarray, shape (n_samples, n_components)
        The coordinates :math:`Z` of the centred samples.

    Raises
    ------
    ShapeError
        If ``X`` is not 2-D or has fewer than two rows.
    ParameterError
        If ``n_components`` is not a whole number in range.
    ConstantFeatureError
        If every column of ``X`` is constant.

    Examples
    --------
    >>> X = [[0, 0], [2, 2], [4, 4], [1, 3], [3, 1]]
    >>> components, ratio, projected = pca_by_svd(X, 1)
    >>> components
    array([[0.7071, 0.7071]])
    >>> ratio
    array([0.8])
    """
    data = as_float_array(X, "X", ndim=2)
    if data.shape[0] < 2:
        raise ShapeError(
            f"X needs at least 2 rows (samples) for PCA, got shape "
            f"{data.shape}"
        )
    check_count(n_components, "n_components", upper=min(data.shape))
    scale = binary_scale(data)  # exact; only the projection scales back
    centred = data / scale - (data / scale).mean(axis=0)
    total = float(np.sum(centred**2))
    if total == 0.0:
        raise ConstantFeatureError(
            f"every column of X (shape {data.shape}) is constant: the "
            f"total variance is 0, so there is nothing to explain"
        )
    left, singular_values, right = truncated_svd(centred, n_components)
    projected = left * singular_values
    with np.errstate(over="ignore"):
        projected = check_representable(projected * scale, "the projection")
    return right, singular_values**2 / total, projected
