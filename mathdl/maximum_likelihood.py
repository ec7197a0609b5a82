r"""Maximum likelihood: the log-likelihoods behind the losses.

Explained in :doc:`/statistics/maximum-likelihood`.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike

from mathdl._validate import (
    as_float_array,
    check_positive,
)
from mathdl.losses import check_labels, check_probabilities

__all__ = [
    "gaussian_log_likelihood",
    "categorical_log_likelihood",
]


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
