"""Every code cell of every chapter runs without an exception."""

from __future__ import annotations

import pytest

from chapters import ROOT, chapter_paths, execute_chapter

CHAPTERS = chapter_paths()


def test_the_book_has_chapters() -> None:
    names = {path.relative_to(ROOT).as_posix() for path in CHAPTERS}
    assert "book/linear-algebra/vectors.md" in names


@pytest.mark.slow
@pytest.mark.parametrize(
    "path", CHAPTERS, ids=[p.relative_to(ROOT).as_posix() for p in CHAPTERS]
)
def test_every_cell_runs(path) -> None:
    notebook = execute_chapter(path)
    code_cells = [c for c in notebook.cells if c.cell_type == "code"]
    assert code_cells, f"{path} has no code cells"
    for cell in code_cells:
        errors = [o for o in cell.outputs if o.output_type == "error"]
        assert not errors
