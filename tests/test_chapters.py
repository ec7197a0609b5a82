"""The build executed every chapter once, as it stands now, without error.

The tests read the notebooks that ``make html`` executed (see
``tests/pages.py``); they never execute a chapter again, except the
determinism test. A failing cell fails ``make html`` itself, naming the
chapter, the cell and the exception.
"""

from __future__ import annotations

import re

import jupytext
import pytest
from chapters import ROOT, chapter_paths
from pages import HIDDEN_TAGS, NUMBER, ROUND_OFF, _value, read_notebook

CHAPTERS = chapter_paths()
IDS = [p.relative_to(ROOT).as_posix() for p in CHAPTERS]
MACHINE_MEASURES = re.compile(r"perf_counter|timeit|time\(|version\(")


def _code_cells(notebook) -> list:
    return [c for c in notebook["cells"] if c["cell_type"] == "code"]


def _source(cell) -> str:
    source = cell["source"]
    return "".join(source) if isinstance(source, list) else source


def test_the_book_has_chapters() -> None:
    assert "book/linear-algebra/vectors.md" in IDS
    assert len(CHAPTERS) >= 20


@pytest.mark.parametrize("chapter", CHAPTERS, ids=IDS)
def test_the_build_executed_this_version(chapter) -> None:
    executed = _code_cells(read_notebook(chapter))
    current = _code_cells(jupytext.read(chapter))
    assert [_source(c).strip() for c in executed] == [
        _source(c).strip() for c in current
    ], f"{chapter.relative_to(ROOT)} changed since the build: make html"
    for number, cell in enumerate(executed, start=1):
        errors = [o for o in cell.get("outputs", [])
                  if o["output_type"] == "error"]
        assert not errors, f"{chapter.name}: code cell {number} failed"


@pytest.mark.parametrize("chapter", CHAPTERS, ids=IDS)
def test_no_machinery_in_the_code_a_reader_sees(chapter) -> None:
    for number, cell in enumerate(_code_cells(jupytext.read(chapter)), 1):
        tags = set(cell.metadata.get("tags", []))
        if "remove-cell" in tags:
            continue
        for word in ("glue(", "import glue", "setup()"):
            assert word not in cell.source, (
                f"{chapter.name}: visible code cell {number} has {word!r}; "
                "book plumbing belongs in a cell tagged remove-cell"
            )


@pytest.mark.parametrize("chapter", CHAPTERS, ids=IDS)
def test_only_measurements_of_the_machine_are_left_out(chapter) -> None:
    for number, cell in enumerate(_code_cells(jupytext.read(chapter)), 1):
        tags = set(cell.metadata.get("tags", []))
        if "machine-dependent" in tags:
            assert MACHINE_MEASURES.search(cell.source), (
                f"{chapter.name}: cell {number} is tagged machine-dependent "
                "(left out of the page test) but measures no time or version"
            )
    assert "machine-dependent" in HIDDEN_TAGS


def _shown_numbers(cell) -> list[float]:
    """The numbers a cell prints or glues, as values."""
    texts = []
    for output in cell.get("outputs", []):
        texts.append(output.get("text", ""))
        texts.extend(str(v) for v in output.get("data", {}).values())
    return [_value(n) for n in NUMBER.findall("\n".join(texts))]


@pytest.mark.parametrize("chapter", CHAPTERS, ids=IDS)
def test_only_rounding_errors_are_compared_loosely(chapter) -> None:
    """A cell tagged round-off (numbers compared within a factor, see
    tests/pages.py) must show a rounding-error-sized number (< 1e-6)."""
    for number, cell in enumerate(_code_cells(read_notebook(chapter)), 1):
        if ROUND_OFF in cell.get("metadata", {}).get("tags", []):
            assert any(0 < abs(v) < 1e-6 for v in _shown_numbers(cell)), (
                f"{chapter.name}: cell {number} is tagged {ROUND_OFF} but "
                "shows no rounding error (a number below 1e-6)"
            )


def test_no_hidden_blocks_recompute_a_chapter() -> None:
    for chapter in CHAPTERS:
        text = chapter.read_text("utf-8")
        for block in ("{doctest}", "{testsetup}", "{testcode}"):
            assert f"```{block}" not in text, (
                f"{chapter.name} has a {block} block: the page test checks "
                "the executed page itself"
            )
