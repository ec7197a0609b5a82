"""The statistics part of mathdl (describing_data, probability,
maximum_likelihood, initialisation_and_search) against NumPy's own
statistics and hand-worked cases."""

from __future__ import annotations

import math

import numpy as np
import pytest

from mathdl import errors
from mathdl.describing_data import (
    correlation,
    covariance,
    mean,
    median,
    min_max_scale,
    min_max_unscale,
    standard_deviation,
    standardize,
    unstandardize,
    variance,
)
from mathdl.initialisation_and_search import (
    grid_search,
    he_std,
    log_uniform,
    normal_weights,
    random_search,
    xavier_std,
)
from mathdl.maximum_likelihood import (
    categorical_log_likelihood,
    gaussian_log_likelihood,
)
from mathdl.probability import (
    deal_hands,
    is_straight,
    monte_carlo_estimate,
    normal_pdf,
    running_mean,
)

RNG = np.random.default_rng(20261207)
TABLE = RNG.normal(loc=[3.0, -40.0, 1e4], scale=[0.5, 7.0, 300.0],
                   size=(50, 3))


# Describing data ----------------------------------------------------------


def test_hand_computed_small_cases() -> None:
    data = [2, 4, 4, 4, 5, 5, 7, 9]
    assert mean(data) == 5.0
    assert median(data) == 4.5
    assert variance(data) == 4.0
    assert variance(data, ddof=1) == pytest.approx(32 / 7, rel=1e-15)
    assert standard_deviation(data) == 2.0
    assert covariance([1, 2, 3], [1, 3, 5]) == pytest.approx(4 / 3)


@pytest.mark.parametrize("axis", [0, 1, None])
def test_mean_and_median_match_numpy(axis) -> None:
    np.testing.assert_allclose(
        mean(TABLE, axis=axis), np.mean(TABLE, axis=axis), rtol=1e-14
    )
    np.testing.assert_allclose(
        median(TABLE, axis=axis), np.median(TABLE, axis=axis), rtol=1e-14
    )


@pytest.mark.parametrize("ddof", [0, 1, 2])
@pytest.mark.parametrize("axis", [0, 1, None])
def test_variance_and_deviation_match_numpy(axis, ddof) -> None:
    np.testing.assert_allclose(
        variance(TABLE, axis=axis, ddof=ddof),
        np.var(TABLE, axis=axis, ddof=ddof),
        rtol=1e-12,
    )
    np.testing.assert_allclose(
        standard_deviation(TABLE, axis=axis, ddof=ddof),
        np.std(TABLE, axis=axis, ddof=ddof),
        rtol=1e-12,
    )


def test_one_number_comes_back_as_a_python_float() -> None:
    for value in (mean(TABLE[:, 0]), variance(TABLE[:, 0]),
                  median(TABLE, axis=None), covariance([1, 2], [2, 1])):
        assert type(value) is float


def test_variance_is_shift_invariant_for_huge_offsets() -> None:
    values = 1e9 + np.array([4.0, 7.0, 13.0, 16.0])
    assert variance(values, ddof=1) == pytest.approx(30.0, rel=1e-9)


@pytest.mark.parametrize("ddof", [0, 1])
def test_covariance_matches_numpy_cov(ddof) -> None:
    x, y = TABLE[:, 0], TABLE[:, 1]
    assert covariance(x, y, ddof=ddof) == pytest.approx(
        np.cov(x, y, ddof=ddof)[0, 1], rel=1e-12
    )


def test_correlation_matches_numpy_corrcoef() -> None:
    for first, second in ((0, 1), (1, 2), (0, 2)):
        x, y = TABLE[:, first], TABLE[:, second]
        assert correlation(x, y) == pytest.approx(
            np.corrcoef(x, y)[0, 1], rel=1e-12, abs=1e-14
        )
    assert correlation([1, 2, 3], [-2, -4, -6]) == -1.0


# Scaling ----------------------------------------------------------------


def test_min_max_scale_hand_computed() -> None:
    scaled, low, high = min_max_scale([[2.0, -1.0], [4.0, 3.0], [3.0, 1.0]])
    np.testing.assert_array_equal(
        scaled, [[0.0, 0.0], [1.0, 1.0], [0.5, 0.5]]
    )
    np.testing.assert_array_equal(low, [2.0, -1.0])
    np.testing.assert_array_equal(high, [4.0, 3.0])


def test_min_max_columns_span_zero_to_one() -> None:
    scaled, _, _ = min_max_scale(TABLE)
    np.testing.assert_array_equal(scaled.min(axis=0), 0.0)
    np.testing.assert_allclose(scaled.max(axis=0), 1.0, rtol=1e-15)


@pytest.mark.parametrize("data", [TABLE, TABLE[:, 1]])
def test_scale_then_unscale_returns_the_input(data) -> None:
    scaled, low, high = min_max_scale(data)
    np.testing.assert_allclose(
        min_max_unscale(scaled, low, high), data, rtol=1e-12, atol=1e-12
    )
    z, centre, spread = standardize(data)
    np.testing.assert_allclose(
        unstandardize(z, centre, spread), data, rtol=1e-12, atol=1e-12
    )


def test_standardised_columns_have_mean_zero_and_deviation_one() -> None:
    z, centre, spread = standardize(TABLE)
    np.testing.assert_allclose(np.mean(z, axis=0), 0.0, atol=1e-12)
    np.testing.assert_allclose(np.std(z, axis=0), 1.0, rtol=1e-12)
    np.testing.assert_allclose(centre, np.mean(TABLE, axis=0), rtol=1e-14)
    np.testing.assert_allclose(spread, np.std(TABLE, axis=0), rtol=1e-12)


def test_statistics_of_one_column_are_floats() -> None:
    _, low, high = min_max_scale([1.0, 3.0])
    _, centre, spread = standardize([1.0, 3.0])
    assert (low, high, centre, spread) == (1.0, 3.0, 2.0, 1.0)


# Sampling -----------------------------------------------------------------


def test_normal_pdf_hand_computed_and_integrates_to_one() -> None:
    assert normal_pdf(0.0) == pytest.approx(1 / math.sqrt(2 * math.pi))
    assert normal_pdf(13.0, mean=10.0, std=3.0) == pytest.approx(
        math.exp(-0.5) / (3.0 * math.sqrt(2 * math.pi)), rel=1e-14
    )
    grid = np.linspace(-40.0, 60.0, 200_001)
    density = normal_pdf(grid, mean=10.0, std=5.0)
    assert np.trapezoid(density, grid) == pytest.approx(1.0, rel=1e-9)
    assert np.trapezoid(grid * density, grid) == pytest.approx(10.0)


def test_running_mean_matches_a_loop() -> None:
    values = RNG.normal(size=20)
    expected = [sum(values[: k + 1]) / (k + 1) for k in range(20)]
    np.testing.assert_allclose(running_mean(values), expected, rtol=1e-12)


def test_monte_carlo_estimate_hand_computed() -> None:
    estimate, error = monte_carlo_estimate([1, 0, 0, 0])
    assert estimate == 0.25
    # sample deviation of (1, 0, 0, 0) is 1/2, so SE = 0.5 / 2
    assert error == pytest.approx(0.25, rel=1e-15)


def test_is_straight_hand_computed() -> None:
    hands = [
        [8, 9, 10, 11, 12],      # 10-J-Q-K-A of one suit
        [12, 13, 27, 41, 3],     # A-2-3-4-5 mixed suits
        [11, 12, 13, 14, 15],    # K-A-2-3-4: no wrap-around
        [0, 1, 2, 3, 5],         # 2-3-4-5-7
        [0, 14, 28, 42, 4],      # 2-3-4-5-6 mixed suits
    ]
    np.testing.assert_array_equal(
        is_straight(hands), [True, True, False, False, True]
    )


def test_deal_hands_is_reproducible_and_uses_each_card_once() -> None:
    first, second = deal_hands(1000, seed=7), deal_hands(1000, seed=7)
    np.testing.assert_array_equal(first, second)
    assert not np.array_equal(first, deal_hands(1000, seed=8))
    assert first.min() >= 0 and first.max() <= 51
    assert all(len(set(hand)) == 5 for hand in first.tolist())
    # every card turns up about equally often, whatever the chunk size
    counts = np.bincount(deal_hands(20_000, seed=1, chunk=999).ravel(),
                         minlength=52)
    expected = 20_000 * 5 / 52
    assert np.all(np.abs(counts - expected) < 5 * math.sqrt(expected))


def test_monte_carlo_straight_is_within_four_standard_errors() -> None:
    exact = (10 * 4**5) / math.comb(52, 5)
    estimate, error = monte_carlo_estimate(
        is_straight(deal_hands(200_000, seed=2024))
    )
    assert abs(estimate - exact) < 4 * error
    assert error == pytest.approx(
        math.sqrt(exact * (1 - exact) / 200_000), rel=0.05
    )


def test_monte_carlo_normal_mean_is_within_four_standard_errors() -> None:
    samples = np.random.default_rng(3).normal(2.5, 3.0, size=10_000)
    estimate, error = monte_carlo_estimate(samples)
    assert abs(estimate - 2.5) < 4 * error
    assert error == pytest.approx(3.0 / 100, rel=0.05)


# Maximum likelihood ---------------------------------------------------------


def test_gaussian_log_likelihood_sums_normal_log_densities() -> None:
    residuals, sigma = RNG.normal(size=9), 1.7
    densities = np.exp(-(residuals**2) / (2 * sigma**2)) / math.sqrt(
        2 * math.pi * sigma**2
    )
    assert gaussian_log_likelihood(residuals, sigma) == pytest.approx(
        float(np.sum(np.log(densities))), rel=1e-12
    )


def test_categorical_log_likelihood_hand_computed() -> None:
    probabilities = [[0.2, 0.8], [0.6, 0.4], [0.1, 0.9]]
    expected = math.log(0.8) + math.log(0.6) + math.log(0.9)
    assert categorical_log_likelihood(probabilities, [1, 0, 1]) == (
        pytest.approx(expected, rel=1e-14)
    )
    assert categorical_log_likelihood([[1.0, 0.0]], [1]) == -math.inf


# Initialisation and search -----------------------------------------------


def test_initialisation_deviations_hand_computed() -> None:
    assert xavier_std(3, 5) == pytest.approx(0.5, rel=1e-15)
    assert he_std(8) == 0.5


def test_normal_weights_shapes_and_deviations() -> None:
    sizes = [300, 500, 200]
    for std, expected in [(0.05, [0.05, 0.05]),
                          ("xavier", [0.05, math.sqrt(2 / 700)]),
                          ("he", [math.sqrt(2 / 300), math.sqrt(2 / 500)])]:
        weights = normal_weights(sizes, std, seed=3)
        assert [w.shape for w in weights] == [(300, 500), (500, 200)]
        for w, sigma in zip(weights, expected, strict=True):
            assert abs(float(np.mean(w))) < 4 * sigma / math.sqrt(w.size)
            assert float(np.std(w)) == pytest.approx(sigma, rel=0.01)
    first = normal_weights([4, 3], 1.0, seed=9)[0]
    np.testing.assert_array_equal(
        first, np.random.default_rng(9).normal(0.0, 1.0, size=(4, 3))
    )


def test_log_uniform_logs_are_uniform() -> None:
    draws = log_uniform(1e-3, 10.0, 20_000, seed=5)
    assert draws.min() >= 1e-3 and draws.max() <= 10.0
    exponents = np.log10(draws)
    # uniform on [-3, 1]: mean -1, variance 16 / 12
    assert np.mean(exponents) == pytest.approx(-1.0, abs=0.03)
    assert np.var(exponents) == pytest.approx(16 / 12, rel=0.03)


def _bowl(learning_rate: float, width: int) -> float:
    return (math.log10(learning_rate) + 1.5) ** 2 + 0.01 * width


SPACE = {"learning_rate": (1e-4, 1.0, "log"), "width": [8, 16, 32]}


def test_random_search_is_reproducible_for_a_seed() -> None:
    first, best = random_search(_bowl, SPACE, trials=15, seed=11)
    second, best_again = random_search(_bowl, SPACE, trials=15, seed=11)
    assert first == second and best == best_again
    other, _ = random_search(_bowl, SPACE, trials=15, seed=12)
    assert other != first


def test_random_search_returns_the_lowest_score() -> None:
    history, best = random_search(_bowl, SPACE, trials=40, seed=0)
    assert len(history) == 40
    assert best.score == min(trial.score for trial in history)
    assert best.score == _bowl(**best.params)
    rates = [trial.params["learning_rate"] for trial in history]
    assert all(1e-4 <= rate <= 1.0 for rate in rates)
    assert {trial.params["width"] for trial in history} == {8, 16, 32}


def test_grid_search_tries_every_combination() -> None:
    grid = {"learning_rate": [1e-3, 1e-2, 1e-1], "width": [8, 32]}
    history, best = grid_search(_bowl, grid)
    assert [tuple(t.params.values()) for t in history] == [
        (1e-3, 8), (1e-3, 32), (1e-2, 8), (1e-2, 32), (1e-1, 8), (1e-1, 32)
    ]
    assert best.params == {"learning_rate": 1e-2, "width": 8}


def test_a_diverged_trial_scores_infinity() -> None:
    def objective(learning_rate: float) -> float:
        if learning_rate > 0.1:
            raise errors.DivergenceError("loss became inf")
        return float("nan") if learning_rate > 0.01 else learning_rate

    history, best = grid_search(
        objective, {"learning_rate": [0.5, 0.05, 0.001]}
    )
    assert [trial.score for trial in history] == [math.inf, math.inf, 0.001]
    assert best.params == {"learning_rate": 0.001}


# Bad input ----------------------------------------------------------------


@pytest.mark.parametrize(
    "call, error, words",
    [
        (lambda: mean([]), errors.EmptyInputError, "empty"),
        (lambda: mean([1, np.inf]), errors.NonFiniteError, "non-finite"),
        (lambda: mean([[1, 2]], axis=2), errors.ParameterError,
         "out of range"),
        (lambda: variance([np.nan, 1.0]), errors.NonFiniteError,
         "non-finite"),
        (lambda: variance([3.0], ddof=1), errors.ParameterError,
         "degree of freedom"),
        (lambda: variance([1, 2], ddof=-1), errors.ParameterError, ">= 0"),
        (lambda: standard_deviation([], ddof=0), errors.EmptyInputError,
         "empty"),
        (lambda: covariance([1, 2], [1, 2, 3]), errors.ShapeError,
         "(2,) and (3,)"),
        (lambda: correlation([1, 1, 1], [1, 2, 3]),
         errors.ConstantFeatureError, "constant"),
        (lambda: min_max_scale([[1, 5], [2, 5]]),
         errors.ConstantFeatureError, "column(s) [1]"),
        (lambda: min_max_scale([]), errors.EmptyInputError, "empty"),
        (lambda: min_max_scale([1.0, np.nan]), errors.NonFiniteError,
         "non-finite"),
        (lambda: min_max_scale(np.ones((2, 2, 2))), errors.ShapeError,
         "(2, 2, 2)"),
        (lambda: standardize([[0.1, 2.0], [0.1, 3.0], [0.1, 4.0]]),
         errors.ConstantFeatureError, "divide by zero"),
        (lambda: standardize([[np.inf, 1.0]]), errors.NonFiniteError,
         "non-finite"),
        (lambda: standardize(np.empty((0, 3))), errors.EmptyInputError,
         "empty"),
        (lambda: min_max_unscale([0.5], 2.0, 2.0), errors.ParameterError,
         "exceed"),
        (lambda: min_max_unscale([[0.5, 0.5]], [0, 0, 0], [1, 1, 1]),
         errors.ShapeError, "(3,)"),
        (lambda: unstandardize([0.5], 1.0, 0.0), errors.ParameterError,
         "positive"),
        (lambda: unstandardize([[0.5]], [1.0, 2.0], 1.0), errors.ShapeError,
         "(2,)"),
        (lambda: monte_carlo_estimate([1.0]), errors.ParameterError,
         "at least 2"),
        (lambda: is_straight([[0, 1, 2, 3]]), errors.ShapeError, "(n, 5)"),
        (lambda: is_straight([[0, 1, 2, 3, 52]]), errors.ParameterError,
         "0..51"),
        (lambda: is_straight([[0, 0, 2, 3, 4]]), errors.ParameterError,
         "twice"),
        (lambda: deal_hands(10, seed=-1), errors.ParameterError, ">= 0"),
        (lambda: gaussian_log_likelihood([1.0], sigma=0.0),
         errors.ParameterError, "positive"),
        (lambda: categorical_log_likelihood([[0.5, 0.6]], [0]),
         errors.ParameterError, "sum to 1"),
        (lambda: categorical_log_likelihood([[0.5, 0.5]], [2]),
         errors.LabelError, "0..1"),
        (lambda: xavier_std(0, 3), errors.ParameterError, "at least 1"),
        (lambda: normal_pdf([0.0], std=-1.0), errors.ParameterError,
         "positive"),
        (lambda: normal_weights([4], 0.1, seed=0), errors.ParameterError,
         "two sizes"),
        (lambda: normal_weights([4, 2], "lecun", seed=0),
         errors.ParameterError, "'xavier' or 'he'"),
        (lambda: normal_weights([4, 2], 0.0, seed=0),
         errors.ParameterError, "positive"),
        (lambda: log_uniform(1.0, 0.1, 3),
         errors.ParameterError, "below"),
        (lambda: random_search(_bowl, SPACE, trials=0, seed=0),
         errors.ParameterError, "at least 1"),
        (lambda: random_search("f", SPACE, trials=3, seed=0),
         errors.ParameterError, "function"),
        (lambda: random_search(_bowl, {"width": (1, 2)}, trials=3, seed=0),
         errors.ParameterError, "list of choices"),
        (lambda: random_search(_bowl, {"learning_rate": (1e-3, 1, "exp")},
                               trials=3, seed=0),
         errors.ParameterError, "'log' or 'linear'"),
        (lambda: grid_search(lambda learning_rate: math.inf,
                             {"learning_rate": [1.0, 2.0]}),
         errors.DivergenceError, "all 2 trials"),
        (lambda: grid_search(_bowl, {"width": []}), errors.ParameterError,
         "values"),
    ],
)
def test_bad_input_gets_a_clear_error(call, error, words) -> None:
    with pytest.raises(error) as info:
        call()
    assert words in str(info.value)
    assert isinstance(info.value, ValueError)
