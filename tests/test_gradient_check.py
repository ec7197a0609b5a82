"""mathdl.gradient_check: the checks of backpropagation."""

from __future__ import annotations

import numpy as np
import pytest

from mathdl import errors
from mathdl.gradient_check import (
    gradient_check,
    numerical_gradients,
    relative_error,
)
from mathdl.network import MLP

RNG = np.random.default_rng(271)


def test_gradient_check_is_small_for_correct_gradients() -> None:
    model = MLP([4, 5, 3], activation="tanh", seed=0)
    X = RNG.normal(size=(6, 4))
    labels = np.array([0, 1, 2, 0, 1, 2])
    assert gradient_check(model, X, labels) < 1e-7
    weights_before = [w.copy() for w in model.weights]
    numerical_gradients(model, X, labels)
    for before, after in zip(weights_before, model.weights, strict=True):
        np.testing.assert_array_equal(before, after)  # put back exactly


def test_gradient_check_catches_a_wrong_backward_pass() -> None:
    class Forgetful(MLP):
        """Forgets the activation's derivative: a classic bug."""

        def backward_pass(self, pre_activations, activations, labels):
            self._derivative = np.ones_like
            return super().backward_pass(pre_activations, activations, labels)

    model = Forgetful([4, 5, 3], activation="tanh", seed=0)
    X = RNG.normal(size=(6, 4))
    assert gradient_check(model, X, [0, 1, 2, 0, 1, 2]) > 1e-3


def test_relative_error_hand_computed() -> None:
    assert relative_error([3.0, 4.0], [3.0, 4.0]) == 0.0
    # |(0, 1)| / (|(3, 4)| + |(3, 5)|)
    expected = 1.0 / (5.0 + np.sqrt(34.0))
    assert relative_error([3.0, 4.0], [3.0, 5.0]) == pytest.approx(expected)
    assert relative_error([0.0], [0.0]) == 0.0


def test_numerical_gradients_match_a_hand_derivative() -> None:
    # One layer, no hidden units: dL/db = (p - y) / n, by hand.
    model = MLP([1, 2], seed=0)
    model.weights[0][...] = 0.0
    X, labels = np.zeros((2, 1)), [0, 0]
    _, bias_gradients = numerical_gradients(model, X, labels, h=1e-6)
    np.testing.assert_allclose(bias_gradients[0], [-0.5, 0.5], atol=1e-9)


def test_the_finite_difference_step_is_called_h() -> None:
    model = MLP([2, 2], seed=0)
    with pytest.raises(errors.ParameterError, match="h must"):
        gradient_check(model, [[1.0, 2.0]], [0], h=0.0)
