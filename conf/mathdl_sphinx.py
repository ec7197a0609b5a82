"""Local Sphinx extension of the book.

- It generates the body of the API reference page from the modules that
  exist in :mod:`mathdl`, so a new module appears there without anyone
  editing the page.
- ``literalinclude`` gains a ``:no-docstring:`` flag: with ``:pyobject:``
  it shows a function's code without its docstring (the docstring is on
  the API page; the chapter's prose already explains it).
- It offers each executed chapter as an ``.ipynb`` download (made by
  MyST-NB at build time, never committed) in the page's download menu.
"""

from __future__ import annotations

import ast
import pkgutil
import shutil
import textwrap
from pathlib import Path

from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.directives import code as sphinx_code

API_DOCNAME = "appendix/api"


def api_modules() -> list[str]:
    """The public modules of :mod:`mathdl`, in alphabetical order."""
    import mathdl

    return [
        f"mathdl.{info.name}"
        for info in pkgutil.iter_modules(mathdl.__path__)
        if not info.name.startswith("_")
        and info.name not in {"book", "conftest"}
    ]


def _api_source() -> str:
    parts = []
    for name in api_modules():
        parts.append(
            f"\n## `{name}`\n\n```{{eval-rst}}\n.. automodule:: {name}\n"
            "   :members:\n```\n"
        )
    return "".join(parts)


def _on_source_read(app: Sphinx, docname: str, source: list[str]) -> None:
    if docname == API_DOCNAME:
        source[0] = source[0].replace("<!-- api-modules -->", _api_source())


def _always_reread_api(app, env, added, changed, removed) -> list[str]:
    # A new module changes the page without touching its source file.
    return [API_DOCNAME] if API_DOCNAME in env.found_docs else []


def _offer_notebook(app, pagename, templatename, context, doctree) -> None:
    if app.builder.format != "html" or doctree is None:
        return
    if app.builder.name == "epub":
        return  # an e-reader has no download menu
    outdir = Path(app.outdir)
    executed = outdir.parent / "jupyter_execute" / f"{pagename}.ipynb"
    if not executed.is_file():
        return
    target = outdir / "_sources" / f"{pagename}.ipynb"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(executed, target)
    # sphinx-book-theme (priority 501) adds the ".ipynb" download item.
    context["ipynb_source"] = f"{pagename}.ipynb"


def drop_docstring(lines: list[str]) -> list[str]:
    """Remove the docstring of the one function or class in ``lines``."""
    tree = ast.parse(textwrap.dedent("".join(lines)))
    body = tree.body[0].body if tree.body else []
    if not (
        body
        and isinstance(body[0], ast.Expr)
        and isinstance(body[0].value, ast.Constant)
        and isinstance(body[0].value.value, str)
    ):
        return lines
    first, last = body[0].lineno - 1, body[0].end_lineno
    while last < len(lines) and not lines[last].strip():
        last += 1  # the blank line after the docstring goes too
    return lines[:first] + lines[last:]


class _Reader(sphinx_code.LiteralIncludeReader):
    def pyobject_filter(self, lines, location=None):
        lines = super().pyobject_filter(lines, location=location)
        if "no-docstring" in self.options and "pyobject" in self.options:
            lines = drop_docstring(lines)
        return lines


class LiteralInclude(sphinx_code.LiteralInclude):
    """Sphinx's ``literalinclude`` plus the ``:no-docstring:`` flag."""

    option_spec = {
        **sphinx_code.LiteralInclude.option_spec,
        "no-docstring": directives.flag,
    }

    def run(self):
        original = sphinx_code.LiteralIncludeReader
        sphinx_code.LiteralIncludeReader = _Reader
        try:
            return super().run()
        finally:
            sphinx_code.LiteralIncludeReader = original


def setup(app: Sphinx) -> dict:
    # sphinxcontrib-bibtex does not re-read the sources when a .bib file
    # is added; this copy of the list, rebuilt "env", makes Sphinx do so.
    app.add_config_value("mathdl_bibfiles", [], "env")
    app.add_directive("literalinclude", LiteralInclude, override=True)
    app.connect("html-page-context", _offer_notebook, priority=400)
    app.connect("source-read", _on_source_read)
    app.connect("env-get-outdated", _always_reread_api)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
