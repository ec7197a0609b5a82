"""Errors raised by :mod:`mathdl`.

Every error is a subclass of :class:`ValueError`, so code that already
catches ``ValueError`` keeps working, and each message names the problem
together with the shapes or values involved.

>>> from mathdl.errors import MathDLError, ShapeError
>>> issubclass(ShapeError, MathDLError) and issubclass(ShapeError, ValueError)
True
"""

from __future__ import annotations

__all__ = [
    "MathDLError",
    "ShapeError",
    "EmptyInputError",
    "NonFiniteError",
    "SingularMatrixError",
    "NotABasisError",
    "DivergenceError",
    "ConstantFeatureError",
    "ParameterError",
    "LabelError",
    "DataFileError",
    "OutOfRangeError",
    "NotRealError",
]


class MathDLError(ValueError):
    """Base class of every error that :mod:`mathdl` raises on bad input."""


class ShapeError(MathDLError):
    """Array shapes do not line up (for example ``(4, 1)`` and ``(4, 3)``)."""


class EmptyInputError(MathDLError):
    """An array has no elements where at least one is needed."""


class NonFiniteError(MathDLError):
    """An input contains NaN or infinity."""


class SingularMatrixError(MathDLError):
    """A matrix is singular (or numerically singular) and cannot be
    inverted or solved against."""


class NotABasisError(MathDLError):
    """Vectors meant to form a basis are linearly dependent or too few."""


class DivergenceError(MathDLError):
    """An iteration produced a non-finite value (it diverged)."""


class ConstantFeatureError(MathDLError):
    """A column is constant, so scaling it would divide by zero."""


class ParameterError(MathDLError):
    """A parameter is out of its allowed range (a learning rate <= 0, a
    step size h <= 0, a negative number of steps, ...)."""


class LabelError(MathDLError):
    """Class labels are out of range, not integers, or of the wrong
    length."""


class DataFileError(MathDLError):
    """A data file is missing or malformed; the message names the file,
    row and column."""


class OutOfRangeError(MathDLError):
    """A result (or an input) lies outside the float64 range: its true
    value is finite, but it would overflow to infinity or underflow to
    zero, so it is refused instead of being returned as inf or NaN."""


class NotRealError(ShapeError):
    """An input holds something other than real numbers: complex
    numbers, a masked array, dates, text, ``None`` or other objects. The
    message names what was passed and what to do instead. (A subclass of
    :class:`ShapeError`, which such input raised before.)"""
