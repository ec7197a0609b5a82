r"""Loss functions of a network's output, and their gradients.

Explained in :ref:`forward-pass-losses`. A loss is one number that says
how wrong a batch of predictions is; its gradient with respect to the
predictions is where backpropagation starts. Every loss is a *mean*, so
its size does not grow with the batch: the cross-entropy averages over
the rows (examples), the squared error over every entry (rows times
columns, as ``numpy.mean`` does). Each takes the prediction first and
the truth second: ``loss(y_hat, y)``, ``cross_entropy(probabilities,
labels)``.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from mathdl._validate import (
    as_float_array,
    check_count,
    check_same_shape,
)
from mathdl.errors import LabelError, ParameterError, ShapeError

__all__ = [
    "mean_squared_error_loss",
    "mean_squared_error_gradient",
    "log_softmax",
    "cross_entropy",
    "cross_entropy_from_logits",
    "cross_entropy_gradient",
    "softmax_cross_entropy_gradient",
    "one_hot",
    "check_labels",
    "check_probabilities",
    "SUM_TOLERANCE",
]

#: How far from 1 a row of probabilities may sum (rounding in a softmax,
#: even in float32, stays far below it; a wrong row is far above it).
SUM_TOLERANCE = 1e-6


def mean_squared_error_loss(y_hat: ArrayLike, y: ArrayLike) -> float:
    r"""Return the mean squared error between predictions and targets.

    .. math::

       L = \frac{1}{NK} \sum_{i, k} \bigl(\hat y_{ik} - y_{ik}\bigr)^2

    where the sum runs over all :math:`NK` entries: :math:`N` rows
    (examples) times :math:`K` columns (outputs).
    Implements equation :eq:`eq-forward-pass-mse` of
    :ref:`forward-pass-losses`.

    Parameters
    ----------
    y_hat, y : array_like, same shape
        The network's outputs (predictions) and the values it should have
        produced (targets).

    Returns
    -------
    float
        The mean of the squared differences, never negative.

    Raises
    ------
    ShapeError
        If the two shapes differ.

    Examples
    --------
    >>> mean_squared_error_loss([[0.5], [1.0]], [[0.0], [1.0]])
    0.125
    """
    predicted = as_float_array(y_hat, "y_hat")
    wanted = as_float_array(y, "y")
    check_same_shape(predicted, wanted, "y_hat", "y")
    difference = predicted - wanted
    return float(np.mean(difference * difference))


def mean_squared_error_gradient(y_hat: ArrayLike, y: ArrayLike) -> np.ndarray:
    r"""Return the gradient of the mean squared error.

    .. math::

       \frac{\partial L}{\partial \hat y_{ik}}
       = \frac{2}{NK} \bigl(\hat y_{ik} - y_{ik}\bigr)

    for :math:`N` rows and :math:`K` columns. Explained in
    :ref:`forward-pass-losses`.

    Returns
    -------
    ndarray, same shape as ``y_hat``

    Examples
    --------
    >>> mean_squared_error_gradient([[0.5], [1.0]], [[0.0], [1.0]])
    array([[0.5],
           [0. ]])
    """
    predicted = as_float_array(y_hat, "y_hat")
    wanted = as_float_array(y, "y")
    check_same_shape(predicted, wanted, "y_hat", "y")
    return 2.0 * (predicted - wanted) / predicted.size


def check_labels(
    labels: ArrayLike, n_rows: int, n_classes: int
) -> np.ndarray:
    """Return ``labels`` as an int64 array, or raise
    :class:`~mathdl.errors.LabelError`.

    Labels must be whole numbers in ``0 .. n_classes - 1``, one per row:
    integers, or floats with no fractional part. The range is checked
    before any conversion, so ``1e20`` or ``2**64 - 1`` is reported as
    itself, never as the negative number a cast would make of it.

    Examples
    --------
    >>> check_labels([0, 2, 1.0], 3, 3)
    array([0, 2, 1])
    >>> check_labels([0, 3], 2, 3)
    Traceback (most recent call last):
    ...
    mathdl.errors.LabelError: labels must lie in 0..2 (3 classes), got 3
    """
    if isinstance(labels, np.ma.MaskedArray) or labels is None:
        raise LabelError(
            f"labels must be a plain array of class numbers, got "
            f"{type(labels).__name__}"
        )
    try:
        array = np.asarray(labels)
    except (TypeError, ValueError) as error:
        raise LabelError(f"labels cannot be read as an array: {error}") \
            from None
    if array.ndim != 1:
        raise LabelError(
            f"labels must be a 1-D array of class numbers, "
            f"got shape {array.shape}"
        )
    if array.shape[0] != n_rows:
        raise LabelError(
            f"got {array.shape[0]} labels for {n_rows} rows; "
            f"there must be one label per row"
        )
    if array.dtype.kind == "f":
        if not np.all(np.isfinite(array)) or np.any(array != np.round(array)):
            raise LabelError("labels must be whole numbers (class indices)")
    elif array.dtype.kind not in "iu":
        hint = " (one of them is None)" if any(
            item is None for item in array.tolist()
        ) else ""
        raise LabelError(
            f"labels must be integers, got dtype {array.dtype}{hint}"
        )
    # Compare in the labels' own dtype: a cast to int64 first would turn
    # 1e20 or 2**64 - 1 into a negative number.
    outside = (array < 0) | (array >= n_classes)
    if np.any(outside):
        bad = array[outside][0]
        shown = int(bad) if array.dtype.kind in "iu" else f"{bad:g}"
        raise LabelError(
            f"labels must lie in 0..{n_classes - 1} ({n_classes} classes), "
            f"got {shown}"
        )
    return array.astype(np.int64)


def one_hot(labels: ArrayLike, n_classes: int) -> np.ndarray:
    r"""Return the one-hot matrix of integer labels.

    Row :math:`i` is all zeros except a 1 in column ``labels[i]``.

    Examples
    --------
    >>> one_hot([2, 0], 3)
    array([[0., 0., 1.],
           [1., 0., 0.]])
    """
    n_classes = check_count(n_classes, "n_classes")
    labels = np.asarray(labels) if labels is not None else labels
    n_rows = labels.shape[0] if labels is not None and labels.ndim else 0
    whole = check_labels(labels, n_rows, n_classes)
    matrix = np.zeros((whole.size, n_classes))
    matrix[np.arange(whole.size), whole] = 1.0
    return matrix


def check_probabilities(probabilities: ArrayLike) -> np.ndarray:
    """Return rows of class probabilities as a float array, or raise.

    Every entry must lie in [0, 1] and every row sum to 1 within
    ``SUM_TOLERANCE`` (:math:`10^{-6}`): a row that does not is not a
    distribution (pass ``softmax(logits)`` for scores).

    Examples
    --------
    >>> check_probabilities([[0.25, 0.75]])
    array([[0.25, 0.75]])
    >>> check_probabilities([[0.9, 0.9]])
    Traceback (most recent call last):
    ...
    mathdl.errors.ParameterError: row 0 of probabilities sums to 1.8, but ...
    """
    values = as_float_array(probabilities, "probabilities", ndim=2)
    if np.any(values < 0) or np.any(values > 1):
        raise ParameterError(
            f"probabilities must lie in [0, 1], got values from "
            f"{values.min()} to {values.max()}"
        )
    sums = values.sum(axis=1)
    off = np.abs(sums - 1.0) > SUM_TOLERANCE
    if np.any(off):
        row = int(np.flatnonzero(off)[0])
        raise ParameterError(
            f"row {row} of probabilities sums to {sums[row]:.6g}, but "
            f"every row must sum to 1 (tolerance {SUM_TOLERANCE:g}; "
            f"{int(np.count_nonzero(off))} of {values.shape[0]} rows are "
            f"off): a row is a distribution over the classes; pass "
            f"softmax(logits) for raw scores"
        )
    return values


def cross_entropy(probabilities: ArrayLike, labels: ArrayLike) -> float:
    r"""Return the mean cross-entropy of predicted class probabilities.

    .. math::

       L = -\frac{1}{n} \sum_{i=1}^{n} \log p_{i, y_i}

    where :math:`p_{i, y_i}` is the probability the network gave to the
    true class :math:`y_i` of example :math:`i`. It is the negative
    log-likelihood of the labels (:doc:`/statistics/maximum-likelihood`).
    A probability of exactly 0 for the true class gives an infinite loss;
    probabilities are clipped at :math:`10^{-300}` so the result stays a
    (large) finite number. Implements equation
    :eq:`eq-forward-pass-cross-entropy` of :ref:`forward-pass-losses`.

    Parameters
    ----------
    probabilities : array_like, shape (n_samples, n_classes)
        One row of class probabilities per example (a softmax output).
    labels : array_like of int, shape (n_samples,)
        The true class of each example, ``0 .. n_classes - 1``.

    Returns
    -------
    float
        The mean of :math:`-\log p_{i, y_i}`, never negative.

    Raises
    ------
    ShapeError
        If ``probabilities`` is not 2-D.
    LabelError
        If there is not one label per row or a label is out of range.
    ParameterError
        If a probability lies outside :math:`[0, 1]` or a row does not
        sum to 1 within ``SUM_TOLERANCE`` (:math:`10^{-6}`); see
        :func:`check_probabilities`.

    Examples
    --------
    >>> cross_entropy([[0.5, 0.5], [0.1, 0.9]], [0, 1])
    0.3992...
    """
    values = check_probabilities(probabilities)
    classes = check_labels(labels, values.shape[0], values.shape[1])
    picked = values[np.arange(values.shape[0]), classes]
    return float(-np.mean(np.log(np.maximum(picked, 1e-300))))


def log_softmax(z: ArrayLike) -> np.ndarray:
    r"""Return the logarithm of the softmax of each row, computed stably.

    .. math::

       \log p_k = z_k - \log \sum_j e^{z_j}
                 = (z_k - m) - \log \sum_j e^{z_j - m},
       \qquad m = \max_j z_j

    The log-sum-exp is taken after subtracting the row maximum, so no
    ``exp`` overflows and no probability is formed: a class whose
    probability rounds to 0 still gets its exact, finite log-probability
    (here :math:`-800`, where ``log(softmax(z))`` gives ``-inf``).
    Explained in :ref:`maximum-likelihood-softmax`.

    Parameters
    ----------
    z : array_like, shape (n_classes,) or (n_samples, n_classes)
        Scores (logits): one vector, or one row per example.

    Returns
    -------
    ndarray, same shape as ``z``
        Log-probabilities, all at most 0; ``exp`` of each row sums to 1.

    Examples
    --------
    >>> log_softmax([0.0, 0.0])
    array([-0.6931, -0.6931])
    >>> log_softmax([[0.0, 800.0]])
    array([[-800.,    0.]])
    """
    logits = as_float_array(z, "z", ndim=(1, 2))
    shifted = logits - np.max(logits, axis=-1, keepdims=True)
    return shifted - np.log(np.sum(np.exp(shifted), axis=-1, keepdims=True))


def cross_entropy_from_logits(logits: ArrayLike, labels: ArrayLike) -> float:
    r"""Return the mean cross-entropy of the softmax of ``logits``.

    .. math::

       L = -\frac{1}{n} \sum_{i=1}^{n} \log p_{i, y_i}, \qquad
       \log p_{i, k} = z_{ik} - \log \sum_j e^{z_{ij}}

    The same number as ``cross_entropy(softmax(logits), labels)``, but
    through :func:`log_softmax`, so it stays exact when the true class's
    probability rounds to zero, where the probabilities can only be
    clipped. Explained in :ref:`maximum-likelihood-softmax`.

    Parameters
    ----------
    logits : array_like, shape (n_samples, n_classes)
        One row of scores per example (the output layer before softmax).
    labels : array_like of int, shape (n_samples,)
        The true class of each example, ``0 .. n_classes - 1``.

    Raises
    ------
    ShapeError
        If ``logits`` is not 2-D.
    LabelError
        If there is not one label per row or a label is out of range.

    Examples
    --------
    >>> cross_entropy_from_logits([[0.0, 0.0], [800.0, 0.0]], [0, 1])
    400.3465...
    """
    scores = as_float_array(logits, "logits", ndim=2)
    classes = check_labels(labels, scores.shape[0], scores.shape[1])
    picked = log_softmax(scores)[np.arange(scores.shape[0]), classes]
    return float(-np.mean(picked))


def cross_entropy_gradient(
    probabilities: ArrayLike, labels: ArrayLike
) -> np.ndarray:
    r"""Return the gradient of the mean cross-entropy w.r.t. probabilities.

    .. math::

       \frac{\partial L}{\partial p_{ik}} =
       \begin{cases} -\dfrac{1}{n\,p_{ik}} & k = y_i \\
                     0 & \text{otherwise} \end{cases}

    Explained in :ref:`forward-pass-losses`. A network with a softmax
    output never needs this on its own: combined with the softmax it
    simplifies to :func:`softmax_cross_entropy_gradient`.

    Examples
    --------
    >>> cross_entropy_gradient([[0.5, 0.5], [0.2, 0.8]], [0, 1])
    array([[-1.    ,  0.    ],
           [ 0.    , -0.625]])
    """
    values = check_probabilities(probabilities)
    classes = check_labels(labels, values.shape[0], values.shape[1])
    rows = np.arange(values.shape[0])
    gradient = np.zeros_like(values)
    picked = np.maximum(values[rows, classes], 1e-300)
    gradient[rows, classes] = -1.0 / (values.shape[0] * picked)
    return gradient


def softmax_cross_entropy_gradient(
    probabilities: ArrayLike, labels: ArrayLike
) -> np.ndarray:
    r"""Return the gradient of the mean cross-entropy w.r.t. the logits.

    When the probabilities are :math:`P = \operatorname{softmax}(Z)`, the
    chain rule through the softmax collapses to

    .. math::

       \frac{\partial L}{\partial Z} = \frac{1}{n}\,(P - Y)

    with :math:`Y` the one-hot matrix of the labels. Implements equation
    :eq:`eq-backpropagation-output-delta` of
    :ref:`backpropagation-output`.

    Examples
    --------
    >>> softmax_cross_entropy_gradient([[0.5, 0.5], [0.2, 0.8]], [0, 1])
    array([[-0.25,  0.25],
           [ 0.1 , -0.1 ]])
    """
    values = check_probabilities(probabilities)
    if values.shape[1] < 1:
        raise ShapeError("probabilities need at least one column")
    return (values - one_hot(labels, values.shape[1])) / values.shape[0]
