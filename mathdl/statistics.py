r"""Statistics: describing data, scaling it, sampling, and search.

Explained in :doc:`/statistics/describing-data`,
:doc:`/statistics/probability`, :doc:`/statistics/maximum-likelihood` and
:doc:`/statistics/initialisation-and-search`. Every function accepts
anything ``numpy.asarray`` turns into an array of numbers and raises a
:mod:`mathdl.errors` error, naming the shapes, on bad input. Statistics
of a 2-D array are taken per column (``axis=0``), the layout of a data
table with one example per row.
"""

from __future__ import annotations

import inspect
import itertools
import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any, NamedTuple

import numpy as np
from numpy.typing import ArrayLike

from mathdl._scaling import binary_scale, check_representable
from mathdl._validate import (
    as_float_array,
    as_real_number,
    check_callable,
    check_non_negative_int,
    check_positive,
    check_same_shape,
    check_seed,
)
from mathdl.errors import (
    ConstantFeatureError,
    DivergenceError,
    ParameterError,
    ShapeError,
)
from mathdl.losses import check_labels, check_probabilities

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
    "normal_pdf",
    "running_mean",
    "monte_carlo_estimate",
    "deal_hands",
    "is_straight",
    "gaussian_log_likelihood",
    "categorical_log_likelihood",
    "xavier_std",
    "he_std",
    "normal_weights",
    "log_uniform",
    "Trial",
    "random_search",
    "grid_search",
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


# Sampling -----------------------------------------------------------------


def normal_pdf(
    x: ArrayLike, mean: float = 0.0, std: float = 1.0
) -> float | np.ndarray:
    r"""Return the density of the normal distribution at ``x``.

    .. math::

       p(x) = \frac{1}{\sqrt{2 \pi \sigma^2}}
              \exp\left(-\frac{(x - \mu)^2}{2 \sigma^2}\right)

    Implements equation :eq:`eq-probability-normal` of
    :ref:`probability-distributions`.

    Parameters
    ----------
    x : float or array_like
        Where to evaluate the density.
    mean : float, default 0
        The centre :math:`\mu`.
    std : float, default 1
        The standard deviation :math:`\sigma > 0`.

    Raises
    ------
    ParameterError
        If ``std`` is not positive.

    Examples
    --------
    >>> normal_pdf(0.0)
    0.3989...
    >>> normal_pdf([9.0, 10.0], mean=10.0, std=2.0)
    array([0.176 , 0.1995])
    """
    points = as_float_array(x, "x")
    centre = as_real_number(mean, "mean")
    spread = check_positive(std, "std")
    squared = ((points - centre) / spread) ** 2
    density = np.exp(-0.5 * squared) / math.sqrt(2 * math.pi * spread**2)
    return _as_result(density)


def running_mean(samples: ArrayLike) -> np.ndarray:
    r"""Return the mean of the first 1, 2, ..., n samples.

    .. math::

       \bar{x}_k = \frac{1}{k} \sum_{i=1}^{k} x_i ,
       \qquad k = 1, \dots, n

    The law of large numbers says :math:`\bar{x}_k` settles on the
    expectation as :math:`k` grows. Explained in
    :ref:`probability-law-of-large-numbers`.

    Examples
    --------
    >>> running_mean([1, 0, 1, 1])
    array([1.    , 0.5   , 0.6667, 0.75  ])
    """
    values = as_float_array(samples, "samples", ndim=1)
    return np.cumsum(values) / np.arange(1, values.shape[0] + 1)


def monte_carlo_estimate(outcomes: ArrayLike) -> tuple[float, float]:
    r"""Return a Monte Carlo estimate and its standard error.

    For :math:`n` independent samples :math:`x_i` of a random quantity,

    .. math::

       \hat{\mu} = \frac{1}{n} \sum_{i=1}^{n} x_i ,
       \qquad
       \operatorname{SE} = \frac{s}{\sqrt{n}}

    with the sample deviation :math:`s` (``ddof=1``). For outcomes that
    are 0 or 1 (did the event happen?) :math:`\hat{\mu}` estimates the
    event's probability. Implements equation
    :eq:`eq-probability-monte-carlo` of :ref:`probability-monte-carlo`.

    Parameters
    ----------
    outcomes : array_like, shape (n,)
        The samples, at least two; booleans count as 0 and 1.

    Returns
    -------
    estimate, standard_error : float

    Raises
    ------
    ShapeError
        If ``outcomes`` is not 1-D.
    ParameterError
        If there are fewer than two samples.

    Examples
    --------
    >>> monte_carlo_estimate([True, False, False, True])
    (0.5, 0.288...)
    """
    values = as_float_array(outcomes, "outcomes", ndim=1)
    count = values.shape[0]
    if count < 2:
        raise ParameterError(
            f"a standard error needs at least 2 samples, got {count}"
        )
    spread = standard_deviation(values, ddof=1)
    return float(values.mean()), float(spread / math.sqrt(count))


def _check_rng_seed(seed: Any) -> int:
    return check_seed(seed)


def deal_hands(
    count: int, seed: int = 0, hand_size: int = 5, chunk: int = 50_000
) -> np.ndarray:
    r"""Deal ``count`` poker hands from freshly shuffled 52-card decks.

    Card :math:`c \in \{0, \dots, 51\}` has rank ``c % 13`` (0 is a two,
    12 an ace) and suit ``c // 13``. Each hand is a uniformly random set
    of ``hand_size`` different cards: the positions of the smallest of 52
    uniform random keys. Explained in :ref:`probability-monte-carlo`.

    Parameters
    ----------
    count : int
        How many hands.
    seed : int
        Seed of ``numpy.random.default_rng``: the same seed deals the
        same hands.
    hand_size : int, default 5
        Cards per hand, 1 to 52.
    chunk : int, default 50_000
        Hands drawn at a time, which bounds the memory used.

    Returns
    -------
    ndarray of int, shape (count, hand_size)

    Raises
    ------
    ParameterError
        If ``count``, ``seed`` or ``chunk`` is not a whole number in
        range, or ``hand_size`` is not in 1..52.

    Examples
    --------
    >>> hands = deal_hands(3, seed=0)
    >>> hands.shape
    (3, 5)
    >>> all(len(set(hand)) == 5 for hand in hands.tolist())
    True
    """
    count = check_non_negative_int(count, "count")
    seed = _check_rng_seed(seed)
    hand_size = check_non_negative_int(hand_size, "hand_size")
    if not 1 <= hand_size <= 52:
        raise ParameterError(f"hand_size must be 1..52, got {hand_size}")
    chunk = check_non_negative_int(chunk, "chunk")
    if chunk == 0:
        raise ParameterError("chunk must be at least 1, got 0")
    rng = np.random.default_rng(seed)
    hands = []
    for start in range(0, count, chunk):
        keys = rng.random((min(chunk, count - start), 52))
        smallest = np.argpartition(keys, hand_size - 1, axis=1)
        hands.append(smallest[:, :hand_size])
    if not hands:
        return np.empty((0, hand_size), dtype=np.int64)
    return np.concatenate(hands).astype(np.int64)


def is_straight(hands: ArrayLike) -> np.ndarray:
    r"""Return, for each five-card hand, whether it is a straight.

    A straight is five consecutive ranks, with the ace either high
    (10-J-Q-K-A) or low (A-2-3-4-5); the suits do not matter, so
    straight flushes count too. Cards are numbered as in
    :func:`deal_hands`. Explained in :ref:`probability-monte-carlo`.

    Raises
    ------
    ShapeError
        If ``hands`` is not of shape (n, 5).
    ParameterError
        If a card is not a whole number in 0..51 or a hand repeats one.

    Examples
    --------
    >>> # 5-6-7-8-9 of mixed suits, then A-2-3-4-5, then a pair
    >>> is_straight([[3, 17, 31, 45, 7], [12, 0, 14, 28, 42],
    ...              [0, 13, 1, 2, 3]])
    array([ True,  True, False])
    """
    cards = as_float_array(hands, "hands", ndim=2)
    if cards.shape[1] != 5:
        raise ShapeError(
            f"hands must have shape (n, 5), got shape {cards.shape}"
        )
    if np.any(cards != np.round(cards)) or np.any(
        (cards < 0) | (cards > 51)
    ):
        raise ParameterError("every card must be a whole number in 0..51")
    cards = cards.astype(np.int64)
    ordered = np.sort(cards, axis=1)
    if np.any(ordered[:, 1:] == ordered[:, :-1]):
        raise ParameterError("a hand holds the same card twice")
    ranks = np.sort(cards % 13, axis=1)
    distinct = np.all(np.diff(ranks, axis=1) > 0, axis=1)
    consecutive = distinct & (ranks[:, 4] - ranks[:, 0] == 4)
    ace_low = np.all(ranks == [0, 1, 2, 3, 12], axis=1)
    return consecutive | ace_low


# Maximum likelihood ---------------------------------------------------------


def gaussian_log_likelihood(residuals: ArrayLike, sigma: float) -> float:
    r"""Return the log-likelihood of residuals under Gaussian noise.

    If each target is the prediction plus independent noise
    :math:`\varepsilon_i \sim \mathcal{N}(0, \sigma^2)`, the residuals
    :math:`r_i = y_i - \hat{y}_i` have log-likelihood

    .. math::

       \log L = -\frac{n}{2} \log(2 \pi \sigma^2)
                - \frac{1}{2 \sigma^2} \sum_{i=1}^{n} r_i^2 ,

    so for a fixed :math:`\sigma` maximising it minimises the sum of
    squared errors. Implements equation
    :eq:`eq-maximum-likelihood-gaussian` of
    :ref:`maximum-likelihood-gaussian`.

    Raises
    ------
    ParameterError
        If ``sigma`` is not positive.

    Examples
    --------
    >>> gaussian_log_likelihood([0.0], sigma=1.0)
    -0.9189...
    >>> gaussian_log_likelihood([1.0, -1.0], sigma=1.0)
    -2.8378...
    """
    values = as_float_array(residuals, "residuals", ndim=1)
    sigma = check_positive(sigma, "sigma")
    count = values.shape[0]
    squared = float(np.sum(values * values))
    return (
        -0.5 * count * math.log(2 * math.pi * sigma**2)
        - squared / (2 * sigma**2)
    )


def categorical_log_likelihood(
    probabilities: ArrayLike, labels: ArrayLike
) -> float:
    r"""Return the log-likelihood of labels under predicted probabilities.

    Row :math:`i` of ``probabilities`` is a distribution over the
    classes; the observed label :math:`y_i` has probability
    :math:`p_{i, y_i}`, so independent examples have

    .. math::

       \log L = \sum_{i=1}^{n} \log p_{i, y_i} ,

    whose negative divided by :math:`n` is the cross-entropy loss.
    Implements equation :eq:`eq-maximum-likelihood-categorical` of
    :ref:`maximum-likelihood-categorical`.

    Parameters
    ----------
    probabilities : array_like, shape (n, k)
        Non-negative rows that sum to 1 (for example softmax outputs).
    labels : array_like of int, shape (n,)
        The observed classes, 0 to k - 1.

    Raises
    ------
    ShapeError
        If ``probabilities`` is not 2-D.
    ParameterError
        If a row is not a probability distribution (an entry outside
        [0, 1], or a row sum off 1 by more than
        :data:`mathdl.losses.SUM_TOLERANCE`).
    LabelError
        If a label is not a whole number in 0..k-1, or there is not one
        per row.

    Examples
    --------
    >>> categorical_log_likelihood([[0.5, 0.5], [0.9, 0.1]], [1, 0])
    -0.7985...
    """
    probs = check_probabilities(probabilities)
    count, classes = probs.shape
    targets = check_labels(labels, count, classes)
    chosen = probs[np.arange(count), targets]
    with np.errstate(divide="ignore"):
        return float(np.sum(np.log(chosen)))


# Initialisation and search -----------------------------------------------


def xavier_std(n_in: int, n_out: int) -> float:
    r"""Return the Xavier (Glorot) deviation for a layer's weights.

    .. math::

       \sigma = \sqrt{\frac{2}{n_\text{in} + n_\text{out}}}

    It keeps the variance of activations and of gradients roughly equal
    across tanh layers. Implements equation
    :eq:`eq-initialisation-and-search-xavier` of
    :ref:`initialisation-and-search-spread`.

    Raises
    ------
    ParameterError
        If a width is not a whole number >= 1.

    Examples
    --------
    >>> xavier_std(100, 100)
    0.1
    """
    n_in = _check_width(n_in, "n_in")
    n_out = _check_width(n_out, "n_out")
    return math.sqrt(2.0 / (n_in + n_out))


def he_std(n_in: int) -> float:
    r"""Return the He deviation for the weights of a ReLU layer.

    .. math::

       \sigma = \sqrt{\frac{2}{n_\text{in}}}

    ReLU zeroes half of its inputs on average; the factor 2 makes up for
    it. Implements equation :eq:`eq-initialisation-and-search-he` of
    :ref:`initialisation-and-search-spread`.

    Examples
    --------
    >>> he_std(200)
    0.1
    """
    return math.sqrt(2.0 / _check_width(n_in, "n_in"))


def _check_width(value: Any, name: str) -> int:
    width = check_non_negative_int(value, name)
    if width == 0:
        raise ParameterError(f"{name} must be at least 1, got 0")
    return width


def normal_weights(
    layer_sizes: Sequence[int], std: float | str, seed: int = 0
) -> list[np.ndarray]:
    r"""Draw every weight matrix of a network from a normal distribution.

    .. math::

       W^{(l)}_{ij} \sim \mathcal{N}(0, \sigma_l^2)
       \quad \text{independently,}

    with one deviation :math:`\sigma_l` for all layers (a number), or
    per layer :math:`\sigma_l` = :func:`xavier_std` (``"xavier"``) or
    :func:`he_std` (``"he"``). Explained in
    :ref:`initialisation-and-search-spread`.

    Parameters
    ----------
    layer_sizes : sequence of int
        Nodes per layer, input first; layer :math:`l` maps
        ``layer_sizes[l]`` inputs to ``layer_sizes[l + 1]`` outputs.
    std : float or {"xavier", "he"}
        The deviation, or the rule that sets it per layer.
    seed : int
        Seed of ``numpy.random.default_rng``.

    Returns
    -------
    list of ndarray
        ``weights[l]`` of shape ``(layer_sizes[l], layer_sizes[l + 1])``,
        the layout of :attr:`mathdl.network.MLP.weights`.

    Raises
    ------
    ParameterError
        If a size is not a whole number >= 1, there are fewer than two
        sizes, or ``std`` is neither positive nor a known rule.

    Examples
    --------
    >>> weights = normal_weights([100, 400, 10], "xavier", seed=0)
    >>> [w.shape for w in weights]
    [(100, 400), (400, 10)]
    >>> print(f"{weights[0].std():.3f}")   # sqrt(2 / 500) = 0.063
    0.063
    """
    sizes = [_check_width(size, "each layer size") for size in layer_sizes]
    if len(sizes) < 2:
        raise ParameterError(
            f"layer_sizes needs at least two sizes, got {sizes}"
        )
    rules = {"xavier": xavier_std, "he": lambda n_in, n_out: he_std(n_in)}
    if isinstance(std, str):
        if std not in rules:
            raise ParameterError(
                f"std must be a positive number, 'xavier' or 'he', "
                f"got {std!r}"
            )
        deviation = rules[std]
    else:
        fixed = check_positive(std, "std")
        deviation = lambda n_in, n_out: fixed  # noqa: E731
    rng = np.random.default_rng(_check_rng_seed(seed))
    return [
        rng.normal(0.0, deviation(n_in, n_out), size=(n_in, n_out))
        for n_in, n_out in zip(sizes[:-1], sizes[1:], strict=True)
    ]


def log_uniform(
    low: float, high: float, size: int | None = None, *, seed: int = 0
) -> float | np.ndarray:
    r"""Draw values whose logarithm is uniform between those of the ends.

    .. math::

       x = \exp(u), \qquad u \sim \mathcal{U}(\log a, \log b)

    Every factor of ten between ``low`` and ``high`` gets the same share
    of draws. Implements equation
    :eq:`eq-initialisation-and-search-log-uniform` of
    :ref:`initialisation-and-search-random-search`.

    Parameters
    ----------
    low, high : float
        The positive ends, ``low < high``.
    size : int or None
        How many values; ``None`` draws one float.
    seed : int
        Seed of the random generator.

    Raises
    ------
    ParameterError
        If an end is not positive, ``low >= high``, ``size`` is not a
        whole number >= 0 or None, or ``seed`` is not a valid seed.

    Examples
    --------
    >>> import numpy as np
    >>> draws = log_uniform(1e-4, 1.0, 4000, seed=0)
    >>> float(np.mean(draws < 1e-2))   # half of the decades: about half
    0.5...
    """
    low, high = _check_range(low, high)
    if size is not None:
        size = check_non_negative_int(size, "size")
    rng = np.random.default_rng(check_seed(seed))
    return _log_uniform(low, high, size, rng)


def _check_range(low: float, high: float) -> tuple[float, float]:
    low = check_positive(low, "low")
    high = check_positive(high, "high")
    if low >= high:
        raise ParameterError(f"low must be below high, got {low}, {high}")
    return low, high


def _log_uniform(
    low: float, high: float, size: int | None, rng: np.random.Generator
) -> float | np.ndarray:
    """:func:`log_uniform` from a generator shared by many draws."""
    exponent = rng.uniform(math.log(low), math.log(high), size)
    return float(np.exp(exponent)) if size is None else np.exp(exponent)


class Trial(NamedTuple):
    """One evaluated setting of the hyperparameters."""

    params: dict[str, Any]
    score: float


def _sample(space: Mapping[str, Any], rng: np.random.Generator) -> dict:
    params = {}
    for name, spec in space.items():
        if isinstance(spec, list):
            if not spec:
                raise ParameterError(f"space[{name!r}] has no choices")
            params[name] = spec[int(rng.integers(len(spec)))]
            continue
        if not (isinstance(spec, tuple) and len(spec) == 3):
            raise ParameterError(
                f"space[{name!r}] must be a list of choices or a tuple "
                f"(low, high, 'log' or 'linear'), got {spec!r}"
            )
        low, high, scale = spec
        if scale == "log":
            params[name] = _log_uniform(*_check_range(low, high), None, rng)
        elif scale == "linear":
            low = as_real_number(low, f"space[{name!r}] low")
            high = as_real_number(high, f"space[{name!r}] high")
            if not low < high:
                raise ParameterError(
                    f"space[{name!r}]: low must be below high, got {spec}"
                )
            params[name] = float(rng.uniform(low, high))
        else:
            raise ParameterError(
                f"space[{name!r}]: scale must be 'log' or 'linear', got "
                f"{scale!r}"
            )
    return params


def _check_signature(objective: Callable[..., float], names) -> None:
    """Refuse an objective that cannot take these keyword arguments."""
    try:
        signature = inspect.signature(objective)
    except (TypeError, ValueError):  # a builtin without a signature
        return
    try:
        signature.bind(**{name: None for name in names})
    except TypeError as error:
        raise ParameterError(
            f"objective{signature} cannot be called with the "
            f"hyperparameters {sorted(names)} as keyword arguments: "
            f"{error}"
        ) from None


def _evaluate(objective: Callable[..., float], params: dict) -> Trial:
    """Score one setting; a diverged run scores infinity."""
    try:
        value = objective(**params)
    except DivergenceError:
        value = math.inf
    try:
        score = as_real_number(value, "score")
    except ParameterError:
        if isinstance(value, (int, float, np.floating)):
            score = math.inf  # NaN or inf: scored as diverged
        else:
            raise ParameterError(
                f"objective must return a number, got "
                f"{type(value).__name__} {value!r:.40} for {params}"
            ) from None
    return Trial(params, score)


def _best(trials: Sequence[Trial]) -> Trial:
    best = min(trials, key=lambda trial: trial.score)
    if not math.isfinite(best.score):
        raise DivergenceError(
            f"all {len(trials)} trials diverged (non-finite score)"
        )
    return best


def random_search(
    objective: Callable[..., float],
    space: Mapping[str, Any],
    trials: int,
    seed: int = 0,
) -> tuple[list[Trial], Trial]:
    r"""Minimise ``objective`` over hyperparameters drawn at random.

    Each trial draws every hyperparameter independently from ``space``
    and calls ``objective(**params)``, typically a validation loss or
    error after a short training run. Explained in
    :ref:`initialisation-and-search-random-search`.

    Parameters
    ----------
    objective : callable
        Takes the hyperparameters as keyword arguments and returns a
        number to minimise. A non-finite result, or a
        :class:`~mathdl.errors.DivergenceError`, scores infinity.
    space : mapping
        For each hyperparameter, either a ``list`` of choices (drawn
        uniformly) or a tuple ``(low, high, scale)``: ``scale`` is
        ``"log"`` for :func:`log_uniform` draws (learning rates) or
        ``"linear"`` for uniform ones.
    trials : int
        How many settings to evaluate, at least 1.
    seed : int
        Seed of ``numpy.random.default_rng``: a seed fixes the settings.

    Returns
    -------
    trials : list of Trial
        Every ``Trial(params, score)`` in the order evaluated.
    best : Trial
        The trial with the lowest score.

    Raises
    ------
    ParameterError
        If ``objective`` is not callable, ``trials`` < 1, or ``space``
        is malformed.
    DivergenceError
        If every trial diverged.

    Examples
    --------
    >>> def objective(learning_rate):
    ...     return (np.log10(learning_rate) + 2) ** 2
    >>> history, best = random_search(
    ...     objective, {"learning_rate": (1e-5, 1.0, "log")},
    ...     trials=30, seed=0)
    >>> len(history), round(np.log10(best.params["learning_rate"]))
    (30, -2)
    """
    objective = check_callable(objective, "objective")
    trials = _check_width(trials, "trials")
    seed = _check_rng_seed(seed)
    if not isinstance(space, Mapping) or not space:
        raise ParameterError(
            "space must be a non-empty mapping of hyperparameter names"
        )
    rng = np.random.default_rng(seed)
    settings = [_sample(space, rng) for _ in range(trials)]
    _check_signature(objective, list(space))
    history = [_evaluate(objective, params) for params in settings]
    return history, _best(history)


def grid_search(
    objective: Callable[..., float], grid: Mapping[str, Sequence[Any]]
) -> tuple[list[Trial], Trial]:
    r"""Minimise ``objective`` over every combination of listed values.

    The baseline that :func:`random_search` is compared with in
    :ref:`initialisation-and-search-random-search`: with :math:`k`
    values for each of :math:`d` hyperparameters it runs :math:`k^d`
    trials, yet tries only :math:`k` distinct values of each one.

    Returns
    -------
    trials : list of Trial
        Every combination, the last hyperparameter varying fastest.
    best : Trial
        The trial with the lowest score.

    Raises
    ------
    ParameterError
        If ``objective`` is not callable or a value list is empty.
    DivergenceError
        If every trial diverged.

    Examples
    --------
    >>> history, best = grid_search(
    ...     lambda a, b: (a - 1) ** 2 + b, {"a": [0, 1, 2], "b": [1, 0]})
    >>> len(history), best.params, best.score
    (6, {'a': 1, 'b': 0}, 0.0)
    """
    objective = check_callable(objective, "objective")
    if not isinstance(grid, Mapping) or not grid:
        raise ParameterError(
            "grid must be a non-empty mapping of hyperparameter names"
        )
    for name, values in grid.items():
        if (
            isinstance(values, (str, bytes))
            or not isinstance(values, Sequence | np.ndarray)
            or len(values) == 0
        ):
            raise ParameterError(
                f"grid[{name!r}] must be a non-empty list of values, got "
                f"{values!r:.40}"
            )
    names = list(grid)
    _check_signature(objective, names)
    history = [
        _evaluate(objective, dict(zip(names, combination, strict=True)))
        for combination in itertools.product(*grid.values())
    ]
    return history, _best(history)
