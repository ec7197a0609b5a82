r"""Principal component analysis: covariance, components, reconstruction.

Explained in :doc:`/linear-algebra/pca`. Every function accepts anything
``numpy.asarray`` turns into an array of numbers and raises a
:mod:`mathdl.errors` error, naming the shapes, on bad input. Data
matrices hold one sample per row.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from mathdl._scaling import binary_scale, check_representable
from mathdl._validate import (
    as_float_array,
    check_count,
    check_non_negative_int,
)
from mathdl.eigenvectors import _fix_signs
from mathdl.errors import ConstantFeatureError, ParameterError, ShapeError

__all__ = ["covariance_matrix", "pca", "reconstruct"]


def covariance_matrix(X: ArrayLike, ddof: int = 0) -> np.ndarray:
    r"""Return the covariance matrix of the columns (features) of ``X``.

    With :math:`\bar X` the data with each column's mean subtracted and
    :math:`n` samples,

    .. math::

       C = \frac{1}{n - \text{ddof}} \bar X^\top \bar X ,

    so :math:`C_{jj}` is the variance of feature :math:`j` and
    :math:`C_{jl}` the covariance of features :math:`j` and :math:`l`.
    ``ddof=0`` (divide by :math:`n`) is the default, as in
    :func:`mathdl.describing_data.covariance` and ``numpy.var``; the book's
    sample covariance, equation :eq:`eq-pca-covariance` of
    :ref:`pca-covariance`, is ``ddof=1``.

    Parameters
    ----------
    X : array_like, shape (n_samples, n_features)
        The data, one sample per row.
    ddof : int, default 0
        Delta degrees of freedom: divide by ``n_samples - ddof``.

    Returns
    -------
    ndarray, shape (n_features, n_features)
        The symmetric covariance matrix.

    Raises
    ------
    ShapeError
        If ``X`` is not 2-D.
    ParameterError
        If ``ddof`` is not a whole number below ``n_samples``.

    Examples
    --------
    >>> X = [[1, 2], [3, 6], [5, 10]]
    >>> covariance_matrix(X, ddof=1)
    array([[ 4.,  8.],
           [ 8., 16.]])
    >>> covariance_matrix(X)
    array([[ 2.6667,  5.3333],
           [ 5.3333, 10.6667]])
    """
    data = as_float_array(X, "X", ndim=2)
    ddof = check_non_negative_int(ddof, "ddof")
    if ddof >= data.shape[0]:
        raise ParameterError(
            f"ddof={ddof} leaves no degree of freedom for X of shape "
            f"{data.shape} ({data.shape[0]} sample(s))"
        )
    scale = binary_scale(data)
    scaled = data / scale
    centred = scaled - scaled.mean(axis=0)
    covariance = centred.T @ centred / (data.shape[0] - ddof)
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
    :eq:`eq-pca-explained-variance` of :ref:`pca-components`, as they
    read: the eigenvectors of :math:`C` by ``numpy.linalg.eigh``.
    :func:`mathdl.svd.pca_by_svd` returns the same from the SVD of the
    centred data, without forming :math:`C`, which keeps components of
    very small variance accurate.

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
    if data.shape[0] < 2:
        raise ShapeError(
            f"X needs at least 2 rows (samples) for PCA, got shape "
            f"{data.shape}"
        )
    count = check_count(n_components, "n_components", upper=data.shape[1])
    # Components and ratios do not change with a power-of-two scale of
    # X (applied exactly); only the projection is scaled back.
    scale = binary_scale(data)
    data = data / scale
    # The sample covariance of the book; ddof does not change the
    # components or the ratios.
    covariance = covariance_matrix(data, ddof=1)
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

