"""The book's Sphinx set-up: the API page, the local extension, the
bibliography.

The extension (conf/mathdl_sphinx.py) is tested on tiny projects built in
a temporary folder, so these tests need no build of the book.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
import sys
import types
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

import mathdl
from mathdl._moved import moved_from

ROOT = Path(__file__).resolve().parent.parent
CONF = ROOT / "conf"
sys.path.insert(0, str(CONF))
import mathdl_sphinx  # noqa: E402  (lives in conf/, not a package)

API_PAGE = ROOT / "book" / "appendix" / "api.md"
BIBLIOGRAPHY = ROOT / "book" / "references.bib"
# Public modules that are not part of the reader's API, and why.
NOT_API = {
    "book": "the book's own set-up (print options, figures, prose numbers)",
    "conftest": "pytest's configuration",
}


# The API page ---------------------------------------------------------------


def is_moved_shim(module: types.ModuleType) -> bool:
    """True for a module kept only so old imports still work: it defines
    nothing and forwards names with a module ``__getattr__``
    (:func:`mathdl._moved.moved_from`)."""
    if "__getattr__" not in vars(module):
        return False
    return not any(
        getattr(value, "__module__", None) == module.__name__
        for name, value in vars(module).items()
        if not name.startswith("_")
        and (inspect.isfunction(value) or inspect.isclass(value))
    )


def public_modules() -> list[str]:
    """Every module of mathdl a reader imports: no leading underscore,
    not in NOT_API, not a moved shim."""
    names = []
    for info in pkgutil.iter_modules(mathdl.__path__):
        if info.name.startswith("_") or info.name in NOT_API:
            continue
        module = importlib.import_module(f"mathdl.{info.name}")
        if not is_moved_shim(module):
            names.append(module.__name__)
    return names


def documented_modules() -> list[str]:
    """The modules that book/appendix/api.md documents, in page order."""
    text = API_PAGE.read_text(encoding="utf-8")
    return re.findall(r"^\.\. automodule:: (mathdl\.\S+)$", text, re.M)


def test_api_page_documents_every_public_module():
    missing = sorted(set(public_modules()) - set(documented_modules()))
    assert not missing, (
        f"{API_PAGE.relative_to(ROOT)} lacks {missing}: add a section "
        "with `.. automodule:: <name>` and `:members:` for each"
    )


def test_api_page_documents_only_public_modules_once():
    documented = documented_modules()
    assert len(documented) == len(set(documented)), documented
    assert documented == sorted(documented), "keep them alphabetical"
    assert set(documented) <= set(public_modules())


def test_a_moved_shim_is_not_required_on_the_api_page():
    shim = types.ModuleType("mathdl.old_home")
    shim.__getattr__ = moved_from(
        "mathdl.old_home", {"dot": "mathdl.vectors"}
    )
    shim.moved_from = moved_from  # its import, defined elsewhere
    assert is_moved_shim(shim)
    assert not is_moved_shim(importlib.import_module("mathdl.vectors"))
    assert not is_moved_shim(importlib.import_module("mathdl.errors"))


# Tiny projects with the book's extension -----------------------------------

CODE = '''\
def area(radius):
    """Area of a circle.

    >>> area(1.0)
    3.14159
    """

    return 3.14159 * radius * radius


def volume(radius):
    """The ball's volume: return 4 / 3 * area * radius."""
    return 4 / 3 * area(radius) * radius
'''


def make_project(folder: Path, pages: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "conf.py").write_text(
        "import sys\n"
        f"sys.path.insert(0, {str(CONF)!r})\n"
        'extensions = ["mathdl_sphinx"]\n'
        'nb_execution_mode = "off"\n'
        f"nb_execution_cache_path = {str(folder / 'cache')!r}\n",
        encoding="utf-8",
    )
    (folder / "code.py").write_text(CODE, encoding="utf-8")
    for name, text in pages.items():
        (folder / f"{name}.rst").write_text(text, encoding="utf-8")
    return folder


def build(folder: Path, read: list[str] | None = None) -> SphinxTestApp:
    """Build ``folder`` (HTML); ``read`` collects the pages Sphinx read."""
    app = SphinxTestApp("html", srcdir=folder)
    try:
        if read is not None:
            app.connect(
                "env-before-read-docs",
                lambda app, env, docnames: read.extend(docnames),
            )
        app.build()
    finally:
        app.cleanup()
    return app


def included(app: SphinxTestApp, docname: str = "index") -> list[str]:
    from docutils import nodes

    doctree = app.env.get_doctree(docname)
    return [block.astext() for block in doctree.findall(nodes.literal_block)]


def include(options: str) -> str:
    lines = "".join(f"   {line}\n" for line in options.split(";"))
    return f".. literalinclude:: code.py\n{lines}\n"


def test_no_docstring_shows_the_code_without_its_docstring(tmp_path):
    page = (
        "Title\n=====\n\n"
        + include(":pyobject: area")
        + include(":pyobject: area;:no-docstring:")
        + include(":pyobject: volume;:no-docstring:;:caption: Volume")
        # The docstring goes before :start-at: looks for its text.
        + include(":pyobject: volume;:no-docstring:;:start-at: return 4")
        + include(":pyobject: volume;:start-at: return 4")
    )
    app = build(make_project(tmp_path, {"index": page}))
    assert "WARNING" not in app.warning.getvalue(), app.warning.getvalue()
    shown = included(app)
    assert shown[0] == (
        'def area(radius):\n    """Area of a circle.\n\n'
        '    >>> area(1.0)\n    3.14159\n    """\n\n'
        "    return 3.14159 * radius * radius\n"
    )
    assert shown[1] == (
        "def area(radius):\n    return 3.14159 * radius * radius\n"
    )
    assert shown[2] == (
        "def volume(radius):\n    return 4 / 3 * area(radius) * radius\n"
    )
    assert shown[3] == "    return 4 / 3 * area(radius) * radius\n"
    # (without the flag, :start-at: finds the line in the docstring)
    assert shown[4].startswith("    \"\"\"The ball's volume:")
    assert len(shown) == 5


def test_no_docstring_needs_pyobject(tmp_path):
    page = "Title\n=====\n\n" + include(":no-docstring:")
    app = build(make_project(tmp_path, {"index": page}))
    assert ":no-docstring: needs :pyobject:" in app.warning.getvalue()
    assert included(app) == []


def test_drop_docstring_leaves_code_without_one_alone():
    lines = ["def f(x):\n", "    return x\n"]
    assert mathdl_sphinx.drop_docstring(lines) == lines


# The cache follows mathdl ---------------------------------------------------


def test_mathdl_digest_follows_every_file(tmp_path):
    package = tmp_path / "mathdl"
    (package / "data").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "data" / "x.csv").write_text("1,2\n")
    first = mathdl_sphinx.mathdl_digest(package)
    (package / "__pycache__").mkdir()
    (package / "__pycache__" / "a.pyc").write_bytes(b"\0")
    assert mathdl_sphinx.mathdl_digest(package) == first
    (package / "data" / "x.csv").write_text("1,3\n")
    assert mathdl_sphinx.mathdl_digest(package) != first
    assert len(mathdl_sphinx.mathdl_digest()) == 64  # the real package


def test_changed_mathdl_drops_the_cache_and_rereads_every_page(
    tmp_path, monkeypatch
):
    pages = {
        "index": "Home\n====\n\n.. toctree::\n\n   chapter\n",
        "chapter": "Chapter\n=======\n\n" + include(":pyobject: area"),
    }
    folder = make_project(tmp_path, pages)
    cache = folder / "cache"
    stamp = cache / "mathdl.sha256"
    monkeypatch.setattr(mathdl_sphinx, "mathdl_digest", lambda: "before")

    read: list[str] = []
    build(folder, read)
    assert sorted(read) == ["chapter", "index"]
    assert stamp.read_text() == "before"
    executed = cache / "executed.txt"  # what MyST-NB would have cached
    executed.write_text("outputs")

    read.clear()
    build(folder, read)
    assert read == [], "nothing changed: nothing is read again"
    assert executed.is_file()

    monkeypatch.setattr(mathdl_sphinx, "mathdl_digest", lambda: "after")
    read.clear()
    app = build(folder, read)
    assert sorted(read) == ["chapter", "index"]
    assert not executed.exists(), "the cache of the old mathdl is dropped"
    assert stamp.read_text() == "after"
    assert app.env.config.mathdl_digest == "after"


# The bibliography -----------------------------------------------------------


def test_one_bibliography_file_with_unique_keys():
    from pybtex.database import parse_file

    assert sorted((ROOT / "book").rglob("*.bib")) == [BIBLIOGRAPHY]
    text = BIBLIOGRAPHY.read_text(encoding="utf-8")
    keys = re.findall(r"^@\w+\{([^,\s]+),", text, re.M)
    duplicates = sorted({key for key in keys if keys.count(key) > 1})
    assert not duplicates, duplicates
    assert len(parse_file(str(BIBLIOGRAPHY)).entries) == len(keys)


@pytest.mark.parametrize("command", ["texttt", "emph", "textit", "textbf",
                                     "url", "href"])
def test_bibliography_is_plain_bibtex(command):
    # pybtex prints font commands as written ("\texttt seattle-weather"):
    # braces keep capitals, and a link goes in the url field.
    assert f"\\{command}" not in BIBLIOGRAPHY.read_text(encoding="utf-8")
