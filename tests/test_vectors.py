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
    ],
)
def test_bad_input_gets_a_clear_error(call, error, words) -> None:
    with pytest.raises(error) as info:
        call()
    assert words in str(info.value)
    assert isinstance(info.value, ValueError)
