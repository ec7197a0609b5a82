r"""What a trained classifier gets wrong: the confusion matrix.

Explained in :ref:`digits-errors` of :doc:`/networks/digits`, the
chapter that trains :class:`mathdl.network.MLP` on handwritten digits
and then asks which digits it mistakes for which.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from mathdl._validate import check_count
from mathdl.losses import check_labels

__all__ = ["confusion_matrix"]


def confusion_matrix(
    labels: ArrayLike, predicted: ArrayLike, n_classes: int
) -> np.ndarray:
    r"""Count how often each true class was predicted as each class.

    Entry :math:`C_{jk}` is the number of examples of class :math:`j`
    that were predicted as class :math:`k`; the diagonal holds the
    correct predictions and each row sums to the size of its class.
    Explained in :ref:`digits-errors`.

    Parameters
    ----------
    labels, predicted : array_like of int, shape (n_samples,)
        True and predicted classes, ``0 .. n_classes - 1``.
    n_classes : int
        The number of classes.

    Returns
    -------
    ndarray of int64, shape (n_classes, n_classes)

    Raises
    ------
    LabelError
        If a class is out of range or the two arrays differ in length.

    Examples
    --------
    >>> confusion_matrix([0, 0, 1, 2], [0, 1, 1, 2], 3)
    array([[1, 1, 0],
           [0, 1, 0],
           [0, 0, 1]])
    """
    n_classes = check_count(n_classes, "n_classes")
    truth = np.asarray(labels)
    classes = check_labels(truth, truth.shape[0] if truth.ndim else 0,
                           n_classes)
    guesses = check_labels(predicted, classes.shape[0], n_classes)
    counts = np.zeros((n_classes, n_classes), dtype=np.int64)
    np.add.at(counts, (classes, guesses), 1)
    return counts
