"""What a reader sees on each page, against its reviewed expected copy.

``make html`` executes every chapter once (MyST-NB) and keeps the executed
notebook in its cache, ``$MATHDL_BUILDDIR/.jupyter_cache``. This module
turns such a notebook into plain text, the way the page shows it: the
text output of every code cell (streams merged) and every value glued
into the prose, formatted as the prose formats it. The reviewed copies live in
``tests/expected/<part>/<chapter>.txt``; ``tests/test_pages.py`` compares.

After an intended change, re-record the copies and review the diff::

    make record          # python tests/pages.py --record
    git diff tests/expected

Cells tagged ``machine-dependent`` (timings of the reader's machine) are
left out, and so are cells the reader never sees (``remove-cell``,
``remove-output``).

Cells tagged ``round-off`` print rounding errors (a finite difference at
its best step, a gradient check's 1e-11): their digits depend on the
CPU's instruction set and the BLAS kernels, so the same book prints
9.0e-09 on one machine and 9.1e-09 on another. Their text, and the
values they glue, are marked ``[round-off]`` in the expected copy and
compared word for word except that each number may differ by a factor
of at most ``ROUND_OFF_FACTOR``: the claim they back is a size.
"""

from __future__ import annotations

import os
import re
import sys
from ast import literal_eval
from dataclasses import dataclass
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "conf"))
from mathdl_sphinx import mathdl_digest  # the build's cache stamp

ROOT = Path(__file__).resolve().parent.parent
BOOK = ROOT / "book"
EXPECTED = ROOT / "tests" / "expected"
HIDDEN_TAGS = {"remove-cell", "remove-output", "machine-dependent"}
ROUND_OFF = "round-off"
ROUND_OFF_MARK = f" [{ROUND_OFF}]"
ROUND_OFF_FACTOR = 4.0
NUMBER = re.compile(
    r"[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
    r"(?:[eE][-+]?\d+|\s*\\times\s*10\^\{[-+]?\d+\})?"
)
SHOWN_INSTEAD_OF_TEXT = ("image/", "text/html", "text/latex")
MARK = "--- "
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
GLUE_ROLE = re.compile(r"\{glue(?::(text|any|md|math))?\}`([^`]+)`")


def build_dir() -> Path:
    """The build folder, as the Makefile sets it (default ``_build``)."""
    return ROOT / os.environ.get("MATHDL_BUILDDIR", "_build")


def expected_path(chapter: Path) -> Path:
    return EXPECTED / chapter.relative_to(BOOK).with_suffix(".txt")


@dataclass(frozen=True)
class Section:
    """One thing the reader sees: a cell's text output or a glued value."""

    title: str
    text: str

    @property
    def round_off(self) -> bool:
        return ROUND_OFF_MARK in self.title

    def render(self) -> str:
        return f"{MARK}{self.title}\n{self.text}\n"

    def matches(self, other: Section) -> bool:
        """The same text; for round-off, the same within a factor."""
        if self.text == other.text:
            return True
        if not (self.round_off and self.title == other.title):
            return False
        return same_up_to_round_off(self.text, other.text)


def _value(number: str) -> float:
    mantissa, _, power = number.replace(",", "").partition("\\times")
    if power:
        return float(mantissa) * 10.0 ** int(power.strip()[4:-1])
    return float(mantissa)


def same_up_to_round_off(expected: str, actual: str) -> bool:
    """Equal text around the numbers; each number within a factor of
    ``ROUND_OFF_FACTOR`` of the expected one, with the same sign.

    >>> same_up_to_round_off("error 9.0e-09, ratio 1,084",
    ...                      "error 9.1e-09, ratio 1,093")
    True
    >>> same_up_to_round_off("error 2.0e-11", "error 2.0e-05")
    False
    """
    if NUMBER.sub("#", expected) != NUMBER.sub("#", actual):
        return False
    pairs = zip(NUMBER.findall(expected), NUMBER.findall(actual),
                strict=True)
    for want, got in pairs:
        a, b = _value(want), _value(got)
        if a == b:
            continue
        if a == 0 or b == 0 or (a < 0) != (b < 0):
            return False
        if max(abs(a), abs(b)) > ROUND_OFF_FACTOR * min(abs(a), abs(b)):
            return False
    return True


def _tidy(text: str) -> str:
    lines = [line.rstrip() for line in ANSI.sub("", text).splitlines()]
    return "\n".join(lines).strip("\n")


def _first_line(source: str) -> str:
    for line in source.splitlines():
        if line.strip() and not line.startswith("#|"):
            return line.strip()[:60]
    return ""


def cell_text(outputs: list[dict]) -> str:
    """The text the page shows for one cell's outputs, streams merged.

    The kernel may split one ``print`` into several stream messages
    (more often on a busy machine): the pieces are joined back first.
    """
    streams: dict[str, str] = {}
    parts: list[tuple[str, str]] = []
    for output in outputs:
        kind = output.get("output_type")
        if "scrapbook" in output.get("metadata", {}):
            continue  # a glued value: checked where the prose shows it
        if kind == "stream":
            name = output["name"]
            if name not in streams:
                parts.append(("stream", name))
                streams[name] = ""
            streams[name] += output["text"]
        elif kind in ("execute_result", "display_data"):
            data = output.get("data", {})
            if any(k.startswith(SHOWN_INSTEAD_OF_TEXT) for k in data):
                continue  # a figure: see tests/test_determinism.py
            if "text/plain" in data:
                parts.append(("text", data["text/plain"]))
        elif kind == "error":
            parts.append(("text", f"{output['ename']}: {output['evalue']}"))
    pieces = [streams[v] if k == "stream" else v for k, v in parts]
    return _tidy("\n".join(piece.rstrip("\n") for piece in pieces))


def glue_uses(chapter: Path) -> list[tuple[str, str]]:
    """Every ``(key, format)`` the prose pastes, in order, once each."""
    seen: list[tuple[str, str]] = []
    for role, content in GLUE_ROLE.findall(chapter.read_text("utf-8")):
        if role not in ("", "text", "any"):
            raise ValueError(f"{chapter}: glue role {role!r} not checked")
        key, _, spec = content.partition(":")
        use = (key.strip(), spec.strip() if role == "text" else "")
        if use not in seen:
            seen.append(use)
    return seen


def glue_text(text_plain: str, spec: str) -> str:
    """A glued value as the prose shows it (``{glue:text}`` then the
    book's number rule, :func:`mathdl.book.prose_number`)."""
    from myst_nb.core.variables import format_plain_text

    from mathdl.book import prose_number

    if spec:
        shown = format_plain_text(text_plain, spec)
    else:
        try:
            shown = str(literal_eval(text_plain))
        except (SyntaxError, ValueError):
            shown = text_plain
    kind, human = prose_number(shown)
    return f"${human}$" if kind == "math" else human


def sections(chapter: Path, notebook: dict) -> list[Section]:
    """What the reader of ``chapter`` sees, from its executed notebook."""
    found: list[Section] = []
    glued: dict[str, str] = {}
    round_off_keys: set[str] = set()
    number = 0
    for cell in notebook["cells"]:
        if cell["cell_type"] != "code":
            continue
        number += 1
        source = cell["source"]
        tags = set(cell.get("metadata", {}).get("tags", []))
        for output in cell.get("outputs", []):
            record = output.get("metadata", {}).get("scrapbook")
            if record:
                data = output.get("data", {})
                plain = data.get(record.get("mime_prefix", "") + "text/plain",
                                 data.get("text/plain", ""))
                glued[record["name"]] = plain
                if ROUND_OFF in tags:
                    round_off_keys.add(record["name"])
        if HIDDEN_TAGS & tags:
            continue
        text = cell_text(cell.get("outputs", []))
        mark = ROUND_OFF_MARK if ROUND_OFF in tags else ""
        if text:
            found.append(Section(
                f"cell {number}{mark}: {_first_line(source)}", text))
    for key, spec in glue_uses(chapter):
        title = f"glue {key}" + (f":{spec}" if spec else "")
        if key in round_off_keys:
            title += ROUND_OFF_MARK
        if key not in glued:
            found.append(Section(title, "<not glued by the chapter>"))
        else:
            found.append(Section(title, glue_text(glued[key], spec)))
    return found


def header(chapter: Path) -> str:
    name = chapter.relative_to(ROOT).as_posix()
    return (
        f"# {name}: every text output and glued value a reader sees.\n"
        "# Re-record after an intended change with `make record`, then\n"
        "# review `git diff tests/expected`.\n\n"
    )


def render(chapter: Path, found: list[Section]) -> str:
    body = "\n".join(section.render() for section in found)
    return header(chapter) + body


def parse(text: str) -> list[Section]:
    """Read an expected copy back into sections."""
    found: list[Section] = []
    title, lines = None, []
    for line in text.splitlines():
        if line.startswith(MARK):
            if title is not None:
                found.append(Section(title, "\n".join(lines).strip("\n")))
            title, lines = line[len(MARK):], []
        elif title is not None:
            lines.append(line)
    if title is not None:
        found.append(Section(title, "\n".join(lines).strip("\n")))
    return found


def read_notebook(chapter: Path) -> nbformat.NotebookNode:
    """The notebook the build executed for this version of ``chapter``.

    It comes from MyST-NB's execution cache (``<builddir>/.jupyter_cache``),
    which holds the outputs as the kernel sent them; the build drops the
    cache whenever ``mathdl`` changes.
    """
    import jupytext
    from jupyter_cache import get_cache

    cache = build_dir() / ".jupyter_cache"
    name = chapter.relative_to(ROOT).as_posix()
    rebuild = "run `make html` (it executes the chapters for the site " \
        "and the tests)"
    if not (cache / "mathdl.sha256").is_file():
        raise LookupError(f"no executed chapters in {cache}: {rebuild}")
    if (cache / "mathdl.sha256").read_text() != mathdl_digest():
        raise LookupError(f"mathdl changed since the build: {rebuild}")
    try:
        record = get_cache(cache).match_cache_notebook(jupytext.read(chapter))
    except KeyError:
        raise LookupError(
            f"the build did not execute this version of {name}: {rebuild}"
        ) from None
    return get_cache(cache).get_cache_bundle(record.pk).nb


def record(chapters: list[Path]) -> None:
    for chapter in chapters:
        found = sections(chapter, read_notebook(chapter))
        for section in found:
            lines = section.text.split("\n")
            if any(line.startswith(MARK) for line in lines):
                raise ValueError(f"{chapter}: {section.title} prints a line "
                                 f"starting with {MARK!r}")
        target = expected_path(chapter)
        target.parent.mkdir(parents=True, exist_ok=True)
        text = render(chapter, found)
        if not target.is_file() or target.read_text("utf-8") != text:
            target.write_text(text, "utf-8")
            print(f"recorded {target.relative_to(ROOT)}")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from chapters import chapter_paths

    if sys.argv[1:] != ["--record"]:
        sys.exit("usage: python tests/pages.py --record")
    record(chapter_paths())
