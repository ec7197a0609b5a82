"""mathdl.regression against numpy.linalg.lstsq and hand-computed values."""

from __future__ import annotations

import numpy as np
import pytest

from mathdl import errors
from mathdl.data import load_weather
from mathdl.regression import (
    add_bias_column,
    mean_absolute_error,
    mean_squared_error,
    normal_equation,
    predict,
)

RNG = np.random.default_rng(20261124)


@pytest.fixture(scope="module")
def weather_design() -> tuple[np.ndarray, np.ndarray]:
    """Today's temp_max, temp_min, precipitation -> tomorrow's temp_max."""
    weather = load_weather()
    features = np.column_stack(
        [weather["temp_max"], weather["temp_min"], weather["precipitation"]]
    )
    return add_bias_column(features[:-1]), weather["temp_max"][1:]


def ridge_by_lstsq(X, y, ridge):
    """Ridge weights as ordinary least squares on stacked rows.

    Minimising |Xw - y|^2 + ridge |w|^2 is least squares for the rows of
    X with sqrt(ridge) I appended below and zeros appended to y.
    """
    d = X.shape[1]
    stacked_X = np.vstack([X, np.sqrt(ridge) * np.eye(d)])
    stacked_y = np.concatenate([y, np.zeros(d)])
    return np.linalg.lstsq(stacked_X, stacked_y, rcond=None)[0]


def test_add_bias_column_hand_computed() -> None:
    np.testing.assert_array_equal(
        add_bias_column([[2, 3], [4, 5], [6, 7]]),
        [[1, 2, 3], [1, 4, 5], [1, 6, 7]],
    )
    np.testing.assert_array_equal(add_bias_column([5]), [[1, 5]])


def test_normal_equation_exact_line() -> None:
    x = np.array([-1.0, 0.0, 2.0, 3.0])
    weights = normal_equation(add_bias_column(x), 4.0 - 0.5 * x)
    np.testing.assert_allclose(weights, [4.0, -0.5], rtol=1e-12)


def test_normal_equation_hand_computed_least_squares() -> None:
    # points (0, 0), (1, 1), (2, 1): slope 1/2, intercept 1/6 by hand
    weights = normal_equation(add_bias_column([0, 1, 2]), [0, 1, 1])
    np.testing.assert_allclose(weights, [1 / 6, 1 / 2], rtol=1e-12)


def test_normal_equation_matches_lstsq_on_weather(weather_design) -> None:
    X, y = weather_design
    expected = np.linalg.lstsq(X, y, rcond=None)[0]
    np.testing.assert_allclose(normal_equation(X, y), expected, rtol=1e-8)


def test_normal_equation_matches_lstsq_on_random_data() -> None:
    X = RNG.normal(size=(50, 6))
    y = RNG.normal(size=50)
    np.testing.assert_allclose(
        normal_equation(X, y), np.linalg.lstsq(X, y, rcond=None)[0],
        rtol=1e-10,
    )


def test_residual_is_orthogonal_to_the_columns(weather_design) -> None:
    X, y = weather_design
    residual = y - predict(X, normal_equation(X, y))
    # X^T r = 0, relative to the size of X^T y
    assert np.max(np.abs(X.T @ residual)) < 1e-9 * np.max(np.abs(X.T @ y))


@pytest.mark.parametrize("ridge", [0.1, 10.0, 1000.0])
def test_ridge_matches_stacked_least_squares(weather_design, ridge) -> None:
    X, y = weather_design
    np.testing.assert_allclose(
        normal_equation(X, y, ridge=ridge), ridge_by_lstsq(X, y, ridge),
        rtol=1e-8,
    )


def test_singular_design_raises_and_ridge_fixes_it(weather_design) -> None:
    X, y = weather_design
    # the daily range temp_max - temp_min depends on two other columns
    singular = np.column_stack([X, X[:, 1] - X[:, 2]])
    with pytest.raises(errors.SingularMatrixError) as info:
        normal_equation(singular, y)
    message = str(info.value)
    assert "ridge" in message and "rank 4 < 5" in message
    weights = normal_equation(singular, y, ridge=1.0)
    assert np.all(np.isfinite(weights))
    np.testing.assert_allclose(
        weights, ridge_by_lstsq(singular, y, 1.0), rtol=1e-8
    )


def test_duplicated_column_and_too_few_rows_are_singular() -> None:
    X = RNG.normal(size=(20, 2))
    with pytest.raises(errors.SingularMatrixError, match="ridge"):
        normal_equation(np.column_stack([X, X[:, 0]]), RNG.normal(size=20))
    with pytest.raises(errors.SingularMatrixError, match="rank 2 < 3"):
        normal_equation(RNG.normal(size=(2, 3)), [1.0, 2.0])


def test_ridge_shrinks_the_weights(weather_design) -> None:
    X, y = weather_design
    norms = [np.linalg.norm(normal_equation(X, y, ridge=r))
             for r in (0.0, 1.0, 1e3, 1e6)]
    assert norms == sorted(norms, reverse=True)


def test_predict_hand_computed() -> None:
    X = [[1, 2, 0], [1, 0, 3]]
    np.testing.assert_array_equal(predict(X, [1, 2, -1]), [5, -2])


def test_errors_hand_computed_and_match_numpy() -> None:
    y = np.array([3.0, -1.0, 2.0, 0.0])
    y_hat = np.array([2.5, 0.0, 2.0, -2.0])
    assert mean_absolute_error(y_hat, y) == pytest.approx(3.5 / 4)
    assert mean_squared_error(y_hat, y) == pytest.approx(5.25 / 4)
    a, b = RNG.normal(size=(2, 30))
    assert mean_absolute_error(a, b) == pytest.approx(
        float(np.abs(a - b).mean()), rel=1e-14
    )
    assert mean_squared_error(a, b) == pytest.approx(
        float(((a - b) ** 2).mean()), rel=1e-14
    )
    assert isinstance(mean_absolute_error(a, b), float)
    assert isinstance(mean_squared_error(a, b), float)


@pytest.mark.parametrize(
    "call, error, words",
    [
        (lambda: add_bias_column(np.ones((2, 2, 2))), errors.ShapeError,
         "dimension"),
        (lambda: add_bias_column([]), errors.EmptyInputError, "empty"),
        (lambda: add_bias_column([[1, np.nan]]), errors.NonFiniteError,
         "non-finite"),
        (lambda: add_bias_column([[1, 2], [3]]), errors.ShapeError,
         "ragged"),
        (lambda: normal_equation(np.ones((3, 2)), [1, 2]),
         errors.ShapeError, "3 rows"),
        (lambda: normal_equation([1, 2, 3], [1, 2, 3]), errors.ShapeError,
         "(3,)"),
        (lambda: normal_equation(np.eye(2), [[1], [2]]), errors.ShapeError,
         "(2, 1)"),
        (lambda: normal_equation(np.zeros((0, 2)), []),
         errors.EmptyInputError, "empty"),
        (lambda: normal_equation(np.eye(2), [1, np.nan]),
         errors.NonFiniteError, "non-finite"),
        (lambda: normal_equation([[1, 2], [3]], [1, 2]), errors.ShapeError,
         "ragged"),
        (lambda: normal_equation(np.eye(2), [1, 2], ridge=-1.0),
         errors.ParameterError, ">= 0"),
        (lambda: normal_equation(np.eye(2), [1, 2], ridge=np.nan),
         errors.ParameterError, "finite"),
        (lambda: normal_equation(np.eye(2), [1, 2], ridge="big"),
         errors.ParameterError, "number"),
        (lambda: predict(np.ones((3, 2)), [1, 2, 3]), errors.ShapeError,
         "3 weights"),
        (lambda: predict([1, 2], [1, 2]), errors.ShapeError, "(2,)"),
        (lambda: predict([[1, 2]], []), errors.EmptyInputError, "empty"),
        (lambda: predict([[1, np.inf]], [1, 2]), errors.NonFiniteError,
         "non-finite"),
        (lambda: mean_absolute_error([1, 2], [1, 2, 3]), errors.ShapeError,
         "(2,) and (3,)"),
        (lambda: mean_absolute_error([], []), errors.EmptyInputError,
         "empty"),
        (lambda: mean_absolute_error([1, np.nan], [1, 2]),
         errors.NonFiniteError, "non-finite"),
        (lambda: mean_squared_error([[1, 2]], [[1, 2]]), errors.ShapeError,
         "(1, 2)"),
        (lambda: mean_squared_error([[1], [1, 2]], [1, 2]),
         errors.ShapeError, "ragged"),
    ],
)
def test_bad_input_gets_a_clear_error(call, error, words) -> None:
    with pytest.raises(error) as info:
        call()
    assert words in str(info.value)
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize(
    "function",
    [predict, mean_absolute_error, mean_squared_error,
     lambda a, b: normal_equation(np.ones((2, 2)), b)],
)
@pytest.mark.parametrize(
    "second, error, words",
    [
        ([], errors.EmptyInputError, "empty"),
        ([1.0, np.nan], errors.NonFiniteError, "non-finite"),
        ([[1.0], [1.0, 2.0]], errors.ShapeError, "ragged"),
        (["a", "b"], errors.ShapeError, "numbers"),
    ],
)
def test_every_function_rejects_a_bad_vector(function, second, error,
                                             words) -> None:
    first = [1.0, 2.0] if function in (mean_absolute_error,
                                       mean_squared_error) else np.eye(2)
    with pytest.raises(error, match=words):
        function(first, second)

