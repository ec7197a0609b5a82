r"""Activation functions and their derivatives.

Explained in :doc:`/networks/activations`. Each function works element by
element on an array of any shape (``softmax`` works row by row) and
returns a new float array; the derivatives take the same *pre-activation*
:math:`z` as the function itself. Bad input (ragged, empty, NaN or
infinite) raises a :mod:`mathdl.errors` error.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike

from mathdl._validate import as_float_array
from mathdl.errors import ParameterError

__all__ = [
    "sigmoid",
    "sigmoid_derivative",
    "tanh",
    "tanh_derivative",
    "relu",
    "relu_derivative",
    "softmax",
    "identity",
    "identity_derivative",
    "ACTIVATIONS",
    "get_activation",
]


def sigmoid(z: ArrayLike) -> np.ndarray:
    r"""Return the logistic sigmoid of every entry.

    .. math::

       \sigma(z) = \frac{1}{1 + e^{-z}}

    For negative :math:`z` it is computed as :math:`e^{z} / (1 + e^{z})`,
    so ``exp`` never sees a large positive number and never overflows.
    Implements equation :eq:`eq-activations-sigmoid` of
    :ref:`activations-sigmoid`.

    Parameters
    ----------
    z : array_like
        Pre-activations, any shape.

    Returns
    -------
    ndarray
        Values in :math:`(0, 1)` (rounded to 0 or 1 for huge
        :math:`|z|`), same shape as ``z``.

    Examples
    --------
    >>> sigmoid([0.0, 2.0, -2.0])
    array([0.5   , 0.8808, 0.1192])
    >>> sigmoid([-1000.0, 1000.0])
    array([0., 1.])
    """
    return _sigmoid(as_float_array(z, "z"))


def _sigmoid(values: np.ndarray) -> np.ndarray:
    """The sigmoid of a float array already checked (no validation)."""
    # e^{-|z|} lies in (0, 1], so it cannot overflow.
    small = np.exp(-np.abs(values))
    return np.where(values >= 0, 1.0 / (1.0 + small), small / (1.0 + small))


def sigmoid_derivative(z: ArrayLike) -> np.ndarray:
    r"""Return the derivative of the sigmoid at every entry.

    .. math::

       \sigma'(z) = \sigma(z)\,\bigl(1 - \sigma(z)\bigr)

    Implements equation :eq:`eq-activations-sigmoid-derivative` of
    :ref:`activations-sigmoid`.

    Examples
    --------
    >>> sigmoid_derivative([0.0, 2.0])
    array([0.25 , 0.105])
    """
    s = sigmoid(z)
    return s * (1.0 - s)


def tanh(z: ArrayLike) -> np.ndarray:
    r"""Return the hyperbolic tangent of every entry.

    .. math::

       \tanh(z) = \frac{e^{z} - e^{-z}}{e^{z} + e^{-z}} = 2\sigma(2z) - 1

    Explained in :ref:`activations-tanh`.

    Examples
    --------
    >>> tanh([0.0, 1.0, -1000.0])
    array([ 0.    ,  0.7616, -1.    ])
    """
    return np.tanh(as_float_array(z, "z"))


def tanh_derivative(z: ArrayLike) -> np.ndarray:
    r"""Return the derivative of tanh at every entry.

    .. math::

       \tanh'(z) = 1 - \tanh^2(z)

    Explained in :ref:`activations-tanh`.

    Examples
    --------
    >>> tanh_derivative([0.0, 1.0])
    array([1.  , 0.42])
    """
    t = tanh(z)
    return 1.0 - t * t


def relu(z: ArrayLike) -> np.ndarray:
    r"""Return the rectified linear unit of every entry.

    .. math::

       \operatorname{relu}(z) = \max(0, z)

    Implements equation :eq:`eq-activations-relu` of
    :ref:`activations-relu`.

    Examples
    --------
    >>> relu([-2.0, 0.0, 3.0])
    array([0., 0., 3.])
    """
    return np.maximum(as_float_array(z, "z"), 0.0)


def relu_derivative(z: ArrayLike) -> np.ndarray:
    r"""Return the derivative of ReLU at every entry: 1 where z > 0, else 0.

    .. math::

       \operatorname{relu}'(z) =
       \begin{cases} 1 & z > 0 \\ 0 & z \le 0 \end{cases}

    ReLU has no derivative at exactly 0; like every deep learning library,
    this function uses 0 there. Explained in :ref:`activations-relu`.

    Examples
    --------
    >>> relu_derivative([-2.0, 0.0, 3.0])
    array([0., 0., 1.])
    """
    return (as_float_array(z, "z") > 0).astype(np.float64)


def softmax(z: ArrayLike) -> np.ndarray:
    r"""Return the softmax of each row: positive entries that sum to 1.

    .. math::

       \operatorname{softmax}(\mathbf{z})_k
       = \frac{e^{z_k - m}}{\sum_{j} e^{z_j - m}}, \qquad m = \max_j z_j

    Subtracting the row maximum :math:`m` changes nothing mathematically
    (it cancels between numerator and denominator) but keeps every
    exponent at most 0, so ``exp`` cannot overflow. Implements equation
    :eq:`eq-activations-softmax-stable` of :ref:`activations-softmax`.

    Parameters
    ----------
    z : array_like, shape (n_classes,) or (n_samples, n_classes)
        Scores (logits): one vector, or one row per example.

    Returns
    -------
    ndarray, same shape as ``z``
        Probabilities; each row sums to 1.

    Raises
    ------
    ShapeError
        If ``z`` has more than two dimensions.

    Examples
    --------
    >>> softmax([1.0, 2.0, 3.0])
    array([0.09  , 0.2447, 0.6652])
    >>> softmax([[1000.0, 1000.0], [0.0, 1000.0]])
    array([[0.5, 0.5],
           [0. , 1. ]])
    """
    logits = as_float_array(z, "z", ndim=(1, 2))
    shifted = logits - np.max(logits, axis=-1, keepdims=True)
    exponentials = np.exp(shifted)
    return exponentials / np.sum(exponentials, axis=-1, keepdims=True)


def identity(z: ArrayLike) -> np.ndarray:
    r"""Return ``z`` unchanged (as a float array): no activation at all.

    A network whose hidden layers use it is a stack of linear maps, which
    collapses into one matrix (:ref:`activations-why`).

    Examples
    --------
    >>> identity([-1.0, 2.0])
    array([-1.,  2.])
    """
    return as_float_array(z, "z").copy()


def identity_derivative(z: ArrayLike) -> np.ndarray:
    r"""Return ones shaped like ``z``: the derivative of the identity.

    Examples
    --------
    >>> identity_derivative([-1.0, 2.0])
    array([1., 1.])
    """
    return np.ones_like(as_float_array(z, "z"))


#: Hidden-layer activations by name, each a (function, derivative) pair.
ACTIVATIONS = {
    "identity": (identity, identity_derivative),
    "sigmoid": (sigmoid, sigmoid_derivative),
    "tanh": (tanh, tanh_derivative),
    "relu": (relu, relu_derivative),
}


#: An activation or its derivative: an array in, an array out.
Elementwise = Callable[[ArrayLike], np.ndarray]


def get_activation(name: str) -> tuple[Elementwise, Elementwise]:
    """Return ``(function, derivative)`` for an activation's name.

    Raises
    ------
    ParameterError
        If the name is not one of ``"identity"``, ``"sigmoid"``,
        ``"tanh"``, ``"relu"``.

    Examples
    --------
    >>> function, derivative = get_activation("relu")
    >>> function([-1.0, 2.0]), derivative([-1.0, 2.0])
    (array([0., 2.]), array([0., 1.]))
    """
    if name not in ACTIVATIONS:
        raise ParameterError(
            f"unknown activation {name!r}; choose one of "
            f"{', '.join(sorted(ACTIVATIONS))}"
        )
    return ACTIVATIONS[name]
