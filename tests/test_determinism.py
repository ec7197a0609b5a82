"""Two executions of a chapter give identical numbers and figure data.

Seeds (``numpy.random.default_rng``), ``SOURCE_DATE_EPOCH`` and
Matplotlib's ``svg.hashsalt`` (all set by ``mathdl.book.setup``) make every
output identical, so two builds of the book show the same numbers and
draw the same figures. Each chapter below (they draw random numbers and
figures) runs once more and is compared with the build's execution:
streams merged, and without the fields that record when or how fast.
"""

from __future__ import annotations

import re

import pytest
from chapters import BOOK, execute_chapter
from pages import cell_text, read_notebook

CHAPTERS = ["linear-algebra/vectors.md", "statistics/probability.md"]
SVG_METADATA = re.compile(r"<metadata>.*?</metadata>", re.DOTALL)


def _outputs(notebook) -> list[tuple[int, str, list[str]]]:
    """Per code cell: its text as shown and its SVG figures."""
    found = []
    cells = [c for c in notebook["cells"] if c["cell_type"] == "code"]
    for number, cell in enumerate(cells, start=1):
        outputs = cell.get("outputs", [])
        figures = [
            SVG_METADATA.sub("", "".join(o["data"]["image/svg+xml"]))
            for o in outputs
            if "image/svg+xml" in o.get("data", {})
        ]
        glued = [
            str(o.get("data")) for o in outputs
            if "scrapbook" in o.get("metadata", {})
        ]
        found.append((number, cell_text(outputs), figures + glued))
    return found


@pytest.mark.slow
@pytest.mark.parametrize("name", CHAPTERS)
def test_a_second_run_matches_the_build(name) -> None:
    path = BOOK / name
    built = _outputs(read_notebook(path))
    again = _outputs(execute_chapter(path))
    assert any(figures for _, _, figures in built), f"{name}: no figure"
    for one, two in zip(built, again, strict=True):
        assert one == two, f"{name}: code cell {one[0]} differs between runs"
