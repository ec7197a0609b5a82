"""mathdl.optimize against closed-form minima and numpy.linalg."""

from __future__ import annotations

import numpy as np
import pytest

from mathdl import errors
from mathdl.data import load_weather
from mathdl.optimize import (
    first_step_within,
    gradient_descent,
    least_squares_gradient,
    minibatch_gradient_descent,
)
from mathdl.regression import normal_equation

RNG = np.random.default_rng(20261123)


def test_path_on_a_parabola_is_geometric() -> None:
    # On L(w) = w^2 the update is w <- (1 - 2 eta) w, so w_k = 0.8^k w_0.
    path = gradient_descent(lambda w: 2 * w, 4.0, 0.1, steps=20)
    assert path.shape == (21,)
    np.testing.assert_allclose(path, 4.0 * 0.8 ** np.arange(21), rtol=1e-13)


def test_zero_steps_return_the_start() -> None:
    start = np.array([[1.0, 2.0], [3.0, 4.0]])
    path = gradient_descent(lambda w: w, start, 0.5, steps=0)
    assert path.shape == (1, 2, 2)
    np.testing.assert_array_equal(path[0], start)


def test_start_is_not_modified() -> None:
    start = np.array([1.0, -1.0])
    gradient_descent(lambda w: 2 * w, start, 0.1, steps=5)
    np.testing.assert_array_equal(start, [1.0, -1.0])


def test_quadratic_reaches_the_closed_form_minimum() -> None:
    # L(w) = w.A.w / 2 - b.w has its minimum where A w = b.
    M = RNG.normal(size=(5, 5))
    A = M @ M.T + 5 * np.eye(5)
    b = RNG.normal(size=5)
    learning_rate = 1.0 / np.linalg.eigvalsh(A)[-1]
    path = gradient_descent(lambda w: A @ w - b, np.zeros(5),
                            learning_rate, steps=2000)
    assert path.shape == (2001, 5)
    np.testing.assert_allclose(path[-1], np.linalg.solve(A, b),
                               rtol=1e-10, atol=1e-12)


def test_least_squares_gradient_by_hand_and_by_differences() -> None:
    X = RNG.normal(size=(7, 3))
    y = RNG.normal(size=7)
    w = RNG.normal(size=3)

    def loss(v):
        return np.mean((X @ v - y) ** 2)

    h = 1e-6
    numeric = np.array(
        [(loss(w + h * e) - loss(w - h * e)) / (2 * h) for e in np.eye(3)]
    )
    np.testing.assert_allclose(
        least_squares_gradient(X, y, w), numeric, rtol=1e-7, atol=1e-9
    )
    # At the least-squares solution the gradient vanishes.
    best = np.linalg.lstsq(X, y, rcond=None)[0]
    np.testing.assert_allclose(
        least_squares_gradient(X, y, best), 0.0, atol=1e-12
    )


def _weather_design() -> tuple[np.ndarray, np.ndarray]:
    """Tomorrow's temp_max from today's temp_max, temp_min, precipitation,
    standardised, with a bias column of ones (NumPy only)."""
    weather = load_weather()
    today = np.column_stack(
        [weather[name][:-1]
         for name in ("temp_max", "temp_min", "precipitation")]
    )
    z = (today - today.mean(axis=0)) / today.std(axis=0)
    X = np.column_stack([np.ones(len(z)), z])
    return X, weather["temp_max"][1:]


def test_weather_regression_matches_the_normal_equation() -> None:
    X, y = _weather_design()
    learning_rate = 1.0 / np.linalg.eigvalsh(2 * X.T @ X / len(y))[-1]
    path = gradient_descent(lambda w: least_squares_gradient(X, y, w),
                            np.zeros(4), learning_rate, steps=400)
    # Stated tolerance: 1e-8 degrees C on every weight after 400 steps.
    expected = np.linalg.lstsq(X, y, rcond=None)[0]
    np.testing.assert_allclose(path[-1], expected, rtol=0, atol=1e-8)
    np.testing.assert_allclose(path[-1], normal_equation(X, y),
                               rtol=0, atol=1e-8)


def test_full_batches_give_the_full_gradient_path() -> None:
    X = RNG.normal(size=(20, 3))
    y = RNG.normal(size=20)

    def batch_gradient(w, batch):
        return least_squares_gradient(X[batch], y[batch], w)

    stochastic = minibatch_gradient_descent(
        batch_gradient, np.zeros(3), 20, 20, 0.1, steps=30, seed=1
    )
    # The order of the rows in a batch changes sums only by round-off.
    full = gradient_descent(lambda w: least_squares_gradient(X, y, w),
                            np.zeros(3), 0.1, steps=30)
    np.testing.assert_allclose(stochastic, full, rtol=1e-12, atol=1e-14)


def test_single_example_batches_wander_near_the_mean() -> None:
    data = RNG.normal(loc=3.0, size=500)

    def batch_gradient(w, batch):
        return 2 * np.mean(w - data[batch])

    path = minibatch_gradient_descent(batch_gradient, 0.0, 500, 1, 0.01,
                                      steps=3000, seed=4)
    assert path.shape == (3001,)
    # Noise of the iterate ~ sqrt(eta / 2) * std ~ 0.07 around the mean.
    assert np.mean(path[-1000:]) == pytest.approx(np.mean(data), abs=0.05)
    same = minibatch_gradient_descent(batch_gradient, 0.0, 500, 1, 0.01,
                                      steps=3000, seed=4)
    np.testing.assert_array_equal(path, same)


def test_first_step_within_by_hand() -> None:
    assert first_step_within([8.0, 4.0, 2.0, 1.0], 0.0, 2.0) == 2
    assert first_step_within([8.0, 4.0], 0.0, 1.0) is None
    path = np.array([[3.0, 3.0], [1.0, 3.0], [1.0, 1.5]])
    assert first_step_within(path, [1.0, 1.0], 0.5) == 2


def test_divergence_is_caught_at_the_predicted_step() -> None:
    # With eta = 1.5, w_k = (-2)^k * 4 = +-2^(k+2): the gradient 2 w
    # first overflows at step 1022, when w = 2^1023.
    with pytest.raises(errors.DivergenceError) as info:
        gradient_descent(lambda w: 2 * w, 4.0, 1.5, steps=2000)
    message = str(info.value)
    assert "step 1022" in message
    assert "learning_rate = 1.5" in message


def test_divergence_of_the_iterate_and_of_minibatches() -> None:
    with pytest.raises(errors.DivergenceError, match="iterate"):
        gradient_descent(lambda w: 2 * w, np.array([4.0]), 1.05,
                         steps=10_000)
    # A gradient that is NaN at the start is not a divergence.
    with pytest.raises(errors.NonFiniteError, match="at the start"):
        gradient_descent(lambda w: np.full(2, np.nan), np.zeros(2), 0.1,
                         steps=3)
    with pytest.raises(errors.DivergenceError, match="gradient"):
        gradient_descent(lambda w: w if w[0] == 1 else np.full(2, np.nan),
                         np.ones(2), 0.1, steps=3)
    with pytest.raises(errors.DivergenceError, match="learning_rate = 3"):
        minibatch_gradient_descent(lambda w, batch: 2 * w, 1.0, 4, 2, 3.0,
                                   steps=5000)


@pytest.mark.parametrize(
    "call, error, words",
    [
        (lambda: gradient_descent("grad", 1.0, 0.1, 5),
         errors.ParameterError, "function"),
        (lambda: gradient_descent(lambda w: w, np.nan, 0.1, 5),
         errors.NonFiniteError, "non-finite"),
        (lambda: gradient_descent(lambda w: w, [1.0, np.inf], 0.1, 5),
         errors.NonFiniteError, "non-finite"),
        (lambda: gradient_descent(lambda w: w, 1.0, 0.0, 5),
         errors.ParameterError, "positive"),
        (lambda: gradient_descent(lambda w: w, 1.0, -0.1, 5),
         errors.ParameterError, "positive"),
        (lambda: gradient_descent(lambda w: w, 1.0, 0.1, -1),
         errors.ParameterError, ">= 0"),
        (lambda: gradient_descent(lambda w: w, 1.0, 0.1, 2.5),
         errors.ParameterError, "whole number"),
        (lambda: gradient_descent(lambda w: w[:1], [1.0, 2.0], 0.1, 5),
         errors.ShapeError, "shape"),
        (lambda: least_squares_gradient(np.ones((3, 2)), np.ones(4),
                                        np.ones(2)),
         errors.ShapeError, "(4,)"),
        (lambda: least_squares_gradient(np.ones((3, 2)), np.ones(3),
                                        np.ones(3)),
         errors.ShapeError, "w of shape"),
        (lambda: minibatch_gradient_descent(lambda w, b: w, 1.0, 5, 6,
                                            0.1, 5),
         errors.ParameterError, "batch_size"),
        (lambda: minibatch_gradient_descent(lambda w, b: w, 1.0, 5, 0,
                                            0.1, 5),
         errors.ParameterError, "batch_size"),
        (lambda: minibatch_gradient_descent(lambda w, b: w, 1.0, 5, 2,
                                            0.0, 5),
         errors.ParameterError, "positive"),
        (lambda: first_step_within([1.0, 2.0], 0.0, 0.0),
         errors.ParameterError, "positive"),
        (lambda: first_step_within([[1.0, 2.0]], [0.0, 0.0, 0.0], 1.0),
         errors.ShapeError, "target"),
    ],
)
def test_bad_input_gets_a_clear_error(call, error, words) -> None:
    with pytest.raises(error) as info:
        call()
    assert words in str(info.value)
    assert isinstance(info.value, ValueError)
