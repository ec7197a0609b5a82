"""Real data sets that ship with :mod:`mathdl`, read with NumPy only.

Both files are copied from the project's shared data folder; their
provenance is in ``mathdl/data/README.md`` and in the book's bibliography.
Nothing here touches the network.

>>> weather = load_weather()
>>> weather["temp_max"].shape
(1461,)
>>> X, labels = load_digits()
>>> X.shape, labels.shape
((1797, 64), (1797,))
"""

from __future__ import annotations

import csv
import gzip
import re
import zlib
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from mathdl._validate import as_real_number, check_seed
from mathdl.errors import DataFileError, LabelError, ParameterError

__all__ = ["DATA_DIR", "load_weather", "load_digits", "stratified_split"]

DATA_DIR = Path(__file__).resolve().parent

WEATHER_COLUMNS = (
    "date", "precipitation", "temp_max", "temp_min", "wind", "weather"
)
_WEATHER_NUMERIC = ("precipitation", "temp_max", "temp_min", "wind")
#: The labels of the weather column, and the columns that cannot be < 0.
WEATHER_LABELS = ("drizzle", "fog", "rain", "snow", "sun")
_NOT_NEGATIVE = ("precipitation", "wind")

# Plain ASCII decimals only: no '1_000', no full-width digits, no 'nan'.
_NUMBER = re.compile(
    r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?"
)
_INTEGER = re.compile(r"[0-9]+")
_DATE = re.compile(r"([0-9]{4})([-/])([0-9]{2})\2([0-9]{2})")


def _read_text(path: Path) -> str:
    """The whole file as text, or a DataFileError naming the file."""
    if not path.is_file():
        raise DataFileError(f"data file not found: {path}")
    try:
        if path.suffix == ".gz":
            with gzip.open(path, "rb") as handle:
                raw = handle.read()
        else:
            raw = path.read_bytes()
    except (OSError, EOFError, zlib.error) as error:
        raise DataFileError(
            f"{path}: cannot be read: the compressed data are truncated "
            f"or corrupt ({type(error).__name__}: {error})"
        ) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise DataFileError(
            f"{path}: line {line}: not UTF-8 text (byte "
            f"{raw[error.start]:#04x} at offset {error.start})"
        ) from None
    if text and not text.endswith("\n"):
        line = text.count("\n") + 1
        raise DataFileError(
            f"{path}: line {line}: the file ends in the middle of a row "
            f"(no newline at the end): it looks truncated"
        )
    return text


def _rows(path: Path, text: str) -> Iterator[tuple[int, list[str]]]:
    """CSV rows with their line numbers; a quoting error names the line."""
    reader = csv.reader(text.splitlines(keepends=True), strict=True)
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise DataFileError(
                f"{path}: line {start}: malformed CSV ({error}, at line "
                f"{reader.line_num}): an unterminated quote?"
            ) from None
        if any("\n" in field or "\r" in field for field in row):
            raise DataFileError(
                f"{path}: line {start}: a quoted field runs over "
                f"a line break (an unterminated quote?)"
            )
        yield reader.line_num, row


def load_weather(path: str | Path | None = None) -> dict[str, np.ndarray]:
    """Load the Seattle daily weather table (2012-2015).

    Returns a dictionary of columns by name: ``date`` (``datetime64[D]``),
    ``precipitation`` (mm), ``temp_max`` and ``temp_min`` (degrees
    Celsius), ``wind`` (m/s) as float arrays, and ``weather`` (a label
    such as ``"rain"``) as a string array. Rows are in date order.

    Parameters
    ----------
    path : str or Path, optional
        A CSV file with the columns
        ``date,precipitation,temp_max,temp_min,wind,weather``; by default
        the copy shipped in ``mathdl/data``.

    Raises
    ------
    DataFileError
        If the file is missing, unreadable (a truncated or corrupt
        ``.gz``, not UTF-8) or ends in the middle of a row; its header
        differs; a row has the wrong number of fields or an unterminated
        quote; a date is not a full ``YYYY-MM-DD`` (or ``YYYY/MM/DD``)
        date, or the dates are not strictly increasing; a value is not
        a plain decimal number (``1_000`` and full-width digits are
        refused), precipitation or wind is negative, ``temp_min`` exceeds
        ``temp_max``, or a label is not one of ``WEATHER_LABELS``. The
        message names the file, the row (line number) and the column.
        Nothing is returned from a file with any such fault.

    Examples
    --------
    >>> weather = load_weather()
    >>> print(weather["date"][0], weather["temp_max"][0])
    2012-01-01 12.8
    """
    if path is None:
        path = DATA_DIR / "seattle-weather.csv"
    path = Path(path)
    columns: dict[str, list] = {name: [] for name in WEATHER_COLUMNS}
    rows = _rows(path, _read_text(path))
    _, header = next(rows, (1, None))
    names = tuple(h.strip() for h in header or ())
    if names != WEATHER_COLUMNS:
        raise DataFileError(
            f"{path}: line 1: expected header "
            f"{','.join(WEATHER_COLUMNS)}, got {header}"
        )
    previous = None
    for line, row in rows:
        if len(row) != len(WEATHER_COLUMNS):
            raise DataFileError(
                f"{path}: line {line}: expected {len(WEATHER_COLUMNS)} "
                f"fields, got {len(row)}"
            )
        values = {
            name: _parse(path, line, name, text.strip())
            for name, text in zip(WEATHER_COLUMNS, row, strict=True)
        }
        _check_row(path, line, values, previous)
        previous = values["date"]
        for name, value in values.items():
            columns[name].append(value)
    if not columns["date"]:
        raise DataFileError(f"{path}: no data rows")
    table = {
        "date": np.array(columns["date"], dtype="datetime64[D]"),
        "weather": np.array(columns["weather"], dtype=str),
    }
    for name in _WEATHER_NUMERIC:
        table[name] = np.array(columns[name], dtype=np.float64)
    return {name: table[name] for name in WEATHER_COLUMNS}


def _check_row(path: Path, line: int, values: dict, previous) -> None:
    """Checks across the fields of one row, and against the row before."""
    if previous is not None and values["date"] <= previous:
        order = "repeats" if values["date"] == previous else "comes before"
        raise DataFileError(
            f"{path}: line {line}, column 'date': {values['date']} "
            f"{order} the previous row's date {previous}; the rows must be "
            f"in strictly increasing date order"
        )
    if values["temp_min"] > values["temp_max"]:
        raise DataFileError(
            f"{path}: line {line}, columns 'temp_min' and 'temp_max': "
            f"temp_min {values['temp_min']} exceeds temp_max "
            f"{values['temp_max']}"
        )


def _parse(path: Path, line: int, column: str, text: str):
    where = f"{path}: line {line}, column {column!r}"
    if column == "weather":
        if not text:
            raise DataFileError(f"{where}: empty label")
        if text not in WEATHER_LABELS:
            raise DataFileError(
                f"{where}: unknown label {text!r:.40}; expected one of "
                f"{', '.join(WEATHER_LABELS)}"
            )
        return text
    if column == "date":
        match = _DATE.fullmatch(text)
        try:
            if match is None:
                raise ValueError
            year, _, month, day = match.groups()
            return np.datetime64(f"{year}-{month}-{day}", "D")
        except ValueError:
            raise DataFileError(
                f"{where}: not a full date YYYY-MM-DD or YYYY/MM/DD: "
                f"{text!r:.40}"
            ) from None
    if _NUMBER.fullmatch(text) is None:
        raise DataFileError(
            f"{where}: not a plain decimal number: {text!r:.40}"
        )
    value = float(text)
    if not np.isfinite(value):
        raise DataFileError(f"{where}: not a finite number: {text!r:.40}")
    if column in _NOT_NEGATIVE and value < 0:
        raise DataFileError(f"{where}: {column} cannot be negative: {text}")
    return value


def load_digits(
    path: str | Path | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Load the UCI handwritten digits (8x8 images, 1,797 of them).

    Returns
    -------
    X : ndarray of int64, shape (1797, 64)
        Pixel intensities 0..16, row by row of the 8x8 image.
    labels : ndarray of int64, shape (1797,)
        The digit each image shows, 0..9.

    Raises
    ------
    DataFileError
        If the file is missing, unreadable (a truncated or corrupt
        ``.gz``, not UTF-8) or ends in the middle of a row, a row does
        not have 65 fields, or a value is not a plain ASCII integer in
        range; the message names file, row and column.

    Examples
    --------
    >>> X, labels = load_digits()
    >>> int(X.min()), int(X.max()), sorted(set(labels.tolist()))[:3]
    (0, 16, [0, 1, 2])
    """
    path = Path(path) if path is not None else DATA_DIR / "digits.csv.gz"
    rows = []
    for line, row in _rows(path, _read_text(path)):
        if len(row) != 65:
            raise DataFileError(
                f"{path}: line {line}: expected 65 fields, got {len(row)}"
            )
        values = []
        for column, text in enumerate(row):
            if _INTEGER.fullmatch(text) is None:
                raise DataFileError(
                    f"{path}: line {line}, column {column}: "
                    f"not an integer: {text!r:.40}"
                )
            value = int(text)
            top = 9 if column == 64 else 16
            if not 0 <= value <= top:
                raise DataFileError(
                    f"{path}: line {line}, column {column}: "
                    f"{value} is outside 0..{top}"
                )
            values.append(value)
        rows.append(values)
    if not rows:
        raise DataFileError(f"{path}: no data rows")
    table = np.array(rows, dtype=np.int64)
    return table[:, :64], table[:, 64]


def stratified_split(
    labels, test_fraction: float, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Split row indices into train and test, keeping class proportions.

    Each class contributes ``round(test_fraction * n_class)`` of its rows,
    chosen by a generator seeded with ``seed``, to the test set.

    Returns
    -------
    train_index, test_index : ndarray of int64
        Sorted row indices; together they cover every row once.

    Examples
    --------
    >>> labels = [0, 0, 0, 0, 1, 1, 1, 1]
    >>> train, test = stratified_split(labels, 0.25, seed=0)
    >>> len(train), len(test), sorted(int(labels[i]) for i in test)
    (6, 2, [0, 1])
    """
    labels = np.asarray(labels)
    if labels.ndim != 1 or labels.size == 0:
        raise LabelError(
            f"labels must be a non-empty 1-D array, got shape {labels.shape}"
        )
    if not 0 < as_real_number(test_fraction, "test_fraction") < 1:
        raise ParameterError(
            f"test_fraction must lie strictly between 0 and 1, "
            f"got {test_fraction}"
        )
    rng = np.random.default_rng(check_seed(seed))
    test_parts = []
    for label in np.unique(labels):
        rows = np.flatnonzero(labels == label)
        n_test = int(round(test_fraction * rows.size))
        test_parts.append(rng.permutation(rows)[:n_test])
    test = np.sort(np.concatenate(test_parts))
    train = np.setdiff1d(np.arange(labels.size), test)
    return train, test
