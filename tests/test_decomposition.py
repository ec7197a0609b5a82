"""mathdl.eigenvectors, pca, svd and embeddings (split from the old
mathdl.decomposition) against numpy.linalg, finite differences and
hand-computed values."""

from __future__ import annotations

import math

import numpy as np
import pytest

from mathdl import errors
from mathdl.data import load_digits
from mathdl.eigenvectors import power_iteration, power_iteration_trace
from mathdl.embeddings import (
    cooccurrence_matrix,
    factorization_loss,
    factorize,
    factorize_with_history,
    ppmi,
)
from mathdl.pca import covariance_matrix, pca, reconstruct
from mathdl.svd import (
    low_rank_approximation,
    pca_by_svd,
    svd_factors,
    truncated_svd,
)

RNG = np.random.default_rng(20261108)


def random_symmetric(eigenvalues, seed: int) -> np.ndarray:
    """Q diag(eigenvalues) Q^T for a random orthogonal Q."""
    size = len(eigenvalues)
    rng = np.random.default_rng(seed)
    q, _ = np.linalg.qr(rng.normal(size=(size, size)))
    return q @ np.diag(eigenvalues) @ q.T


def assert_equal_up_to_sign(rows, reference_rows, atol) -> None:
    pairs = zip(np.atleast_2d(rows), np.atleast_2d(reference_rows),
                strict=True)
    for row, reference in pairs:
        sign = 1.0 if row @ reference >= 0 else -1.0
        np.testing.assert_allclose(row, sign * reference, atol=atol)


# Power iteration ---------------------------------------------------------


def test_power_iteration_hand_computed() -> None:
    eigenvalue, eigenvector = power_iteration([[2, 1], [1, 2]])
    assert eigenvalue == pytest.approx(3.0, rel=1e-12)
    np.testing.assert_allclose(eigenvector, [math.sqrt(0.5)] * 2, rtol=1e-10)


@pytest.mark.parametrize("size", [2, 3, 6, 20])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_power_iteration_matches_eigh(size, seed) -> None:
    rng = np.random.default_rng(seed)
    # Eigenvalues in [-1, 1] and one of magnitude 2: ratio at most 1/2.
    spectrum = rng.uniform(-1.0, 1.0, size=size)
    spectrum[rng.integers(size)] = rng.choice([-2.0, 2.0])
    A = random_symmetric(spectrum, seed)
    eigenvalues, eigenvectors = np.linalg.eigh(A)
    top = np.argmax(np.abs(eigenvalues))
    eigenvalue, eigenvector = power_iteration(A)
    assert eigenvalue == pytest.approx(eigenvalues[top], rel=1e-10)
    assert_equal_up_to_sign(eigenvector, eigenvectors[:, top], atol=1e-8)
    assert np.linalg.norm(eigenvector) == pytest.approx(1.0, rel=1e-12)


def test_power_iteration_finds_a_negative_dominant_eigenvalue() -> None:
    A = random_symmetric([-5.0, 2.0, 1.0], seed=3)
    eigenvalue, eigenvector = power_iteration(A)
    assert eigenvalue == pytest.approx(-5.0, rel=1e-10)
    np.testing.assert_allclose(A @ eigenvector, -5.0 * eigenvector,
                               atol=1e-9)


def test_power_iteration_of_the_zero_matrix() -> None:
    eigenvalue, eigenvector = power_iteration(np.zeros((3, 3)))
    assert eigenvalue == 0.0
    assert np.linalg.norm(eigenvector) == pytest.approx(1.0)


def test_power_iteration_matches_eigh_on_the_digit_covariance() -> None:
    X, _ = load_digits()
    C = np.cov(X, rowvar=False)
    eigenvalues, eigenvectors = np.linalg.eigh(C)
    eigenvalue, eigenvector = power_iteration(C)
    assert eigenvalue == pytest.approx(eigenvalues[-1], rel=1e-10)
    assert_equal_up_to_sign(eigenvector, eigenvectors[:, -1], atol=1e-8)


@pytest.mark.parametrize("ratio", [0.3, 0.6, 0.9])
def test_power_iteration_error_shrinks_by_the_eigenvalue_ratio(ratio) -> None:
    A = random_symmetric([2.0, 2.0 * ratio, 0.5 * ratio], seed=4)
    top = np.linalg.eigh(A)[1][:, -1]
    trace = power_iteration_trace(A, steps=60)
    # Component of each iterate orthogonal to the top eigenvector.
    errors_k = np.linalg.norm(trace - np.outer(trace @ top, top), axis=1)
    late = errors_k[(errors_k > 1e-10) & (errors_k < 1e-2)]
    assert len(late) >= 5
    np.testing.assert_allclose(late[1:] / late[:-1], ratio, rtol=1e-3)


def test_power_iteration_trace_rows_are_unit_vectors() -> None:
    trace = power_iteration_trace(random_symmetric([3, 1, 1], 0), 10)
    assert trace.shape == (11, 3)
    np.testing.assert_allclose(np.linalg.norm(trace, axis=1), 1.0)


def test_power_iteration_without_a_dominant_eigenvalue_fails() -> None:
    with pytest.raises(errors.DivergenceError) as info:
        power_iteration([[1.0, 0.0], [0.0, -1.0]], steps=200)
    assert "did not converge" in str(info.value)


# Covariance and PCA ------------------------------------------------------


@pytest.mark.parametrize("ddof", [0, 1, 2])
def test_covariance_matrix_matches_numpy_cov(ddof) -> None:
    X = RNG.normal(size=(50, 4)) @ RNG.normal(size=(4, 4)) + 3.0
    np.testing.assert_allclose(
        covariance_matrix(X, ddof=ddof),
        np.cov(X, rowvar=False, ddof=ddof), rtol=1e-12,
    )


def test_covariance_matrix_divides_by_n_by_default() -> None:
    # The example: 8.0 with n - 1, 16/3 with n (as numpy.var).
    X = [[1.0], [3.0], [5.0], [7.0]]
    assert covariance_matrix(X)[0, 0] == pytest.approx(np.var([1, 3, 5, 7]))
    assert covariance_matrix(X)[0, 0] == pytest.approx(5.0)
    assert covariance_matrix(X, ddof=1)[0, 0] == pytest.approx(20.0 / 3.0)
    assert covariance_matrix([[1.0, 2.0]])[0, 0] == 0.0


def svd_reference(X: np.ndarray):
    """Explained-variance ratios and components from the SVD of the
    centred data, the reference for pca."""
    centred = X - X.mean(axis=0)
    _, singular_values, right = np.linalg.svd(centred, full_matrices=False)
    variances = singular_values**2
    return variances / variances.sum(), right, centred


def synthetic_data() -> np.ndarray:
    scales = np.array([5.0, 3.0, 2.0, 1.0, 0.5, 0.2])
    rotation, _ = np.linalg.qr(RNG.normal(size=(6, 6)))
    return RNG.normal(size=(300, 6)) * scales @ rotation.T + 1.5


@pytest.mark.parametrize("n_components", [1, 3, 6])
def test_pca_matches_the_svd_of_the_centred_data(n_components) -> None:
    X = synthetic_data()
    ratio_ref, right, centred = svd_reference(X)
    components, ratio, projected = pca(X, n_components)
    assert components.shape == (n_components, 6)
    np.testing.assert_allclose(ratio, ratio_ref[:n_components], atol=1e-10)
    assert_equal_up_to_sign(components, right[:n_components], atol=1e-8)
    np.testing.assert_allclose(
        np.abs(projected), np.abs(centred @ right[:n_components].T),
        atol=1e-8,
    )


def test_pca_on_the_digits_matches_the_svd() -> None:
    X, _ = load_digits()
    ratio_ref, right, _ = svd_reference(X.astype(float))
    components, ratio, projected = pca(X, 64)
    np.testing.assert_allclose(ratio, ratio_ref, atol=1e-10)
    assert ratio.sum() == pytest.approx(1.0, abs=1e-12)
    # Only well-separated eigenvalues have a unique eigenvector.
    assert_equal_up_to_sign(components[:10], right[:10], atol=1e-8)
    np.testing.assert_allclose(components @ components.T, np.eye(64),
                               atol=1e-10)


@pytest.mark.parametrize("n_components", [1, 3, 6])
def test_pca_by_svd_matches_the_svd_reference(n_components) -> None:
    X = synthetic_data()
    ratio_ref, right, centred = svd_reference(X)
    components, ratio, projected = pca_by_svd(X, n_components)
    np.testing.assert_allclose(ratio, ratio_ref[:n_components], atol=1e-12)
    assert_equal_up_to_sign(components, right[:n_components], atol=1e-10)
    np.testing.assert_allclose(projected, centred @ components.T,
                               atol=1e-10)
    same = pca(X, n_components)
    np.testing.assert_allclose(components, same[0], atol=1e-8)


def test_pca_by_svd_keeps_a_tiny_variance_exact() -> None:
    # Two orthogonal directions by construction: shares 1/(1 + d^2) and
    # d^2/(1 + d^2). The covariance route loses the small one.
    d = 1e-8
    a = np.array([1.0, -1.0, 1.0, -1.0])
    b = d * np.array([1.0, 1.0, -1.0, -1.0])
    thin = np.column_stack([3 * a - 4 * b, 4 * a + 3 * b])
    _, ratio, _ = pca_by_svd(thin, 2)
    assert ratio[1] == pytest.approx(d**2 / (1 + d**2), rel=1e-6)


def test_reconstruct_with_every_component_is_exact() -> None:
    X = synthetic_data()
    components, _, projected = pca(X, 6)
    np.testing.assert_allclose(
        reconstruct(projected, components, X.mean(axis=0)), X, atol=1e-10
    )


def test_reconstruct_with_k_components_is_the_orthogonal_projection() -> None:
    X = synthetic_data()
    _, right, centred = svd_reference(X)
    components, _, projected = pca(X, 2)
    expected = centred @ right[:2].T @ right[:2] + X.mean(axis=0)
    np.testing.assert_allclose(
        reconstruct(projected, components, X.mean(axis=0)), expected,
        atol=1e-10,
    )
    one = reconstruct(projected[0], components, X.mean(axis=0))
    np.testing.assert_allclose(one, expected[0], atol=1e-10)


# SVD and low-rank approximation -----------------------------------------


def test_truncated_svd_matches_numpy() -> None:
    A = RNG.normal(size=(7, 5))
    left, singular_values, right = truncated_svd(A, 3)
    u_ref, s_ref, vt_ref = np.linalg.svd(A)
    np.testing.assert_allclose(singular_values, s_ref[:3], rtol=1e-12)
    assert_equal_up_to_sign(right, vt_ref[:3], atol=1e-10)
    assert_equal_up_to_sign(left.T, u_ref[:, :3].T, atol=1e-10)
    np.testing.assert_allclose(A @ right.T, left * singular_values,
                               atol=1e-10)


@pytest.mark.parametrize("rank", [1, 2, 4, 6])
def test_low_rank_error_is_eckart_young(rank) -> None:
    A = RNG.normal(size=(9, 6))
    approximation = low_rank_approximation(A, rank)
    singular_values = np.linalg.svd(A, compute_uv=False)
    expected = math.sqrt(np.sum(singular_values[rank:] ** 2))
    assert np.linalg.norm(A - approximation) == pytest.approx(
        expected, rel=1e-10, abs=1e-12
    )
    assert np.linalg.matrix_rank(approximation) == rank


def test_low_rank_beats_other_matrices_of_that_rank() -> None:
    A = RNG.normal(size=(8, 8))
    best = np.linalg.norm(A - low_rank_approximation(A, 2))
    for _ in range(20):
        other = RNG.normal(size=(8, 2)) @ RNG.normal(size=(2, 8))
        assert np.linalg.norm(A - other) > best


def test_svd_factors_multiply_to_the_rank_k_sum() -> None:
    A = RNG.normal(size=(4, 5))
    P, Q = svd_factors(A, 2)
    u, s, vt = np.linalg.svd(A)
    expected = sum(s[i] * np.outer(u[:, i], vt[i]) for i in range(2))
    assert P.shape == (4, 2) and Q.shape == (2, 5)
    np.testing.assert_allclose(P @ Q, expected, atol=1e-12)


# Matrix factorisation ----------------------------------------------------


def test_factorization_loss_hand_computed() -> None:
    R = [[1.0, np.nan], [2.0, 4.0]]
    mask = [[True, False], [True, True]]
    # U @ V = [[1, 1], [2, 2]]: errors 0, 0, -2 on the observed entries.
    loss = factorization_loss(R, [[1.0], [2.0]], [[1.0, 1.0]], mask)
    assert loss == pytest.approx(4.0 / 3.0, rel=1e-15)


def test_factorize_recovers_a_planted_rank_2_matrix() -> None:
    rng = np.random.default_rng(7)
    planted = rng.normal(size=(30, 2)) @ rng.normal(size=(2, 20))
    observed = rng.random(planted.shape) < 0.6
    R = np.where(observed, planted, np.nan)
    U, V = factorize(R, 2, observed, learning_rate=0.5, steps=5000)
    held_out = np.abs(U @ V - planted)[~observed]
    # Stated tolerance: every hidden entry within 1e-6 (entries ~ 1).
    assert held_out.max() < 1e-6
    assert np.abs(U @ V - planted)[observed].max() < 1e-6


def test_factorize_loss_decreases_to_zero_on_a_rank_1_matrix() -> None:
    R = np.outer([1.0, 2.0, 3.0], [1.0, -1.0, 0.5])
    U, V, history = factorize_with_history(R, 1, steps=3000)
    assert list(history) == ["loss"]
    losses = history["loss"]
    assert losses.shape == (3001,) and losses.dtype == np.float64
    assert losses[-1] < 1e-12 * losses[0]
    assert losses[-1] == pytest.approx(factorization_loss(R, U, V),
                                       abs=1e-20)
    np.testing.assert_allclose(U @ V, R, atol=1e-6)


def test_factorization_loss_penalty_hand_computed() -> None:
    R = [[1.0, np.nan], [2.0, 4.0]]
    mask = [[True, False], [True, True]]
    # |U|^2 = 1 + 4, |V|^2 = 1 + 1: the penalty adds 0.1 * 7.
    loss = factorization_loss(R, [[1.0], [2.0]], [[1.0, 1.0]], mask,
                              ridge=0.1)
    assert loss == pytest.approx(4.0 / 3.0 + 0.7, rel=1e-15)


def numerical_gradient(f, M: np.ndarray, h: float = 1e-6) -> np.ndarray:
    """Central differences of f with respect to every entry of M."""
    gradient = np.zeros_like(M)
    for index in np.ndindex(M.shape):
        up, down = M.copy(), M.copy()
        up[index] += h
        down[index] -= h
        gradient[index] = (f(up) - f(down)) / (2 * h)
    return gradient


@pytest.mark.parametrize("ridge", [0.0, 0.01, 0.5])
def test_factorize_step_is_the_gradient_of_the_loss(ridge) -> None:
    rng = np.random.default_rng(11)
    R = rng.normal(size=(4, 5)) * 2
    observed = rng.random(R.shape) < 0.7
    R[~observed] = np.nan
    learning_rate = 0.01
    # steps=0 returns the start; steps=1 one step later, from that start.
    U0, V0, _ = factorize_with_history(R, 2, observed, steps=0,
                                       ridge=ridge, seed=3)
    U1, V1, history = factorize_with_history(
        R, 2, observed, learning_rate, steps=1, ridge=ridge, seed=3
    )
    grad_U = numerical_gradient(
        lambda U: factorization_loss(R, U, V0, observed, ridge), U0)
    grad_V = numerical_gradient(
        lambda V: factorization_loss(R, U0, V, observed, ridge), V0)
    np.testing.assert_allclose((U0 - U1) / learning_rate, grad_U,
                               rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose((V0 - V1) / learning_rate, grad_V,
                               rtol=1e-6, atol=1e-8)
    assert history["loss"][0] == pytest.approx(
        factorization_loss(R, U0, V0, observed, ridge), rel=1e-12)
    assert history["loss"][1] == pytest.approx(
        factorization_loss(R, U1, V1, observed, ridge), rel=1e-12)


def test_factorize_with_ridge_zero_is_unchanged() -> None:
    R = np.outer([1.0, 2.0, 3.0], [1.0, -1.0, 0.5])
    plain = factorize(R, 1, steps=200, seed=4)
    zero = factorize(R, 1, steps=200, ridge=0.0, seed=4)
    for a, b in zip(plain, zero, strict=True):
        np.testing.assert_array_equal(a, b)


def test_ridge_ends_at_the_stationary_point_of_the_penalised_loss() -> None:
    # For rank 1 and a full matrix, a minimiser of |uv - R|^2 / mn
    # + lambda(|u|^2 + |v|^2) has u, v along the top singular vectors
    # and |u||v| = sigma_1 - lambda * m * n (the singular value shrunk).
    R = np.outer([1.0, 2.0, 2.0], [2.0, 1.0])
    ridge = 0.05
    U, V = factorize(R, 1, learning_rate=0.05, steps=20000, ridge=ridge)
    sigma = np.linalg.svd(R, compute_uv=False)[0]
    product = np.linalg.norm(U) * np.linalg.norm(V)
    assert product == pytest.approx(sigma - ridge * R.size, rel=1e-8)
    assert np.linalg.norm(U) == pytest.approx(np.linalg.norm(V), rel=1e-6)


def test_ridge_tames_the_runaway_seed_of_the_chapter() -> None:
    ratings = np.array([[5, 4, 1, 2, 3], [1, 2, 5, 4, 3],
                        [4, 4, 4, 4, 4], [3, 3, 1, 1, 2]], dtype=float)
    observed = np.ones(ratings.shape, dtype=bool)
    for cell in [(0, 2), (1, 0), (2, 4), (3, 3)]:
        observed[cell] = False
    R = np.where(observed, ratings, np.nan)
    plain = [factorize(R, 2, observed, seed=seed) for seed in range(6)]
    tamed = [factorize(R, 2, observed, ridge=0.01, seed=seed)
             for seed in range(6)]
    assert max((U @ V)[1, 0] for U, V in plain) > 20  # seed 2 runs away
    predictions = np.array([(U @ V)[1, 0] for U, V in tamed])
    np.testing.assert_allclose(predictions, predictions[0], atol=1e-3)
    assert 1.0 <= predictions[0] <= 2.0


def test_factorize_accepts_a_0_1_mask() -> None:
    R = np.outer([1.0, 2.0], [1.0, 3.0])
    U, V = factorize(R, 1, [[1, 1], [1, 0]])
    assert (U @ V)[1, 1] == pytest.approx(6.0, rel=1e-6)


def test_factorize_with_a_huge_learning_rate_diverges() -> None:
    with pytest.raises(errors.DivergenceError) as info:
        factorize(RNG.normal(size=(5, 4)) * 10, 2, learning_rate=100.0)
    assert "learning_rate" in str(info.value)


# Co-occurrence and PPMI --------------------------------------------------


def test_cooccurrence_hand_computed() -> None:
    vocabulary, counts = cooccurrence_matrix(
        ["The dog saw the cat", "the cat ran"], window=1, ignore=["the"]
    )
    assert vocabulary == ["cat", "dog", "ran", "saw"]
    expected = np.array(
        [[0, 0, 1, 1],   # cat: saw (sentence 1), ran (sentence 2)
         [0, 0, 0, 1],   # dog: saw
         [1, 0, 0, 0],
         [1, 1, 0, 0]], dtype=float,
    )
    np.testing.assert_array_equal(counts, expected)


def test_cooccurrence_window_reaches_further() -> None:
    _, near = cooccurrence_matrix(["a b c d"], window=1)
    _, far = cooccurrence_matrix(["a b c d"], window=3)
    assert near.sum() == 6 and far.sum() == 12  # 3 and 6 pairs, twice
    np.testing.assert_array_equal(far, 1 - np.eye(4))


def test_ppmi_matches_the_formula_entry_by_entry() -> None:
    counts = RNG.integers(0, 5, size=(4, 6)).astype(float)
    result = ppmi(counts)
    total = counts.sum()
    for a in range(4):
        for b in range(6):
            if counts[a, b] == 0:
                assert result[a, b] == 0.0
                continue
            pmi = math.log(counts[a, b] * total
                           / (counts[a].sum() * counts[:, b].sum()))
            assert result[a, b] == pytest.approx(max(pmi, 0.0), abs=1e-12)


# Bad input ----------------------------------------------------------------


@pytest.mark.parametrize(
    "call, error, words",
    [
        (lambda: power_iteration(np.ones((2, 3))), errors.ShapeError,
         "square"),
        (lambda: power_iteration([[1, 2], [0, 1]]), errors.ParameterError,
         "symmetric"),
        (lambda: power_iteration([1, 2]), errors.ShapeError, "dimension"),
        (lambda: power_iteration(np.eye(2), steps=0), errors.ParameterError,
         "steps"),
        (lambda: power_iteration(np.eye(2), tol=-1.0),
         errors.ParameterError, "tol"),
        (lambda: power_iteration([[1, np.nan], [np.nan, 1]]),
         errors.NonFiniteError, "non-finite"),
        (lambda: power_iteration_trace([[0, 1], [2, 0]]),
         errors.ParameterError, "symmetric"),
        (lambda: covariance_matrix([[1, 2, 3]], ddof=1),
         errors.ParameterError, "no degree of freedom"),
        (lambda: covariance_matrix(np.ones((3, 2)), ddof=-1),
         errors.ParameterError, "ddof"),
        (lambda: pca([[1, 2, 3]], 1), errors.ShapeError, "at least 2 rows"),
        (lambda: pca_by_svd([[1, 2, 3]], 1), errors.ShapeError,
         "at least 2 rows"),
        (lambda: pca_by_svd(np.ones((4, 3)), 1),
         errors.ConstantFeatureError, "constant"),
        (lambda: pca_by_svd(np.eye(3), 4), errors.ParameterError,
         "at most 3"),
        (lambda: pca(np.eye(3), 0), errors.ParameterError, "n_components"),
        (lambda: pca(np.eye(3), 4), errors.ParameterError,
         "at most 3"),
        (lambda: pca(np.eye(3), 1.5), errors.ParameterError,
         "whole number"),
        (lambda: pca(np.ones((4, 3)), 1), errors.ConstantFeatureError,
         "constant"),
        (lambda: reconstruct(np.ones((5, 2)), np.ones((3, 4)), np.ones(4)),
         errors.ShapeError, "3 rows"),
        (lambda: reconstruct(np.ones((5, 2)), np.ones((2, 4)), np.ones(3)),
         errors.ShapeError, "mean"),
        (lambda: low_rank_approximation(np.ones((3, 4)), 4),
         errors.ParameterError, "rank"),
        (lambda: low_rank_approximation(np.ones((3, 4)), 0),
         errors.ParameterError, "rank must be >= 1"),
        (lambda: truncated_svd(np.ones(4), 1), errors.ShapeError,
         "dimension"),
        (lambda: factorize(np.ones((3, 4)), 5), errors.ParameterError,
         "rank"),
        (lambda: factorize(np.ones((3, 4)), 2, np.zeros((3, 4), bool)),
         errors.EmptyInputError, "hides every entry"),
        (lambda: factorize(np.ones((3, 4)), 2, np.ones((4, 3), bool)),
         errors.ShapeError, "(3, 4) and (4, 3)"),
        (lambda: factorize([[1.0, np.nan]], 1, [[True, True]]),
         errors.NonFiniteError, "observed"),
        (lambda: factorize(np.ones((2, 2)), 1, [[2, 0], [1, 1]]),
         errors.ParameterError, "booleans"),
        (lambda: factorize(np.ones((2, 2)), 1, learning_rate=0.0),
         errors.ParameterError, "learning_rate"),
        (lambda: factorize(np.ones((2, 2)), 1, ridge=-0.1),
         errors.ParameterError, "ridge must be >= 0"),
        (lambda: factorize(np.ones((2, 2)), 1, ridge="0.1"),
         errors.ParameterError, "ridge"),
        (lambda: factorize(np.ones((2, 2)), 1, seed=1.5),
         errors.ParameterError, "seed"),
        (lambda: factorization_loss(np.ones((2, 2)), np.ones((2, 1)),
                                    np.ones((1, 2)), ridge=-1.0),
         errors.ParameterError, "ridge"),
        (lambda: factorization_loss(np.ones((2, 3)), np.ones((2, 1)),
                                    np.ones((1, 2))),
         errors.ShapeError, "shape of R"),
        (lambda: cooccurrence_matrix("the cat sat"), errors.ParameterError,
         "list of strings"),
        (lambda: cooccurrence_matrix(["a b"], window=0),
         errors.ParameterError, "window"),
        (lambda: cooccurrence_matrix(["the the"], ignore=["the"]),
         errors.EmptyInputError, "no words"),
        (lambda: ppmi([[1, -1], [0, 1]]), errors.ParameterError,
         "negative"),
        (lambda: ppmi(np.zeros((2, 2))), errors.ParameterError, "all zero"),
    ],
)
def test_bad_input_gets_a_clear_error(call, error, words) -> None:
    with pytest.raises(error) as info:
        call()
    assert words in str(info.value)
    assert isinstance(info.value, ValueError)


# The old module ----------------------------------------------------------


@pytest.mark.parametrize(
    "name, home",
    [("power_iteration", "eigenvectors"), ("covariance_matrix", "pca"),
     ("truncated_svd", "svd"), ("factorize_with_history", "embeddings"),
     ("ppmi", "embeddings")],
)
def test_old_imports_warn_and_forward(name, home) -> None:
    import importlib

    import mathdl.decomposition as old

    new = importlib.import_module(f"mathdl.{home}")
    with pytest.warns(DeprecationWarning, match=f"mathdl.{home}.{name}"):
        assert getattr(old, name) is getattr(new, name)
    with pytest.raises(AttributeError):
        old.not_a_name  # noqa: B018
