"""mathdl.network (the readable MLP) against finite differences and plain
NumPy code."""

from __future__ import annotations

import numpy as np
import pytest

from mathdl import errors
from mathdl.data import load_digits, stratified_split
from mathdl.initialisation_and_search import normal_weights
from mathdl.network import MLP

RNG = np.random.default_rng(314)
DIGITS_SEED = 6  # the seed of book/networks/digits.md


def reference_logits(weights, biases, X, activation):
    """A forward pass written independently of mathdl."""
    functions = {
        "relu": lambda z: np.maximum(z, 0.0),
        "tanh": np.tanh,
        "sigmoid": lambda z: 1.0 / (1.0 + np.exp(-z)),
        "identity": lambda z: z,
    }
    a = np.asarray(X, dtype=float)
    for layer, (w, b) in enumerate(zip(weights, biases, strict=True)):
        z = a @ w + b
        a = functions[activation](z) if layer < len(weights) - 1 else z
    return z


def reference_loss(weights, biases, X, labels, activation):
    z = reference_logits(weights, biases, X, activation)
    z = z - z.max(axis=1, keepdims=True)
    log_p = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    return -np.mean(log_p[np.arange(len(labels)), labels])


def finite_difference_gradients(model, X, labels, h=1e-6):
    weights = [w.copy() for w in model.weights]
    biases = [b.copy() for b in model.biases]
    result = []
    for parameter in [*weights, *biases]:
        gradient = np.zeros_like(parameter)
        for index in np.ndindex(parameter.shape):
            saved = parameter[index]
            parameter[index] = saved + h
            plus = reference_loss(weights, biases, X, labels,
                                  model.activation)
            parameter[index] = saved - h
            minus = reference_loss(weights, biases, X, labels,
                                   model.activation)
            parameter[index] = saved
            gradient[index] = (plus - minus) / (2 * h)
        result.append(gradient)
    return result


def norm_relative_error(a, b):
    return np.linalg.norm(a - b) / (np.linalg.norm(a) + np.linalg.norm(b))


@pytest.mark.parametrize(
    "sizes, activation",
    [([3, 5, 4], "relu"), ([4, 6, 5, 3], "tanh"),
     ([2, 3, 3, 3, 2], "sigmoid"), ([5, 4, 3], "identity"),
     ([6, 2], "relu")],
)
def test_gradients_match_central_differences(sizes, activation) -> None:
    model = MLP(sizes, activation=activation, seed=len(sizes))
    for b in model.biases:
        b += RNG.normal(scale=0.1, size=b.shape)
    X = RNG.normal(size=(7, sizes[0]))
    labels = RNG.integers(0, sizes[-1], size=7)
    loss, dW, db = model.gradients(X, labels)
    assert loss == pytest.approx(
        reference_loss(model.weights, model.biases, X, labels, activation),
        rel=1e-13,
    )
    numeric = finite_difference_gradients(model, X, labels)
    for analytic, estimate in zip([*dW, *db], numeric, strict=True):
        assert analytic.shape == estimate.shape
        assert norm_relative_error(analytic, estimate) < 1e-6


def test_forward_matches_plain_numpy() -> None:
    model = MLP([6, 8, 4], activation="relu", seed=3)
    X = RNG.normal(size=(5, 6))
    z = reference_logits(model.weights, model.biases, X, "relu")
    expected = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    np.testing.assert_allclose(model.forward(X), expected, rtol=1e-13)
    np.testing.assert_array_equal(model.predict(X), expected.argmax(axis=1))
    labels = expected.argmax(axis=1)
    labels[0] = (labels[0] + 1) % 4
    assert model.accuracy(X, labels) == pytest.approx(4 / 5)


def test_forward_pass_shapes() -> None:
    model = MLP([6, 8, 4], seed=3)
    pre_activations, activations = model.forward_pass(np.ones((5, 6)))
    assert [z.shape for z in pre_activations] == [(5, 8), (5, 4)]
    assert [a.shape for a in activations] == [(5, 6), (5, 8), (5, 4)]


def test_a_deep_linear_stack_is_one_matrix() -> None:
    model = MLP([5, 7, 6, 8, 4], activation="identity", seed=2)
    for b in model.biases:
        b += RNG.normal(size=b.shape)
    X = RNG.normal(size=(9, 5))
    W1, W2, W3, W4 = model.weights
    b1, b2, b3, b4 = model.biases
    single_matrix = W1 @ W2 @ W3 @ W4
    single_bias = ((b1 @ W2 + b2) @ W3 + b3) @ W4 + b4
    logits = model.forward_pass(X)[0][-1]
    np.testing.assert_allclose(logits, X @ single_matrix + single_bias,
                               rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("activation", ["relu", "sigmoid", "tanh",
                                        "identity"])
def test_initial_weights_are_the_statistics_parts_rule(activation) -> None:
    sizes = [7, 5, 3]
    model = MLP(sizes, activation=activation, seed=4)
    rng = np.random.default_rng(4)  # drawn here independently
    gain = 2.0 if activation == "relu" else 1.0
    for weight, (n_in, n_out) in zip(model.weights,
                                     zip(sizes[:-1], sizes[1:], strict=True),
                                     strict=True):
        np.testing.assert_array_equal(
            weight, rng.normal(0.0, np.sqrt(gain / n_in), (n_in, n_out)))
    if activation == "relu":
        for ours, theirs in zip(model.weights,
                                normal_weights(sizes, "he", seed=4),
                                strict=True):
            np.testing.assert_array_equal(ours, theirs)


def test_sigmoid_gradients_vanish_where_tanh_keeps_them() -> None:
    """The figures quoted in MLP's docstring: nine hidden layers of 64."""
    X, labels = load_digits()
    X, labels = X[:500] / 16.0, labels[:500]
    norms = {}
    for activation in ("sigmoid", "tanh"):
        model = MLP([64] + [64] * 9 + [10], activation=activation, seed=0)
        _, weight_gradients, _ = model.gradients(X, labels)
        norms[activation] = [np.linalg.norm(g) for g in weight_gradients]
    sigmoid, tanh = norms["sigmoid"], norms["tanh"]
    assert sigmoid[-1] == pytest.approx(0.61, abs=0.005)
    assert sigmoid[0] == pytest.approx(1.2e-6, rel=0.05)
    assert all(3 < above / below < 6 for below, above in
               zip(sigmoid[:-1], sigmoid[1:], strict=True))
    assert 0.195 < min(tanh) < max(tanh) < 0.245


def test_initial_weights_have_the_stated_spread() -> None:
    model = MLP([400, 300, 10], activation="relu", seed=0)
    assert np.std(model.weights[0]) == pytest.approx(np.sqrt(2 / 400),
                                                     rel=0.02)
    tanh_model = MLP([400, 300, 10], activation="tanh", seed=0)
    assert np.std(tanh_model.weights[1]) == pytest.approx(np.sqrt(1 / 300),
                                                          rel=0.05)
    assert all(np.all(b == 0) for b in model.biases)


def reference_sgd(weights, biases, X, labels, epochs, batch_size,
                  learning_rate, seed):
    """Mini-batch SGD for one ReLU hidden layer, in plain NumPy."""
    W1, W2 = (w.copy() for w in weights)
    b1, b2 = (b.copy() for b in biases)
    rng = np.random.default_rng(seed)
    n = X.shape[0]
    Y = np.eye(W2.shape[1])[labels]
    epoch_losses = []
    for _ in range(epochs):
        order = rng.permutation(n)
        losses = []
        for start in range(0, n, batch_size):
            rows = order[start:start + batch_size]
            x, y = X[rows], Y[rows]
            z1 = x @ W1 + b1
            a1 = np.maximum(z1, 0)
            z2 = a1 @ W2 + b2
            p = np.exp(z2 - z2.max(axis=1, keepdims=True))
            p /= p.sum(axis=1, keepdims=True)
            losses.extend(-np.log(p[y == 1]))
            d2 = (p - y) / len(rows)
            d1 = (d2 @ W2.T) * (z1 > 0)
            W2, b2 = W2 - learning_rate * a1.T @ d2, b2 - learning_rate * \
                d2.sum(0)
            W1, b1 = W1 - learning_rate * x.T @ d1, b1 - learning_rate * \
                d1.sum(0)
        epoch_losses.append(np.mean(losses))
    return [W1, W2], [b1, b2], epoch_losses


@pytest.mark.parametrize("batch_size", [1, 7, 32, 50])
def test_fit_matches_a_plain_sgd_loop(batch_size) -> None:
    X = RNG.normal(size=(40, 5))
    labels = RNG.integers(0, 3, size=40)
    model = MLP([5, 6, 3], seed=1)
    weights, biases, losses = reference_sgd(
        model.weights, model.biases, X, labels, epochs=3,
        batch_size=batch_size, learning_rate=0.3, seed=9,
    )
    history = model.fit(X, labels, epochs=3, batch_size=batch_size,
                        learning_rate=0.3, seed=9)
    assert history["loss"].dtype == np.float64
    for ours, theirs in zip([*model.weights, *model.biases],
                            [*weights, *biases], strict=True):
        np.testing.assert_allclose(ours, theirs, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(history["loss"], losses, rtol=1e-10)


def test_one_full_batch_epoch_is_one_gradient_step() -> None:
    X = RNG.normal(size=(8, 3))
    labels = RNG.integers(0, 4, size=8)
    model = MLP([3, 4, 5, 4], activation="sigmoid", seed=5)
    numeric = finite_difference_gradients(model, X, labels)
    expected = [p - 0.5 * g for p, g in
                zip([*model.weights, *model.biases], numeric,
                     strict=True)]
    model.fit(X, labels, epochs=1, batch_size=100, learning_rate=0.5)
    for ours, theirs in zip([*model.weights, *model.biases], expected,
                            strict=True):
        np.testing.assert_allclose(ours, theirs, atol=1e-9)


def test_validation_history_scores_the_trained_network() -> None:
    X = RNG.normal(size=(30, 4))
    labels = (X[:, 0] > 0).astype(int)
    X_val = RNG.normal(size=(10, 4))
    labels_val = (X_val[:, 0] > 0).astype(int)
    model = MLP([4, 5, 2], activation="tanh", seed=0)
    history = model.fit(X, labels, epochs=4, batch_size=8,
                        learning_rate=0.2, validation_data=(X_val,
                                                            labels_val))
    assert sorted(history) == ["accuracy", "loss", "validation_accuracy",
                               "validation_loss"]
    assert all(values.shape == (4,) for values in history.values())
    last_loss = reference_loss(model.weights, model.biases, X_val,
                               labels_val, "tanh")
    assert history["validation_loss"][-1] == pytest.approx(last_loss,
                                                           rel=1e-12)
    assert history["validation_accuracy"][-1] == model.accuracy(
        X_val, labels_val)


def test_zero_epochs_change_nothing() -> None:
    model = MLP([2, 3, 2], seed=0)
    before = [w.copy() for w in model.weights]
    history = model.fit([[0.0, 1.0]], [1], epochs=0, batch_size=1,
                        learning_rate=0.1)
    assert sorted(history) == ["accuracy", "loss"]
    assert all(values.shape == (0,) for values in history.values())
    np.testing.assert_array_equal(model.weights[0], before[0])


def test_divergence_is_reported_and_the_last_finite_weights_kept() -> None:
    X = RNG.normal(size=(64, 8)) * 10
    labels = RNG.integers(0, 3, size=64)
    model = MLP([8, 16, 3], seed=0)
    with pytest.raises(errors.DivergenceError) as info:
        model.fit(X, labels, epochs=50, batch_size=8, learning_rate=1e12)
    message = str(info.value)
    assert "epoch" in message and "1000000000000.0" in message
    assert all(np.all(np.isfinite(w)) for w in model.weights)
    assert all(np.all(np.isfinite(b)) for b in model.biases)


def test_weights_set_by_hand_are_used() -> None:
    model = MLP([2, 2, 2], activation="relu", seed=0)
    model.weights = [[[1.0, 0.0], [0.0, 1.0]], [[1.0, 0.0], [0.0, 1.0]]]
    np.testing.assert_allclose(model.forward([[0.0, 0.0]]), [[0.5, 0.5]])
    model.fit([[1.0, 0.0]], [0], epochs=1, batch_size=1, learning_rate=0.1)
    assert model.weights[0].shape == (2, 2)


@pytest.mark.slow
def test_digits_network_reaches_97_percent() -> None:
    X, labels = load_digits()
    X = X / 16.0
    train, test = stratified_split(labels, 0.25, seed=DIGITS_SEED)
    model = MLP([64, 64, 10], activation="relu", seed=DIGITS_SEED)
    model.fit(X[train], labels[train], epochs=60, batch_size=32,
              learning_rate=0.1, seed=DIGITS_SEED)
    assert model.accuracy(X[test], labels[test]) >= 0.97


@pytest.mark.parametrize(
    "call, error, words",
    [
        (lambda: MLP([4, 3, 2]).forward(np.ones((2, 5))), errors.ShapeError,
         "5 features"),
        (lambda: MLP([4, 3, 2]).forward(np.ones(4)), errors.ShapeError,
         "reshape(1, -1)"),
        (lambda: MLP([4, 3, 2]).gradients(np.ones((2, 4)), [0, 2]),
         errors.LabelError, "0..1"),
        (lambda: MLP([4, 3, 2]).gradients(np.ones((2, 4)), [0]),
         errors.LabelError, "1 labels for 2 rows"),
        (lambda: MLP([4, 3, 2]).fit(np.ones((2, 4)), [0, 1], 1, 1, 0.0),
         errors.ParameterError, "learning_rate"),
        (lambda: MLP([4, 3, 2]).fit(np.ones((2, 4)), [0, 1], 1, 1, -0.1),
         errors.ParameterError, "learning_rate"),
        (lambda: MLP([4, 3, 2]).fit(np.ones((2, 4)), [0, 1], 1, 0, 0.1),
         errors.ParameterError, "batch_size"),
        (lambda: MLP([4, 3, 2]).fit(np.ones((2, 4)), [0, 1], 1, 2.5, 0.1),
         errors.ParameterError, "batch_size"),
        (lambda: MLP([4, 3, 2]).fit(np.ones((2, 4)), [0, 1], -1, 1, 0.1),
         errors.ParameterError, "epochs"),
        (lambda: MLP([4, 3, 2]).fit(np.ones((2, 4)), [0, 5], 1, 1, 0.1),
         errors.LabelError, "0..1"),
        (lambda: MLP([4, 3, 2]).fit(np.ones((2, 4)), [0, 1], 1, 1, 0.1,
                                    validation_data=(np.ones((1, 3)), [0])),
         errors.ShapeError, "3 features"),
        (lambda: MLP([4, 3, 2]).fit(np.ones((2, 4)), [0, 1, 1], 1, 1, 0.1),
         errors.LabelError, "3 labels for 2 rows"),
        (lambda: MLP([4, 3, 2]).forward([[1.0, 2.0, np.nan, 0.0]]),
         errors.NonFiniteError, "non-finite"),
        (lambda: MLP([4]), errors.ParameterError, "at least"),
        (lambda: MLP([4, 0, 2]), errors.ParameterError, ">= 1"),
        (lambda: MLP([4, 3, 2], activation="softplus"),
         errors.ParameterError, "softplus"),
    ],
)
def test_bad_input_gets_a_clear_error(call, error, words) -> None:
    with pytest.raises(error) as info:
        call()
    assert words in str(info.value)


def test_wrong_weight_shapes_get_a_clear_error() -> None:
    model = MLP([4, 3, 2])
    model.weights[1] = np.ones((2, 3))
    with pytest.raises(errors.ShapeError, match=r"shape \(3, 2\)"):
        model.forward(np.ones((1, 4)))


def test_moved_names_still_import_from_network_with_a_warning() -> None:
    import mathdl.network
    from mathdl.digits import confusion_matrix
    from mathdl.first_network import SigmoidNetwork
    from mathdl.gradient_check import (
        gradient_check,
        numerical_gradients,
        relative_error,
    )

    for name, new in [("SigmoidNetwork", SigmoidNetwork),
                      ("gradient_check", gradient_check),
                      ("numerical_gradients", numerical_gradients),
                      ("relative_error", relative_error),
                      ("confusion_matrix", confusion_matrix)]:
        with pytest.warns(DeprecationWarning, match=f"moved to .*{name}"):
            assert getattr(mathdl.network, name) is new
    with pytest.raises(AttributeError):
        mathdl.network.no_such_name  # noqa: B018
