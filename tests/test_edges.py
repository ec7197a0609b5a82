"""mathdl at the edges: no silent wrong answer, no unclear error (issue 15).

Property-based tests (hypothesis, profile in conftest.py) hold mathdl to
independent references, numpy.linalg and hand computations, never to
itself: bad input of every kind gets a mathdl.errors error that names it;
scale-invariant algorithms give the same answer for ``s * A`` as for
``A`` over the whole float64 range; every documented guarantee is tried.
"""

import math

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from mathdl import errors
from mathdl.activations import softmax
from mathdl.calculus import derivative, gradient
from mathdl.data import stratified_split
from mathdl.describing_data import (
    NEARLY_CONSTANT,
    correlation,
    mean,
    min_max_scale,
    standard_deviation,
    standardize,
    variance,
)
from mathdl.eigenvectors import power_iteration, power_iteration_trace
from mathdl.embeddings import factorize, ppmi
from mathdl.first_network import SigmoidNetwork
from mathdl.gradient_check import relative_error
from mathdl.initialisation_and_search import (
    log_uniform,
    normal_weights,
    random_search,
)
from mathdl.losses import (
    check_labels,
    cross_entropy,
    cross_entropy_gradient,
    mean_squared_error_loss,
    softmax_cross_entropy_gradient,
)
from mathdl.matrices import (
    condition_number,
    determinant,
    inverse,
    is_singular,
    matmul,
    rank,
)
from mathdl.network import MLP
from mathdl.optimize import (
    first_step_within,
    gradient_descent,
    minibatch_gradient_descent,
)
from mathdl.pca import pca
from mathdl.probability import deal_hands
from mathdl.regression import ERROR_BOUND_LIMIT, normal_equation
from mathdl.svd import truncated_svd
from mathdl.vectors import angle_between, cosine_similarity, dot, l2_norm

EPS = np.finfo(np.float64).eps

# -- strategies ------------------------------------------------------------

#: Exponents k of exact scale factors 2**k over most of the float64 range.
exponents = st.integers(min_value=-900, max_value=900)


def small_int_matrices(rows=(2, 5), columns=(2, 5)):
    """Integer matrices: their rank is exact and often deficient."""
    return st.tuples(
        st.integers(*rows), st.integers(*columns)
    ).flatmap(
        lambda shape: hnp.arrays(
            np.float64, shape, elements=st.integers(-3, 3).map(float)
        )
    )


def vectors(n=(2, 6), low=-1e3, high=1e3):
    """Vectors of ordinary numbers (0, or at least 1e-100 in magnitude,
    so that scaling by 2**-900 does not underflow)."""
    return st.integers(*n).flatmap(
        lambda size: hnp.arrays(
            np.float64, size,
            elements=st.floats(low, high, allow_nan=False,
                               allow_infinity=False).filter(
                lambda v: v == 0 or abs(v) >= 1e-100),
        )
    )


# -- 1. one conversion layer: real numbers only ------------------------------

BAD_INPUTS = {
    "complex": (np.array([1 + 2j, 3 + 0j]), "np.real"),
    "masked": (np.ma.masked_array([1.0, 2.0], mask=[0, 1]), "masked"),
    "datetime": (np.array(["2012-01-01", "2012-01-02"],
                          dtype="datetime64[D]"), "dates"),
    "timedelta": (np.array([1, 2], dtype="timedelta64[s]"), "durations"),
    "None inside": (np.array([1.0, None], dtype=object), "None"),
    "text": (np.array(["1", "2"]), "text"),
    "object": (np.array([1.0, {}], dtype=object), "dict"),
}

#: Public functions and how to feed them one bad vector ``v``.
VECTOR_FUNCTIONS = {
    "l2_norm": lambda v: l2_norm(v),
    "dot": lambda v: dot(v, [1.0, 1.0]),
    "angle_between": lambda v: angle_between([1.0, 1.0], v),
    "mean": lambda v: mean(v),
    "variance": lambda v: variance(v),
    "standardize": lambda v: standardize(v),
    "min_max_scale": lambda v: min_max_scale(v),
    "correlation": lambda v: correlation(v, [1.0, 2.0]),
    "matmul": lambda v: matmul([[1.0, 0.0], [0.0, 1.0]], v),
    "inverse": lambda v: inverse([v, v]),
    "rank": lambda v: rank([v, v]),
    "power_iteration": lambda v: power_iteration([v, v]),
    "normal_equation": lambda v: normal_equation([v, v], [1.0, 2.0]),
    "cross_entropy": lambda v: cross_entropy([v, v], [0, 1]),
    "mse_loss": lambda v: mean_squared_error_loss(v, [0.0, 0.0]),
    "softmax": lambda v: softmax(v),
    "gradient_descent": lambda v: gradient_descent(lambda w: w, v, 0.1, 1),
    "gradient": lambda v: gradient(lambda w: float(np.sum(w)), v),
    "relative_error": lambda v: relative_error(v, [1.0, 1.0]),
    "MLP.forward": lambda v: MLP([2, 2]).forward([v]),
}


@given(
    function=st.sampled_from(sorted(VECTOR_FUNCTIONS)),
    kind=st.sampled_from(sorted(BAD_INPUTS)),
)
def test_non_real_input_is_refused_by_name(function, kind):
    bad, named = BAD_INPUTS[kind]
    with pytest.raises(errors.NotRealError, match=named):
        VECTOR_FUNCTIONS[function](bad)


def test_the_refusals_say_what_to_do():
    with pytest.raises(errors.NotRealError, match=r"np\.real\(\.\.\.\)"):
        inverse([[1 + 2j, 2 + 3j], [3 + 4j, 4 + 5j]])
    with pytest.raises(errors.NotRealError, match="compressed"):
        mean(np.ma.masked_array([1.0, 2.0, 1e6], mask=[0, 0, 1]))
    with pytest.raises(errors.NotRealError, match=r"x\[1\] is None"):
        mean([1.0, None])
    # A masked array with nothing masked is just its data.
    assert mean(np.ma.masked_array([1.0, 3.0], mask=[0, 0])) == 2.0
    with pytest.raises(errors.OutOfRangeError, match="too large"):
        mean([10**400, 1])
    # Hermitian matrices are refused, not reduced to their real part.
    with pytest.raises(errors.NotRealError):
        power_iteration([[2, 1 - 1j], [1 + 1j, 3]])


@given(st.lists(st.one_of(st.integers(-10**6, 10**6), st.booleans(),
                          st.floats(-1e300, 1e300)), min_size=1, max_size=8))
def test_real_input_converts_like_python_float(values):
    expected = [float(v) for v in values]
    size = max(abs(v) for v in expected)
    assert mean(values, axis=None) == pytest.approx(
        math.fsum(expected) / len(expected), rel=1e-12,
        abs=8 * EPS * size + 1e-300)


@given(st.one_of(st.booleans(), st.text(max_size=3), st.none(),
                 st.complex_numbers(allow_nan=False, min_magnitude=1)))
def test_scalar_hyperparameters_are_real_numbers(value):
    with pytest.raises(errors.ParameterError):
        gradient_descent(lambda w: w, 1.0, value, 1)


# -- 2. numerically honest algorithms ----------------------------------------


@given(small_int_matrices(), exponents)
def test_rank_singularity_and_condition_ignore_scale(matrix, k):
    scaled = np.ldexp(matrix, k)
    expected = np.linalg.matrix_rank(matrix)  # the reference, unscaled
    assert rank(matrix) == expected
    assert rank(scaled) == expected
    if matrix.shape[0] == matrix.shape[1]:
        assert is_singular(scaled) == (expected < matrix.shape[0])
    assert condition_number(scaled) == condition_number(matrix)


def test_rank_and_inverse_at_the_top_of_the_range():
    A = 1e308 * np.array([[1.0, 1.0], [1.0, -1.0]])
    assert rank(A) == 2
    np.testing.assert_allclose(inverse(A) @ A, np.eye(2), atol=1e-15)
    with pytest.raises(errors.OutOfRangeError):
        inverse(1e-308 * np.eye(2) / 16)


@given(small_int_matrices((2, 4), (2, 4)).filter(
    lambda m: m.shape[0] == m.shape[1]), exponents)
def test_determinant_matches_numpy_and_scales_or_refuses(matrix, k):
    n = matrix.shape[0]
    reference = np.linalg.det(matrix)
    assert determinant(matrix) == pytest.approx(reference, abs=1e-9)
    true_exponent = (math.log2(abs(reference)) + k * n) if abs(
        reference) > 0.5 else None
    if true_exponent is None:
        assert determinant(np.ldexp(matrix, k)) == 0.0 or abs(
            determinant(np.ldexp(matrix, k))) < 2.0 ** (k * n) * 1e-9
    elif -1000 < true_exponent < 1020:
        assert determinant(np.ldexp(matrix, k)) == pytest.approx(
            reference * 2.0 ** (k * n), rel=1e-9)
    elif true_exponent > 1025:
        with pytest.raises(errors.OutOfRangeError):
            determinant(np.ldexp(matrix, k))


def test_determinant_of_huge_equal_entries_is_zero():
    assert determinant([[1e200, 1e200], [1e200, 1e200]]) == 0.0


@given(st.integers(3, 8).flatmap(lambda n: st.tuples(
    vectors(n=(n, n)), vectors(n=(n, n)))), exponents, exponents)
def test_correlation_ignores_scale_and_matches_numpy(pair, kx, ky):
    x, y = pair
    assume(np.any(x) and np.any(y))
    try:
        r = correlation(x, y)
    except errors.ConstantFeatureError:
        assert min(np.std(x) / np.max(np.abs(x)),
                   np.std(y) / np.max(np.abs(y))) <= 2 * NEARLY_CONSTANT
        return
    assert r == pytest.approx(np.corrcoef(x, y)[0, 1], abs=1e-9)
    assert correlation(np.ldexp(x, kx), np.ldexp(y, ky)) == r


def test_correlation_of_huge_values():
    assert correlation([1e200, 2e200, 3e200], [1, 2, 3]) == 1.0


def nearly_constant_columns():
    """Columns that try to break "deviation 1": a base value plus a few
    units in the last place, or an ordinary spread, at any scale."""
    base = st.floats(1e-3, 1e3)
    ulps = st.lists(st.integers(-4, 4), min_size=2, max_size=12)
    tiny = st.builds(lambda b, u: b + np.array(u) * b * EPS, base, ulps)
    normal = hnp.arrays(np.float64, st.integers(2, 12),
                        elements=st.floats(-1e3, 1e3))
    return st.tuples(st.one_of(tiny, normal), exponents).map(
        lambda pair: np.ldexp(pair[0], pair[1]))


@given(nearly_constant_columns())
def test_standardize_keeps_its_promise_or_refuses(column):
    assume(np.any(column))
    try:
        z, centre, spread = standardize(column)
    except errors.ConstantFeatureError:
        # Refused only when the column really is (nearly) constant.
        scaled = column / np.max(np.abs(column))
        assert np.std(scaled) <= 2 * NEARLY_CONSTANT
        return
    assert abs(np.std(z) - 1.0) <= 1e-12          # "deviation 1"
    assert abs(np.mean(z)) <= 1e-6                # "mean 0"
    assert np.all(np.isfinite(z))
    np.testing.assert_allclose(centre + spread * z, column,
                               rtol=1e-9, atol=1e-9 * np.max(np.abs(column)))


def test_standardize_examples_of_the_issue():
    with pytest.raises(errors.ConstantFeatureError, match="nearly"):
        standardize([0.1 * 3, 0.3, 0.3])
    z = standardize([1e-200, 2e-200, 3e-200])[0]
    np.testing.assert_allclose(z, [-1.224744871391589, 0, 1.224744871391589])


@given(vectors(n=(2, 10)), exponents)
def test_moments_at_any_scale(x, k):
    assume(np.any(x != 0))
    scaled = np.ldexp(x, k)
    assert mean(scaled) == np.ldexp(mean(x), k)
    assert standard_deviation(scaled) == np.ldexp(standard_deviation(x), k)
    reference = np.std(x)
    assert standard_deviation(x) == pytest.approx(reference, rel=1e-12,
                                                  abs=1e-300)
    if 2 * k < 1000:
        assert variance(scaled) == pytest.approx(
            reference**2 * 4.0**k, rel=1e-12, abs=1e-300)
    else:
        try:
            assert np.isfinite(variance(scaled))
        except errors.OutOfRangeError:
            pass


def symmetric_matrices():
    return st.integers(2, 4).flatmap(
        lambda n: hnp.arrays(np.float64, (n, n),
                             elements=st.integers(-5, 5).map(float))
    ).map(lambda B: B + B.T)


@given(symmetric_matrices(), exponents)
def test_power_iteration_matches_eigh_at_any_scale(S, k):
    values = np.linalg.eigh(S)[0]
    by_size = np.sort(np.abs(values))
    assume(by_size[-1] > 0 and by_size[-1] - by_size[-2] > 0.5)
    expected = values[np.argmax(np.abs(values))]
    value, vector = power_iteration(S, steps=5000)
    assert value == pytest.approx(expected, rel=1e-9)
    np.testing.assert_allclose(S @ vector, value * vector, atol=1e-7)
    scaled_value, scaled_vector = power_iteration(np.ldexp(S, k), steps=5000)
    assert scaled_value == np.ldexp(value, k)
    np.testing.assert_array_equal(scaled_vector, vector)
    trace = power_iteration_trace(np.ldexp(S, k), steps=3)
    np.testing.assert_array_equal(trace, power_iteration_trace(S, steps=3))


def test_power_iteration_of_a_huge_matrix_converges():
    A = np.array([[2.0, 1.0], [1.0, 2.0]])
    value, _ = power_iteration(1e200 * A)
    assert value == pytest.approx(3e200, rel=1e-10)


@given(st.integers(3, 8).flatmap(lambda n: hnp.arrays(
    np.float64, (n, 3), elements=st.integers(-9, 9).map(float))), exponents)
def test_pca_and_svd_ignore_scale(X, k):
    assume(np.linalg.matrix_rank(X - X.mean(axis=0)) == 3)
    components, ratio, projected = pca(X, 2)
    values, vectors_ = np.linalg.eigh(np.cov(X, rowvar=False))
    np.testing.assert_allclose(ratio, values[::-1][:2] / values.sum(),
                               atol=1e-10)
    for row, reference in zip(components, vectors_[:, ::-1].T, strict=False):
        assert abs(abs(row @ reference) - 1.0) < 1e-8
    scaled = pca(np.ldexp(X, k), 2)
    np.testing.assert_allclose(scaled[0], components, atol=1e-12)
    np.testing.assert_allclose(scaled[1], ratio, atol=1e-12)
    np.testing.assert_allclose(np.ldexp(projected, k), scaled[2],
                               rtol=1e-9, atol=np.ldexp(1e-9, k))
    assert np.array_equal(truncated_svd(np.ldexp(X, k), 2)[1],
                          np.ldexp(truncated_svd(X, 2)[1], k))


@given(st.integers(2, 4).flatmap(lambda n: hnp.arrays(
    np.float64, (n, n), elements=st.integers(0, 5).map(float))), exponents)
def test_ppmi_ignores_scale(counts, k):
    assume(counts.sum() > 0)
    total = counts.sum()
    expected = np.outer(counts.sum(axis=1), counts.sum(axis=0)) / total
    with np.errstate(divide="ignore", invalid="ignore"):
        reference = np.where(counts > 0, np.log(counts / expected), 0.0)
    reference = np.maximum(reference, 0.0)
    np.testing.assert_allclose(ppmi(counts), reference, atol=1e-12)
    np.testing.assert_allclose(ppmi(np.ldexp(counts, k)), ppmi(counts),
                               atol=1e-12)


@given(vectors(n=(1, 6)), exponents)
def test_relative_error_ignores_scale(g, k):
    assume(np.any(g != 0))
    assert relative_error(np.ldexp(g, k), np.ldexp(-g, k)) == 1.0
    noisy = g * (1 + 1e-6)
    assert relative_error(np.ldexp(g, k), np.ldexp(noisy, k)) == (
        relative_error(g, noisy))


@given(st.floats(1e-300, 1e300))
def test_angles_are_accurate_for_nearly_parallel_vectors(t):
    # The angle between (1, t) and (1, 0) is atan(t), by hand.
    assert angle_between([1.0, t], [1.0, 0.0]) == pytest.approx(
        math.atan(t), rel=4 * EPS)
    assert angle_between([1.0, 1.0], [2.0, 2.0]) == 0.0
    assert cosine_similarity([1.0, t], [1.0, 0.0]) <= 1.0


@given(st.integers(5, 40), st.integers(1, 16), st.integers(0, 3))
def test_normal_equation_is_accurate_or_refuses(n, degree, seed):
    assume(degree < n)
    t = np.linspace(0.0, 1.0, n)
    X = np.vander(t, degree + 1, increasing=True)
    y = np.random.default_rng(seed).normal(size=n)
    reference, *_ = np.linalg.lstsq(X, y, rcond=None)
    kappa = np.linalg.cond(X)
    try:
        w = normal_equation(X, y)
    except errors.SingularMatrixError as error:
        assert "lstsq" in str(error)
        assert kappa**2 * EPS > ERROR_BOUND_LIMIT / 4
        return
    assert kappa**2 * EPS <= ERROR_BOUND_LIMIT * 4
    error = np.linalg.norm(w - reference) / np.linalg.norm(reference)
    assert error <= 10 * kappa**2 * EPS + 1e-12


def test_normal_equation_refuses_the_ill_conditioned_design_of_the_issue():
    t = np.linspace(0, 1, 40)
    with pytest.raises(errors.SingularMatrixError, match="lstsq"):
        normal_equation(np.vander(t, 16, increasing=True), np.sin(t))


# -- 3. losses check their inputs ------------------------------------------


@given(hnp.arrays(np.float64, st.tuples(st.integers(1, 4), st.integers(2, 5)),
                  elements=st.floats(0.0, 1.0)))
def test_losses_refuse_rows_that_are_not_distributions(P):
    labels = np.zeros(P.shape[0], dtype=int)
    sums = P.sum(axis=1)
    losses = (cross_entropy, cross_entropy_gradient,
              softmax_cross_entropy_gradient)
    if np.all(np.abs(sums - 1) <= 1e-6):
        for loss in losses:
            loss(P, labels)
    else:
        for loss in losses:
            with pytest.raises(errors.ParameterError, match="sum to 1"):
                loss(P, labels)


@given(st.one_of(
    st.floats(3, 1e300).map(lambda v: np.array([float(np.floor(v))])),
    st.integers(3, 2**64 - 1).map(lambda v: np.array([v], np.uint64)),
    st.integers(-2**63, -1).map(lambda v: np.array([v], np.int64)),
))
def test_labels_out_of_range_are_reported_as_they_are(labels):
    with pytest.raises(errors.LabelError) as caught:
        check_labels(labels, 1, 3)
    shown = str(caught.value).rsplit("got ", 1)[1]
    assert float(shown) == pytest.approx(float(labels[0]), rel=1e-5)


def test_backward_pass_refuses_label_minus_one():
    model = MLP([2, 3, 2], seed=0)
    pre, act = model.forward_pass([[1.0, 2.0]])
    with pytest.raises(errors.LabelError):
        model.backward_pass(pre, act, np.array([-1]))


def test_first_step_within_needs_one_target_row():
    with pytest.raises(errors.ShapeError, match="one row"):
        first_step_within([8.0, 4, 2, 1], [8.0, 0, 0, 0], 0.5)
    assert first_step_within([[8.0, 1], [0.1, 0]], [0.0, 0.0], 0.5) == 1


# -- 4. hyperparameters and seeds ------------------------------------------

SEEDED = {
    "MLP": lambda seed: MLP([2, 2], seed=seed),
    "SigmoidNetwork": lambda seed: SigmoidNetwork(2, 2, seed=seed),
    "MLP.fit": lambda seed: MLP([1, 2]).fit([[0.0]], [0], 1, 1, 0.1,
                                           seed=seed),
    "power_iteration": lambda seed: power_iteration([[1.0]], seed=seed),
    "factorize": lambda seed: factorize([[1.0]], 1, steps=1, seed=seed),
    "normal_weights": lambda seed: normal_weights([2, 2], 1.0, seed),
    "deal_hands": lambda seed: deal_hands(1, seed),
    "random_search": lambda seed: random_search(
        lambda a: a, {"a": [1]}, 1, seed),
    "minibatch": lambda seed: minibatch_gradient_descent(
        lambda w, b: w, 1.0, 2, 1, 0.1, 1, seed=seed),
    "stratified_split": lambda seed: stratified_split([0, 1], 0.5, seed),
}


@given(st.sampled_from(sorted(SEEDED)),
       st.one_of(st.integers(max_value=-1), st.floats(allow_nan=False),
                 st.booleans(), st.text(max_size=2), st.none()))
def test_every_seed_is_checked_the_same_way(function, seed):
    with pytest.raises(errors.ParameterError, match="seed"):
        SEEDED[function](seed)


def test_errors_blame_the_real_cause():
    with pytest.raises(errors.ParameterError, match="seed"):
        log_uniform(1e-3, 1.0, 3, seed=-1)
    with pytest.raises(errors.ParameterError, match="too small to move"):
        MLP([2, 2]).fit([[0.0, 1.0]], [0], 1, 1, 5e-324)
    with pytest.raises(errors.OutOfRangeError, match="inputs are too large"):
        MLP([2, 4, 2]).fit(1e300 * np.ones((4, 2)), [0, 1, 0, 1], 1, 2, 0.1)
    with pytest.raises(errors.NonFiniteError, match="at the start"):
        gradient_descent(lambda w: 2 * w, 1e308, 0.1, 3)
    with pytest.raises(errors.OutOfRangeError, match="before any step"):
        factorize([[1e200, 1e200]], 1, steps=1)
    with pytest.raises(errors.ParameterError, match="keyword"):
        random_search(lambda x: x, {"a": [1]}, 1, 0)
    with pytest.raises(errors.ParameterError, match="return a number"):
        random_search(lambda a: "low", {"a": [1]}, 1, 0)
    with pytest.raises(errors.ParameterError, match="real number"):
        random_search(lambda a: a, {"a": ("x", 2, "linear")}, 1, 0)


@given(st.floats(1e-300, 1e300), st.sampled_from(["forward", "central"]))
def test_derivative_refuses_complex_function_values(x, method):
    with pytest.raises(errors.NotRealError, match="complex"):
        derivative(lambda v: v * 1j, x, method=method)
