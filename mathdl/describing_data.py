r"""Describing data: averages, spreads, correlation and feature scaling.

Explained in :doc:`/statistics/describing-data`. Every function accepts
anything ``numpy.asarray`` turns into an array of numbers and raises a
:mod:`mathdl.errors` error, naming the shapes, on bad input. Statistics
of a 2-D array are taken per column (``axis=0``), the layout of a data
table with one example per row.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from mathdl._scaling import binary_scale, check_representable
from mathdl._validate import (
    as_float_array,
    check_non_negative_int,
    check_same_shape,
)
from mathdl.errors import (
    ConstantFeatureError,
    ParameterError,
    ShapeError,
)

#: A column whose deviation is at most this times its largest magnitude
#: counts as constant: its values share their first 8 significant digits,
#: so its spread is no larger than the rounding error of its mean allows
#: to measure (the mean is only known to about eps * max|x|).
NEARLY_CONSTANT = 2.0**-26

__all__ = [
    "mean",
    "median",
    "variance",
    "standard_deviation",
    "covariance",
    "correlation",
    "min_max_scale",
    "min_max_unscale",
    "standardize",
    "unstandardize",
]


# Describing data ----------------------------------------------------------


def _check_axis(array: np.ndarray, axis: int | None, name: str) -> None:
    if axis is None:
        return
    if isinstance(axis, bool) or not isinstance(axis, (int, np.integer)):
        raise ParameterError(f"axis must be an integer or None, got {axis!r}")
    if not -array.ndim <= axis < array.ndim:
        raise ParameterError(
            f"axis {axis} is out of range for {name} of shape {array.shape}"
        )


def _as_result(value: np.ndarray | np.floating) -> float | np.ndarray:
    """A Python float for one number, else the array."""
    if np.ndim(value) == 0:
        return float(value)
    return np.asarray(value)


def mean(x: ArrayLike, axis: int | None = 0) -> float | np.ndarray:
    r"""Return the arithmetic mean, per column of a table by default.

    .. math::

       \bar{x} = \frac{1}{n} \sum_{i=1}^{n} x_i

    Implements equation :eq:`eq-describing-data-mean` of
    :ref:`describing-data-center`.

    Parameters
    ----------
    x : array_like
        The values; a 2-D array is a table with one example per row.
    axis : int or None, default 0
        The axis to average over; ``None`` averages every entry.

    Returns
    -------
    float or ndarray
        A float for a 1-D ``x`` (or ``axis=None``), else one mean per
        column.

    Raises
    ------
    EmptyInputError, NonFiniteError
        If ``x`` is empty or holds NaN or infinity.
    ParameterError
        If ``axis`` does not exist in ``x``.

    Examples
    --------
    >>> mean([1, 2, 3, 6])
    3.0
    >>> mean([[1, 10], [3, 30]])
    array([ 2., 20.])
    """
    array = as_float_array(x, "x")
    _check_axis(array, axis, "x")
    # A power-of-two scale keeps the sum finite; it changes no bit.
    scale = binary_scale(array, axis)
    return _as_result(np.mean(array / scale, axis=axis) * _drop(scale, axis))


def median(x: ArrayLike, axis: int | None = 0) -> float | np.ndarray:
    r"""Return the median: the middle value once the data are sorted.

    With an even count it is the mean of the two middle values. Unlike
    the mean it does not move when one value becomes extreme. Explained
    in :ref:`describing-data-center`.

    Raises
    ------
    EmptyInputError, NonFiniteError
        If ``x`` is empty or holds NaN or infinity.

    Examples
    --------
    >>> median([1, 2, 3, 600])
    2.5
    >>> median([[1, 10], [3, 30], [2, 0]])
    array([ 2., 10.])
    """
    array = as_float_array(x, "x")
    _check_axis(array, axis, "x")
    return _as_result(np.median(array, axis=axis))


def _count(array: np.ndarray, axis: int | None) -> int:
    return array.size if axis is None else array.shape[axis]


def _drop(scale: np.ndarray | float, axis: int | None):
    """A ``binary_scale`` shaped like a reduction along ``axis``."""
    return scale if axis is None else np.squeeze(scale, axis=axis)


def _scaled_variance(
    x: ArrayLike, axis: int | None, ddof: int
) -> tuple[np.ndarray, np.ndarray | float]:
    """The variance of ``x / s`` and ``s``, a power of two per slice, so
    that the squares neither overflow nor underflow."""
    array = as_float_array(x, "x")
    _check_axis(array, axis, "x")
    ddof = check_non_negative_int(ddof, "ddof")
    count = _count(array, axis)
    if ddof >= count:
        raise ParameterError(
            f"ddof={ddof} leaves no degree of freedom for {count} value(s) "
            f"along axis {axis} of x with shape {array.shape}"
        )
    scale = binary_scale(array, axis)
    scaled = array / scale
    centred = scaled - np.mean(scaled, axis=axis, keepdims=True)
    total = np.sum(centred * centred, axis=axis)
    return total / (count - ddof), _drop(scale, axis)


def variance(
    x: ArrayLike, axis: int | None = 0, ddof: int = 0
) -> float | np.ndarray:
    r"""Return the variance: the mean squared distance from the mean.

    .. math::

       s^2 = \frac{1}{n - \text{ddof}} \sum_{i=1}^{n} (x_i - \bar{x})^2

    ``ddof=0`` gives the population variance (divide by :math:`n`);
    ``ddof=1`` the sample variance (divide by :math:`n - 1`), an unbiased
    estimate of the variance of the population the sample came from.
    Implements equation :eq:`eq-describing-data-variance` of
    :ref:`describing-data-spread`.

    Parameters
    ----------
    x : array_like
        The values; a 2-D array is a table with one example per row.
    axis : int or None, default 0
        The axis along which the values vary.
    ddof : int, default 0
        "Delta degrees of freedom", subtracted from the count.

    Returns
    -------
    float or ndarray
        A float for a 1-D ``x``, else one variance per column.

    Raises
    ------
    EmptyInputError, NonFiniteError
        If ``x`` is empty or holds NaN or infinity.
    ParameterError
        If ``ddof`` is not a whole number >= 0 or leaves no degree of
        freedom (``ddof >= n``).

    Examples
    --------
    >>> variance([2, 4, 4, 4, 5, 5, 7, 9])
    4.0
    >>> variance([1, 2, 3, 4], ddof=1)
    1.666...
    """
    scaled, scale = _scaled_variance(x, axis, ddof)
    with np.errstate(over="ignore"):
        value = scaled * scale * scale
    return _as_result(check_representable(value, "the variance"))


def standard_deviation(
    x: ArrayLike, axis: int | None = 0, ddof: int = 0
) -> float | np.ndarray:
    r"""Return the standard deviation, the square root of the variance.

    .. math::

       s = \sqrt{\frac{1}{n - \text{ddof}} \sum_{i=1}^{n}
                 (x_i - \bar{x})^2}

    It is in the units of the data (degrees, not squared degrees).
    Explained in :ref:`describing-data-spread`; the arguments are those
    of :func:`variance`.

    Examples
    --------
    >>> standard_deviation([2, 4, 4, 4, 5, 5, 7, 9])
    2.0
    >>> standard_deviation([[0, 1], [2, 1]])
    array([1., 0.])
    >>> standard_deviation([1e200, 3e200])   # the variance would overflow
    1e+200
    """
    scaled, scale = _scaled_variance(x, axis, ddof)
    return _as_result(np.sqrt(scaled) * scale)


def _pair(x: ArrayLike, y: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    first = as_float_array(x, "x", ndim=1)
    second = as_float_array(y, "y", ndim=1)
    check_same_shape(first, second, "x", "y")
    return first, second


def covariance(x: ArrayLike, y: ArrayLike, ddof: int = 0) -> float:
    r"""Return the covariance of two paired lists of values.

    .. math::

       \operatorname{cov}(x, y) = \frac{1}{n - \text{ddof}}
       \sum_{i=1}^{n} (x_i - \bar{x})(y_i - \bar{y})

    Positive when the two tend to be above their means together.
    Implements equation :eq:`eq-describing-data-covariance` of
    :ref:`describing-data-covariance`.

    Raises
    ------
    ShapeError
        If ``x`` and ``y`` are not 1-D of the same length.
    ParameterError
        If ``ddof`` leaves no degree of freedom.

    Examples
    --------
    >>> covariance([1, 2, 3], [2, 4, 6])
    1.333...
    >>> covariance([1, 2, 3], [2, 4, 6], ddof=1)
    2.0
    """
    first, second = _pair(x, y)
    ddof = check_non_negative_int(ddof, "ddof")
    count = first.shape[0]
    if ddof >= count:
        raise ParameterError(
            f"ddof={ddof} leaves no degree of freedom for {count} pair(s)"
        )
    scale_x, scale_y = binary_scale(first), binary_scale(second)
    x_scaled, y_scaled = first / scale_x, second / scale_y
    products = (x_scaled - x_scaled.mean()) * (y_scaled - y_scaled.mean())
    value = np.sum(products) / (count - ddof)
    with np.errstate(over="ignore"):
        value = value * scale_x * scale_y
    return float(check_representable(value, "the covariance"))


def correlation(x: ArrayLike, y: ArrayLike) -> float:
    r"""Return Pearson's correlation coefficient of two paired lists.

    .. math::

       r = \frac{\operatorname{cov}(x, y)}{s_x \, s_y} \in [-1, 1]

    The covariance of the standardised values: it has no units, and
    :math:`\pm 1` means the points lie on a line. Implements equation
    :eq:`eq-describing-data-correlation` of
    :ref:`describing-data-covariance`.

    Each list is divided by a power of two first (exactly), so the result
    is the same for ``a * x`` as for ``x`` over the whole float64 range.

    Raises
    ------
    ShapeError
        If ``x`` and ``y`` are not 1-D of the same length.
    ConstantFeatureError
        If either list is constant, or nearly: its deviation is at most
        ``NEARLY_CONSTANT`` (:math:`2^{-26}`) times its largest
        magnitude, below what rounding lets one measure.

    Examples
    --------
    >>> correlation([1e200, 2e200, 3e200], [1, 2, 3])
    1.0
    >>> correlation([1, 2, 3], [2, 4, 7])
    0.993...
    >>> correlation([1, 2, 3], [3, 2, 1])
    -1.0
    """
    first, second = _pair(x, y)
    scaled = []
    for values, name in ((first, "x"), (second, "y")):
        if np.all(values == values[0]):
            raise ConstantFeatureError(
                f"{name} is constant (every value is {values[0]}), so its "
                "deviation is zero and the correlation is undefined"
            )
        values = values / binary_scale(values)
        _check_not_constant(values, name)
        scaled.append(values)
    r = covariance(scaled[0], scaled[1]) / (
        standard_deviation(scaled[0]) * standard_deviation(scaled[1])
    )
    return float(np.clip(r, -1.0, 1.0))


# Scaling ----------------------------------------------------------------


def _table(X: ArrayLike, name: str) -> np.ndarray:
    return as_float_array(X, name, ndim=(1, 2))


def _check_not_constant(table: np.ndarray, name: str) -> None:
    """Refuse constant columns, and nearly constant ones: a deviation of
    at most ``NEARLY_CONSTANT`` times the largest magnitude is rounding
    noise, and dividing by it would blow the noise up."""
    scaled = table / binary_scale(table, axis=0)
    # max == min exactly: a column this flat has no spread to divide by.
    flat = np.atleast_1d(np.ptp(scaled, axis=0) == 0.0)
    if np.any(flat):
        columns = np.flatnonzero(flat).tolist()
        raise ConstantFeatureError(
            f"{name} of shape {table.shape} has constant column(s) "
            f"{columns}: maximum equals minimum, so scaling them would "
            "divide by zero; drop them before scaling"
        )
    centred = scaled - np.mean(scaled, axis=0)
    spread = np.sqrt(np.mean(centred * centred, axis=0))
    size = np.max(np.abs(scaled), axis=0)
    nearly = np.atleast_1d(spread <= NEARLY_CONSTANT * size)
    if np.any(nearly):
        columns = np.flatnonzero(nearly).tolist()
        raise ConstantFeatureError(
            f"{name} of shape {table.shape} has nearly constant column(s) "
            f"{columns}: their deviation is at most {NEARLY_CONSTANT:.2g} "
            f"times their largest magnitude, no more than rounding noise, "
            f"so scaling them would amplify the noise; drop them, or "
            f"subtract a reference value (such as the first) first"
        )


def min_max_scale(
    X: ArrayLike,
) -> tuple[np.ndarray, np.ndarray | float, np.ndarray | float]:
    r"""Scale each column of a table linearly onto :math:`[0, 1]`.

    .. math::

       x' = \frac{x - \min x}{\max x - \min x}

    Implements equation :eq:`eq-describing-data-min-max` of
    :ref:`describing-data-min-max`; :func:`min_max_unscale` undoes it.

    Parameters
    ----------
    X : array_like, shape (n,) or (n, d)
        One value, or one row of ``d`` features, per example.

    Returns
    -------
    scaled : ndarray, same shape as ``X``
        Every column runs from exactly 0 to exactly 1.
    minimum, maximum : float or ndarray of shape (d,)
        Each column's extremes, kept to undo the scaling and to scale new
        data the same way.

    Raises
    ------
    ShapeError
        If ``X`` is not 1-D or 2-D.
    ConstantFeatureError
        If a column is constant (maximum equals minimum).
    EmptyInputError, NonFiniteError
        If ``X`` is empty or holds NaN or infinity.

    Examples
    --------
    >>> scaled, low, high = min_max_scale([[0, 10], [5, 30], [10, 20]])
    >>> scaled
    array([[0. , 0. ],
           [0.5, 1. ],
           [1. , 0.5]])
    >>> low, high
    (array([ 0., 10.]), array([10., 30.]))
    """
    table = _table(X, "X")
    _check_not_constant(table, "X")
    minimum = np.min(table, axis=0)
    maximum = np.max(table, axis=0)
    # Dividing by a power of two first keeps max - min finite.
    scale = _drop(binary_scale(table, axis=0), 0)
    scaled = (table / scale - minimum / scale) / (
        maximum / scale - minimum / scale
    )
    return scaled, _as_result(minimum), _as_result(maximum)


def _check_statistics(
    values: np.ndarray, first: ArrayLike, second: ArrayLike,
    names: tuple[str, str],
) -> tuple[np.ndarray, np.ndarray]:
    """Statistics must be one number, or one per column of ``values``."""
    columns = () if values.ndim <= 1 else (values.shape[1],)
    arrays = []
    for stat, name in zip((first, second), names, strict=True):
        array = as_float_array(stat, name, ndim=(0, 1))
        if array.shape not in ((), columns):
            raise ShapeError(
                f"{name} of shape {array.shape} does not match the "
                f"{columns[0] if columns else 1} column(s) of an array "
                f"of shape {values.shape}"
            )
        arrays.append(array)
    return arrays[0], arrays[1]


def min_max_unscale(
    scaled: ArrayLike, minimum: ArrayLike, maximum: ArrayLike
) -> float | np.ndarray:
    r"""Undo :func:`min_max_scale`: map :math:`[0, 1]` back to the data.

    .. math::

       x = \min x + x' \, (\max x - \min x)

    Inverts equation :eq:`eq-describing-data-min-max` of
    :ref:`describing-data-min-max`.

    Parameters
    ----------
    scaled : float or array_like, shape (n,) or (n, d)
        Scaled values, for example a model's predictions.
    minimum, maximum : float or array_like of shape (d,)
        What :func:`min_max_scale` returned.

    Returns
    -------
    float or ndarray
        The values in the units of the data, shaped like ``scaled``.

    Raises
    ------
    ShapeError
        If ``minimum`` or ``maximum`` does not match the columns.
    ParameterError
        If some maximum is not above its minimum.

    Examples
    --------
    >>> min_max_unscale([0.0, 0.25, 1.0], minimum=-10, maximum=30)
    array([-10.,   0.,  30.])
    """
    values = as_float_array(scaled, "scaled", ndim=(0, 1, 2))
    low, high = _check_statistics(
        values, minimum, maximum, ("minimum", "maximum")
    )
    if np.any(high <= low):
        raise ParameterError(
            f"every maximum must exceed its minimum, got minimum {low} "
            f"and maximum {high}"
        )
    return _as_result(low + values * (high - low))


def standardize(
    X: ArrayLike,
) -> tuple[np.ndarray, np.ndarray | float, np.ndarray | float]:
    r"""Shift and scale each column to mean 0 and standard deviation 1.

    .. math::

       z = \frac{x - \bar{x}}{s}

    with the population deviation :math:`s` (``ddof=0``), so every
    column of ``z`` has deviation 1 and mean 0, up to rounding: within
    :math:`10^{-12}` and :math:`10^{-6}` (the mean of ``x`` is known only
    to about :math:`\varepsilon \max |x|`, and columns nearer constant
    than ``NEARLY_CONSTANT`` are refused). Each column is divided by a
    power of two first (exactly), so the result is the same for ``c * X``
    as for ``X`` over the whole float64 range. Implements equation
    :eq:`eq-describing-data-standardize` of
    :ref:`describing-data-standardize`; :func:`unstandardize` undoes it.

    Parameters
    ----------
    X : array_like, shape (n,) or (n, d)
        One value, or one row of ``d`` features, per example.

    Returns
    -------
    z : ndarray, same shape as ``X``
        The standardised values ("z-scores").
    mean, std : float or ndarray of shape (d,)
        Each column's mean and deviation, kept to undo the scaling and
        to scale new data the same way.

    Raises
    ------
    ShapeError
        If ``X`` is not 1-D or 2-D.
    ConstantFeatureError
        If a column is constant or nearly constant: its deviation is at
        most ``NEARLY_CONSTANT`` (:math:`2^{-26}`) times its largest
        magnitude, as for ``[0.1 * 3, 0.3, 0.3]``.
    EmptyInputError, NonFiniteError
        If ``X`` is empty or holds NaN or infinity.

    Examples
    --------
    >>> z, centre, spread = standardize([2, 4, 4, 4, 5, 5, 7, 9])
    >>> z
    array([-1.5, -0.5, -0.5, -0.5,  0. ,  0. ,  1. ,  2. ])
    >>> centre, spread
    (5.0, 2.0)
    """
    table = _table(X, "X")
    _check_not_constant(table, "X")
    scale = binary_scale(table, axis=0)
    scaled = table / scale
    centre = np.mean(scaled, axis=0)
    spread = np.asarray(standard_deviation(scaled, axis=0))
    z = (scaled - centre) / spread
    scale = _drop(scale, 0)
    return z, _as_result(centre * scale), _as_result(spread * scale)


def unstandardize(
    z: ArrayLike, mean: ArrayLike, std: ArrayLike
) -> float | np.ndarray:
    r"""Undo :func:`standardize`: turn z-scores back into data units.

    .. math::

       x = \bar{x} + s \, z

    Inverts equation :eq:`eq-describing-data-standardize` of
    :ref:`describing-data-standardize`.

    Parameters
    ----------
    z : float or array_like, shape (n,) or (n, d)
        Standardised values, for example a model's predictions.
    mean, std : float or array_like of shape (d,)
        What :func:`standardize` returned.

    Returns
    -------
    float or ndarray
        The values in the units of the data, shaped like ``z``.

    Raises
    ------
    ShapeError
        If ``mean`` or ``std`` does not match the columns.
    ParameterError
        If some ``std`` is not positive.

    Examples
    --------
    >>> unstandardize([-1.0, 0.0, 2.0], mean=15.0, std=5.0)
    array([10., 15., 25.])
    >>> unstandardize(0.5, mean=15.0, std=5.0)
    17.5
    """
    values = as_float_array(z, "z", ndim=(0, 1, 2))
    centre, spread = _check_statistics(values, mean, std, ("mean", "std"))
    if np.any(spread <= 0):
        raise ParameterError(
            f"every std must be positive, got std {spread}"
        )
    return _as_result(centre + values * spread)
