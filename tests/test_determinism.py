"""Two executions of a chapter give identical numbers and figure data.

Seeds (``numpy.random.default_rng``), ``SOURCE_DATE_EPOCH`` and
Matplotlib's ``svg.hashsalt`` (all set by ``mathdl.book.setup``) make every
output byte-identical, so two builds of the book show the same numbers.
"""

from __future__ import annotations

import os

import pytest

from chapters import BOOK, execute_chapter

# Chapters that draw random numbers and figures.
CHAPTERS = ["linear-algebra/vectors.md", "statistics/probability.md"]


def _outputs(notebook) -> list:
    """Every output's data (text, SVG, PNG), without run-specific fields."""
    found = []
    for index, cell in enumerate(notebook.cells):
        for output in cell.get("outputs", []):
            data = dict(output.get("data", {}))
            found.append((index, output.get("text"), data))
    return found


@pytest.mark.slow
@pytest.mark.parametrize("name", CHAPTERS)
def test_two_runs_give_identical_outputs(name, monkeypatch) -> None:
    path = BOOK / name
    monkeypatch.setenv("SOURCE_DATE_EPOCH", os.environ.get(
        "SOURCE_DATE_EPOCH", "0"))
    first = _outputs(execute_chapter(path))
    second = _outputs(execute_chapter(path))
    assert first, f"{name} produced no output"
    images = [d for _, _, d in first if "image/svg+xml" in d]
    assert images, f"{name} drew no figure"
    for one, two in zip(first, second, strict=True):
        assert one == two, f"{name}: cell {one[0]} differs between runs"
