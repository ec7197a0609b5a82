r"""Numerical derivatives: finite differences, gradients and Jacobians.

Explained in :doc:`/calculus/derivatives` and :doc:`/calculus/gradients`.
Each function needs only the values of ``f``, never its formula, so it
can check any derivative worked out by hand (or by backpropagation).
Bad input (a non-callable ``f``, a non-finite ``x``, a step ``h <= 0``)
raises a :mod:`mathdl.errors` error.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from mathdl._validate import (
    as_float_array,
    check_callable,
    check_positive,
    to_float64,
)
from mathdl.errors import NonFiniteError, ParameterError, ShapeError

__all__ = [
    "METHODS",
    "default_step",
    "derivative",
    "finite_difference_error",
    "gradient",
    "jacobian",
]

METHODS = ("forward", "backward", "central")

_EPS = float(np.finfo(np.float64).eps)


def default_step(x: ArrayLike, method: str = "central") -> np.ndarray:
    r"""Return the step ``h`` that balances truncation and round-off error.

    .. math::

       \begin{gathered}
       h = \sqrt{\varepsilon}\,\max(1, |x|) \ \text{(forward, backward)},
       \\
       h = \sqrt[3]{\varepsilon}\,\max(1, |x|) \ \text{(central)},
       \end{gathered}

    where :math:`\varepsilon \approx 2.2 \times 10^{-16}` is the machine
    epsilon of float64. Derived in :ref:`derivatives-error`
    (equation :eq:`eq-derivatives-best-h`).

    Parameters
    ----------
    x : array_like
        The point(s) where the derivative will be taken.
    method : {"forward", "backward", "central"}
        The finite difference.

    Returns
    -------
    ndarray
        One step per entry of ``x``, all positive.

    Examples
    --------
    >>> print(f"{float(default_step(0.0, 'forward')):.2e}")
    1.49e-08
    >>> print(f"{float(default_step(100.0, 'central')):.2e}")
    6.06e-04
    """
    _check_method(method)
    scale = np.maximum(1.0, np.abs(as_float_array(x, "x", allow_empty=True)))
    power = 1.0 / 3.0 if method == "central" else 0.5
    return _EPS**power * scale


def derivative(
    f: Callable[[Any], Any],
    x: ArrayLike,
    h: float | None = None,
    method: str = "central",
) -> float | np.ndarray:
    r"""Return the finite-difference derivative of ``f`` at ``x``.

    .. math::

       \begin{gathered}
       \text{forward: } \frac{f(x + h) - f(x)}{h}, \qquad
       \text{backward: } \frac{f(x) - f(x - h)}{h}, \\
       \text{central: } \frac{f(x + h) - f(x - h)}{2h}.
       \end{gathered}

    Implements equations :eq:`eq-derivatives-forward` and
    :eq:`eq-derivatives-central` of :ref:`derivatives-finite-differences`.
    The error of the forward and backward differences shrinks like
    :math:`h`, that of the central difference like :math:`h^2`, until
    round-off takes over (:ref:`derivatives-error`).

    Parameters
    ----------
    f : callable
        A function of one real number returning one real number. If
        ``x`` is an array, ``f`` must work element by element (as
        ``numpy.exp`` does).
    x : float or array_like
        The point, or an array of points.
    h : float, optional
        The step, > 0. By default :func:`default_step` for ``method``.
    method : {"forward", "backward", "central"}
        The finite difference; "central" is the most accurate.

    Returns
    -------
    float or ndarray
        :math:`f'(x)`, a float for a single point, else an array of the
        shape of ``x``.

    Raises
    ------
    ParameterError
        If ``f`` is not callable, ``h <= 0`` or ``method`` is unknown.
    NonFiniteError, EmptyInputError
        If ``x`` holds NaN or infinity or is empty, or if ``f`` returns
        a non-finite value near ``x``.
    ShapeError
        If ``f`` does not return one value per point.

    Examples
    --------
    >>> derivative(lambda x: x**3, 2.0)   # exact: 3 * 2**2
    12.0000...
    >>> derivative(np.exp, [0.0, 1.0], method="forward")
    array([1.    , 2.7183])
    """
    check_callable(f, "f")
    _check_method(method)
    point = as_float_array(x, "x")
    if h is None:
        step = _exact_step(point, default_step(point, method))
    else:
        step = _exact_step(point, check_positive(h, "h"))
    if method == "forward":
        upper, lower, width = point + step, point, step
    elif method == "backward":
        upper, lower, width = point, point - step, step
    else:
        upper, lower, width = point + step, point - step, 2.0 * step
    f_upper = _evaluate(f, upper, point.shape, "x")
    f_lower = _evaluate(f, lower, point.shape, "x")
    slope = (f_upper - f_lower) / width
    return float(slope) if slope.ndim == 0 else slope


def finite_difference_error(
    f: Callable[[Any], Any],
    f_prime: Callable[[Any], Any],
    x: ArrayLike,
    h: ArrayLike,
    method: str = "central",
) -> np.ndarray:
    r"""Return the relative error of :func:`derivative` for each step h.

    For each step :math:`h` the error over the points :math:`x_j` is

    .. math::

       E(h) = \sqrt{\frac{\sum_j \bigl(D_h f(x_j) - f'(x_j)\bigr)^2}
                          {\sum_j f'(x_j)^2}},

    where :math:`D_h f` is the finite difference ``method``. Averaging
    over many points smooths the erratic round-off error, so the best
    step stands out. Explained in :ref:`derivatives-error`.

    Parameters
    ----------
    f, f_prime : callable
        The function and its exact derivative, both element-wise.
    x : array_like
        The points.
    h : array_like, shape (k,)
        The steps :math:`h` to try, each > 0.
    method : {"forward", "backward", "central"}
        The finite difference.

    Returns
    -------
    ndarray, shape (k,)
        :math:`E(h)` for each step.

    Raises
    ------
    ParameterError
        If a step is not positive or ``f_prime`` is 0 at every point.

    Examples
    --------
    >>> errors = finite_difference_error(np.exp, np.exp, [0.0, 1.0],
    ...                                  [1e-1, 1e-2], method="forward")
    >>> print(np.round(errors, 3))   # shrinks like h / 2
    [0.052 0.005]
    """
    check_callable(f_prime, "f_prime")
    points = as_float_array(x, "x")
    trials = as_float_array(h, "h", ndim=1)
    exact = to_float64(f_prime(points), "f_prime(x)")
    scale = np.sqrt(np.sum(exact * exact))
    if scale == 0.0:
        raise ParameterError("f_prime is 0 at every point of x")
    errors = np.empty(trials.shape[0])
    for k, step in enumerate(trials):
        approximate = derivative(f, points, h=float(step), method=method)
        errors[k] = np.sqrt(np.sum((approximate - exact) ** 2)) / scale
    return errors


def gradient(
    f: Callable[[np.ndarray], Any], x: ArrayLike, h: float | None = None
) -> np.ndarray:
    r"""Return the numerical gradient of a scalar function ``f`` at ``x``.

    Each partial derivative is a central difference along one axis:

    .. math::

       \frac{\partial f}{\partial x_i} \approx
       \frac{f(\mathbf{x} + h\,\mathbf{e}_i)
             - f(\mathbf{x} - h\,\mathbf{e}_i)}{2h}.

    Implements equation :eq:`eq-gradients-numerical` of
    :ref:`gradients-numerical`.

    Parameters
    ----------
    f : callable
        Takes an array of the shape of ``x``, returns one real number.
    x : array_like
        The point (a vector, or any array such as a weight matrix).
    h : float, optional
        The step, > 0. By default the central-difference step of
        :func:`default_step` for each entry.

    Returns
    -------
    ndarray
        :math:`\nabla f(\mathbf{x})`, the same shape as ``x``.

    Raises
    ------
    ParameterError
        If ``f`` is not callable or ``h <= 0``.
    NonFiniteError, EmptyInputError
        If ``x`` holds NaN or infinity or is empty, or if ``f`` returns
        a non-finite value near ``x``.
    ShapeError
        If ``f`` does not return a single number.

    Examples
    --------
    >>> gradient(lambda v: v[0]**2 + 3 * v[1], [1.0, 2.0])
    array([2., 3.])
    """
    check_callable(f, "f")
    point = as_float_array(x, "x")
    steps = _steps(point, h)
    result = np.empty_like(point)
    for index in np.ndindex(point.shape):
        shift = np.zeros_like(point)
        shift[index] = steps[index]
        f_upper = _evaluate(f, point + shift, (), "x + h e_i")
        f_lower = _evaluate(f, point - shift, (), "x - h e_i")
        result[index] = (f_upper - f_lower) / (2.0 * steps[index])
    return result


def jacobian(
    f: Callable[[np.ndarray], Any], x: ArrayLike, h: float | None = None
) -> np.ndarray:
    r"""Return the numerical Jacobian matrix of ``f`` at ``x``.

    For :math:`f : \mathbb{R}^n \to \mathbb{R}^m`, row :math:`i` holds the
    gradient of output :math:`f_i`, and column :math:`j` the central
    difference along input :math:`x_j`:

    .. math::

       J_{ij} = \frac{\partial f_i}{\partial x_j} \approx
       \frac{f_i(\mathbf{x} + h\,\mathbf{e}_j)
             - f_i(\mathbf{x} - h\,\mathbf{e}_j)}{2h}.

    Implements equation :eq:`eq-gradients-jacobian` of
    :ref:`gradients-jacobian`.

    Parameters
    ----------
    f : callable
        Takes a vector of length ``n``, returns a vector of length ``m``
        (or one number, read as ``m = 1``).
    x : array_like, shape (n,)
        The point.
    h : float, optional
        The step, > 0; by default as in :func:`gradient`.

    Returns
    -------
    ndarray, shape (m, n)
        :math:`J_f(\mathbf{x})`.

    Raises
    ------
    ParameterError
        If ``f`` is not callable or ``h <= 0``.
    ShapeError
        If ``x`` is not a vector or ``f`` does not return a vector.
    NonFiniteError, EmptyInputError
        If ``x`` holds NaN or infinity or is empty, or if ``f`` returns
        a non-finite value near ``x``.

    Examples
    --------
    >>> jacobian(lambda v: np.array([v[0] * v[1], 2 * v[0]]), [3.0, 4.0])
    array([[4., 3.],
           [2., 0.]])
    """
    check_callable(f, "f")
    point = as_float_array(x, "x", ndim=1)
    steps = _steps(point, h)
    m = np.atleast_1d(_evaluate(f, point, None, "x")).shape[0]
    result = np.empty((m, point.shape[0]))
    for j in range(point.shape[0]):
        shift = np.zeros_like(point)
        shift[j] = steps[j]
        f_upper = _evaluate(f, point + shift, (m,), "x + h e_j")
        f_lower = _evaluate(f, point - shift, (m,), "x - h e_j")
        result[:, j] = (f_upper - f_lower) / (2.0 * steps[j])
    return result


def _check_method(method: str) -> None:
    if method not in METHODS:
        raise ParameterError(
            f"method must be one of {', '.join(METHODS)}; got {method!r}"
        )


def _steps(point: np.ndarray, h: float | None) -> np.ndarray:
    """Central-difference steps, one per entry, rounded to be exact."""
    if h is None:
        steps = default_step(point, "central")
    else:
        steps = np.full(point.shape, check_positive(h, "h"))
    return _exact_step(point, steps)


def _exact_step(point: np.ndarray, step: Any) -> np.ndarray:
    """Round ``step`` so that ``(x + h) - x`` is exactly ``h``."""
    exact = (point + step) - point
    if np.any(exact == 0.0):
        raise ParameterError(
            f"h = {np.min(step):.3g} is too small to change x "
            f"(largest |x| = {np.max(np.abs(point)):.3g}) in float64"
        )
    return exact


def _evaluate(
    f: Callable[[Any], Any],
    where: np.ndarray,
    shape: tuple[int, ...] | None,
    name: str,
) -> np.ndarray:
    """Call ``f``; check that its value is finite and has ``shape``."""
    argument = float(where) if where.ndim == 0 else where
    # A NaN or inf is reported below with a clear error, not a warning.
    with np.errstate(all="ignore"):
        value = to_float64(f(argument), f"f({name})")
    if shape == (1,) and value.ndim == 0:
        value = value.reshape(1)
    if shape is None:
        if value.ndim > 1:
            raise ShapeError(
                f"f must return a number or a vector, got shape "
                f"{value.shape}"
            )
    elif value.shape != shape:
        raise ShapeError(
            f"f must return shape {shape} at {name} of shape "
            f"{where.shape}, got shape {value.shape}"
        )
    if not np.all(np.isfinite(value)):
        raise NonFiniteError(
            f"f returned a non-finite value at {name} = {where}; "
            f"is f defined there?"
        )
    return value
