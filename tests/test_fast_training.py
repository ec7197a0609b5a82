"""mathdl.fast_training, held to the readable network.

``MLP.fit`` runs its loop in :mod:`mathdl.fast_training`, which packs
weights with biases, pre-scales the targets and works in place. Here the
same training is written the slow, readable way, one
``MLP.gradients`` call per batch, and the two must agree for every
activation, batch size (including a smaller last batch) and depth.
"""

from __future__ import annotations

import copy

import numpy as np
import pytest

from mathdl.activations import ACTIVATIONS
from mathdl.network import MLP

RNG = np.random.default_rng(2718)


def readable_fit(model, X, labels, epochs, batch_size, learning_rate,
                 seed, validation=None):
    """Mini-batch SGD with MLP.gradients: the loop fit stands for."""
    rng = np.random.default_rng(seed)
    n = X.shape[0]
    history = {"loss": [], "accuracy": []}
    if validation is not None:
        history["validation_loss"] = []
        history["validation_accuracy"] = []
    for _ in range(epochs):
        order = rng.permutation(n)
        total_loss, hits = 0.0, 0
        for start in range(0, n, batch_size):
            rows = order[start:start + batch_size]
            hits += int(np.sum(model.predict(X[rows]) == labels[rows]))
            loss, dW, db = model.gradients(X[rows], labels[rows])
            total_loss += loss * len(rows)
            model.weights = [w - learning_rate * g
                             for w, g in zip(model.weights, dW, strict=True)]
            model.biases = [b - learning_rate * g
                            for b, g in zip(model.biases, db, strict=True)]
        history["loss"].append(total_loss / n)
        history["accuracy"].append(hits / n)
        if validation is not None:
            history["validation_loss"].append(model.loss(*validation))
            history["validation_accuracy"].append(
                model.accuracy(*validation))
    return history


def test_every_activation_is_covered() -> None:
    assert sorted(ACTIVATIONS) == ["identity", "relu", "sigmoid", "tanh"]


@pytest.mark.parametrize("activation", sorted(ACTIVATIONS))
@pytest.mark.parametrize("sizes, batch_size", [
    ([5, 6, 3], 7),          # 40 rows: five batches of 7 and one of 5
    ([5, 8, 4, 3], 40),      # one full batch per epoch
    ([5, 3], 1),             # no hidden layer, one row per step
    ([5, 4, 6, 5, 3], 16),
])
def test_fit_equals_the_readable_loop(activation, sizes, batch_size) -> None:
    X = RNG.normal(size=(40, sizes[0]))
    labels = RNG.integers(0, sizes[-1], size=40)
    X_val = RNG.normal(size=(9, sizes[0]))
    labels_val = RNG.integers(0, sizes[-1], size=9)
    fast = MLP(sizes, activation=activation, seed=3)
    for b in fast.biases:
        b += RNG.normal(scale=0.1, size=b.shape)
    slow = copy.deepcopy(fast)
    history = fast.fit(X, labels, epochs=3, batch_size=batch_size,
                       learning_rate=0.4, seed=11,
                       validation_data=(X_val, labels_val))
    expected = readable_fit(slow, X, labels, 3, batch_size, 0.4, 11,
                            (X_val, labels_val))
    for ours, theirs in zip([*fast.weights, *fast.biases],
                            [*slow.weights, *slow.biases], strict=True):
        np.testing.assert_allclose(ours, theirs, rtol=1e-10, atol=1e-13)
    assert sorted(history) == sorted(expected)
    for key, values in expected.items():
        np.testing.assert_allclose(history[key], values, rtol=1e-10,
                                   err_msg=key)
