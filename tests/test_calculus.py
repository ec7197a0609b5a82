"""mathdl.calculus against exact derivatives worked out by hand.

Tolerances follow the error analysis of the derivatives chapter: with
its default step the central difference is off by about
eps**(2/3) ~ 4e-11 times the size of f and f''', the forward and
backward differences by about sqrt(eps) ~ 1.5e-8 times the size of f
and f''. The tests allow a margin of a few hundred over those bounds,
and a wrong formula (an error of order h or worse) still fails them.
"""

from __future__ import annotations

import numpy as np
import pytest

from mathdl import errors
from mathdl.calculus import (
    default_step,
    derivative,
    finite_difference_error,
    gradient,
    jacobian,
)

EPS = np.finfo(np.float64).eps
CENTRAL_TOL = 1e-8
ONE_SIDED_TOL = 5e-6
POINTS = [-2.0, -0.5, 0.0, 0.3, 1.0, 3.0]


def _sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


# (function, its exact derivative), the derivative worked out by hand.
FUNCTIONS = {
    "cubic": (lambda x: x**3 - 2 * x + 1, lambda x: 3 * x**2 - 2),
    "quintic": (lambda x: 0.1 * x**5 - x**2, lambda x: 0.5 * x**4 - 2 * x),
    "exp": (np.exp, np.exp),
    "sin": (np.sin, np.cos),
    "sigmoid": (
        _sigmoid,
        lambda x: np.exp(-x) / (1.0 + np.exp(-x)) ** 2,
    ),
    "tanh": (np.tanh, lambda x: 1.0 / np.cosh(x) ** 2),
}


@pytest.mark.parametrize("name", FUNCTIONS)
@pytest.mark.parametrize("x", POINTS)
def test_central_difference_matches_exact_derivative(name, x) -> None:
    f, f_prime = FUNCTIONS[name]
    exact = float(f_prime(x))
    approx = derivative(f, x)
    assert isinstance(approx, float)
    assert approx == pytest.approx(
        exact, rel=CENTRAL_TOL, abs=CENTRAL_TOL
    )


@pytest.mark.parametrize("method", ["forward", "backward"])
@pytest.mark.parametrize("name", FUNCTIONS)
@pytest.mark.parametrize("x", POINTS)
def test_one_sided_differences_match_exact_derivative(
    method, name, x
) -> None:
    f, f_prime = FUNCTIONS[name]
    approx = derivative(f, x, method=method)
    assert approx == pytest.approx(
        float(f_prime(x)), rel=ONE_SIDED_TOL, abs=ONE_SIDED_TOL
    )


def test_log_away_from_zero() -> None:
    for x in [0.1, 0.5, 2.0, 100.0]:
        assert derivative(np.log, x) == pytest.approx(1.0 / x, rel=1e-8)


def test_large_x_scales_the_step() -> None:
    # A fixed h = 6e-6 at x = 1e6 would be lost to round-off.
    assert derivative(lambda x: x**2, 1e6) == pytest.approx(2e6, rel=1e-9)


def test_differences_on_a_parabola_by_hand() -> None:
    # ((x + h)^2 - x^2) / h = 2x + h, so the truncation error is exact.
    def square(x):
        return x * x

    assert derivative(square, 3.0, h=0.5, method="forward") == 6.5
    assert derivative(square, 3.0, h=0.5, method="backward") == 5.5
    # The central difference is exact for any quadratic, whatever h.
    def quadratic(x):
        return 3 * x**2 + 2 * x + 1

    assert derivative(quadratic, 1.5, h=0.5) == pytest.approx(11.0, 1e-14)


def test_relu_kink_one_sided_slopes() -> None:
    def relu(x):
        return max(x, 0.0)

    assert derivative(relu, 0.0, h=1e-3, method="forward") == 1.0
    assert derivative(relu, 0.0, h=1e-3, method="backward") == 0.0
    assert derivative(relu, 0.0, h=1e-3) == 0.5


def test_derivative_of_an_array_of_points() -> None:
    x = np.linspace(-3, 3, 13).reshape(13, 1)
    result = derivative(np.sin, x)
    assert result.shape == x.shape
    np.testing.assert_allclose(result, np.cos(x), rtol=0, atol=1e-9)


def test_default_steps_are_the_textbook_ones() -> None:
    assert float(default_step(0.5, "forward")) == pytest.approx(EPS**0.5)
    assert float(default_step(-4.0, "backward")) == pytest.approx(
        4 * EPS**0.5
    )
    assert float(default_step(2.0, "central")) == pytest.approx(
        2 * EPS ** (1 / 3)
    )


def test_truncation_error_shrinks_like_h_and_h_squared() -> None:
    h = [1e-2, 1e-3]
    forward = finite_difference_error(np.exp, np.exp, [1.0], h,
                                      method="forward")
    central = finite_difference_error(np.exp, np.exp, [1.0], h)
    # Taylor: forward error ~ h f''/2, central ~ h^2 f'''/6 (f = f' here).
    np.testing.assert_allclose(forward, [5e-3, 5e-4], rtol=0.02)
    np.testing.assert_allclose(central, [1e-4 / 6, 1e-6 / 6], rtol=0.02)


def test_best_step_is_near_the_theoretical_one() -> None:
    x = np.linspace(0.5, 1.5, 51)
    h_values = np.logspace(-14, -1, 53)
    for method, best in [("forward", EPS**0.5), ("central", EPS ** (1 / 3))]:
        error = finite_difference_error(np.exp, np.exp, x, h_values,
                                        method)
        found = h_values[np.argmin(error)]
        assert best / 30 < found < best * 30, (method, found)


def _rosenbrock(v):
    x, y = v
    return (1 - x) ** 2 + 100 * (y - x**2) ** 2


def _rosenbrock_gradient(v):
    x, y = v
    return np.array(
        [-2 * (1 - x) - 400 * x * (y - x**2), 200 * (y - x**2)]
    )


@pytest.mark.parametrize(
    "point", [[1.0, 1.0], [-1.2, 1.0], [0.0, 0.0], [2.0, -1.0], [0.5, 3.0]]
)
def test_gradient_of_rosenbrock(point) -> None:
    result = gradient(_rosenbrock, point)
    expected = _rosenbrock_gradient(point)
    # f and f''' reach ~1e3 here, so the bound is ~1e3 * eps**(2/3).
    np.testing.assert_allclose(result, expected, rtol=1e-7, atol=1e-6)


def test_gradient_of_a_quadratic_form() -> None:
    rng = np.random.default_rng(5)
    A = rng.normal(size=(4, 4))
    x = rng.normal(size=4)
    result = gradient(lambda v: v @ A @ v, x)
    np.testing.assert_allclose(result, (A + A.T) @ x, rtol=1e-8, atol=1e-8)


def test_gradient_keeps_the_shape_of_a_weight_matrix() -> None:
    W = np.arange(6.0).reshape(2, 3) / 10
    result = gradient(lambda M: np.sum(np.exp(M)), W)
    assert result.shape == (2, 3)
    np.testing.assert_allclose(result, np.exp(W), rtol=1e-8)


def test_gradient_with_a_given_step_on_a_quadratic() -> None:
    # Central differences are exact on quadratics, even with h = 0.5.
    result = gradient(lambda v: v[0] ** 2 + 3 * v[0] * v[1], [1.0, 2.0],
                      h=0.5)
    np.testing.assert_allclose(result, [8.0, 3.0], rtol=1e-14)


def test_jacobian_of_polar_coordinates() -> None:
    def polar(v):
        r, theta = v
        return np.array([r * np.cos(theta), r * np.sin(theta)])

    r, theta = 2.0, 0.7
    expected = np.array(
        [[np.cos(theta), -r * np.sin(theta)],
         [np.sin(theta), r * np.cos(theta)]]
    )
    result = jacobian(polar, [r, theta])
    np.testing.assert_allclose(result, expected, rtol=1e-8, atol=1e-9)


def test_jacobian_of_a_tanh_layer() -> None:
    rng = np.random.default_rng(8)
    W, b, x = rng.normal(size=(3, 4)), rng.normal(size=3), rng.normal(size=4)
    result = jacobian(lambda v: np.tanh(W @ v + b), x)
    expected = (1 - np.tanh(W @ x + b) ** 2)[:, None] * W
    assert result.shape == (3, 4)
    np.testing.assert_allclose(result, expected, rtol=1e-7, atol=1e-9)


def test_jacobian_of_a_scalar_function_is_one_row() -> None:
    result = jacobian(_rosenbrock, [-1.2, 1.0])
    assert result.shape == (1, 2)
    np.testing.assert_allclose(
        result[0], _rosenbrock_gradient([-1.2, 1.0]), rtol=1e-7
    )


@pytest.mark.parametrize(
    "call, error, words",
    [
        (lambda: derivative("sin", 1.0), errors.ParameterError, "function"),
        (lambda: derivative(np.sin, np.nan), errors.NonFiniteError,
         "non-finite"),
        (lambda: derivative(np.sin, np.inf), errors.NonFiniteError,
         "non-finite"),
        (lambda: derivative(np.sin, 1.0, h=0.0), errors.ParameterError,
         "positive"),
        (lambda: derivative(np.sin, 1.0, h=-1e-3), errors.ParameterError,
         "positive"),
        (lambda: derivative(np.sin, 1.0, h=1e-20), errors.ParameterError,
         "too small"),
        (lambda: derivative(np.sin, 1.0, method="sideways"),
         errors.ParameterError, "method"),
        (lambda: derivative(np.log, 0.0), errors.NonFiniteError,
         "non-finite"),
        (lambda: derivative(lambda x: [x, x], 1.0), errors.ShapeError,
         "shape"),
        (lambda: gradient(None, [1.0]), errors.ParameterError, "function"),
        (lambda: gradient(np.sum, [1.0, np.nan]), errors.NonFiniteError,
         "non-finite"),
        (lambda: gradient(np.sum, [1.0], h=0), errors.ParameterError,
         "positive"),
        (lambda: gradient(np.sum, []), errors.EmptyInputError, "empty"),
        (lambda: gradient(lambda v: v, [1.0, 2.0]), errors.ShapeError,
         "shape"),
        (lambda: jacobian(np.sin, [[1.0, 2.0]]), errors.ShapeError,
         "dimension"),
        (lambda: jacobian(np.sin, [1.0], h=-1), errors.ParameterError,
         "positive"),
        (lambda: jacobian(lambda v: np.outer(v, v), [1.0, 2.0]),
         errors.ShapeError, "vector"),
        (lambda: jacobian(7, [1.0]), errors.ParameterError, "function"),
        (lambda: finite_difference_error(np.sin, np.cos, [1.0], [0.0]),
         errors.ParameterError, "positive"),
        (lambda: finite_difference_error(np.sin, np.zeros_like, [1.0],
                                         [1e-3]),
         errors.ParameterError, "0 at every point"),
    ],
)
def test_bad_input_gets_a_clear_error(call, error, words) -> None:
    with pytest.raises(error) as info:
        call()
    assert words in str(info.value)
    assert isinstance(info.value, ValueError)
