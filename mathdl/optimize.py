r"""Gradient descent: full-batch, and stochastic on mini-batches.

Explained in :doc:`/calculus/gradient-descent`. Each optimiser returns
the whole path of iterates, so a chapter can draw it, and raises
:class:`~mathdl.errors.DivergenceError`, naming the step and the learning
rate, as soon as an iterate or a gradient stops being finite, instead of
returning NaN.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from mathdl._validate import (
    as_float_array,
    check_callable,
    check_count,
    check_non_negative_int,
    check_positive,
    check_seed,
    to_float64,
)
from mathdl.errors import DivergenceError, NonFiniteError, ShapeError

__all__ = [
    "gradient_descent",
    "least_squares_gradient",
    "minibatch_gradient_descent",
    "first_step_within",
]


def gradient_descent(
    grad: Callable[[Any], Any],
    w0: ArrayLike,
    learning_rate: float,
    steps: int,
) -> np.ndarray:
    r"""Follow the negative gradient for a fixed number of steps.

    .. math::

       \mathbf{w}_{k+1} = \mathbf{w}_k - \eta \, \nabla L(\mathbf{w}_k),
       \qquad k = 0, 1, \dots, \text{steps} - 1,

    with :math:`\eta` the learning rate. Implements equation
    :eq:`eq-gradient-descent-update` of :ref:`gradient-descent-update`.

    Parameters
    ----------
    grad : callable
        Returns :math:`\nabla L(\mathbf{w})`, an array of the shape of
        ``w`` (a float when ``w0`` is a number).
    w0 : float or array_like
        The starting point, the first iterate :math:`\mathbf{w}_0`.
    learning_rate : float
        The step size :math:`\eta > 0`.
    steps : int
        How many updates, >= 0.

    Returns
    -------
    ndarray, shape (steps + 1, *w0.shape)
        The path (the points visited, not a training history): row
        ``k`` is :math:`\mathbf{w}_k`, row 0 is ``w0``.

    Raises
    ------
    DivergenceError
        If an iterate or a gradient becomes NaN or infinite; the message
        names the step and the learning rate.
    NonFiniteError
        If the gradient at ``w0`` itself is NaN or infinite (before
        any step, so the learning rate is not to blame).
    ParameterError
        If ``grad`` is not callable, ``learning_rate <= 0`` or
        ``steps < 0``.
    NonFiniteError, EmptyInputError
        If ``w0`` holds NaN or infinity or is empty.
    ShapeError
        If ``grad`` returns an array of another shape than ``w0``.

    Examples
    --------
    On :math:`L(w) = w^2`, whose gradient is :math:`2w`, each step with
    :math:`\eta = 0.25` halves :math:`w`:

    >>> gradient_descent(lambda w: 2 * w, 8.0, 0.25, steps=3)
    array([8., 4., 2., 1.])
    """
    check_callable(grad, "grad")
    start = as_float_array(w0, "w0")
    learning_rate = check_positive(learning_rate, "learning_rate")
    steps = check_non_negative_int(steps, "steps")
    path = np.empty((steps + 1, *start.shape))
    path[0] = start
    # Overflow is reported below as a DivergenceError, not as a warning.
    with np.errstate(over="ignore", invalid="ignore"):
        for step in range(1, steps + 1):
            slope = _gradient_at(grad, path[step - 1], step, learning_rate)
            path[step] = path[step - 1] - learning_rate * slope
            _check_finite(path[step], "the iterate", step, learning_rate)
    return path


def least_squares_gradient(
    X: ArrayLike, y: ArrayLike, w: ArrayLike
) -> np.ndarray:
    r"""Return the gradient of the mean squared error of a linear model.

    .. math::

       L(\mathbf{w}) = \frac{1}{n} \lVert X\mathbf{w} - \mathbf{y}
       \rVert^2, \qquad
       \nabla L(\mathbf{w}) = \frac{2}{n} X^\top (X\mathbf{w} - \mathbf{y}).

    Implements equation :eq:`eq-gradient-descent-mse-gradient` of
    :ref:`gradient-descent-regression`.

    Parameters
    ----------
    X : array_like, shape (n, d)
        The design matrix, one example per row.
    y : array_like, shape (n,)
        The targets.
    w : array_like, shape (d,)
        The weights :math:`\mathbf{w}`.

    Returns
    -------
    ndarray, shape (d,)
        :math:`\nabla L(\mathbf{w})`.

    Raises
    ------
    ShapeError
        If the shapes of ``X``, ``y`` and ``w`` do not line up.
    NonFiniteError, EmptyInputError
        If an input holds NaN or infinity or is empty.

    Examples
    --------
    >>> X = [[1.0, 0.0], [1.0, 1.0]]
    >>> least_squares_gradient(X, [1.0, 3.0], [1.0, 2.0])   # exact fit
    array([0., 0.])
    >>> least_squares_gradient(X, [1.0, 3.0], [0.0, 0.0])
    array([-4., -3.])
    """
    design = as_float_array(X, "X", ndim=2)
    targets = as_float_array(y, "y", ndim=1)
    weights = as_float_array(w, "w", ndim=1)
    n, d = design.shape
    if targets.shape != (n,) or weights.shape != (d,):
        raise ShapeError(
            f"X of shape {design.shape} needs y of shape ({n},) and "
            f"w of shape ({d},); got {targets.shape} and {weights.shape}"
        )
    residuals = design @ weights - targets
    return (2.0 / n) * (design.T @ residuals)


def minibatch_gradient_descent(
    grad: Callable[[np.ndarray, np.ndarray], Any],
    w0: ArrayLike,
    n_samples: int,
    batch_size: int,
    learning_rate: float,
    steps: int,
    seed: int = 0,
) -> np.ndarray:
    r"""Gradient descent on the gradient of a random mini-batch per step.

    .. math::

       \mathbf{w}_{k+1} = \mathbf{w}_k - \eta \, \nabla L_{B_k}(\mathbf{w}_k),

    where :math:`B_k` is a set of ``batch_size`` example indices drawn
    afresh, without repetition, at each step and :math:`L_{B_k}` the loss
    on those examples only. ``batch_size=1`` is stochastic gradient
    descent; ``batch_size=n_samples`` is :func:`gradient_descent`.
    Explained in :ref:`gradient-descent-stochastic`.

    Parameters
    ----------
    grad : callable
        ``grad(w, batch)`` returns the gradient of the loss on the
        examples whose row indices are in the integer array ``batch``.
    w0 : array_like
        The starting point, the first iterate.
    n_samples : int
        The number of examples, > 0.
    batch_size : int
        Examples per step, between 1 and ``n_samples``.
    learning_rate : float
        The step size, > 0.
    steps : int
        How many updates, >= 0.
    seed : int, default 0
        Seeds ``numpy.random.default_rng``, which draws the batches.

    Returns
    -------
    ndarray, shape (steps + 1, *w0.shape)
        The path of points visited, row 0 being ``w0``.

    Raises
    ------
    DivergenceError
        As :func:`gradient_descent`.
    ParameterError
        If ``grad`` is not callable, a count is out of range,
        ``learning_rate <= 0`` or ``seed`` is not a whole number >= 0.

    Examples
    --------
    The mean of ``data`` minimises :math:`\frac{1}{n}\sum_i (w - d_i)^2`;
    with every example in the batch the path is the full-batch one:

    >>> data = np.array([1.0, 2.0, 6.0])
    >>> def grad(w, batch):
    ...     return 2 * np.mean(w - data[batch])
    >>> minibatch_gradient_descent(grad, 0.0, 3, 3, 0.25, steps=2)
    array([0.  , 1.5 , 2.25])
    """
    check_callable(grad, "grad")
    start = as_float_array(w0, "w0")
    n_samples = check_count(n_samples, "n_samples")
    batch_size = check_count(batch_size, "batch_size", upper=n_samples)
    learning_rate = check_positive(learning_rate, "learning_rate")
    steps = check_non_negative_int(steps, "steps")
    rng = np.random.default_rng(check_seed(seed))
    path = np.empty((steps + 1, *start.shape))
    path[0] = start
    with np.errstate(over="ignore", invalid="ignore"):
        for step in range(1, steps + 1):
            batch = rng.choice(n_samples, size=batch_size, replace=False)
            slope = _gradient_at(
                partial(_on_batch, grad, batch=batch), path[step - 1],
                step, learning_rate,
            )
            path[step] = path[step - 1] - learning_rate * slope
            _check_finite(path[step], "the iterate", step, learning_rate)
    return path


def first_step_within(
    values: ArrayLike, target: ArrayLike, tolerance: float
) -> int | None:
    r"""Return the first step whose value lies within ``tolerance``.

    The first :math:`k` with :math:`\max_i |v_{k,i} - t_i| \le`
    ``tolerance``, where row :math:`k` of ``values`` is step :math:`k`
    (a path from :func:`gradient_descent`, or a loss per step).
    Explained in :ref:`gradient-descent-scaling`.

    Parameters
    ----------
    values : array_like, shape (steps + 1, ...)
        One row per step.
    target : float or array_like
        What the rows should reach; broadcast against one row.
    tolerance : float
        The largest allowed distance, > 0.

    Returns
    -------
    int or None
        The step, or None if no row gets within ``tolerance``.

    Examples
    --------
    >>> first_step_within([8.0, 4.0, 2.0, 1.0], 0.0, tolerance=2.5)
    2
    >>> print(first_step_within([8.0, 4.0], 0.0, tolerance=1.0))
    None

    ``target`` is one row, never one value per step:

    >>> first_step_within([8.0, 4, 2, 1], [8.0, 0, 0, 0], 0.5)
    Traceback (most recent call last):
    ...
    mathdl.errors.ShapeError: target of shape (4,) does not match one row ...
    """
    rows = as_float_array(values, "values")
    goal = as_float_array(target, "target")
    tolerance = check_positive(tolerance, "tolerance")
    if rows.ndim == 0:
        raise ShapeError("values must have one row per step, got a number")
    row_shape = rows.shape[1:]
    try:
        fits = np.broadcast_shapes(goal.shape, row_shape) == row_shape
    except ValueError:
        fits = False
    if not fits:
        raise ShapeError(
            f"target of shape {goal.shape} does not match one row of "
            f"values (shape {row_shape}, values of shape {rows.shape})"
        )
    distance = np.abs(rows - goal)
    worst = distance.reshape(rows.shape[0], -1).max(axis=1)
    within = np.flatnonzero(worst <= tolerance)
    return int(within[0]) if within.size else None


def _on_batch(
    grad: Callable[[np.ndarray, np.ndarray], Any],
    w: np.ndarray,
    batch: np.ndarray,
) -> Any:
    """The mini-batch gradient ``grad(w, batch)`` as a function of w."""
    return grad(w, batch)


def _gradient_at(
    grad: Callable[[Any], Any],
    w: np.ndarray,
    step: int,
    learning_rate: float,
) -> np.ndarray:
    """Evaluate ``grad`` at ``w``; check its shape and finiteness."""
    argument = float(w) if w.ndim == 0 else w.copy()
    slope = to_float64(grad(argument), "the gradient")
    if slope.shape != w.shape:
        raise ShapeError(
            f"grad returned shape {slope.shape} at step {step}, but the "
            f"weights have shape {w.shape}"
        )
    if step == 1 and not np.all(np.isfinite(slope)):
        raise NonFiniteError(
            f"grad returned a non-finite value (NaN or inf) at the start "
            f"w_0 (largest |w_0| = {np.max(np.abs(w)):.3g}), before "
            f"any step, so no learning rate can help: is the start in "
            f"range, and grad defined there?"
        )
    _check_finite(slope, "the gradient", step, learning_rate)
    return slope


def _check_finite(
    value: np.ndarray, what: str, step: int, learning_rate: float
) -> None:
    if not np.all(np.isfinite(value)):
        raise DivergenceError(
            f"gradient descent diverged at step {step} with "
            f"learning_rate = {learning_rate:g}: {what} became non-finite "
            f"(NaN or inf); try a smaller learning rate"
        )
