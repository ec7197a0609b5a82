"""Every number a reader sees is the reviewed one.

For each chapter, the text output of every code cell and every value the
prose pastes with ``{glue:text}`` (formatted as the page shows it) are
compared with ``tests/expected/<part>/<chapter>.txt``. After an intended
change run ``make record`` and review ``git diff tests/expected``.
"""

from __future__ import annotations

import difflib

import pytest
from chapters import ROOT, chapter_paths
from pages import EXPECTED, expected_path, parse, read_notebook, sections

CHAPTERS = chapter_paths()
IDS = [p.relative_to(ROOT).as_posix() for p in CHAPTERS]


def _differences(chapter, expected, actual) -> list[str]:
    name = chapter.relative_to(ROOT).as_posix()
    wanted = {s.title: s for s in expected}
    got = {s.title: s for s in actual}
    found = []
    for title in wanted.keys() | got.keys():
        want, have = wanted.get(title), got.get(title)
        if want is None or have is None or not want.matches(have):
            lines = difflib.unified_diff(
                want.text.splitlines() if want else ["<nothing>"],
                have.text.splitlines() if have else ["<nothing>"],
                "expected", "actual", n=1, lineterm="",
            )
            found.append(f"{name}, {title}:\n  " + "\n  ".join(lines))
    order = [s.title for s in expected] == [s.title for s in actual]
    if not found and not order:
        found.append(f"{name}: the outputs come in a different order")
    return sorted(found)


@pytest.mark.parametrize("chapter", CHAPTERS, ids=IDS)
def test_the_page_shows_the_reviewed_numbers(chapter) -> None:
    path = expected_path(chapter)
    assert path.is_file(), (
        f"no expected copy {path.relative_to(ROOT)}: run `make record` "
        "and review it"
    )
    expected = parse(path.read_text("utf-8"))
    actual = sections(chapter, read_notebook(chapter))
    problems = _differences(chapter, expected, actual)
    assert not problems, (
        "what the reader sees changed (if intended: make record, then "
        "review git diff tests/expected):\n" + "\n".join(problems)
    )


def test_every_expected_copy_belongs_to_a_chapter() -> None:
    wanted = {expected_path(chapter) for chapter in CHAPTERS}
    stray = sorted(set(EXPECTED.rglob("*.txt")) - wanted)
    assert not stray, f"expected copies without a chapter: {stray}"


def test_the_prose_pastes_only_glued_values() -> None:
    for chapter in CHAPTERS:
        for section in sections(chapter, read_notebook(chapter)):
            assert section.text != "<not glued by the chapter>", (
                f"{chapter.name}: {section.title} is not glued"
            )
