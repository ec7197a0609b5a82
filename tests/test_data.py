"""mathdl.data.load_weather against the CSV file read by hand."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from mathdl import errors
from mathdl.data import DATA_DIR, load_weather

HEADER = "date,precipitation,temp_max,temp_min,wind,weather\n"
GOOD_ROWS = (
    "2012/01/01,0.0,12.8,5.0,4.7,drizzle\n"
    "2012/01/02,10.9,10.6,2.8,4.5,rain\n"
    "2012/01/03,0.8,11.7,7.2,2.3,rain\n"
)


@pytest.fixture(scope="module")
def weather() -> dict[str, np.ndarray]:
    return load_weather()


def test_shape_and_columns(weather) -> None:
    assert list(weather) == [
        "date", "precipitation", "temp_max", "temp_min", "wind", "weather"
    ]
    for column in weather.values():
        assert column.shape == (1461,)
    assert weather["date"].dtype == np.dtype("datetime64[D]")
    for name in ("precipitation", "temp_max", "temp_min", "wind"):
        assert weather[name].dtype == np.float64


def test_one_row_per_day_in_date_order(weather) -> None:
    dates = weather["date"]
    assert str(dates[0]) == "2012-01-01"
    assert str(dates[-1]) == "2015-12-31"
    assert np.all(np.diff(dates) == np.timedelta64(1, "D"))


@pytest.mark.parametrize(
    "row, expected",
    [
        # values copied by hand from mathdl/data/seattle-weather.csv
        (0, ("2012-01-01", 0.0, 12.8, 5.0, 4.7, "drizzle")),
        (1, ("2012-01-02", 10.9, 10.6, 2.8, 4.5, "rain")),
        (365, ("2012-12-31", 0.0, 3.3, -1.1, 2.0, "drizzle")),
        (1460, ("2015-12-31", 0.0, 5.6, -2.1, 3.5, "sun")),
    ],
)
def test_hand_checked_values(weather, row, expected) -> None:
    date, precipitation, temp_max, temp_min, wind, label = expected
    assert str(weather["date"][row]) == date
    assert weather["precipitation"][row] == precipitation
    assert weather["temp_max"][row] == temp_max
    assert weather["temp_min"][row] == temp_min
    assert weather["wind"][row] == wind
    assert weather["weather"][row] == label


def test_a_good_file_in_another_place(tmp_path: Path) -> None:
    path = tmp_path / "small.csv"
    path.write_text(HEADER + GOOD_ROWS, encoding="utf-8")
    table = load_weather(path)
    assert table["temp_max"].tolist() == [12.8, 10.6, 11.7]
    assert table["weather"].tolist() == ["drizzle", "rain", "rain"]


def test_the_shipped_file_is_the_default(weather) -> None:
    table = load_weather(DATA_DIR / "seattle-weather.csv")
    np.testing.assert_array_equal(table["wind"], weather["wind"])


def test_missing_file_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "no-such-weather.csv"
    with pytest.raises(errors.DataFileError) as info:
        load_weather(path)
    assert "no-such-weather.csv" in str(info.value)
    assert "not found" in str(info.value)


def test_malformed_row_names_file_and_row(tmp_path: Path) -> None:
    path = tmp_path / "short-row.csv"
    # the third data row (line 4 of the file) lost its wind and label
    path.write_text(
        "".join([HEADER, *GOOD_ROWS.splitlines(keepends=True)[:2],
                 "2012/01/03,0.8,11.7,7.2\n"]),
        encoding="utf-8",
    )
    with pytest.raises(errors.DataFileError) as info:
        load_weather(path)
    message = str(info.value)
    assert "short-row.csv" in message
    assert "line 4" in message
    assert "expected 6 fields, got 4" in message


@pytest.mark.parametrize(
    "bad_row, column",
    [
        ("2012/01/04,1.2,warm,3.0,2.0,rain\n", "temp_max"),
        ("2012/01/04,1.2,8.0,3.0,,rain\n", "wind"),
        ("2012/01/04,nan,8.0,3.0,2.0,rain\n", "precipitation"),
        ("2012/01/04,1.2,8.0,inf,2.0,rain\n", "temp_min"),
        ("2012/13/45,1.2,8.0,3.0,2.0,rain\n", "date"),
    ],
)
def test_bad_value_names_file_row_and_column(
    tmp_path: Path, bad_row: str, column: str
) -> None:
    path = tmp_path / "bad-value.csv"
    path.write_text(HEADER + GOOD_ROWS + bad_row, encoding="utf-8")
    with pytest.raises(errors.DataFileError) as info:
        load_weather(path)
    message = str(info.value)
    assert "bad-value.csv" in message
    assert "line 5" in message
    assert repr(column) in message


def test_wrong_header_and_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "header.csv"
    path.write_text("day,rain,high,low,wind,label\n" + GOOD_ROWS,
                    encoding="utf-8")
    with pytest.raises(errors.DataFileError, match="line 1"):
        load_weather(path)
    empty = tmp_path / "empty.csv"
    empty.write_text(HEADER, encoding="utf-8")
    with pytest.raises(errors.DataFileError, match="no data rows"):
        load_weather(empty)
