"""mathdl.digits: the confusion matrix, against counting by hand."""

from __future__ import annotations

import numpy as np
import pytest

from mathdl import errors
from mathdl.digits import confusion_matrix


def test_confusion_matrix_counts_every_pair() -> None:
    rng = np.random.default_rng(5)
    labels = rng.integers(0, 4, size=200)
    predicted = rng.integers(0, 4, size=200)
    counts = confusion_matrix(labels, predicted, 4)
    for j in range(4):
        for k in range(4):
            expected = sum(1 for t, p in zip(labels, predicted, strict=True)
                           if t == j and p == k)
            assert counts[j, k] == expected
    assert counts.sum(axis=1).tolist() == np.bincount(labels, minlength=4
                                                      ).tolist()


@pytest.mark.parametrize("call, words", [
    (lambda: confusion_matrix([0, 1], [0], 2), "1 labels for 2 rows"),
    (lambda: confusion_matrix([0, 2], [0, 1], 2), "0..1"),
    (lambda: confusion_matrix([0], [0], 0), "n_classes"),
])
def test_bad_input_gets_a_clear_error(call, words) -> None:
    with pytest.raises(errors.MathDLError) as info:
        call()
    assert words in str(info.value)
