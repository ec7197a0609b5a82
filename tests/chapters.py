"""Find the book's chapters and execute one, for the tests and `make`.

A chapter is a MyST-NB text notebook: a ``.md`` file under ``book/`` whose
front matter names a Jupyter kernel. ``python tests/chapters.py FILE``
executes one chapter and reports the first failing cell.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BOOK = ROOT / "book"


def chapter_paths() -> list[Path]:
    """Every executable chapter, in a stable order."""
    paths = []
    for path in sorted(BOOK.rglob("*.md")):
        if "_fragments" in path.parts:
            continue
        head = path.read_text(encoding="utf-8")[:600]
        if head.startswith("---") and "kernelspec:" in head:
            paths.append(path)
    return paths


class CellError(AssertionError):
    """A code cell of a chapter raised an exception."""


def execute_chapter(path: Path, timeout: int = 600):
    """Run every code cell of ``path`` in a fresh kernel; return the notebook.

    Raises :class:`CellError` naming the chapter, the cell number, its
    first line and the exception when a cell fails.
    """
    import jupytext
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    notebook = jupytext.read(path)
    client = NotebookClient(
        notebook,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )
    try:
        client.execute()
    except CellExecutionError as error:
        number, source = _failing_cell(notebook)
        chapter = path.relative_to(ROOT)
        first_line = source.strip().splitlines()[0] if source.strip() else ""
        raise CellError(
            f"{chapter}: code cell {number} ({first_line!r}) failed:\n"
            f"{error.ename}: {error.evalue}"
        ) from None
    return notebook


def _failing_cell(notebook) -> tuple[int, str]:
    number = 0
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        number += 1
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                return number, cell.source
    return number, ""


if __name__ == "__main__":
    for name in sys.argv[1:] or [str(p) for p in chapter_paths()]:
        start = time.perf_counter()
        execute_chapter(Path(name).resolve())
        print(f"ok  {name}  {time.perf_counter() - start:.1f} s")
