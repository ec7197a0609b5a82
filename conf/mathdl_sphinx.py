"""Local Sphinx extension of the book.

- It generates the body of the API reference page from the modules that
  exist in :mod:`mathdl`, so a new module appears there without anyone
  editing the page.
- ``literalinclude`` gains a ``:no-docstring:`` flag: with ``:pyobject:``
  it shows a function's code without its docstring (the docstring is on
  the API page; the chapter's prose already explains it).
- It offers each executed chapter as an ``.ipynb`` download (made by
  MyST-NB at build time, never committed) in the page's download menu.
- Every image gets real alt text: where it has none (docutils would use
  the file path), its figure caption becomes the alt text.
- The site links to the book's PDF and EPUB; the HTML build copies them
  next to the pages when they have been built. Pages listed in
  ``mathdl_nosearch`` (the execution status) stay out of the search.
- ``_static/mathdl.css`` and ``_static/mathdl.js`` mend the theme for
  phones and screen readers (see the comments in those files).
"""

from __future__ import annotations

import ast
import pkgutil
import re
import shutil
import textwrap
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.directives import code as sphinx_code

API_DOCNAME = "appendix/api"
STATIC = Path(__file__).resolve().parent / "_static"
TEMPLATES = Path(__file__).resolve().parent / "_templates"
# The downloads the site links to, by file name in the HTML output, with
# where their builders leave them (relative to the build folder).
DOWNLOADS = {
    "math-for-deep-learning.pdf": "latex/math-for-deep-learning.pdf",
    "math-for-deep-learning.epub": "epub/{epub_basename}.epub",
}


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


# An alt text that only names a file: a path, an image file name or a hash.
_PATHLIKE_ALT = re.compile(
    r"^\s*$|^[^\s]*/[^\s]*$|\.(png|svg|jpe?g|gif|webp|pdf)$|"
    r"^[0-9a-f]{16,}$",
    re.IGNORECASE,
)
# TeX in captions, as a screen reader should say it.
_TEX_WORDS = {
    r"\times": "×", r"\cdot": "·", r"\le": "≤", r"\ge": "≥",
    r"\leq": "≤", r"\geq": "≥", r"\approx": "≈", r"\pm": "±",
    r"\infty": "∞", r"\to": "→", r"\in": "∈", r"\sum": "∑",
    r"\alpha": "α", r"\beta": "β", r"\gamma": "γ", r"\delta": "δ",
    r"\epsilon": "ε", r"\eta": "η", r"\theta": "θ", r"\lambda": "λ",
    r"\mu": "μ", r"\sigma": "σ", r"\Sigma": "Σ", r"\pi": "π",
    r"\nabla": "∇", r"\partial": "∂", r"\top": "T",
}


def plain_tex(tex: str) -> str:
    """A short TeX formula as plain text (for alt text and snippets)."""
    text = re.sub(
        r"\\[A-Za-z]+",
        lambda m: _TEX_WORDS.get(m.group(0), ""),
        tex,
    )
    text = re.sub(r"[{}$]|\\.", "", text)
    return re.sub(r"\s+", " ", text).strip()


def _plain_text(node: nodes.Node) -> str:
    parts = []
    for child in node.findall(nodes.Text):
        if isinstance(child.parent, (nodes.math, nodes.math_block)):
            parts.append(plain_tex(child.astext()))
        else:
            parts.append(child.astext())
    return re.sub(r"\s+", " ", "".join(parts)).strip()


def needs_alt(image: nodes.image) -> bool:
    alt = image.get("alt")
    return alt is None or alt == image.get("uri") or bool(
        _PATHLIKE_ALT.search(alt)
    )


def _alt_from_captions(app, doctree: nodes.document, docname: str) -> None:
    """Give a figure's images its caption as alt text where they have
    none (docutils writes the file path then, which a screen reader
    reads out as a hash)."""
    for figure in doctree.findall(nodes.figure):
        captions = [
            child for child in figure.children
            if isinstance(child, nodes.caption)
        ]
        if not captions:
            continue
        alt = _plain_text(captions[0])
        for image in figure.findall(nodes.image):
            if alt and needs_alt(image):
                image["alt"] = alt


def _keep_out_of_search(app, doctree: nodes.document) -> None:
    docname = app.env.docname
    if docname in app.config.mathdl_nosearch:
        app.env.metadata.setdefault(docname, {})["nosearch"] = ""


def _download_sources(app) -> dict[str, Path]:
    builddir = Path(app.outdir).parent
    basename = getattr(app.config, "epub_basename", "") or ""
    return {
        name: builddir / where.format(epub_basename=basename)
        for name, where in DOWNLOADS.items()
    }


def _page_context(app, pagename, templatename, context, doctree):
    # docutils marks bibliography entries with the DPUB-ARIA role
    # doc-biblioentry, deprecated in DPUB-ARIA 1.1, inside role="list":
    # axe (aria-deprecated-role, aria-required-children) and screen
    # readers want list items there.
    if "body" in context:
        context["body"] = context["body"].replace(
            'role="doc-biblioentry"', 'role="listitem"'
        )
    context["mathdl_downloads"] = [
        ("PDF", "math-for-deep-learning.pdf"),
        ("EPUB", "math-for-deep-learning.epub"),
    ]


def _copy_downloads(app, exception) -> None:
    """Put the PDF and EPUB, where built, next to the site's pages; the
    EPUB builder also puts its fresh file into an existing site."""
    if exception is not None:
        return
    outdir = Path(app.outdir)
    sources = _download_sources(app)
    if app.builder.name == "html":
        targets = [(source, outdir / name) for name, source in
                   sources.items()]
    elif app.builder.name == "epub":
        html = outdir.parent / "html"
        name = "math-for-deep-learning.epub"
        targets = [(sources[name], html / name)] if html.is_dir() else []
    else:
        return
    for source, target in targets:
        if source.is_file():
            shutil.copy2(source, target)


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


def _add_site_files(app, config) -> None:
    if str(STATIC) not in config.html_static_path:
        config.html_static_path.append(str(STATIC))
    if str(TEMPLATES) not in config.templates_path:
        config.templates_path.append(str(TEMPLATES))
    # The links to the PDF and EPUB, at the foot of the contents sidebar.
    config.html_theme_options.setdefault(
        "primary_sidebar_end", ["mathdl-downloads.html"]
    )


def setup(app: Sphinx) -> dict:
    # sphinxcontrib-bibtex does not re-read the sources when a .bib file
    # is added; this copy of the list, rebuilt "env", makes Sphinx do so.
    app.add_config_value("mathdl_bibfiles", [], "env")
    app.add_config_value("mathdl_nosearch", ["appendix/status"], "env")
    app.add_directive("literalinclude", LiteralInclude, override=True)
    app.connect("doctree-read", _keep_out_of_search)
    app.connect("doctree-resolved", _alt_from_captions)
    app.connect("html-page-context", _page_context)
    app.connect("build-finished", _copy_downloads)
    app.connect("config-inited", _add_site_files)
    app.add_css_file("mathdl.css")
    app.add_js_file("mathdl.js")
    app.connect("html-page-context", _offer_notebook, priority=400)
    app.connect("source-read", _on_source_read)
    app.connect("env-get-outdated", _always_reread_api)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
