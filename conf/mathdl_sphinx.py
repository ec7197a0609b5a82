"""Local Sphinx extension of the book.

It generates the body of the API reference page from the modules that
exist in :mod:`mathdl`, so a new module appears there without anyone
editing the page.
"""

from __future__ import annotations

import pkgutil

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


def setup(app: Sphinx) -> dict:
    app.connect("source-read", _on_source_read)
    app.connect("env-get-outdated", _always_reread_api)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
