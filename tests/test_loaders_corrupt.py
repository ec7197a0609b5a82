"""Hand-made corrupted data files: the loaders never return partial or
wrong data, and every refusal names the file, the line and the field."""

import gzip

import pytest

from mathdl import errors
from mathdl.data import DATA_DIR, load_digits, load_weather

HEADER = "date,precipitation,temp_max,temp_min,wind,weather\n"
ROWS = [
    "2012/01/01,0.0,12.8,5.0,4.7,drizzle\n",
    "2012/01/02,10.9,10.6,2.8,4.5,rain\n",
    "2012/01/03,0.8,11.7,7.2,2.3,rain\n",
]
GOOD = HEADER + "".join(ROWS)


def write(tmp_path, text, name="weather.csv"):
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def test_a_good_small_file_loads(tmp_path):
    weather = load_weather(write(tmp_path, GOOD))
    assert weather["weather"].tolist() == ["drizzle", "rain", "rain"]


WEATHER_FAULTS = {
    "unterminated quote": (
        HEADER + ROWS[0].replace("drizzle", '"drizzle') + ROWS[1],
        "line 2"),
    "cut mid-row": (GOOD[:-4], "line 4"),
    "empty date": (GOOD.replace("2012/01/02", ""), "line 3.*'date'"),
    "partial date": (GOOD.replace("2012/01/02", "2012/01"), "line 3"),
    "mixed separators": (GOOD.replace("2012/01/02", "2012-01/02"),
                         "line 3"),
    "impossible date": (GOOD.replace("2012/01/02", "2012/02/30"),
                        "line 3"),
    "dates out of order": (HEADER + ROWS[1] + ROWS[0], "line 3.*before"),
    "duplicate date": (HEADER + ROWS[0] + ROWS[0], "line 3.*repeats"),
    "negative precipitation": (GOOD.replace(",10.9,", ",-10.9,"),
                               "line 3.*precipitation"),
    "negative wind": (GOOD.replace(",4.5,", ",-4.5,"), "line 3.*wind"),
    "underscore digits": (GOOD.replace(",10.9,", ",1_0.9,"),
                          "line 3.*precipitation"),
    "full-width digits": (GOOD.replace(",10.9,", ",\uff11\uff10.9,"),
                          "line 3.*precipitation"),
    "nan": (GOOD.replace(",10.6,", ",nan,"), "line 3.*temp_max"),
    "min above max": (GOOD.replace(",10.6,2.8,", ",2.8,10.6,"),
                      "line 3.*temp_min"),
    "unknown label": (GOOD.replace("rain\n", "rai\n", 1), "line 3.*'rai'"),
    "too few fields": (GOOD.replace(",4.5,rain", ",rain"), "line 3"),
    "bad header": (GOOD.replace("wind", "gust"), "line 1"),
    "no rows": (HEADER, "no data rows"),
    "empty file": ("", "line 1"),
}


@pytest.mark.parametrize("fault", sorted(WEATHER_FAULTS))
def test_corrupt_weather_files_are_refused(tmp_path, fault):
    text, where = WEATHER_FAULTS[fault]
    path = write(tmp_path, text)
    with pytest.raises(errors.DataFileError, match=where) as caught:
        load_weather(path)
    assert str(path) in str(caught.value)


def test_not_utf8_names_the_line(tmp_path):
    path = write(tmp_path, (HEADER + ROWS[0]).encode() + b"\xff\xfe,,\n")
    with pytest.raises(errors.DataFileError, match="line 3.*UTF-8"):
        load_weather(path)


def digits_bytes(rows=3):
    row = ",".join(["0"] * 64 + ["7"]) + "\n"
    return (row * rows).encode()


def test_truncated_and_corrupt_gzip_are_refused(tmp_path):
    whole = gzip.compress(digits_bytes())
    for name, data in [("cut.csv.gz", whole[: len(whole) // 2]),
                       ("garbage.csv.gz", b"\x1f\x8b" + b"not gzip" * 8),
                       ("plain.csv.gz", b"this is not compressed\n")]:
        path = write(tmp_path, data, name)
        with pytest.raises(errors.DataFileError, match="corrupt") as caught:
            load_digits(path)
        assert name in str(caught.value)


DIGIT_FAULTS = {
    "full-width digit": ("\uff11", "column 3"),
    "underscore": ("1_6", "column 3"),
    "space": (" 5", "column 3"),
    "out of range": ("17", "column 3.*outside"),
    "negative": ("-1", "column 3"),
}


@pytest.mark.parametrize("fault", sorted(DIGIT_FAULTS))
def test_corrupt_digit_values_are_refused(tmp_path, fault):
    value, where = DIGIT_FAULTS[fault]
    fields = ["0"] * 64 + ["7"]
    fields[3] = value
    text = digits_bytes(1).decode() + ",".join(fields) + "\n"
    path = write(tmp_path, text, "digits.csv")
    with pytest.raises(errors.DataFileError, match="line 2, " + where):
        load_digits(path)


def test_digits_cut_mid_row_is_refused(tmp_path):
    path = write(tmp_path, digits_bytes(2)[:-3], "digits.csv")
    with pytest.raises(errors.DataFileError, match="truncated"):
        load_digits(path)


def test_the_shipped_files_pass_every_check():
    assert load_weather(DATA_DIR / "seattle-weather.csv")["date"].size == 1461
    assert load_digits()[0].shape == (1797, 64)
