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
from pathlib import Path

import numpy as np

from mathdl.errors import DataFileError, LabelError, ParameterError

__all__ = ["DATA_DIR", "load_weather", "load_digits", "stratified_split"]

DATA_DIR = Path(__file__).resolve().parent

WEATHER_COLUMNS = (
    "date", "precipitation", "temp_max", "temp_min", "wind", "weather"
)
_WEATHER_NUMERIC = ("precipitation", "temp_max", "temp_min", "wind")


def _open_text(path: Path):
    if not path.is_file():
        raise DataFileError(f"data file not found: {path}")
    if path.suffix == ".gz":
        return gzip.open(path, "rt", encoding="utf-8", newline="")
    return path.open("r", encoding="utf-8", newline="")


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
        If the file is missing, its header differs, a row has the wrong
        number of fields, or a value is not a number or a date; the
        message names the file, the row (line number) and the column.

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
    with _open_text(path) as handle:
        reader = csv.reader(handle)
        header = next(reader, None)
        names = tuple(h.strip() for h in header or ())
        if names != WEATHER_COLUMNS:
            raise DataFileError(
                f"{path}: line 1: expected header "
                f"{','.join(WEATHER_COLUMNS)}, got {header}"
            )
        for line, row in enumerate(reader, start=2):
            if len(row) != len(WEATHER_COLUMNS):
                raise DataFileError(
                    f"{path}: line {line}: expected {len(WEATHER_COLUMNS)} "
                    f"fields, got {len(row)}"
                )
            for name, text in zip(WEATHER_COLUMNS, row):
                columns[name].append(_parse(path, line, name, text.strip()))
    if not columns["date"]:
        raise DataFileError(f"{path}: no data rows")
    table = {
        "date": np.array(columns["date"], dtype="datetime64[D]"),
        "weather": np.array(columns["weather"], dtype=str),
    }
    for name in _WEATHER_NUMERIC:
        table[name] = np.array(columns[name], dtype=np.float64)
    return {name: table[name] for name in WEATHER_COLUMNS}


def _parse(path: Path, line: int, column: str, text: str):
    where = f"{path}: line {line}, column {column!r}"
    if column == "weather":
        if not text:
            raise DataFileError(f"{where}: empty label")
        return text
    if column == "date":
        try:
            return np.datetime64(text.replace("/", "-"), "D")
        except ValueError:
            raise DataFileError(f"{where}: not a date: {text!r}") from None
    try:
        value = float(text)
    except ValueError:
        raise DataFileError(f"{where}: not a number: {text!r}") from None
    if not np.isfinite(value):
        raise DataFileError(f"{where}: not a finite number: {text!r}")
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
        If the file is missing, a row does not have 65 fields, or a value
        is not an integer in range; the message names file, row and
        column.

    Examples
    --------
    >>> X, labels = load_digits()
    >>> int(X.min()), int(X.max()), sorted(set(labels.tolist()))[:3]
    (0, 16, [0, 1, 2])
    """
    path = Path(path) if path is not None else DATA_DIR / "digits.csv.gz"
    rows = []
    with _open_text(path) as handle:
        for line, row in enumerate(csv.reader(handle), start=1):
            if len(row) != 65:
                raise DataFileError(
                    f"{path}: line {line}: expected 65 fields, got {len(row)}"
                )
            values = []
            for column, text in enumerate(row):
                try:
                    value = int(text)
                except ValueError:
                    raise DataFileError(
                        f"{path}: line {line}, column {column}: "
                        f"not an integer: {text!r}"
                    ) from None
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
    if not 0 < float(test_fraction) < 1:
        raise ParameterError(
            f"test_fraction must lie strictly between 0 and 1, "
            f"got {test_fraction}"
        )
    rng = np.random.default_rng(seed)
    test_parts = []
    for label in np.unique(labels):
        rows = np.flatnonzero(labels == label)
        n_test = int(round(test_fraction * rows.size))
        test_parts.append(rng.permutation(rows)[:n_test])
    test = np.sort(np.concatenate(test_parts))
    train = np.setdiff1d(np.arange(labels.size), test)
    return train, test
