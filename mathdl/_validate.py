"""Input checks shared by every :mod:`mathdl` module.

They turn lists into float arrays and raise a :mod:`mathdl.errors` error
that names the argument and its shape, instead of letting NumPy fail deep
inside a computation or return NaN.
"""

from __future__ import annotations

import numbers
from collections.abc import Callable
from typing import Any

import numpy as np

from mathdl.errors import (
    EmptyInputError,
    MathDLError,
    NonFiniteError,
    NotRealError,
    OutOfRangeError,
    ParameterError,
    ShapeError,
)

#: Kinds of NumPy dtype that are real numbers (bool, int, uint, float).
_REAL_KINDS = "biuf"

_HINTS = {
    "c": "use np.real(...) if you meant the real part, or np.abs(...) "
         "for the modulus",
    "M": "convert dates to numbers explicitly, for example "
         "(d - d[0]) / np.timedelta64(1, 'D') for days",
    "m": "convert durations explicitly, for example "
         "t / np.timedelta64(1, 's') for seconds",
    "U": "convert text with float(...) first, checking each value",
    "S": "convert text with float(...) first, checking each value",
    "V": "pass a plain array of numbers, not a structured array",
}

_KIND_NAMES = {
    "c": "complex numbers", "M": "dates (datetime64)",
    "m": "durations (timedelta64)", "U": "text (str)", "S": "bytes",
    "V": "structured records",
}


def _refuse_kind(name: str, kind: str, dtype: Any) -> None:
    raise NotRealError(
        f"{name} holds {_KIND_NAMES.get(kind, kind)} (dtype {dtype}), "
        f"but real numbers are needed; {_HINTS.get(kind, '')}"
    )


def _from_objects(array: np.ndarray, name: str) -> np.ndarray:
    """Convert an object array element by element, naming the first
    element that is not a real number."""
    result = np.empty(array.shape, dtype=np.float64)
    for index, item in np.ndenumerate(array):
        where = f"{name}[{', '.join(map(str, index))}]" if index else name
        if item is None:
            raise NotRealError(
                f"{where} is None, not a number (shape {array.shape}); "
                "use np.nan for a missing value if the function allows it"
            )
        if isinstance(item, (complex, np.complexfloating)):
            _refuse_kind(where, "c", type(item).__name__)
        if isinstance(item, (str, bytes)) or not isinstance(
            item, (numbers.Real, np.number, np.bool_)
        ):
            raise NotRealError(
                f"{where} is a {type(item).__name__} ({item!r:.40}), not a "
                f"real number (shape {array.shape})"
            )
        try:
            result[index] = float(item)
        except OverflowError:
            raise OutOfRangeError(
                f"{where} = {item!r:.40} is too large for float64 "
                f"(largest {np.finfo(np.float64).max:.4g})"
            ) from None
    return result


def to_float64(x: Any, name: str) -> np.ndarray:
    """Return ``x`` as a float64 array of real numbers, or raise.

    The one conversion every public function uses. It refuses, with a
    message that names what was passed and what to do instead, what
    ``numpy.asarray(x, dtype=float)`` would silently change: complex
    numbers (the imaginary part would be dropped), masked arrays (the
    mask would be ignored), dates and durations (read as day counts),
    text, ``None`` and other objects. Booleans count as 0 and 1. It does
    not check for NaN or infinity; :func:`as_float_array` does.

    >>> to_float64([1, 2], "v")
    array([1., 2.])
    >>> to_float64([1 + 2j], "v")
    Traceback (most recent call last):
    ...
    mathdl.errors.NotRealError: v holds complex numbers (dtype ...
    """
    if x is None:
        raise NotRealError(f"{name} is None, not an array of numbers")
    if isinstance(x, (list, tuple)) and any(
        isinstance(item, np.ma.MaskedArray) for item in x
    ):
        x = np.ma.stack(x)  # keep the masks of the rows
    if isinstance(x, np.ma.MaskedArray):
        if np.ma.is_masked(x):
            hidden = int(np.count_nonzero(np.ma.getmaskarray(x)))
            raise NotRealError(
                f"{name} is a masked array with {hidden} masked value(s) "
                f"(shape {x.shape}); mathdl does not skip masked values: "
                f"pass x.compressed() to drop them or x.filled(value) to "
                f"fill them"
            )
        x = np.ma.getdata(x)
    try:
        array = np.asarray(x)
    except (ValueError, TypeError) as error:
        if "inhomogeneous" in str(error) or "sequence" in str(error):
            raise ShapeError(
                f"{name} is ragged: its rows have different lengths"
            ) from None
        raise ShapeError(
            f"{name} cannot be read as numbers: {error}"
        ) from None
    kind = array.dtype.kind
    if kind == "O":
        return _from_objects(array, name)
    if kind not in _REAL_KINDS:
        _refuse_kind(name, kind, array.dtype)
    with np.errstate(over="ignore"):
        converted = array.astype(np.float64, copy=False)
    if kind == "f" and array.dtype.itemsize > 8:
        lost = np.isfinite(array) & ~np.isfinite(converted)
        if np.any(lost):
            raise OutOfRangeError(
                f"{name} holds {int(np.count_nonzero(lost))} value(s) "
                f"beyond the float64 range (dtype {array.dtype}, shape "
                f"{array.shape})"
            )
    return converted


def as_float_array(
    x: Any,
    name: str,
    ndim: int | tuple[int, ...] | None = None,
    allow_empty: bool = False,
) -> np.ndarray:
    """Return ``x`` as a float64 array, or raise a clear error.

    :func:`to_float64` converts (refusing complex, masked, date, text and
    ``None`` input); then the number of dimensions, emptiness and
    finiteness are checked.

    >>> as_float_array([1, 2], "v")
    array([1., 2.])
    >>> as_float_array([[1, 2], [3]], "A")
    Traceback (most recent call last):
    ...
    mathdl.errors.ShapeError: A is ragged: its rows have different lengths
    """
    array = to_float64(x, name)
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


def as_real_number(value: Any, name: str) -> float:
    """Return a scalar parameter as a finite float, or raise.

    Booleans and text are refused (``True`` is not a learning rate).

    >>> as_real_number(0.5, "tol")
    0.5
    >>> as_real_number("0.5", "tol")
    Traceback (most recent call last):
    ...
    mathdl.errors.ParameterError: tol must be a real number, got '0.5'
    """
    if isinstance(value, (bool, np.bool_, str, bytes)) or value is None:
        raise ParameterError(f"{name} must be a real number, got {value!r}")
    try:
        array = to_float64(value, name)
    except MathDLError:
        raise ParameterError(
            f"{name} must be a real number, got {value!r:.60}"
        ) from None
    if array.ndim != 0:
        raise ParameterError(
            f"{name} must be a single number, got shape {array.shape}"
        )
    number = float(array)
    if not np.isfinite(number):
        raise ParameterError(f"{name} must be finite, got {value!r}")
    return number


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
    number = as_real_number(value, name)
    if number <= 0:
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


def check_count(value: Any, name: str, upper: int | None = None) -> int:
    """Return ``value`` as an int if it is a whole number in 1..upper.

    The one check for a positive count (a width, a rank, a number of
    steps or trials); ``upper=None`` sets no upper bound.

    >>> check_count(3, "rank", upper=2)
    Traceback (most recent call last):
    ...
    mathdl.errors.ParameterError: rank must be at most 2, got 3
    """
    count = check_non_negative_int(value, name)
    if count < 1:
        raise ParameterError(f"{name} must be >= 1, got {count}")
    if upper is not None and count > upper:
        raise ParameterError(f"{name} must be at most {upper}, got {count}")
    return count


def check_seed(seed: Any, name: str = "seed") -> int:
    """Return a random seed as an int if it is a whole number >= 0.

    Every function that takes a seed checks it here, before NumPy sees
    it, so ``seed=1.5`` or ``seed=-1`` gets the same clear error
    everywhere.

    >>> check_seed(-1)
    Traceback (most recent call last):
    ...
    mathdl.errors.ParameterError: seed must be >= 0, got -1
    """
    return check_non_negative_int(seed, name)


def check_callable(f: Any, name: str) -> Callable[..., Any]:
    """Return ``f`` if it can be called, else raise ParameterError."""
    if not callable(f):
        raise ParameterError(
            f"{name} must be a function, got {type(f).__name__}"
        )
    return f
