"""Input checks shared by every :mod:`mathdl` module.

They turn lists into float arrays and raise a :mod:`mathdl.errors` error
that names the argument and its shape, instead of letting NumPy fail deep
inside a computation or return NaN.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from mathdl.errors import (
    EmptyInputError,
    NonFiniteError,
    ParameterError,
    ShapeError,
)


def as_float_array(
    x: Any,
    name: str,
    ndim: int | tuple[int, ...] | None = None,
    allow_empty: bool = False,
) -> np.ndarray:
    """Return ``x`` as a float64 array, or raise a clear error.

    >>> as_float_array([1, 2], "v")
    array([1., 2.])
    >>> as_float_array([[1, 2], [3]], "A")
    Traceback (most recent call last):
    ...
    mathdl.errors.ShapeError: A is ragged: its rows have different lengths
    """
    try:
        array = np.asarray(x, dtype=np.float64)
    except (ValueError, TypeError) as error:
        if "inhomogeneous" in str(error) or "sequence" in str(error):
            raise ShapeError(
                f"{name} is ragged: its rows have different lengths"
            ) from None
        raise ShapeError(
            f"{name} cannot be read as numbers: {error}"
        ) from None
    if ndim is not None:
        allowed = (ndim,) if isinstance(ndim, int) else ndim
        if array.ndim not in allowed:
            wanted = " or ".join(str(n) for n in allowed)
            raise ShapeError(
                f"{name} must have {wanted} dimension(s), "
                f"got shape {array.shape}"
            )
    if array.size == 0 and not allow_empty:
        raise EmptyInputError(f"{name} is empty (shape {array.shape})")
    if not np.all(np.isfinite(array)):
        bad = int(np.count_nonzero(~np.isfinite(array)))
        raise NonFiniteError(
            f"{name} contains {bad} non-finite value(s) (NaN or inf); "
            f"shape {array.shape}"
        )
    return array


def check_same_shape(
    a: np.ndarray, b: np.ndarray, name_a: str, name_b: str
) -> None:
    """Raise :class:`ShapeError` unless ``a`` and ``b`` have one shape."""
    if a.shape != b.shape:
        raise ShapeError(
            f"{name_a} and {name_b} must have the same shape, "
            f"got {a.shape} and {b.shape}"
        )


def check_positive(value: float, name: str) -> float:
    """Return ``value`` as a float if it is finite and > 0, else raise."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ParameterError(
            f"{name} must be a number, got {value!r}"
        ) from None
    if not np.isfinite(number) or number <= 0:
        raise ParameterError(f"{name} must be positive, got {value!r}")
    return number


def check_non_negative_int(value: Any, name: str) -> int:
    """Return ``value`` as an int if it is a whole number >= 0, else raise."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise ParameterError(
            f"{name} must be a whole number, got {value!r}"
        )
    if value < 0:
        raise ParameterError(f"{name} must be >= 0, got {value}")
    return int(value)


def check_callable(f: Any, name: str) -> Callable[..., Any]:
    """Return ``f`` if it can be called, else raise ParameterError."""
    if not callable(f):
        raise ParameterError(
            f"{name} must be a function, got {type(f).__name__}"
        )
    return f
