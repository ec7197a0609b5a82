r"""Linear regression: the design matrix, the normal equation and errors.

Explained in :doc:`/linear-algebra/linear-regression`. A model predicts
:math:`\hat{\mathbf{y}} = X\mathbf{w}` from a design matrix :math:`X`
(one row per example, one column per feature); call
:func:`add_bias_column` first to give the model a bias. Every function
raises a :mod:`mathdl.errors` error, naming the shapes, on bad input.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from mathdl._scaling import binary_scale, check_representable
from mathdl._validate import as_float_array, as_real_number, check_same_shape
from mathdl.errors import ParameterError, ShapeError, SingularMatrixError
from mathdl.matrices import rank

#: ``normal_equation`` refuses a system whose condition number times the
#: float64 epsilon, the expected relative error of its weights, is above
#: this: fewer than three correct digits.
ERROR_BOUND_LIMIT = 1e-3

__all__ = [
    "add_bias_column",
    "normal_equation",
    "predict",
    "mean_absolute_error",
    "mean_squared_error",
]


def add_bias_column(X: ArrayLike) -> np.ndarray:
    r"""Return ``X`` with a column of ones in front.

    .. math::

       \tilde{X} = \begin{pmatrix} \mathbf{1} & X \end{pmatrix},
       \qquad
       \tilde{X} \begin{pmatrix} b \\ \mathbf{w} \end{pmatrix}
       = X \mathbf{w} + b

    so the first weight of a model fitted to :math:`\tilde{X}` is its
    bias. Explained in :ref:`linear-regression-model`.

    Parameters
    ----------
    X : array_like, shape (n, d) or (n,)
        The features; a 1-D array is one feature.

    Returns
    -------
    ndarray, shape (n, d + 1)

    Examples
    --------
    >>> add_bias_column([[2, 3], [4, 5]])
    array([[1., 2., 3.],
           [1., 4., 5.]])
    >>> add_bias_column([7, 8])
    array([[1., 7.],
           [1., 8.]])
    """
    features = as_float_array(X, "X", ndim=(1, 2))
    if features.ndim == 1:
        features = features[:, np.newaxis]
    ones = np.ones((features.shape[0], 1))
    return np.hstack([ones, features])


def _design_and_target(
    X: ArrayLike, y: ArrayLike
) -> tuple[np.ndarray, np.ndarray]:
    design = as_float_array(X, "X", ndim=2)
    target = as_float_array(y, "y", ndim=1)
    if design.shape[0] != target.shape[0]:
        raise ShapeError(
            f"X has {design.shape[0]} rows (shape {design.shape}) but y "
            f"has {target.shape[0]} values (shape {target.shape})"
        )
    return design, target


def normal_equation(
    X: ArrayLike, y: ArrayLike, ridge: float = 0.0
) -> np.ndarray:
    r"""Return the least-squares weights, optionally with a ridge penalty.

    The weights solve the (ridge-regularised) normal equation

    .. math::

       (X^\top X + \lambda I)\,\mathbf{w} = X^\top \mathbf{y},

    which for :math:`\lambda = 0` minimises
    :math:`\lVert X\mathbf{w} - \mathbf{y} \rVert^2` and for
    :math:`\lambda > 0` minimises
    :math:`\lVert X\mathbf{w} - \mathbf{y} \rVert^2
    + \lambda \lVert \mathbf{w} \rVert^2`. Implements equations
    :eq:`eq-linear-regression-normal-equation` of
    :ref:`linear-regression-normal-equation` and
    :eq:`eq-linear-regression-ridge` of :ref:`linear-regression-ridge`.
    The system is solved (``numpy.linalg.solve``); the inverse is never
    formed. The penalty applies to every weight, the bias included.

    Forming :math:`X^\top X` squares the condition number: the weights
    can be wrong by a relative :math:`\kappa(X^\top X + \lambda I)\,
    \varepsilon` (:math:`\kappa(X)^2 \varepsilon` for :math:`\lambda =
    0`). When that bound exceeds ``ERROR_BOUND_LIMIT`` (:math:`10^{-3}`)
    the function refuses with :class:`~mathdl.errors.SingularMatrixError`
    rather than return weights that may have no correct digit; the
    message points to ``numpy.linalg.lstsq`` (which works on :math:`X`
    itself and loses only about :math:`\kappa(X) \varepsilon`) and to a
    ridge penalty. It never switches algorithm silently. ``X`` and ``y``
    are divided by powers of two first (exactly), so ``c * X`` gives the
    same answer as ``X`` over the whole float64 range.

    Parameters
    ----------
    X : array_like, shape (n, d)
        The design matrix (use :func:`add_bias_column` for a bias).
    y : array_like, shape (n,)
        The targets.
    ridge : float, default 0.0
        The penalty :math:`\lambda \ge 0`.

    Returns
    -------
    ndarray, shape (d,)
        The weights :math:`\mathbf{w}`.

    Raises
    ------
    ShapeError
        If ``X`` is not 2-D, ``y`` not 1-D, or their lengths differ.
    ParameterError
        If ``ridge`` is negative or not a finite number.
    SingularMatrixError
        If ``ridge`` is 0 and :math:`X^\top X` is singular (the columns
        of ``X`` are linearly dependent, or there are fewer rows than
        columns); the message suggests ``ridge > 0``. Also if the system
        is too ill-conditioned for three correct digits (see above).
    EmptyInputError, NonFiniteError
        If an input is empty or holds NaN or infinity.

    Examples
    --------
    >>> X = add_bias_column([0, 1, 2])
    >>> normal_equation(X, [1, 3, 5])          # y = 1 + 2 x
    array([1., 2.])
    >>> normal_equation([[1, 1], [2, 2]], [1, 2])
    Traceback (most recent call last):
    ...
    mathdl.errors.SingularMatrixError: X^T X is singular: ...
    >>> normal_equation([[1, 1], [2, 2]], [1, 2], ridge=0.1)
    array([0.495, 0.495])
    >>> t = np.linspace(0, 1, 40)
    >>> normal_equation(np.vander(t, 16), np.sin(t))
    Traceback (most recent call last):
    ...
    mathdl.errors.SingularMatrixError: X^T X is numerically singular: ...
    """
    design, target = _design_and_target(X, y)
    penalty = _check_ridge(ridge)
    columns = design.shape[1]
    if penalty == 0.0:
        # X^T X is singular exactly when X has dependent columns; the
        # rank of X is the more accurate test (no squared round-off).
        found = rank(design)
        if found < columns:
            raise SingularMatrixError(
                f"X^T X is singular: X of shape {design.shape} has rank "
                f"{found} < {columns} columns, so its columns are "
                "linearly dependent and the least-squares weights are "
                "not unique; drop the dependent column or use ridge > 0"
            )
    # Powers of two: X / sx and y / sy are exact, and so is scaling back.
    x_scale, y_scale = binary_scale(design), binary_scale(target)
    scaled, rhs = design / x_scale, target / y_scale
    scaled_penalty = float(penalty / x_scale**2)
    _check_conditioning(scaled, scaled_penalty, design.shape, penalty)
    gram = scaled.T @ scaled + scaled_penalty * np.eye(columns)
    weights = np.linalg.solve(gram, scaled.T @ rhs) * (y_scale / x_scale)
    return check_representable(weights, "the weights")


def _check_conditioning(
    scaled: np.ndarray, penalty: float, shape: tuple, ridge: float
) -> None:
    """Refuse when the normal equation would lose too many digits."""
    columns = scaled.shape[1]
    values = np.zeros(columns)
    found = np.linalg.svd(scaled, compute_uv=False)
    values[: found.shape[0]] = found
    smallest = values[-1] ** 2 + penalty
    if smallest > 0.0:
        kappa = (values[0] ** 2 + penalty) / smallest
    else:
        kappa = np.inf
    bound = kappa * np.finfo(np.float64).eps
    if bound > ERROR_BOUND_LIMIT:
        if ridge == 0.0:
            problem = (
                f"X^T X is numerically singular: X of shape {shape} has "
                f"condition number {np.sqrt(kappa):.3g}, squared to "
                f"{kappa:.3g} in X^T X"
            )
            advice = "or ridge > 0"
        else:
            problem = (
                f"X^T X + ridge I is numerically singular: with ridge = "
                f"{ridge:g} and X of shape {shape} its condition number "
                f"is {kappa:.3g}"
            )
            advice = "or a larger ridge"
        raise SingularMatrixError(
            f"{problem}, so the weights could be off by a relative "
            f"{bound:.2g} (limit {ERROR_BOUND_LIMIT:g}); use "
            f"numpy.linalg.lstsq(X, y), which avoids the squaring, "
            f"{advice}"
        )


def _check_ridge(ridge: float) -> float:
    penalty = as_real_number(ridge, "ridge")
    if penalty < 0:
        raise ParameterError(f"ridge must be finite and >= 0, got {ridge!r}")
    return penalty


def predict(X: ArrayLike, w: ArrayLike) -> np.ndarray:
    r"""Return the predictions :math:`\hat{\mathbf{y}} = X\mathbf{w}`.

    .. math::

       \hat{y}_i = \sum_{j=1}^{d} X_{ij} w_j

    One prediction per row of ``X``, all at once. Implements equation
    :eq:`eq-linear-regression-model` of :ref:`linear-regression-model`
    (with the bias folded into ``w`` by :func:`add_bias_column`).

    Parameters
    ----------
    X : array_like, shape (n, d)
    w : array_like, shape (d,)

    Returns
    -------
    ndarray, shape (n,)

    Raises
    ------
    ShapeError
        If ``X`` is not 2-D, ``w`` not 1-D, or ``w`` does not have one
        weight per column of ``X``.

    Examples
    --------
    >>> predict([[1, 0], [1, 2]], [1, 2])
    array([1., 5.])
    """
    design = as_float_array(X, "X", ndim=2)
    weights = as_float_array(w, "w", ndim=1)
    if design.shape[1] != weights.shape[0]:
        raise ShapeError(
            f"X of shape {design.shape} has {design.shape[1]} columns but "
            f"w of shape {weights.shape} has {weights.shape[0]} weights"
        )
    return design @ weights


def _residuals(y_hat: ArrayLike, y: ArrayLike) -> np.ndarray:
    predicted = as_float_array(y_hat, "y_hat", ndim=1)
    target = as_float_array(y, "y", ndim=1)
    check_same_shape(predicted, target, "y_hat", "y")
    return predicted - target


def mean_absolute_error(y_hat: ArrayLike, y: ArrayLike) -> float:
    r"""Return the mean absolute error of predictions.

    .. math::

       \mathrm{MAE} = \frac{1}{n} \sum_{i=1}^{n} \lvert \hat{y}_i - y_i
       \rvert

    In the units of ``y`` (degrees, for a temperature). Implements
    equation :eq:`eq-linear-regression-mae` of
    :ref:`linear-regression-evaluation`.

    Parameters
    ----------
    y_hat : array_like, shape (n,)
        The predictions (first, as in every loss of mathdl).
    y : array_like, shape (n,)
        The targets.

    Raises
    ------
    ShapeError
        If ``y_hat`` and ``y`` are not 1-D arrays of one length.
    EmptyInputError, NonFiniteError
        If they are empty or hold NaN or infinity.

    Examples
    --------
    >>> mean_absolute_error([2, 2, 1], [1, 2, 3])   # (y_hat, y)
    1.0
    """
    errors = _residuals(y_hat, y)
    return float(np.mean(np.abs(errors)))


def mean_squared_error(y_hat: ArrayLike, y: ArrayLike) -> float:
    r"""Return the mean squared error of predictions.

    .. math::

       \mathrm{MSE} = \frac{1}{n} \sum_{i=1}^{n} (\hat{y}_i - y_i)^2

    The quantity least squares minimises (up to the factor
    :math:`1/n`). Implements equation :eq:`eq-linear-regression-mse` of
    :ref:`linear-regression-evaluation`.

    Parameters
    ----------
    y_hat : array_like, shape (n,)
        The predictions (first, as in every loss of mathdl).
    y : array_like, shape (n,)
        The targets.

    Raises
    ------
    ShapeError
        If ``y_hat`` and ``y`` are not 1-D arrays of one length.
    EmptyInputError, NonFiniteError
        If they are empty or hold NaN or infinity.

    Examples
    --------
    >>> mean_squared_error([2, 2, 1], [1, 2, 3])   # (y_hat, y)
    1.6666...
    """
    errors = _residuals(y_hat, y)
    return float(np.mean(errors * errors))
