"""mathdl.first_network: the classic sigmoid network, against plain NumPy
and finite differences."""

from __future__ import annotations

import numpy as np
import pytest

from mathdl import errors
from mathdl.first_network import SigmoidNetwork
from mathdl.network import MLP

XOR_INPUTS = np.array([[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]], float)
XOR_TARGETS = np.array([[0], [1], [1], [0]], float)


def test_sigmoid_network_learns_its_target() -> None:
    network = SigmoidNetwork(3, 4, seed=0)
    errors_ = network.train(XOR_INPUTS, XOR_TARGETS, steps=20_000,
                            learning_rate=2.0)
    assert list(errors_) == ["loss"]
    assert errors_["loss"].shape == (20_000,)
    assert errors_["loss"][-1] < 0.01 < errors_["loss"][0]
    np.testing.assert_array_equal(
        network.predict(XOR_INPUTS).round(), XOR_TARGETS
    )


def test_sigmoid_network_step_is_a_gradient_step() -> None:
    network = SigmoidNetwork(3, 4, seed=1)
    W0, W1 = (w.copy() for w in network.weights)

    def mse(first, second):
        hidden = 1 / (1 + np.exp(-XOR_INPUTS @ first))
        output = 1 / (1 + np.exp(-hidden @ second))
        return np.mean((output - XOR_TARGETS) ** 2)

    gradients = []
    for index, parameter in enumerate((W0, W1)):
        gradient = np.zeros_like(parameter)
        for position in np.ndindex(parameter.shape):
            plus, minus = parameter.copy(), parameter.copy()
            plus[position] += 1e-6
            minus[position] -= 1e-6
            pair_plus = (plus, W1) if index == 0 else (W0, plus)
            pair_minus = (minus, W1) if index == 0 else (W0, minus)
            gradient[position] = (mse(*pair_plus) - mse(*pair_minus)) / 2e-6
        gradients.append(gradient)
    history = network.train(XOR_INPUTS, XOR_TARGETS, steps=1,
                            learning_rate=0.7)
    assert history["loss"][0] == pytest.approx(mse(W0, W1), rel=1e-14)
    np.testing.assert_allclose(network.weights[0], W0 - 0.7 * gradients[0],
                               atol=1e-9)
    np.testing.assert_allclose(network.weights[1], W1 - 0.7 * gradients[1],
                               atol=1e-9)


@pytest.mark.parametrize(
    "call, error, words",
    [
        (lambda: SigmoidNetwork(3, 4).train(XOR_INPUTS, XOR_TARGETS.T, 1),
         errors.ShapeError, "(4, 1)"),
        (lambda: SigmoidNetwork(3, 4).predict(np.ones((4, 1))),
         errors.ShapeError, "input layer of this network has 3 nodes"),
        (lambda: SigmoidNetwork(3, 4).train(XOR_INPUTS, XOR_TARGETS, -1),
         errors.ParameterError, "steps"),
        (lambda: SigmoidNetwork(3, 0), errors.ParameterError, "n_hidden"),
    ],
)
def test_bad_input_gets_a_clear_error(call, error, words) -> None:
    with pytest.raises(error) as info:
        call()
    assert words in str(info.value)


@pytest.mark.parametrize("X", [np.ones(3), np.ones((4, 2)),
                               np.ones((2, 2, 3))])
def test_shape_messages_match_the_mlp(X) -> None:
    with pytest.raises(errors.ShapeError) as ours:
        SigmoidNetwork(3, 4).predict(X)
    with pytest.raises(errors.ShapeError) as mlp:
        MLP([3, 4, 1]).forward(X)
    assert str(ours.value) == str(mlp.value)
