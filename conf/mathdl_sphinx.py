"""Local Sphinx extension of the book.

- It generates the body of the API reference page from the modules that
  exist in :mod:`mathdl`, so a new module appears there without anyone
  editing the page.
- It offers each executed chapter as an ``.ipynb`` download (made by
  MyST-NB at build time, never committed) in the page's download menu.
"""

from __future__ import annotations

import pkgutil
import shutil
from pathlib import Path

from sphinx.application import Sphinx

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
    outdir = Path(app.outdir)
    executed = outdir.parent / "jupyter_execute" / f"{pagename}.ipynb"
    if not executed.is_file():
        return
    target = outdir / "_sources" / f"{pagename}.ipynb"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(executed, target)
    # sphinx-book-theme (priority 501) adds the ".ipynb" download item.
    context["ipynb_source"] = f"{pagename}.ipynb"


def setup(app: Sphinx) -> dict:
    app.connect("html-page-context", _offer_notebook, priority=400)
    app.connect("source-read", _on_source_read)
    app.connect("env-get-outdated", _always_reread_api)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
