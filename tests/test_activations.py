"""mathdl.activations against math, finite differences and hand values."""

from __future__ import annotations

import math

import numpy as np
import pytest

from mathdl import errors
from mathdl.activations import (
    get_activation,
    identity,
    relu,
    relu_derivative,
    sigmoid,
    sigmoid_derivative,
    softmax,
    tanh,
    tanh_derivative,
)

RNG = np.random.default_rng(20261122)
Z = np.linspace(-6.0, 6.0, 41) + 0.013  # avoids ReLU's kink at exactly 0


def central_difference(f, z, h=1e-6):
    return (f(z + h) - f(z - h)) / (2 * h)


def test_sigmoid_matches_math() -> None:
    expected = [1.0 / (1.0 + math.exp(-value)) for value in Z]
    np.testing.assert_allclose(sigmoid(Z), expected, rtol=1e-14)


def test_sigmoid_extremes_do_not_overflow() -> None:
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        values = sigmoid([-1000.0, -40.0, 40.0, 1000.0])
    assert values[0] == 0.0 and values[-1] == 1.0
    assert values[1] == pytest.approx(math.exp(-40.0), rel=1e-12)


def test_tanh_matches_math() -> None:
    np.testing.assert_allclose(
        tanh(Z), [math.tanh(value) for value in Z], rtol=1e-14
    )


def test_relu_hand_computed() -> None:
    np.testing.assert_array_equal(relu([-2.0, 0.0, 3.5]), [0.0, 0.0, 3.5])
    np.testing.assert_array_equal(
        relu_derivative([-2.0, 0.0, 3.5]), [0.0, 0.0, 1.0]
    )


@pytest.mark.parametrize(
    "function, derivative",
    [(sigmoid, sigmoid_derivative), (tanh, tanh_derivative),
     (relu, relu_derivative)],
)
def test_derivatives_match_finite_differences(function, derivative) -> None:
    np.testing.assert_allclose(
        derivative(Z), central_difference(function, Z), atol=1e-8
    )


def test_sigmoid_derivative_from_its_output() -> None:
    # sigma' = sigma (1 - sigma), the shortcut of the classic network.
    s = 1.0 / (1.0 + np.exp(-Z))
    np.testing.assert_allclose(sigmoid_derivative(Z), s * (1 - s), rtol=1e-13)


def test_activations_keep_the_shape() -> None:
    z = RNG.normal(size=(3, 4, 5))
    for name in ("identity", "sigmoid", "tanh", "relu"):
        function, derivative = get_activation(name)
        assert function(z).shape == z.shape
        assert derivative(z).shape == z.shape
    np.testing.assert_array_equal(identity(z), z)


def test_softmax_matches_definition() -> None:
    z = RNG.normal(size=(5, 4))
    expected = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    np.testing.assert_allclose(softmax(z), expected, rtol=1e-14)
    np.testing.assert_allclose(softmax(z).sum(axis=1), 1.0, rtol=1e-15)


def test_softmax_is_stable_at_large_logits() -> None:
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        probabilities = softmax([[1000.0, 1000.0, 999.0], [-1000.0, 0, 0]])
    e = math.exp(-1.0)
    np.testing.assert_allclose(
        probabilities[0], [1 / (2 + e), 1 / (2 + e), e / (2 + e)],
        rtol=1e-14,
    )
    np.testing.assert_allclose(probabilities[1], [0.0, 0.5, 0.5], atol=1e-300)
    # Without the shift, exp(1000) overflows:
    with np.errstate(over="ignore", invalid="ignore"):
        naive = np.exp(1000.0) / (2 * np.exp(1000.0))
    assert np.isnan(naive)


def test_softmax_of_a_vector_and_shift_invariance() -> None:
    z = RNG.normal(size=6)
    np.testing.assert_allclose(softmax(z), softmax(z + 123.0), rtol=1e-12)
    assert softmax(z).shape == (6,)


@pytest.mark.parametrize(
    "call, error, words",
    [
        (lambda: sigmoid([]), errors.EmptyInputError, "empty"),
        (lambda: relu([1.0, np.nan]), errors.NonFiniteError, "non-finite"),
        (lambda: tanh([[1.0], [1.0, 2.0]]), errors.ShapeError, "ragged"),
        (lambda: softmax(np.ones((2, 2, 2))), errors.ShapeError,
         "(2, 2, 2)"),
        (lambda: get_activation("swish"), errors.ParameterError, "swish"),
    ],
)
def test_bad_input_gets_a_clear_error(call, error, words) -> None:
    with pytest.raises(error) as info:
        call()
    assert words in str(info.value)
