"""mathdl.vectors against numpy.linalg and hand-computed values."""

from __future__ import annotations

import math

import numpy as np
import pytest

from mathdl import errors
from mathdl.vectors import (
    angle_between,
    change_basis,
    cosine_similarity,
    dot,
    l2_norm,
    linear_combination,
    unit_vector,
)

RNG = np.random.default_rng(20261122)


@pytest.mark.parametrize(
    "v, expected",
    [([3, 4], 5.0), ([1, 2, 2], 3.0), ([0, 0], 0.0), ([-5], 5.0)],
)
def test_l2_norm_hand_computed(v, expected) -> None:
    assert l2_norm(v) == pytest.approx(expected, rel=1e-15)


@pytest.mark.parametrize("n", [1, 2, 3, 10, 1000])
def test_l2_norm_matches_numpy(n) -> None:
    v = RNG.normal(size=n)
    assert l2_norm(v) == pytest.approx(np.linalg.norm(v), rel=1e-13)


def test_l2_norm_does_not_overflow() -> None:
    assert l2_norm([3e200, 4e200]) == pytest.approx(5e200, rel=1e-15)


def test_dot_matches_numpy() -> None:
    u, v = RNG.normal(size=(2, 7))
    assert dot(u, v) == pytest.approx(float(np.dot(u, v)), rel=1e-13)
    assert dot([1, 2, 3], [4, 5, 6]) == 32.0


def test_cosine_and_angle_hand_computed() -> None:
    assert cosine_similarity([1, 0], [0, 3]) == pytest.approx(0.0, abs=1e-15)
    assert cosine_similarity([1, 1], [2, 2]) == pytest.approx(1.0)
    assert angle_between([1, 0], [1, 1]) == pytest.approx(math.pi / 4)
    assert angle_between([1, 0], [-1, 0]) == pytest.approx(math.pi)


def test_change_basis_rebuilds_the_vector() -> None:
    basis = RNG.normal(size=(4, 4))
    v = RNG.normal(size=4)
    coordinates = change_basis(v, basis)
    np.testing.assert_allclose(basis @ coordinates, v, rtol=1e-12)
    np.testing.assert_allclose(
        coordinates, np.linalg.solve(basis, v), rtol=1e-12
    )


def test_unit_vector_matches_numpy() -> None:
    v = RNG.normal(size=5)
    np.testing.assert_allclose(
        unit_vector(v), v / np.linalg.norm(v), rtol=1e-14
    )
    np.testing.assert_allclose(unit_vector([0, -2]), [0.0, -1.0])


def test_linear_combination_hand_computed_and_numpy() -> None:
    np.testing.assert_array_equal(
        linear_combination([2, -1], [[1, 0], [1, 3]]), [1.0, -3.0]
    )
    coefficients = RNG.normal(size=3)
    vectors = RNG.normal(size=(3, 6))
    np.testing.assert_allclose(
        linear_combination(coefficients, vectors),
        coefficients @ vectors,
        rtol=1e-12,
    )


def test_cosine_and_angle_match_numpy() -> None:
    u, v = RNG.normal(size=(2, 9))
    cosine = float(np.dot(u, v) / (np.linalg.norm(u) * np.linalg.norm(v)))
    assert cosine_similarity(u, v) == pytest.approx(cosine, rel=1e-12)
    assert angle_between(u, v) == pytest.approx(np.arccos(cosine))
    assert math.degrees(angle_between([1, 0], [1, math.sqrt(3)])) == (
        pytest.approx(60.0)
    )


def test_cosine_is_clipped_for_parallel_vectors() -> None:
    v = RNG.normal(size=50)
    assert cosine_similarity(v, 3 * v) <= 1.0
    assert angle_between(v, 3 * v) == pytest.approx(0.0, abs=1e-7)


def test_change_basis_orthonormal_gives_dot_products() -> None:
    q, _ = np.linalg.qr(RNG.normal(size=(3, 3)))
    v = RNG.normal(size=3)
    np.testing.assert_allclose(change_basis(v, q), q.T @ v, atol=1e-12)


def test_change_basis_hand_computed() -> None:
    # (5, 1) = 3 * (1, 1) + 2 * (1, -1)
    np.testing.assert_allclose(
        change_basis([5, 1], [[1, 1], [1, -1]]), [3.0, 2.0]
    )
    np.testing.assert_array_equal(change_basis([2, 7], np.eye(2)), [2, 7])


@pytest.mark.parametrize(
    "call, error, words",
    [
        (lambda: l2_norm([[1, 2]]), errors.ShapeError, "shape (1, 2)"),
        (lambda: l2_norm([]), errors.EmptyInputError, "empty"),
        (lambda: l2_norm([1, np.nan]), errors.NonFiniteError, "non-finite"),
        (lambda: dot([1, 2], [1, 2, 3]), errors.ShapeError, "(2,) and (3,)"),
        (lambda: dot([[1], [2, 3]], [1]), errors.ShapeError, "ragged"),
        (lambda: cosine_similarity([0, 0], [1, 1]), errors.ParameterError,
         "zero vector"),
        (lambda: change_basis([1, 2], [[1, 2], [2, 4]]),
         errors.NotABasisError, "linearly dependent"),
        (lambda: change_basis([1, 2, 3], np.eye(2)), errors.ShapeError,
         "(2, 2)"),
        (lambda: change_basis([1, 2], np.ones((2, 3))), errors.ShapeError,
         "square"),
        (lambda: unit_vector([0, 0, 0]), errors.ParameterError,
         "no direction"),
        (lambda: linear_combination([1, 2], [[1, 0], [0, 1], [1, 1]]),
         errors.ShapeError, "(2,)"),
        (lambda: linear_combination([1], [1, 0]), errors.ShapeError,
         "vectors must have 2"),
        (lambda: cosine_similarity([1, np.inf], [1, 1]),
         errors.NonFiniteError, "non-finite"),
        (lambda: angle_between([1, 2], [0, 0]), errors.ParameterError,
         "zero vector"),
        (lambda: change_basis([1, 2], [[1, 2], [2, np.nan]]),
         errors.NonFiniteError, "basis"),
    ],
)
def test_bad_input_gets_a_clear_error(call, error, words) -> None:
    with pytest.raises(error) as info:
        call()
    assert words in str(info.value)
    assert isinstance(info.value, ValueError)
