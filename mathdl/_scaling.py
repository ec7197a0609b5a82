"""Exact rescaling, so that algorithms work over the whole float64 range.

Multiplying by a power of two is exact in floating point (barring
overflow and underflow), so an algorithm run on ``A / s`` and scaled back
gives the same bits as on ``A`` wherever ``A`` itself is safe, and a
usable answer where ``A``'s squares or products would overflow to
infinity or underflow to zero.
"""

from __future__ import annotations

from typing import Any, overload

import numpy as np

from mathdl.errors import OutOfRangeError

__all__ = ["binary_scale", "check_representable"]


@overload
def binary_scale(array: np.ndarray, axis: None = None) -> float: ...
@overload
def binary_scale(array: np.ndarray, axis: int) -> np.ndarray: ...
def binary_scale(
    array: np.ndarray, axis: int | None = None
) -> np.ndarray | float:
    """Return the power of two ``s`` with ``1 <= max|array / s| < 2``.

    Along ``axis`` (kept as a length-1 axis, to broadcast) or over the
    whole array; an all-zero slice gets ``s = 1``.

    >>> binary_scale(np.array([3.0, -5.0]))
    4.0
    >>> binary_scale(np.array([[1.0, 0.0], [3.0, 0.0]]), axis=0)
    array([[2., 1.]])
    """
    largest = np.max(np.abs(array), axis=axis, keepdims=axis is not None)
    _, exponent = np.frexp(largest)
    scale = np.ldexp(1.0, exponent - 1)
    scale = np.where(largest == 0.0, 1.0, scale)
    return float(scale) if np.ndim(scale) == 0 else scale


def check_representable(value: Any, what: str) -> Any:
    """Return ``value`` if it is finite, else raise OutOfRangeError.

    For results computed from finite input: a non-finite one means the
    true result is beyond the float64 range.
    """
    if not np.all(np.isfinite(value)):
        raise OutOfRangeError(
            f"{what} is beyond the float64 range (about "
            f"{np.finfo(np.float64).max:.3g}): it would be inf or NaN"
        )
    return value
