r"""Decompositions: eigenvectors, PCA, the SVD and matrix factorisation.

Explained in :doc:`/linear-algebra/eigenvectors`,
:doc:`/linear-algebra/pca` and :doc:`/linear-algebra/svd-and-embeddings`.
Every function accepts anything ``numpy.asarray`` turns into an array of
numbers and raises a :mod:`mathdl.errors` error, naming the shapes, on
bad input. Data matrices hold one sample per row.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
from numpy.typing import ArrayLike

from mathdl._scaling import binary_scale, check_representable
from mathdl._validate import (
    as_float_array,
    check_non_negative_int,
    check_positive,
    check_seed,
)
from mathdl.errors import (
    ConstantFeatureError,
    DivergenceError,
    EmptyInputError,
    OutOfRangeError,
    ParameterError,
    ShapeError,
)

__all__ = [
    "power_iteration",
    "power_iteration_trace",
    "covariance_matrix",
    "pca",
    "reconstruct",
    "truncated_svd",
    "low_rank_approximation",
    "svd_factors",
    "factorization_loss",
    "factorize",
    "factorize_with_history",
    "cooccurrence_matrix",
    "ppmi",
]


# Helpers ---------------------------------------------------------------


def _square(A: ArrayLike, name: str) -> np.ndarray:
    matrix = as_float_array(A, name, ndim=2)
    if matrix.shape[0] != matrix.shape[1]:
        raise ShapeError(f"{name} must be square, got shape {matrix.shape}")
    return matrix


def _symmetric(A: ArrayLike, name: str) -> np.ndarray:
    matrix = _square(A, name)
    scaled = matrix / binary_scale(matrix)
    asymmetry = float(np.max(np.abs(scaled - scaled.T)))
    scale = float(np.max(np.abs(scaled)))
    if asymmetry > 1e-10 * scale:
        raise ParameterError(
            f"{name} must be symmetric, but |{name} - {name}^T| reaches "
            f"{asymmetry * binary_scale(matrix):.3g} (shape {matrix.shape})"
        )
    return matrix


def _count_in_range(value: object, name: str, upper: int) -> int:
    """Return ``value`` if it is a whole number in 1..upper, else raise."""
    number = check_non_negative_int(value, name)
    if not 1 <= number <= upper:
        raise ParameterError(
            f"{name} must be between 1 and {upper}, got {number}"
        )
    return number


def _unit_start(size: int, seed: int) -> np.ndarray:
    check_seed(seed)
    start = np.random.default_rng(seed).normal(size=size)
    return start / np.linalg.norm(start)


def _signs(rows: np.ndarray) -> np.ndarray:
    """The sign (+1 or -1) of the entry of largest magnitude of each row,
    shaped to multiply ``rows``."""
    biggest = np.argmax(np.abs(rows), axis=-1)
    signs = np.sign(np.take_along_axis(rows, biggest[..., None], axis=-1))
    signs[signs == 0] = 1.0
    return signs


def _fix_signs(rows: np.ndarray) -> np.ndarray:
    """Flip each row so that its entry of largest magnitude is positive.

    Eigenvectors and singular vectors are defined only up to sign; this
    picks one sign so that results do not change between runs.
    """
    return rows * _signs(rows)


# Eigenvectors ------------------------------------------------------------


def power_iteration(
    A: ArrayLike, steps: int = 1000, tol: float = 1e-12, seed: int = 0
) -> tuple[float, np.ndarray]:
    r"""Return the dominant eigenvalue and eigenvector of a symmetric matrix.

    Starting from a random unit vector, repeat

    .. math::

       \mathbf{v}_{k+1} = \frac{A \mathbf{v}_k}
                               {\lVert A \mathbf{v}_k \rVert},
       \qquad
       \lambda_k = \mathbf{v}_k^\top A \mathbf{v}_k ,

    until the residual :math:`\lVert A \mathbf{v}_k - \lambda_k
    \mathbf{v}_k \rVert` falls below ``tol`` times the Frobenius norm of
    :math:`A`. The error shrinks like :math:`|\lambda_2 / \lambda_1|^k`.
    The iteration runs on :math:`A / s` for a power of two :math:`s` near
    the largest entry (exactly), and the eigenvalue is scaled back, so
    ``c * A`` gives ``c`` times the eigenvalue over the whole float64
    range.

    Implements equations :eq:`eq-eigenvectors-power-step` and
    :eq:`eq-eigenvectors-rayleigh` of :ref:`eigenvectors-power-iteration`.

    Parameters
    ----------
    A : array_like, shape (n, n)
        A symmetric matrix.
    steps : int, default 1000
        The largest number of multiplications by ``A``.
    tol : float, default 1e-12
        Relative tolerance on the residual.
    seed : int, default 0
        Seed of the random start vector.

    Returns
    -------
    eigenvalue : float
        The eigenvalue of largest magnitude, :math:`\lambda_1`.
    eigenvector : ndarray, shape (n,)
        A unit eigenvector for it, its largest entry made positive.

    Raises
    ------
    ShapeError
        If ``A`` is not a square matrix.
    ParameterError
        If ``A`` is not symmetric, or ``steps``, ``tol`` or ``seed`` is
        out of range.
    DivergenceError
        If the residual is still above the tolerance after ``steps``
        steps (the two largest eigenvalues are equal in magnitude, or
        too close for that many steps).

    Examples
    --------
    >>> eigenvalue, eigenvector = power_iteration([[2, 1], [1, 2]])
    >>> round(eigenvalue, 10)
    3.0
    >>> eigenvector
    array([0.7071, 0.7071])
    """
    matrix = _symmetric(A, "A")
    scale = binary_scale(matrix)
    matrix = matrix / scale  # exact; the eigenvalue is scaled back
    if check_non_negative_int(steps, "steps") < 1:
        raise ParameterError(f"steps must be at least 1, got {steps}")
    tolerance = check_positive(tol, "tol") * np.linalg.norm(matrix)
    vector = _unit_start(matrix.shape[0], seed)
    product = matrix @ vector
    for _ in range(steps):
        eigenvalue = float(vector @ product)
        residual = float(np.linalg.norm(product - eigenvalue * vector))
        if residual <= tolerance:
            with np.errstate(over="ignore"):
                eigenvalue = check_representable(
                    eigenvalue * scale, "the dominant eigenvalue"
                )
            return float(eigenvalue), _fix_signs(vector)
        vector = product / np.linalg.norm(product)
        product = matrix @ vector
    raise DivergenceError(
        f"power iteration did not converge in {steps} steps (residual "
        f"{residual * scale:.3g}, tolerance {tolerance * scale:.3g}); the "
        f"two largest "
        f"eigenvalues of A (shape {matrix.shape}) may have equal or "
        f"nearly equal magnitude: raise steps or use numpy.linalg.eigh"
    )


def power_iteration_trace(
    A: ArrayLike, steps: int = 50, seed: int = 0
) -> np.ndarray:
    r"""Return every unit vector :math:`\mathbf{v}_0, \dots, \mathbf{v}_k`
    that power iteration visits.

    The same start and step as :func:`power_iteration`, without a
    stopping rule, so that its convergence can be plotted
    (:ref:`eigenvectors-convergence`).

    Parameters
    ----------
    A : array_like, shape (n, n)
        A symmetric matrix.
    steps : int, default 50
        The number of steps :math:`k`.
    seed : int, default 0
        Seed of the random start vector.

    Returns
    -------
    ndarray, shape (steps + 1, n)
        Row :math:`k` is :math:`\mathbf{v}_k`.

    Raises
    ------
    ShapeError, ParameterError
        As :func:`power_iteration`; also if ``A`` maps an iterate to the
        zero vector.

    Examples
    --------
    >>> trace = power_iteration_trace([[2, 0], [0, 1]], steps=40)
    >>> trace.shape
    (41, 2)
    >>> np.abs(trace[-1]).round(8)
    array([1., 0.])
    """
    matrix = _symmetric(A, "A")
    matrix = matrix / binary_scale(matrix)  # exact; directions unchanged
    trace = np.empty((check_non_negative_int(steps, "steps") + 1,
                      matrix.shape[0]))
    trace[0] = _unit_start(matrix.shape[0], seed)
    for k in range(steps):
        product = matrix @ trace[k]
        length = np.linalg.norm(product)
        if length == 0.0:
            raise ParameterError(
                f"A maps v_{k} to the zero vector, so power iteration "
                f"cannot continue (A has shape {matrix.shape})"
            )
        trace[k + 1] = product / length
    return trace


# PCA -------------------------------------------------------------------


def covariance_matrix(X: ArrayLike) -> np.ndarray:
    r"""Return the covariance matrix of the columns (features) of ``X``.

    With :math:`\bar X` the data with each column's mean subtracted,

    .. math::

       C = \frac{1}{n - 1} \bar X^\top \bar X ,

    so :math:`C_{jj}` is the variance of feature :math:`j` and
    :math:`C_{jl}` the covariance of features :math:`j` and :math:`l`.

    Implements equation :eq:`eq-pca-covariance` of :ref:`pca-covariance`.

    Parameters
    ----------
    X : array_like, shape (n_samples, n_features)
        The data, one sample per row.

    Returns
    -------
    ndarray, shape (n_features, n_features)
        The symmetric covariance matrix.

    Raises
    ------
    ShapeError
        If ``X`` is not 2-D or has fewer than two rows.

    Examples
    --------
    >>> covariance_matrix([[1, 2], [3, 6], [5, 10]])
    array([[ 4.,  8.],
           [ 8., 16.]])
    """
    data = as_float_array(X, "X", ndim=2)
    if data.shape[0] < 2:
        raise ShapeError(
            f"X needs at least 2 rows (samples) for a covariance, got "
            f"shape {data.shape}"
        )
    scale = binary_scale(data)
    scaled = data / scale
    centred = scaled - scaled.mean(axis=0)
    covariance = centred.T @ centred / (data.shape[0] - 1)
    with np.errstate(over="ignore"):
        covariance = covariance * scale * scale
    return check_representable(covariance, "the covariance matrix")


def pca(
    X: ArrayLike, n_components: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    r"""Return the principal components of ``X`` and the projected data.

    The components are the unit eigenvectors
    :math:`\mathbf{w}_1, \dots, \mathbf{w}_k` of the covariance matrix
    :math:`C` with the largest eigenvalues
    :math:`\lambda_1 \ge \dots \ge \lambda_k`; the projection of the
    centred data and the explained-variance ratio are

    .. math::

       Z = \bar X W^\top, \qquad
       r_i = \frac{\lambda_i}{\lambda_1 + \dots + \lambda_d} .

    Implements equations :eq:`eq-pca-projection` and
    :eq:`eq-pca-explained-variance` of :ref:`pca-components`.

    Parameters
    ----------
    X : array_like, shape (n_samples, n_features)
        The data, one sample per row.
    n_components : int
        How many components :math:`k` to keep, 1 to ``n_features``.

    Returns
    -------
    components : ndarray, shape (n_components, n_features)
        The rows :math:`\mathbf{w}_i`, orthonormal, largest variance
        first; each has its largest entry positive. They and the ratios
        are the same for ``c * X`` as for ``X`` (X is rescaled exactly
        by a power of two first).
    explained_variance_ratio : ndarray, shape (n_components,)
        The share :math:`r_i` of the total variance along each one.
    projected : ndarray, shape (n_samples, n_components)
        The coordinates :math:`Z` of the centred samples along them.

    Raises
    ------
    ShapeError
        If ``X`` is not 2-D or has fewer than two rows.
    ParameterError
        If ``n_components`` is not a whole number in range.
    ConstantFeatureError
        If every column of ``X`` is constant (no variance to explain).

    Examples
    --------
    >>> X = [[0, 0], [2, 2], [4, 4], [1, 3], [3, 1]]
    >>> components, ratio, projected = pca(X, 1)
    >>> components
    array([[0.7071, 0.7071]])
    >>> ratio
    array([0.8])
    """
    data = as_float_array(X, "X", ndim=2)
    count = _count_in_range(n_components, "n_components", data.shape[1])
    # Components and ratios do not change with a power-of-two scale of
    # X (applied exactly); only the projection is scaled back.
    scale = binary_scale(data)
    data = data / scale
    covariance = covariance_matrix(data)
    total = float(np.trace(covariance))
    if total == 0.0:
        raise ConstantFeatureError(
            f"every column of X (shape {data.shape}) is constant: the "
            f"total variance is 0, so there is nothing to explain"
        )
    eigenvalues, eigenvectors = np.linalg.eigh(covariance)
    # eigh sorts ascending; round-off can make zero eigenvalues negative.
    eigenvalues = np.clip(eigenvalues[::-1], 0.0, None)
    components = _fix_signs(eigenvectors[:, ::-1][:, :count].T)
    projected = (data - data.mean(axis=0)) @ components.T
    with np.errstate(over="ignore"):
        projected = check_representable(projected * scale, "the projection")
    return components, eigenvalues[:count] / total, projected


def reconstruct(
    projected: ArrayLike, components: ArrayLike, mean: ArrayLike
) -> np.ndarray:
    r"""Map projected coordinates back to the original features.

    .. math::

       \hat X = Z W + \boldsymbol{\mu}

    Exact when all components are kept; with fewer, the best
    approximation (in squared error) that uses only those directions.
    Implements equation :eq:`eq-pca-reconstruction` of
    :ref:`pca-reconstruction`.

    Parameters
    ----------
    projected : array_like, shape (n_samples, k) or (k,)
        Coordinates along the components, as :func:`pca` returns them.
    components : array_like, shape (k, n_features)
        The components, one per row.
    mean : array_like, shape (n_features,)
        The mean of the original data, added back.

    Returns
    -------
    ndarray, shape (n_samples, n_features) or (n_features,)
        The reconstructed samples.

    Raises
    ------
    ShapeError
        If the shapes do not line up.

    Examples
    --------
    >>> reconstruct([2.0], [[0.6, 0.8]], [1.0, 1.0])
    array([2.2, 2.6])
    """
    coordinates = as_float_array(projected, "projected", ndim=(1, 2))
    directions = as_float_array(components, "components", ndim=2)
    centre = as_float_array(mean, "mean", ndim=1)
    if coordinates.shape[-1] != directions.shape[0]:
        raise ShapeError(
            f"projected of shape {coordinates.shape} has "
            f"{coordinates.shape[-1]} coordinates per sample but "
            f"components of shape {directions.shape} has "
            f"{directions.shape[0]} rows"
        )
    if centre.shape[0] != directions.shape[1]:
        raise ShapeError(
            f"mean of shape {centre.shape} does not match components of "
            f"shape {directions.shape}"
        )
    return coordinates @ directions + centre


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
    count = _count_in_range(rank, "rank", min(matrix.shape))
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


# Matrix factorisation --------------------------------------------------


def _ratings_and_mask(
    R: ArrayLike, mask: ArrayLike | None
) -> tuple[np.ndarray, np.ndarray]:
    """``R`` with unobserved entries set to 0, and the boolean mask."""
    if mask is None:
        ratings = as_float_array(R, "R", ndim=2)
        return ratings, np.ones(ratings.shape, dtype=bool)
    observed = np.asarray(mask)
    if observed.dtype != bool:
        if not np.isin(observed, (0, 1)).all():
            raise ParameterError(
                "mask must hold booleans (True where R is observed), got "
                f"values of dtype {observed.dtype}"
            )
        observed = observed.astype(bool)
    try:
        raw = np.asarray(R, dtype=np.float64)
    except (TypeError, ValueError):
        raw = as_float_array(R, "R", ndim=2)  # raises the clear error
    if raw.ndim != 2 or raw.shape != observed.shape:
        raise ShapeError(
            f"R and mask must be matrices of the same shape, got "
            f"{raw.shape} and {observed.shape}"
        )
    if not observed.any():
        raise EmptyInputError(
            f"mask hides every entry of R (shape {raw.shape}): there is "
            f"no observed entry to learn from"
        )
    ratings = as_float_array(
        np.where(observed, raw, 0.0), "R (observed entries)", ndim=2
    )
    return ratings, observed


def factorization_loss(
    R: ArrayLike, U: ArrayLike, V: ArrayLike, mask: ArrayLike | None = None
) -> float:
    r"""Return the mean squared error of ``U @ V`` on the observed entries.

    .. math::

       L(U, V) = \frac{1}{|\Omega|} \sum_{(i, j) \in \Omega}
                 \left(R_{ij} - \mathbf{u}_i \cdot \mathbf{v}_j\right)^2

    where :math:`\Omega` is the set of observed entries (``mask`` True).
    Implements equation :eq:`eq-svd-and-embeddings-factorization-loss`
    of :ref:`svd-and-embeddings-missing`.

    Parameters
    ----------
    R : array_like, shape (m, n)
        The matrix; entries where ``mask`` is False are ignored (they may
        be NaN).
    U : array_like, shape (m, rank)
        One row vector per row of ``R``.
    V : array_like, shape (rank, n)
        One column vector per column of ``R``.
    mask : array_like of bool, shape (m, n), optional
        True where ``R`` is observed; by default every entry is.

    Returns
    -------
    float
        The loss, never negative.

    Raises
    ------
    ShapeError
        If the shapes do not line up.
    EmptyInputError
        If ``mask`` hides every entry.

    Examples
    --------
    >>> R = [[1.0, np.nan], [2.0, 4.0]]
    >>> mask = [[True, False], [True, True]]
    >>> factorization_loss(R, [[1.0], [2.0]], [[1.0, 1.0]], mask)
    1.3333...
    """
    ratings, observed = _ratings_and_mask(R, mask)
    rows = as_float_array(U, "U", ndim=2)
    columns = as_float_array(V, "V", ndim=2)
    if (rows.shape[0], columns.shape[1]) != ratings.shape or (
        rows.shape[1] != columns.shape[0]
    ):
        raise ShapeError(
            f"U @ V must have the shape of R {ratings.shape}, got U of "
            f"shape {rows.shape} and V of shape {columns.shape}"
        )
    errors = np.where(observed, rows @ columns - ratings, 0.0)
    return float(np.sum(errors**2) / np.count_nonzero(observed))


def factorize_with_history(
    R: ArrayLike,
    rank: int,
    mask: ArrayLike | None = None,
    learning_rate: float = 0.05,
    steps: int = 5000,
    seed: int = 0,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    r"""Like :func:`factorize`, and also return the loss at every step.

    Returns
    -------
    U : ndarray, shape (m, rank)
    V : ndarray, shape (rank, n)
    losses : ndarray, shape (steps + 1,)
        :math:`L(U, V)` before each step and after the last one.

    Examples
    --------
    >>> U, V, losses = factorize_with_history([[1, 2], [2, 4]], 1)
    >>> losses.shape
    (5001,)
    >>> print(f"{losses[0]:.3f}", losses[-1] < 1e-20)
    6.419 True
    """
    ratings, observed = _ratings_and_mask(R, mask)
    count = _count_in_range(rank, "rank", min(ratings.shape))
    check_positive(learning_rate, "learning_rate")
    check_non_negative_int(steps, "steps")
    check_seed(seed)
    rng = np.random.default_rng(seed)
    # Small random start: each entry of U @ V is a sum of `count` products
    # of two N(0, size / count) draws, so it has mean 0 and standard
    # deviation size / sqrt(count), below the ratings' root mean square.
    known = ratings[observed]
    known_scale = binary_scale(known)  # exact; keeps the squares finite
    size = np.sqrt(np.mean((known / known_scale) ** 2)) * known_scale
    scale = np.sqrt(size / count)
    U = rng.normal(scale=scale, size=(ratings.shape[0], count))
    V = rng.normal(scale=scale, size=(count, ratings.shape[1]))
    factor = 2.0 / np.count_nonzero(observed)
    losses = np.empty(steps + 1)
    # Overflow is caught below as a non-finite loss, with a clear error.
    with np.errstate(over="ignore", invalid="ignore"):
        for step in range(steps + 1):
            errors = np.where(observed, U @ V - ratings, 0.0)
            losses[step] = factor / 2.0 * np.sum(errors**2)
            if not np.isfinite(losses[step]) and step == 0:
                raise OutOfRangeError(
                    f"the loss overflows before any step: the observed "
                    f"entries of R (largest |R| = "
                    f"{np.max(np.abs(ratings[observed])):.3g}) are too "
                    f"large to square; divide R by a constant first"
                )
            if not np.isfinite(losses[step]):
                raise DivergenceError(
                    f"factorisation diverged at step {step} (loss "
                    f"{losses[step]}); lower learning_rate (now "
                    f"{learning_rate})"
                )
            if step == steps:
                break
            gradient_U = factor * errors @ V.T
            gradient_V = factor * U.T @ errors
            U = U - learning_rate * gradient_U
            V = V - learning_rate * gradient_V
    return U, V, losses


def factorize(
    R: ArrayLike,
    rank: int,
    mask: ArrayLike | None = None,
    learning_rate: float = 0.05,
    steps: int = 5000,
    seed: int = 0,
) -> tuple[np.ndarray, np.ndarray]:
    r"""Learn ``U`` and ``V`` with ``U @ V`` close to ``R`` where observed.

    Gradient descent on the loss :math:`L` of :func:`factorization_loss`
    from a small random start; with :math:`E` the errors
    :math:`\mathbf{u}_i \cdot \mathbf{v}_j - R_{ij}` on the observed
    entries and 0 elsewhere, each step is

    .. math::

       U \leftarrow U - \eta \frac{2}{|\Omega|} E V^\top, \qquad
       V \leftarrow V - \eta \frac{2}{|\Omega|} U^\top E .

    Implements equation :eq:`eq-svd-and-embeddings-factorization-step`
    of :ref:`svd-and-embeddings-missing`. The loss is not convex: another
    ``seed`` can end in another factorisation.

    Parameters
    ----------
    R : array_like, shape (m, n)
        The matrix; entries where ``mask`` is False are ignored (they may
        be NaN).
    rank : int
        The length of each row and column vector, 1 to ``min(m, n)``.
    mask : array_like of bool, shape (m, n), optional
        True where ``R`` is observed; by default every entry is.
    learning_rate : float, default 0.05
        The step size :math:`\eta`.
    steps : int, default 5000
        The number of gradient steps.
    seed : int, default 0
        Seed of the random start.

    Returns
    -------
    U : ndarray, shape (m, rank)
        One vector per row of ``R``.
    V : ndarray, shape (rank, n)
        One vector per column of ``R``.

    Raises
    ------
    ShapeError
        If ``R`` is not 2-D or ``mask`` has another shape.
    EmptyInputError
        If ``mask`` hides every entry.
    NonFiniteError
        If an observed entry is NaN or infinite.
    ParameterError
        If ``rank``, ``learning_rate``, ``steps`` or ``seed`` is out of
        range.
    DivergenceError
        If the loss becomes infinite (the learning rate is too large).

    Examples
    --------
    >>> R = [[1.0, 2.0], [2.0, np.nan]]
    >>> mask = [[True, True], [True, False]]
    >>> U, V = factorize(R, 1, mask)
    >>> print(f"{(U @ V)[1, 1]:.2f}")
    4.00
    """
    U, V, _ = factorize_with_history(
        R, rank, mask, learning_rate, steps, seed
    )
    return U, V


# Word embeddings ---------------------------------------------------------


def cooccurrence_matrix(
    sentences: Sequence[str], window: int = 2, ignore: Iterable[str] = ()
) -> tuple[list[str], np.ndarray]:
    r"""Count how often two words appear within ``window`` words.

    Each sentence is lower-cased and split on spaces; the words in
    ``ignore`` are dropped first. :math:`C_{ab}` counts the pairs of
    positions, at most ``window`` apart, holding words :math:`a` and
    :math:`b`, so :math:`C` is symmetric. Explained in
    :ref:`svd-and-embeddings-words`.

    Parameters
    ----------
    sentences : sequence of str
        The corpus, one sentence per string.
    window : int, default 2
        How far apart (in words) two words may be and still count.
    ignore : iterable of str, optional
        Words to drop (such as "the").

    Returns
    -------
    vocabulary : list of str
        The distinct words, sorted.
    counts : ndarray, shape (n_words, n_words)
        :math:`C`, in the order of ``vocabulary``.

    Raises
    ------
    ParameterError
        If ``sentences`` is a single string or ``window`` < 1.
    EmptyInputError
        If no word is left.

    Examples
    --------
    >>> vocabulary, counts = cooccurrence_matrix(["the cat sat"], 1)
    >>> vocabulary
    ['cat', 'sat', 'the']
    >>> counts
    array([[0., 1., 1.],
           [1., 0., 0.],
           [1., 0., 0.]])
    """
    if isinstance(sentences, str):
        raise ParameterError(
            "sentences must be a list of strings, not one string"
        )
    if check_non_negative_int(window, "window") < 1:
        raise ParameterError(f"window must be at least 1, got {window}")
    dropped = {word.lower() for word in ignore}
    tokenised = [
        [w for w in str(s).lower().split() if w not in dropped]
        for s in sentences
    ]
    vocabulary = sorted({word for words in tokenised for word in words})
    if not vocabulary:
        raise EmptyInputError(
            f"no words left in {len(tokenised)} sentence(s) after "
            f"dropping the ignored ones"
        )
    index = {word: i for i, word in enumerate(vocabulary)}
    counts = np.zeros((len(vocabulary), len(vocabulary)))
    for words in tokenised:
        for i, word in enumerate(words):
            for neighbour in words[i + 1:i + 1 + window]:
                counts[index[word], index[neighbour]] += 1
                counts[index[neighbour], index[word]] += 1
    return vocabulary, counts


def ppmi(counts: ArrayLike) -> np.ndarray:
    r"""Return the positive pointwise mutual information of a count matrix.

    .. math::

       \operatorname{PPMI}_{ab} = \max\left(0,\;
       \log \frac{C_{ab} \, N}{C_{a\cdot} \, C_{\cdot b}}\right),

    with :math:`N` the total count and :math:`C_{a\cdot}`,
    :math:`C_{\cdot b}` the row and column sums: how much more often
    :math:`a` and :math:`b` meet than if words were placed at random.
    Zero counts give 0. Implements equation
    :eq:`eq-svd-and-embeddings-ppmi` of :ref:`svd-and-embeddings-words`.

    Parameters
    ----------
    counts : array_like, shape (m, n)
        Non-negative counts, not all zero.

    Returns
    -------
    ndarray, shape (m, n)
        The PPMI matrix, never negative.

    Raises
    ------
    ShapeError
        If ``counts`` is not 2-D.
    ParameterError
        If a count is negative or all are zero.

    Examples
    --------
    >>> ppmi([[2, 0], [0, 2]])
    array([[0.6931, 0.    ],
           [0.    , 0.6931]])
    """
    matrix = as_float_array(counts, "counts", ndim=2)
    if np.any(matrix < 0):
        raise ParameterError(
            f"counts must not be negative, found {matrix.min()}"
        )
    # PPMI does not change when every count is multiplied by the same
    # number; a power of two (exact) keeps the sums finite.
    matrix = matrix / binary_scale(matrix)
    total = matrix.sum()
    if total == 0.0:
        raise ParameterError(f"counts (shape {matrix.shape}) are all zero")
    expected = matrix.sum(axis=1, keepdims=True) * matrix.sum(axis=0) / total
    positive = matrix > 0
    ratio = np.divide(matrix, expected, out=np.ones_like(matrix),
                      where=positive)
    return np.maximum(np.log(ratio), 0.0)
