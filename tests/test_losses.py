"""mathdl.losses against direct formulas and finite differences."""

from __future__ import annotations

import math

import numpy as np
import pytest

from mathdl import errors
from mathdl.losses import (
    cross_entropy,
    cross_entropy_from_logits,
    cross_entropy_gradient,
    log_softmax,
    mean_squared_error_gradient,
    mean_squared_error_loss,
    one_hot,
    softmax_cross_entropy_gradient,
)

RNG = np.random.default_rng(7)


def central_differences(loss, x, h):
    """The test's own numerical gradient of ``loss`` at ``x``."""
    numeric = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        plus, minus = x.copy(), x.copy()
        plus[index] += h
        minus[index] -= h
        numeric[index] = (loss(plus) - loss(minus)) / (2 * h)
    return numeric


def random_probabilities(rows, columns):
    scores = RNG.normal(size=(rows, columns))
    exponentials = np.exp(scores)
    return exponentials / exponentials.sum(axis=1, keepdims=True)


def test_mean_squared_error_hand_computed() -> None:
    # ((1 - 0)^2 + (2 - 4)^2 + 0 + (3 - 0)^2) / 4 = 14 / 4
    loss = mean_squared_error_loss([[1, 2], [0, 3]], [[0, 4], [0, 0]])
    assert loss == 3.5


def test_mean_squared_error_gradient_matches_finite_differences() -> None:
    predictions, targets = RNG.normal(size=(2, 4, 3))
    analytic = mean_squared_error_gradient(predictions, targets)
    numeric = central_differences(
        lambda p: mean_squared_error_loss(p, targets), predictions, h=1e-6
    )
    assert analytic == pytest.approx(numeric, abs=1e-8)


def test_cross_entropy_hand_computed() -> None:
    loss = cross_entropy([[0.5, 0.5], [0.1, 0.9]], [0, 1])
    assert loss == pytest.approx(-(math.log(0.5) + math.log(0.9)) / 2)


def test_cross_entropy_is_finite_for_a_zero_probability() -> None:
    loss = cross_entropy([[1.0, 0.0]], [1])
    assert np.isfinite(loss) and loss > 600


def test_cross_entropy_gradient_matches_finite_differences() -> None:
    probabilities = random_probabilities(5, 4)
    labels = RNG.integers(0, 4, size=5)
    analytic = cross_entropy_gradient(probabilities, labels)
    numeric = central_differences(
        lambda p: cross_entropy(p, labels), probabilities, h=1e-7
    )
    assert analytic == pytest.approx(numeric, rel=1e-6, abs=1e-9)


def test_softmax_cross_entropy_gradient_through_the_logits() -> None:
    logits = RNG.normal(size=(6, 3))
    labels = RNG.integers(0, 3, size=6)

    def loss_of(z):
        exponentials = np.exp(z - z.max(axis=1, keepdims=True))
        p = exponentials / exponentials.sum(axis=1, keepdims=True)
        return -np.mean(np.log(p[np.arange(6), labels]))

    exponentials = np.exp(logits)
    probabilities = exponentials / exponentials.sum(axis=1, keepdims=True)
    analytic = softmax_cross_entropy_gradient(probabilities, labels)
    numeric = central_differences(loss_of, logits, h=1e-6)
    assert analytic == pytest.approx(numeric, abs=1e-9)


def test_one_hot() -> None:
    np.testing.assert_array_equal(
        one_hot([1, 0, 2], 3), np.eye(3)[[1, 0, 2]]
    )


@pytest.mark.parametrize(
    "call, error, words",
    [
        (lambda: mean_squared_error_loss([1, 2], [1, 2, 3]),
         errors.ShapeError, "(2,) and (3,)"),
        (lambda: cross_entropy([[0.5, 0.5]], [2]), errors.LabelError,
         "0..1"),
        (lambda: cross_entropy([[0.5, 0.5]], [-1]), errors.LabelError,
         "got -1"),
        (lambda: cross_entropy([[0.5, 0.5], [0.5, 0.5]], [0]),
         errors.LabelError, "1 labels for 2 rows"),
        (lambda: cross_entropy([[0.5, 0.5]], [0.5]), errors.LabelError,
         "whole numbers"),
        (lambda: cross_entropy([[0.5, 0.5]], ["a"]), errors.LabelError,
         "integers"),
        (lambda: cross_entropy([[1.5, -0.5]], [0]), errors.ParameterError,
         "[0, 1]"),
        (lambda: cross_entropy([0.5, 0.5], [0]), errors.ShapeError,
         "2 dimension"),
        (lambda: one_hot([0, 1], 0), errors.ParameterError, ">= 1"),
    ],
)
def test_bad_input_gets_a_clear_error(call, error, words) -> None:
    with pytest.raises(error) as info:
        call()
    assert words in str(info.value)


def test_log_softmax_is_the_log_of_the_probabilities() -> None:
    scores = RNG.normal(size=(5, 4))
    direct = np.log(np.exp(scores) / np.exp(scores).sum(axis=1,
                                                         keepdims=True))
    np.testing.assert_allclose(log_softmax(scores), direct, rtol=1e-13)
    np.testing.assert_allclose(log_softmax(scores[0]), direct[0],
                               rtol=1e-13)


def test_log_softmax_stays_exact_where_a_probability_underflows() -> None:
    # log p_0 = -800 - log(1 + e^-800) = -800 to every float64 digit.
    assert log_softmax([[0.0, 800.0]])[0, 0] == -800.0
    # Shifting every logit by a constant changes nothing.
    np.testing.assert_allclose(log_softmax([[1000.0, 1001.0]]),
                               log_softmax([[0.0, 1.0]]), rtol=1e-15)


def test_cross_entropy_from_logits_against_probabilities() -> None:
    scores = RNG.normal(size=(6, 3))
    labels = RNG.integers(0, 3, size=6)
    probabilities = np.exp(scores) / np.exp(scores).sum(axis=1,
                                                         keepdims=True)
    assert cross_entropy_from_logits(scores, labels) == pytest.approx(
        cross_entropy(probabilities, labels), rel=1e-13)
    # Where the clipped probability gives 300 log 10 = 690.8, the
    # logits give the true 800.
    assert cross_entropy_from_logits([[0.0, 800.0]], [0]) == 800.0
    assert cross_entropy([[0.0, 1.0]], [0]) == pytest.approx(
        300 * math.log(10))


def test_mean_squared_error_takes_the_prediction_first() -> None:
    assert mean_squared_error_loss(y_hat=[[1.0]], y=[[0.0]]) == 1.0
    np.testing.assert_array_equal(
        mean_squared_error_gradient(y_hat=[[1.0]], y=[[0.0]]), [[2.0]])
