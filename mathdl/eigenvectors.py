r"""Eigenvectors of symmetric matrices by power iteration.

Explained in :doc:`/linear-algebra/eigenvectors`. Every function accepts
anything ``numpy.asarray`` turns into an array of numbers and raises a
:mod:`mathdl.errors` error, naming the shapes, on bad input. The sign
rule for eigenvectors (``_fix_signs``) is shared with
:mod:`mathdl.pca` and :mod:`mathdl.svd`.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from mathdl._scaling import binary_scale, check_representable
from mathdl._validate import (
    check_count,
    check_non_negative_int,
    check_positive,
    check_seed,
    check_square,
)
from mathdl.errors import DivergenceError, ParameterError

__all__ = ["power_iteration", "power_iteration_trace"]


# Helpers ---------------------------------------------------------------


def _symmetric(A: ArrayLike, name: str) -> np.ndarray:
    matrix = check_square(A, name)
    scaled = matrix / binary_scale(matrix)
    asymmetry = float(np.max(np.abs(scaled - scaled.T)))
    scale = float(np.max(np.abs(scaled)))
    if asymmetry > 1e-10 * scale:
        raise ParameterError(
            f"{name} must be symmetric, but |{name} - {name}^T| reaches "
            f"{asymmetry * binary_scale(matrix):.3g} (shape {matrix.shape})"
        )
    return matrix


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


# Power iteration ---------------------------------------------------------


def power_iteration(
    A: ArrayLike, steps: int = 1000, tol: float = 1e-12, *, seed: int = 0
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
    check_count(steps, "steps")
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
    A: ArrayLike, steps: int = 50, *, seed: int = 0
) -> np.ndarray:
    r"""Return the path of power iteration: every unit vector
    :math:`\mathbf{v}_0, \dots, \mathbf{v}_k` it visits.

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
        The path (not a training history): row :math:`k` is
        :math:`\mathbf{v}_k`.

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

