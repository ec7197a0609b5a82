r"""Vectors: length, dot product, angle and change of basis.

Explained in :doc:`/linear-algebra/vectors`. Every function accepts
anything ``numpy.asarray`` turns into a 1-D array of numbers and
raises a :mod:`mathdl.errors` error, naming the shapes, on bad input.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from mathdl._scaling import binary_scale, check_representable
from mathdl._validate import as_float_array, check_same_shape
from mathdl.errors import NotABasisError, ParameterError, ShapeError

__all__ = [
    "l2_norm",
    "unit_vector",
    "linear_combination",
    "dot",
    "cosine_similarity",
    "angle_between",
    "change_basis",
]


def l2_norm(v: ArrayLike) -> float:
    r"""Return the Euclidean (L2) length of a vector.

    .. math::

       \lVert \mathbf{v} \rVert_2 = \sqrt{\sum_{i=1}^{n} v_i^2}

    Implements equation :eq:`eq-l2-norm` of :ref:`vectors-norm`.

    Parameters
    ----------
    v : array_like, shape (n,)
        The vector.

    Returns
    -------
    float
        Its length, never negative.

    Raises
    ------
    ShapeError
        If ``v`` is not one-dimensional.
    EmptyInputError, NonFiniteError
        If ``v`` is empty or holds NaN or infinity.

    Examples
    --------
    >>> l2_norm([3, 4])
    5.0
    >>> l2_norm([1, 1, 1, 1])
    2.0
    """
    vector = as_float_array(v, "v", ndim=1)
    # Scaling by the largest entry first avoids overflow for huge entries.
    largest = np.max(np.abs(vector))
    if largest == 0.0:
        return 0.0
    scaled = vector / largest
    return float(largest * np.sqrt(np.sum(scaled * scaled)))


def unit_vector(v: ArrayLike) -> np.ndarray:
    r"""Return the vector of length 1 that points the same way as ``v``.

    .. math::

       \hat{\mathbf{v}} = \frac{\mathbf{v}}{\lVert \mathbf{v} \rVert_2}

    Implements equation :eq:`eq-vectors-unit` of :ref:`vectors-norm`.

    Parameters
    ----------
    v : array_like, shape (n,)
        A non-zero vector.

    Returns
    -------
    ndarray, shape (n,)
        ``v`` divided by its L2 norm.

    Raises
    ------
    ShapeError
        If ``v`` is not one-dimensional.
    EmptyInputError, NonFiniteError
        If ``v`` is empty or holds NaN or infinity.
    ParameterError
        If ``v`` is the zero vector, which has no direction.

    Examples
    --------
    >>> unit_vector([3, 4])
    array([0.6, 0.8])
    >>> l2_norm(unit_vector([1, 1, 1]))
    1.0
    """
    vector = as_float_array(v, "v", ndim=1)
    length = l2_norm(vector)
    if length == 0.0:
        raise ParameterError(
            f"v is the zero vector (shape {vector.shape}), which has no "
            "direction"
        )
    return vector / length


def linear_combination(
    coefficients: ArrayLike, vectors: ArrayLike
) -> np.ndarray:
    r"""Return the sum of ``vectors``, each scaled by its coefficient.

    .. math::

       c_1 \mathbf{v}_1 + c_2 \mathbf{v}_2 + \dots + c_k \mathbf{v}_k

    Implements equation :eq:`eq-vectors-linear-combination` of
    :ref:`vectors-arithmetic`.

    Parameters
    ----------
    coefficients : array_like, shape (k,)
        The numbers :math:`c_1, \dots, c_k`.
    vectors : array_like, shape (k, n)
        The vectors :math:`\mathbf{v}_1, \dots, \mathbf{v}_k`, one per
        row (a list of ``k`` vectors of length ``n``).

    Returns
    -------
    ndarray, shape (n,)
        The combined vector.

    Raises
    ------
    ShapeError
        If ``coefficients`` is not 1-D, ``vectors`` is not 2-D or ragged,
        or there is not one coefficient per vector.
    EmptyInputError, NonFiniteError
        If an input is empty or holds NaN or infinity.

    Examples
    --------
    >>> linear_combination([2, -1], [[1, 0], [1, 3]])
    array([ 1., -3.])
    """
    weights = as_float_array(coefficients, "coefficients", ndim=1)
    rows = as_float_array(vectors, "vectors", ndim=2)
    if weights.shape[0] != rows.shape[0]:
        raise ShapeError(
            f"need one coefficient per vector: coefficients has shape "
            f"{weights.shape} but vectors has shape {rows.shape}"
        )
    result = np.zeros(rows.shape[1])
    with np.errstate(over="ignore", invalid="ignore"):
        for weight, vector in zip(weights, rows, strict=True):
            result += weight * vector
    return check_representable(result, "the linear combination")


def dot(u: ArrayLike, v: ArrayLike) -> float:
    r"""Return the dot product of two vectors of the same length.

    .. math::

       \mathbf{u} \cdot \mathbf{v} = \sum_{i=1}^{n} u_i v_i

    Implements equation :eq:`eq-vectors-dot` of :ref:`vectors-dot`.

    Parameters
    ----------
    u, v : array_like, shape (n,)
        Two vectors with the same number of entries.

    Returns
    -------
    float
        The sum of the products of matching entries.

    Raises
    ------
    ShapeError
        If the vectors are not 1-D or their lengths differ.
    EmptyInputError, NonFiniteError
        If a vector is empty or holds NaN or infinity.

    Examples
    --------
    >>> dot([1, 2, 3], [4, 5, 6])
    32.0
    >>> dot([1, 0], [0, 1])
    0.0
    """
    first = as_float_array(u, "u", ndim=1)
    second = as_float_array(v, "v", ndim=1)
    check_same_shape(first, second, "u", "v")
    with np.errstate(over="ignore", invalid="ignore"):
        value = np.sum(first * second)
    return float(check_representable(value, "the dot product u . v"))


def cosine_similarity(u: ArrayLike, v: ArrayLike) -> float:
    r"""Return the cosine of the angle between two non-zero vectors.

    .. math::

       \cos\theta = \frac{\mathbf{u} \cdot \mathbf{v}}
           {\lVert \mathbf{u} \rVert \, \lVert \mathbf{v} \rVert}

    The result lies in :math:`[-1, 1]`: 1 for vectors pointing the same
    way, 0 for orthogonal ones, -1 for opposite ones. Implements
    equation :eq:`eq-vectors-cosine` of :ref:`vectors-angle`.

    Parameters
    ----------
    u, v : array_like, shape (n,)
        Two non-zero vectors with the same number of entries.

    Returns
    -------
    float
        The cosine similarity, clipped to :math:`[-1, 1]` against
        rounding errors.

    Raises
    ------
    ShapeError
        If the vectors are not 1-D or their lengths differ.
    EmptyInputError, NonFiniteError
        If a vector is empty or holds NaN or infinity.
    ParameterError
        If either vector is zero (it has no direction).

    Examples
    --------
    >>> cosine_similarity([1, 0], [1, 1])
    0.7071...
    >>> cosine_similarity([1, 2], [-2, -4])
    -1.0
    """
    unit_u, unit_v = _unit_pair(u, v, "cosine similarity")
    # Dividing first keeps the products in range for huge entries.
    cosine = float(np.sum(unit_u * unit_v))
    return float(np.clip(cosine, -1.0, 1.0))


def _unit_pair(
    u: ArrayLike, v: ArrayLike, what: str
) -> tuple[np.ndarray, np.ndarray]:
    """Check two vectors of one length, neither zero; return u/|u|, v/|v|.

    The checks of :func:`cosine_similarity` and :func:`angle_between`.
    """
    first = as_float_array(u, "u", ndim=1)
    second = as_float_array(v, "v", ndim=1)
    check_same_shape(first, second, "u", "v")
    norm_u, norm_v = l2_norm(first), l2_norm(second)
    if norm_u == 0.0 or norm_v == 0.0:
        raise ParameterError(
            f"{what} is undefined for a zero vector "
            f"(|u| = {norm_u}, |v| = {norm_v})"
        )
    return first / norm_u, second / norm_v


def angle_between(u: ArrayLike, v: ArrayLike) -> float:
    r"""Return the angle between two non-zero vectors, in radians.

    .. math::

       \theta = \arccos \frac{\mathbf{u} \cdot \mathbf{v}}
           {\lVert \mathbf{u} \rVert \, \lVert \mathbf{v} \rVert}
       \in [0, \pi]

    Implements equation :eq:`eq-vectors-angle` of :ref:`vectors-angle`.
    The arccosine itself loses half the digits near 0 and :math:`\pi`
    (:math:`\cos\theta \approx 1 - \theta^2/2` rounds to 1 for
    :math:`\theta < 10^{-8}`), so the angle is computed with the
    equivalent, accurate formula

    .. math::

       \theta = 2 \arctan \frac{\lVert \hat{\mathbf{u}}
       - \hat{\mathbf{v}} \rVert}{\lVert \hat{\mathbf{u}}
       + \hat{\mathbf{v}} \rVert}

    of the unit vectors (Kahan's), accurate to a few rounding errors
    for every angle.

    Parameters
    ----------
    u, v : array_like, shape (n,)
        Two non-zero vectors with the same number of entries.

    Returns
    -------
    float
        The angle in radians, from 0 (same direction) to :math:`\pi`
        (opposite directions); ``numpy.degrees`` converts it.

    Raises
    ------
    ShapeError, EmptyInputError, NonFiniteError, ParameterError
        As :func:`cosine_similarity`.

    Examples
    --------
    >>> import math
    >>> round(math.degrees(angle_between([1, 0], [0, 2])), 6)
    90.0
    >>> angle_between([1, 1], [2, 2])
    0.0
    >>> angle_between([1, 1e-8], [1, 0])
    1e-08
    """
    unit_u, unit_v = _unit_pair(u, v, "the angle")
    return float(
        2.0 * np.arctan2(l2_norm(unit_u - unit_v), l2_norm(unit_u + unit_v))
    )


def change_basis(v: ArrayLike, basis: ArrayLike) -> np.ndarray:
    r"""Return the coordinates of ``v`` in a new basis.

    The columns :math:`\mathbf{b}_1, \dots, \mathbf{b}_n` of ``basis``
    are the new basis vectors. The coordinates :math:`\mathbf{c}` are the
    weights that rebuild ``v`` from them, so they solve

    .. math::

       B \mathbf{c} = \mathbf{v}, \qquad
       \mathbf{v} = c_1 \mathbf{b}_1 + \dots + c_n \mathbf{b}_n .

    Implements equation :eq:`eq-vectors-change-basis` of
    :ref:`vectors-basis`.

    Parameters
    ----------
    v : array_like, shape (n,)
        The vector, in standard coordinates.
    basis : array_like, shape (n, n)
        The new basis vectors as columns.

    Returns
    -------
    ndarray, shape (n,)
        The coordinates of ``v`` in the new basis.

    Raises
    ------
    ShapeError
        If ``basis`` is not square or does not match the length of ``v``.
    EmptyInputError, NonFiniteError
        If an input is empty or holds NaN or infinity.
    NotABasisError
        If the columns of ``basis`` are linearly dependent.

    Examples
    --------
    >>> basis = [[1, 1], [0, 2]]   # columns (1, 0) and (1, 2)
    >>> change_basis([3, 4], basis)
    array([1., 2.])
    """
    vector = as_float_array(v, "v", ndim=1)
    matrix = as_float_array(basis, "basis", ndim=2)
    rows, columns = matrix.shape
    if rows != columns:
        raise ShapeError(
            f"basis must be square (n basis vectors of length n), "
            f"got shape {matrix.shape}"
        )
    if rows != vector.shape[0]:
        raise ShapeError(
            f"basis of shape {matrix.shape} does not match v of shape "
            f"{vector.shape}"
        )
    # The smallest singular value is 0 exactly when the columns are
    # dependent; compare it with rounding error, not with 0.
    singular_values = np.linalg.svd(
        matrix / binary_scale(matrix), compute_uv=False
    )
    tolerance = singular_values[0] * rows * np.finfo(np.float64).eps
    if singular_values[-1] <= tolerance:
        raise NotABasisError(
            f"basis (shape {matrix.shape}) has linearly dependent columns"
        )
    # B c = v has the same solution as (B / s) c = v / s.
    scale = binary_scale(matrix)
    with np.errstate(over="ignore"):
        solution = np.linalg.solve(matrix / scale, vector / scale)
    return check_representable(solution, "the coordinates of v")
