"""mathdl.matrices against numpy.linalg, NumPy and hand-computed values."""

from __future__ import annotations

import re

import numpy as np
import pytest

from mathdl import errors
from mathdl.matrices import (
    broadcast_shape,
    condition_number,
    determinant,
    inverse,
    is_singular,
    matmul,
    matmul_by_definition,
    rank,
)

RNG = np.random.default_rng(20261123)


def test_matmul_hand_computed() -> None:
    A = [[1, 2, 3], [4, 5, 6]]
    B = [[1, 0], [0, 1], [1, 1]]
    expected = [[4, 5], [10, 11]]
    np.testing.assert_array_equal(matmul(A, B), expected)
    np.testing.assert_array_equal(matmul_by_definition(A, B), expected)


@pytest.mark.parametrize(
    "shape_a, shape_b",
    [((3, 4), (4, 2)), ((1, 5), (5, 1)), ((6, 1), (1, 6)), ((7, 3), (3,)),
     ((3,), (3, 4)), ((2, 2), (2, 2))],
)
def test_matmul_matches_numpy_operator(shape_a, shape_b) -> None:
    A = RNG.normal(size=shape_a)
    B = RNG.normal(size=shape_b)
    np.testing.assert_allclose(matmul(A, B), A @ B, rtol=1e-14)


def test_matmul_of_two_vectors_is_their_dot_product() -> None:
    u, v = RNG.normal(size=(2, 5))
    result = matmul(u, v)
    assert isinstance(result, float)
    assert result == pytest.approx(float(np.dot(u, v)), rel=1e-14)


def test_matmul_by_definition_matches_einsum() -> None:
    A = RNG.normal(size=(4, 5))
    B = RNG.normal(size=(5, 3))
    np.testing.assert_allclose(
        matmul_by_definition(A, B), np.einsum("ik,kj->ij", A, B),
        rtol=1e-13,
    )


@pytest.mark.parametrize("n", [1, 2, 3, 8])
def test_inverse_times_matrix_is_identity(n) -> None:
    A = RNG.normal(size=(n, n)) + n * np.eye(n)
    A_inv = inverse(A)
    np.testing.assert_allclose(A_inv @ A, np.eye(n), atol=1e-12)
    np.testing.assert_allclose(A @ A_inv, np.eye(n), atol=1e-12)
    np.testing.assert_allclose(A_inv, np.linalg.inv(A), rtol=1e-10)


def test_inverse_of_2x2_by_the_formula() -> None:
    # inverse of [[a, b], [c, d]] is [[d, -b], [-c, a]] / (ad - bc)
    a, b, c, d = 4.0, 7.0, 2.0, 6.0
    expected = np.array([[d, -b], [-c, a]]) / (a * d - b * c)
    np.testing.assert_allclose(inverse([[a, b], [c, d]]), expected,
                               rtol=1e-14)


@pytest.mark.parametrize(
    "A",
    [
        [[1, 2], [2, 4]],
        [[0, 0], [0, 0]],
        [[1, 1], [1, 1 + 1e-15]],           # numerically singular
        [[1, 2, 3], [4, 5, 6], [5, 7, 9]],  # row 3 = row 1 + row 2
    ],
)
def test_singular_matrices_are_detected_and_refused(A) -> None:
    assert is_singular(A) is True
    assert rank(A) < len(A)
    # sigma_max / sigma_min, as numpy.linalg.cond computes it: huge (or
    # inf for an exact zero), while is_singular judges "singular".
    expected = np.linalg.cond(np.array(A, float))
    assert condition_number(A) == pytest.approx(expected, rel=1e-6)
    assert condition_number(A) > 1e15
    with pytest.raises(errors.SingularMatrixError) as info:
        inverse(A)
    assert "singular" in str(info.value)
    assert f"rank is {np.linalg.matrix_rank(np.array(A, float))}" in str(
        info.value
    )


def test_condition_number_is_the_ratio_even_for_a_tiny_determinant():
    nearly = [[1, 1], [1, 1 + 1e-15]]
    assert np.isfinite(condition_number(nearly))
    assert condition_number(nearly) == pytest.approx(
        np.linalg.cond(np.array(nearly)), rel=1e-9)


def test_is_singular_false_for_invertible() -> None:
    assert is_singular([[2, 1], [1, 3]]) is False
    assert is_singular(np.eye(5)) is False


@pytest.mark.parametrize("m, n, r", [(5, 4, 4), (6, 6, 3), (3, 7, 2),
                                     (4, 4, 1), (10, 3, 3)])
def test_rank_matches_numpy(m, n, r) -> None:
    A = RNG.normal(size=(m, r)) @ RNG.normal(size=(r, n))
    assert rank(A) == r == np.linalg.matrix_rank(A)
    assert isinstance(rank(A), int)


def test_rank_of_zero_matrix_is_zero() -> None:
    assert rank(np.zeros((3, 2))) == 0


@pytest.mark.parametrize("n", [2, 3, 5])
def test_determinant_matches_numpy(n) -> None:
    A = RNG.normal(size=(n, n))
    assert determinant(A) == pytest.approx(float(np.linalg.det(A)),
                                           rel=1e-12)


def test_determinant_hand_computed() -> None:
    assert determinant([[3, 1], [2, 4]]) == 10.0
    assert determinant([[2, 0, 0], [0, 3, 0], [0, 0, 4]]) == pytest.approx(
        24.0, rel=1e-14
    )


def test_condition_number_matches_numpy() -> None:
    A = RNG.normal(size=(6, 4))
    assert condition_number(A) == pytest.approx(float(np.linalg.cond(A)),
                                                rel=1e-12)
    assert condition_number(np.diag([10.0, 1.0, 0.1])) == pytest.approx(100)


@pytest.mark.parametrize(
    "shape_a, shape_b",
    [((4, 3), (3,)), ((4, 3), (1, 3)), ((4, 1), (1, 5)), ((), (2, 3)),
     ((2, 1, 3), (4, 1)), ((5,), (5,)), ((1,), (7,)), ((0, 3), (3,)),
     ((3, 1), (0,))],
)
def test_broadcast_shape_matches_numpy(shape_a, shape_b) -> None:
    assert broadcast_shape(shape_a, shape_b) == np.broadcast_shapes(
        shape_a, shape_b
    )
    # the result is the shape NumPy gives an actual sum
    total = np.zeros(shape_a) + np.zeros(shape_b)
    assert broadcast_shape(shape_a, shape_b) == total.shape


@pytest.mark.parametrize(
    "shape_a, shape_b",
    [((4, 3), (4,)), ((2, 3), (3, 2)), ((5,), (4,)), ((2, 1, 3), (4, 2))],
)
def test_broadcast_shape_refuses_what_numpy_refuses(shape_a,
                                                    shape_b) -> None:
    with pytest.raises(ValueError):
        np.broadcast_shapes(shape_a, shape_b)
    with pytest.raises(errors.ShapeError) as info:
        broadcast_shape(shape_a, shape_b)
    assert "do not broadcast" in str(info.value)
    assert str(tuple(shape_a)) in str(info.value)


@pytest.mark.parametrize(
    "call, error, words",
    [
        (lambda: matmul([[1, 2], [3, 4]], [[1, 2, 3]]), errors.ShapeError,
         "(2, 2)"),
        (lambda: matmul([[1, 2], [3, 4]], [[1, 2, 3]]), errors.ShapeError,
         "(1, 3)"),
        (lambda: matmul(np.ones((2, 2, 2)), np.ones((2, 2))),
         errors.ShapeError, "dimension"),
        (lambda: matmul([], [[1]]), errors.EmptyInputError, "empty"),
        (lambda: matmul([[1, np.nan]], [[1], [2]]), errors.NonFiniteError,
         "non-finite"),
        (lambda: matmul([[1, 2], [3]], [[1], [2]]), errors.ShapeError,
         "ragged"),
        (lambda: matmul([["a", "b"]], [[1], [2]]), errors.ShapeError,
         "numbers"),
        (lambda: matmul_by_definition([[1, 2]], [[1, 2]]),
         errors.ShapeError, "inner sizes"),
        (lambda: inverse(np.ones((2, 3))), errors.ShapeError, "square"),
        (lambda: inverse([[1, np.inf], [0, 1]]), errors.NonFiniteError,
         "non-finite"),
        (lambda: inverse([[]]), errors.EmptyInputError, "empty"),
        (lambda: inverse([[1, 2], [3]]), errors.ShapeError, "ragged"),
        (lambda: is_singular(np.ones((3, 2))), errors.ShapeError, "square"),
        (lambda: is_singular([1, 2]), errors.ShapeError, "(2,)"),
        (lambda: rank([1, 2, 3]), errors.ShapeError, "(3,)"),
        (lambda: rank(np.zeros((0, 3))), errors.EmptyInputError, "empty"),
        (lambda: rank([[np.nan]]), errors.NonFiniteError, "non-finite"),
        (lambda: rank([[1], [2, 3]]), errors.ShapeError, "ragged"),
        (lambda: determinant(np.ones((2, 3))), errors.ShapeError, "square"),
        (lambda: condition_number([[]]), errors.EmptyInputError, "empty"),
        (lambda: broadcast_shape((2, -1), (2,)), errors.ParameterError,
         ">= 0"),
        (lambda: broadcast_shape((2.5,), (2,)), errors.ParameterError,
         "whole"),
        (lambda: broadcast_shape(3, (2,)), errors.ParameterError,
         "sequence"),
    ],
)
def test_bad_input_gets_a_clear_error(call, error, words) -> None:
    with pytest.raises(error) as info:
        call()
    assert words in str(info.value)
    assert isinstance(info.value, ValueError)


SQUARE_FUNCTIONS = [inverse, is_singular, rank, determinant,
                    condition_number]


@pytest.mark.parametrize("function", SQUARE_FUNCTIONS)
@pytest.mark.parametrize(
    "bad, error, words",
    [
        (np.zeros((0, 0)), errors.EmptyInputError, "empty"),
        ([[1.0, np.nan], [0.0, 1.0]], errors.NonFiniteError, "non-finite"),
        ([[1.0, 2.0], [3.0]], errors.ShapeError, "ragged"),
        ([1.0, 2.0], errors.ShapeError, "shape (2,)"),
    ],
)
def test_every_matrix_function_rejects_bad_input(function, bad, error,
                                                 words) -> None:
    with pytest.raises(error, match=re.escape(words)):
        function(bad)


@pytest.mark.parametrize("function", [matmul, matmul_by_definition])
@pytest.mark.parametrize(
    "A, B, error",
    [
        (np.zeros((0, 2)), np.ones((2, 2)), errors.EmptyInputError),
        ([[1.0, np.inf]], [[1.0], [2.0]], errors.NonFiniteError),
        ([[1.0], [2.0, 3.0]], [[1.0]], errors.ShapeError),
        (np.ones((2, 3)), np.ones((2, 3)), errors.ShapeError),
    ],
)
def test_both_products_reject_bad_input(function, A, B, error) -> None:
    with pytest.raises(error):
        function(A, B)

