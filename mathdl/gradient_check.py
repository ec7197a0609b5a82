r"""Checking backpropagation's gradients against finite differences.

Explained in :ref:`backpropagation-gradient-check`. Backpropagation is
easy to get subtly wrong; the central differences of
:doc:`/calculus/derivatives` are slow but hard to get wrong, so a small
network's gradients are compared with them: :func:`numerical_gradients`
estimates every gradient, :func:`relative_error` measures how far two
gradients differ, and :func:`gradient_check` returns the worst case.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import ArrayLike

from mathdl._scaling import binary_scale
from mathdl._validate import as_float_array, check_positive
from mathdl.calculus import gradient
from mathdl.errors import ShapeError
from mathdl.losses import check_labels

if TYPE_CHECKING:
    from mathdl.network import MLP

__all__ = ["relative_error", "numerical_gradients", "gradient_check"]


def relative_error(analytic: ArrayLike, numerical: ArrayLike) -> float:
    r"""Return the relative difference of two gradients.

    .. math::

       \frac{\lVert \mathbf{g} - \tilde{\mathbf{g}} \rVert}
            {\lVert \mathbf{g} \rVert + \lVert \tilde{\mathbf{g}} \rVert}

    It is 0 when the two agree exactly, about :math:`10^{-k}` when they
    agree to :math:`k` significant digits, and 1 when they point in
    opposite directions; 0 if both are zero. Explained in
    :ref:`backpropagation-gradient-check`. Both are divided by one power
    of two first (exactly), so the result is the same for ``c * g`` and
    ``c * g~`` as for ``g`` and ``g~`` over the whole float64 range.

    Examples
    --------
    >>> relative_error([1.0, 2.0], [1.0, 2.0])
    0.0
    >>> relative_error([1.0, 0.0], [-1.0, 0.0])
    1.0
    >>> relative_error([1e-200], [-1e-200])
    1.0
    """
    first = as_float_array(analytic, "analytic", allow_empty=True)
    second = as_float_array(numerical, "numerical", allow_empty=True)
    if first.shape != second.shape:
        raise ShapeError(
            f"the gradients must have one shape, got {first.shape} and "
            f"{second.shape}"
        )
    if first.size == 0:
        return 0.0
    scale = max(binary_scale(first), binary_scale(second))
    first, second = first / scale, second / scale
    size = np.linalg.norm(first) + np.linalg.norm(second)
    if size == 0.0:
        return 0.0
    return float(np.linalg.norm(first - second) / size)


def numerical_gradients(
    model: MLP, X: ArrayLike, labels: ArrayLike, h: float = 1e-5
) -> tuple[list[np.ndarray], list[np.ndarray]]:
    r"""Estimate every gradient of the loss by central differences.

    Each parameter :math:`\theta` in turn is moved by :math:`\pm h`,

    .. math::

       \frac{\partial L}{\partial \theta} \approx
       \frac{L(\theta + h) - L(\theta - h)}{2h},

    and put back, using :func:`mathdl.calculus.gradient`. This costs two
    forward passes per parameter, so it is only for checking small
    networks. Explained in :ref:`backpropagation-gradient-check`.

    Parameters
    ----------
    model : mathdl.network.MLP
        The network; its parameters are put back exactly afterwards.
    X, labels : array_like
        A batch of inputs and their classes, as for
        :meth:`MLP.gradients <mathdl.network.MLP.gradients>`.
    h : float
        The finite-difference step (positive).

    Returns
    -------
    weight_gradients, bias_gradients : list of ndarray
        Same shapes as ``model.weights`` and ``model.biases``.
    """
    h = check_positive(h, "h")
    inputs = model._check_inputs(X)
    classes = check_labels(labels, inputs.shape[0], model.layer_sizes[-1])
    model._check_parameters()
    estimates = []
    for parameter in [*model.weights, *model.biases]:
        saved = parameter.copy()

        def loss_at(
            values: np.ndarray, parameter: np.ndarray = parameter
        ) -> float:
            parameter[...] = values
            return model.loss(inputs, classes)

        try:
            estimates.append(gradient(loss_at, saved, h=h))
        finally:
            parameter[...] = saved
    n_layers = len(model.weights)
    return estimates[:n_layers], estimates[n_layers:]


def gradient_check(
    model: MLP, X: ArrayLike, labels: ArrayLike, h: float = 1e-5
) -> float:
    r"""Return the largest relative error of backpropagation's gradients.

    Compares :meth:`MLP.gradients <mathdl.network.MLP.gradients>` with
    :func:`numerical_gradients` on
    every weight matrix and bias vector and returns the largest
    :func:`relative_error`. In float64 a correct backpropagation gives
    about :math:`10^{-8}` or less; a bug gives :math:`10^{-2}` or more.
    Explained in :ref:`backpropagation-gradient-check`.

    ``h`` is the finite-difference step of :func:`numerical_gradients`.

    Examples
    --------
    >>> from mathdl.network import MLP
    >>> rng = np.random.default_rng(0)
    >>> model = MLP([3, 5, 4], activation="tanh", seed=0)
    >>> X, labels = rng.normal(size=(6, 3)), [0, 1, 2, 3, 0, 1]
    >>> gradient_check(model, X, labels) < 1e-7
    True
    """
    _, weight_gradients, bias_gradients = model.gradients(X, labels)
    numerical_weights, numerical_biases = numerical_gradients(
        model, X, labels, h
    )
    errors = [
        relative_error(analytic, numerical)
        for analytic, numerical in zip(
            [*weight_gradients, *bias_gradients],
            [*numerical_weights, *numerical_biases],
            strict=True,
        )
    ]
    return max(errors)
