r"""Matrices: product, inverse, rank, singularity and broadcasting.

Explained in :doc:`/linear-algebra/matrices` and
:doc:`/linear-algebra/broadcasting`. Every function accepts anything
``numpy.asarray`` turns into an array of numbers and raises a
:mod:`mathdl.errors` error, naming the shapes, on bad input.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike

from mathdl._scaling import binary_scale, check_representable
from mathdl._validate import as_float_array
from mathdl.errors import ParameterError, ShapeError, SingularMatrixError

__all__ = [
    "matmul",
    "matmul_by_definition",
    "inverse",
    "is_singular",
    "rank",
    "determinant",
    "condition_number",
    "broadcast_shape",
]


def _check_inner_sizes(
    left: np.ndarray, right: np.ndarray, name_a: str, name_b: str
) -> None:
    if left.shape[-1] != right.shape[0]:
        raise ShapeError(
            f"cannot multiply {name_a} of shape {left.shape} by {name_b} "
            f"of shape {right.shape}: the inner sizes "
            f"{left.shape[-1]} and {right.shape[0]} differ"
        )


def _square(A: ArrayLike, name: str) -> np.ndarray:
    matrix = as_float_array(A, name, ndim=2)
    rows, columns = matrix.shape
    if rows != columns:
        raise ShapeError(
            f"{name} must be square, got shape {matrix.shape}"
        )
    return matrix


def _singular_values(matrix: np.ndarray) -> tuple[np.ndarray, float]:
    """Singular values of ``matrix / s``, largest first, and the cut-off
    below which one counts as zero (the rule ``numpy.linalg.matrix_rank``
    uses). ``s`` is a power of two that brings the entries near 1, so the
    ratios (rank, condition number) are the same for ``c * A`` as for
    ``A`` over the whole float64 range."""
    values = np.linalg.svd(matrix / binary_scale(matrix), compute_uv=False)
    tolerance = values[0] * max(matrix.shape) * np.finfo(np.float64).eps
    return values, float(tolerance)


def matmul_by_definition(A: ArrayLike, B: ArrayLike) -> np.ndarray:
    r"""Multiply two matrices with three Python loops, entry by entry.

    Entry :math:`(i, j)` of the product is the dot product of row
    :math:`i` of :math:`A` with column :math:`j` of :math:`B`:

    .. math::

       (AB)_{ij} = \sum_{k=1}^{n} A_{ik} B_{kj} .

    Implements equation :eq:`eq-matrices-product` of
    :ref:`matrices-product`, slowly and readably; :func:`matmul` computes
    the same numbers fast.

    Parameters
    ----------
    A : array_like, shape (m, n)
    B : array_like, shape (n, p)

    Returns
    -------
    ndarray, shape (m, p)

    Raises
    ------
    ShapeError
        If either is not 2-D or the inner sizes differ.

    Examples
    --------
    >>> matmul_by_definition([[1, 2], [3, 4]], [[5, 6], [7, 8]])
    array([[19., 22.],
           [43., 50.]])
    """
    left = as_float_array(A, "A", ndim=2)
    right = as_float_array(B, "B", ndim=2)
    _check_inner_sizes(left, right, "A", "B")
    m, n = left.shape
    p = right.shape[1]
    product = np.zeros((m, p))
    for i in range(m):
        for j in range(p):
            for k in range(n):
                product[i, j] += left[i, k] * right[k, j]
    return check_representable(product, "the product A B")


def matmul(A: ArrayLike, B: ArrayLike) -> np.ndarray | float:
    r"""Return the matrix product :math:`AB`, checking the shapes first.

    .. math::

       (AB)_{ij} = \sum_{k=1}^{n} A_{ik} B_{kj},
       \qquad (m \times n)(n \times p) \to (m \times p)

    Implements equation :eq:`eq-matrices-product` of
    :ref:`matrices-product`. The sum is the one
    :func:`matmul_by_definition` spells out; here NumPy's compiled ``@``
    computes it. Either factor may be a vector: a 1-D ``A`` acts as a
    row, a 1-D ``B`` as a column, and the result loses that axis.

    Parameters
    ----------
    A : array_like, shape (m, n) or (n,)
    B : array_like, shape (n, p) or (n,)

    Returns
    -------
    ndarray, shape (m, p), (m,), (p,) or a float
        A float when both factors are vectors (their dot product).

    Raises
    ------
    ShapeError
        If a factor is not 1-D or 2-D, or the inner sizes differ; the
        message names both shapes.
    EmptyInputError, NonFiniteError
        If a factor is empty or holds NaN or infinity.

    Examples
    --------
    >>> matmul([[1, 2], [3, 4]], [[5, 6], [7, 8]])
    array([[19., 22.],
           [43., 50.]])
    >>> matmul([[1, 2, 3]], [1, 1, 1])
    array([6.])
    >>> matmul([[1, 2], [3, 4]], [[1, 2, 3]])
    Traceback (most recent call last):
    ...
    mathdl.errors.ShapeError: cannot multiply A of shape (2, 2) by B of ...
    """
    left = as_float_array(A, "A", ndim=(1, 2))
    right = as_float_array(B, "B", ndim=(1, 2))
    _check_inner_sizes(left, right, "A", "B")
    with np.errstate(over="ignore", invalid="ignore"):
        product = left @ right
    check_representable(product, "the product A B")
    if product.ndim == 0:
        return float(product)
    return product


def determinant(A: ArrayLike) -> float:
    r"""Return the determinant of a square matrix.

    For a :math:`2 \times 2` matrix

    .. math::

       \det \begin{pmatrix} a & b \\ c & d \end{pmatrix} = ad - bc ,

    the signed area of the image of the unit square. Explained with
    equation :eq:`eq-matrices-determinant` in :ref:`matrices-rank`;
    larger matrices use NumPy's LU factorisation. If that overflows,
    underflows or gives 0, it is redone on the entries divided by a power
    of two near their largest magnitude (exact in floating point) and the
    result multiplied back, so huge or tiny entries give the true
    determinant, or an error if it is not representable, never NaN.

    Raises
    ------
    ShapeError
        If ``A`` is not square.
    OutOfRangeError
        If the determinant itself is too large for float64.

    Examples
    --------
    >>> determinant([[2, 1], [1, 3]])
    5.0
    >>> determinant([[1, 2], [2, 4]])
    0.0
    >>> determinant([[1e200, 1e200], [1e200, 1e200]])
    0.0
    """
    matrix = _square(A, "A")
    with np.errstate(over="ignore", under="ignore", invalid="ignore"):
        direct = _determinant(matrix)
    if np.isfinite(direct) and abs(direct) >= np.finfo(np.float64).tiny:
        return float(direct)
    # Overflow, underflow or 0: redo it on A / s, s a power of two.
    scale = float(binary_scale(matrix))
    value = _determinant(matrix / scale)
    # Multiply back one factor at a time: scale**n alone may overflow.
    with np.errstate(over="ignore", under="ignore"):
        for _ in range(matrix.shape[0]):
            value = value * scale
    return float(check_representable(value, f"det(A) of shape "
                                             f"{matrix.shape}"))


def _determinant(matrix: np.ndarray) -> float:
    if matrix.shape == (2, 2):
        (a, b), (c, d) = matrix
        return a * d - b * c
    return np.linalg.det(matrix)


def rank(A: ArrayLike) -> int:
    r"""Return the rank of a matrix: how many independent columns it has.

    The rank is the number of singular values :math:`\sigma_i` above the
    round-off cut-off

    .. math::

       \sigma_i > \sigma_1 \cdot \max(m, n) \cdot \varepsilon ,

    where :math:`\varepsilon \approx 2.2 \times 10^{-16}` is the float64
    machine epsilon (the rule ``numpy.linalg.matrix_rank`` uses).
    Explained in :ref:`matrices-rank`.

    Parameters
    ----------
    A : array_like, shape (m, n)

    Returns
    -------
    int
        Between 0 and ``min(m, n)``.

    Raises
    ------
    ShapeError
        If ``A`` is not 2-D.
    EmptyInputError, NonFiniteError
        If ``A`` is empty or holds NaN or infinity.

    Examples
    --------
    >>> rank([[1, 2], [3, 4]])
    2
    >>> rank([[1, 2], [2, 4], [3, 6]])
    1
    >>> rank([[0, 0], [0, 0]])
    0
    """
    matrix = as_float_array(A, "A", ndim=2)
    values, tolerance = _singular_values(matrix)
    if values[0] == 0.0:
        return 0
    return int(np.count_nonzero(values > tolerance))


def is_singular(A: ArrayLike) -> bool:
    r"""Return True if a square matrix has no inverse (numerically).

    A square :math:`n \times n` matrix is singular when its rank is
    below :math:`n`: some column is a combination of the others, so the
    matrix flattens space and cannot be undone. The test uses the same
    round-off cut-off as :func:`rank`, so a matrix whose determinant is
    tiny but not exactly zero counts as singular too. Explained in
    :ref:`matrices-rank`.

    Raises
    ------
    ShapeError
        If ``A`` is not square.

    Examples
    --------
    >>> is_singular([[1, 2], [2, 4]])
    True
    >>> is_singular([[1, 2], [3, 4]])
    False
    >>> is_singular([[1, 1], [1, 1 + 1e-15]])
    True
    """
    matrix = _square(A, "A")
    return rank(matrix) < matrix.shape[0]


def condition_number(A: ArrayLike) -> float:
    r"""Return the 2-norm condition number of a matrix.

    .. math::

       \kappa(A) = \frac{\sigma_{\max}(A)}{\sigma_{\min}(A)}

    the ratio of the largest to the smallest of its :math:`\min(m, n)`
    singular values: roughly how many times a relative error in the data
    can grow in a solution. Only an exactly zero singular value gives
    ``inf``; whether a huge condition number means "numerically singular"
    is :func:`is_singular`'s decision. Implements equation
    :eq:`eq-linear-regression-condition` of :ref:`linear-regression-solve`.

    Parameters
    ----------
    A : array_like, shape (m, n)

    Returns
    -------
    float
        At least 1, or ``inf``.

    Examples
    --------
    >>> condition_number([[2, 0], [0, 0.5]])
    4.0
    >>> condition_number([[0, 0], [0, 1]])
    inf
    >>> f"{condition_number([[1, 1], [1, 1 + 1e-15]]):.1e}"
    '3.2e+15'
    """
    matrix = as_float_array(A, "A", ndim=2)
    values, _ = _singular_values(matrix)
    smallest = values[min(matrix.shape) - 1]
    if smallest == 0:
        return float("inf")
    with np.errstate(over="ignore"):
        return float(values[0] / smallest)


def inverse(A: ArrayLike) -> np.ndarray:
    r"""Return the inverse :math:`A^{-1}` of a square, non-singular matrix.

    .. math::

       A^{-1} A = A A^{-1} = I

    Implements equation :eq:`eq-matrices-inverse` of
    :ref:`matrices-inverse`: the columns of :math:`A^{-1}` are found by
    solving :math:`A \mathbf{x} = \mathbf{e}_j` for each column
    :math:`\mathbf{e}_j` of the identity.

    Parameters
    ----------
    A : array_like, shape (n, n)

    Returns
    -------
    ndarray, shape (n, n)

    Raises
    ------
    ShapeError
        If ``A`` is not square.
    SingularMatrixError
        If ``A`` is singular or numerically singular (see
        :func:`is_singular`); the message gives its rank.
    EmptyInputError, NonFiniteError
        If ``A`` is empty or holds NaN or infinity.
    OutOfRangeError
        If an entry of the inverse is too large for float64 (``A`` is
        tiny, for example ``1e-308 * I``).

    Examples
    --------
    >>> inverse([[2, 0], [0, 4]])
    array([[0.5 , 0.  ],
           [0.  , 0.25]])
    >>> inverse([[1, 2], [2, 4]])
    Traceback (most recent call last):
    ...
    mathdl.errors.SingularMatrixError: A of shape (2, 2) is singular ...
    """
    matrix = _square(A, "A")
    n = matrix.shape[0]
    if is_singular(matrix):
        raise SingularMatrixError(
            f"A of shape {matrix.shape} is singular (or numerically "
            f"singular): its rank is {rank(matrix)} < {n}, so its columns "
            "are linearly dependent and it has no inverse"
        )
    # inv(A) = inv(A / s) / s, exactly, for a power of two s.
    scale = binary_scale(matrix)
    with np.errstate(over="ignore"):
        result = np.linalg.solve(matrix / scale, np.eye(n)) / scale
    return check_representable(result, f"the inverse of A (shape "
                                       f"{matrix.shape})")


def broadcast_shape(
    shape_a: Sequence[int], shape_b: Sequence[int]
) -> tuple[int, ...]:
    r"""Return the shape NumPy broadcasts two shapes to, or raise.

    The procedure of :ref:`broadcasting-rules`: pad the shorter shape
    with 1s on the left; then, axis by axis, two sizes are compatible if
    they are equal or one of them is 1, and the result takes the larger.

    Parameters
    ----------
    shape_a, shape_b : sequence of int
        Array shapes such as ``(4, 3)`` or ``(3,)``; ``()`` is a scalar.

    Returns
    -------
    tuple of int

    Raises
    ------
    ShapeError
        If an axis has two different sizes, neither of them 1; the
        message names both shapes and the axis.
    ParameterError
        If a size is negative or not a whole number.

    Examples
    --------
    >>> broadcast_shape((4, 3), (3,))
    (4, 3)
    >>> broadcast_shape((4, 1), (1, 5))
    (4, 5)
    >>> broadcast_shape((4, 3), (4,))
    Traceback (most recent call last):
    ...
    mathdl.errors.ShapeError: shapes (4, 3) and (4,) do not broadcast: ...
    """
    first = _as_shape(shape_a, "shape_a")
    second = _as_shape(shape_b, "shape_b")
    length = max(len(first), len(second))
    padded_a = (1,) * (length - len(first)) + first
    padded_b = (1,) * (length - len(second)) + second
    result = []
    for axis, (size_a, size_b) in enumerate(zip(padded_a, padded_b,
                                                strict=True)):
        if size_a != size_b and 1 not in (size_a, size_b):
            raise ShapeError(
                f"shapes {first} and {second} do not broadcast: after "
                f"padding to {padded_a} and {padded_b}, axis {axis} has "
                f"sizes {size_a} and {size_b} (neither is 1)"
            )
        result.append(size_b if size_a == 1 else size_a)
    return tuple(result)


def _as_shape(shape: Sequence[int], name: str) -> tuple[int, ...]:
    try:
        sizes = tuple(shape)
    except TypeError:
        raise ParameterError(
            f"{name} must be a sequence of sizes, got {shape!r}"
        ) from None
    for size in sizes:
        if (
            isinstance(size, bool)
            or not isinstance(size, (int, np.integer))
            or size < 0
        ):
            raise ParameterError(
                f"{name} must hold whole numbers >= 0, got {shape!r}"
            )
    return tuple(int(size) for size in sizes)
