"""The EPUB build of the book (``make epub``), as a Sphinx extension.

- The epub builder draws the math with :mod:`sphinx.ext.imgmath` (SVG by
  ``latex`` and ``dvisvgm``) while the website keeps MathJax: Sphinx
  reads ``epub_math_renderer`` before ``html_math_renderer`` for the epub
  builder, and this extension declares that setting.
- imgmath runs ``latex`` and ``dvisvgm`` once per formula (about 1,250
  runs for the book). Before the pages are written, this extension draws
  every formula that has no image yet in one ``latex`` run and one
  ``dvisvgm`` run, into the files imgmath would make (same LaTeX, same
  names); anything it cannot do is left to imgmath, formula by formula.
- The EPUB leaves out the MathJax folder (sphinx-mathjax-offline copies
  it into every builder's output when a build ends), and the stylesheets of
  MyST-NB, sphinx-exercise and sphinx-proof are copied before the book
  is zipped, not after; the copy-button and toggle assets stay out.
  An exercise's title loses its icon (a glyph of a web font the EPUB
  does not carry).
- Its pages are valid XHTML, as EPUBCheck wants: hidden code cells are
  left out (as in print; the web shows them folded), an id used twice on
  a page (sphinx-exercise's and sphinx-proof's ``*-content``) is kept
  only on its first element, a paragraph holding a list (numpydoc's
  "Returns" with several values) is unwrapped, and citations get the
  ARIA role ``listitem`` instead of the deprecated ``doc-biblioentry``.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from hashlib import sha1
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.ext import imgmath
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.math import wrap_displaymath

logger = logging.getLogger(__name__)

_PAGE = re.compile(r"processing page (\d+)")
_DEPTH = re.compile(r".*, depth=(-?[\d.]+)pt")
_EPUB_CSS = """\
div.math img, img.math, figure img, div.figure img {
  max-width: 100%;
  height: auto;
}
pre { white-space: pre-wrap; overflow-wrap: anywhere; }
div.exercise p.admonition-title::after { content: none; }
"""
# Stylesheets of what only a browser runs (copy buttons, toggles): not
# linked from the EPUB's pages; conf.py's epub_exclude_files keeps the
# files out of the EPUB.
_HTML_ONLY_CSS = {"copybutton.css", "togglebutton.css"}
_MATH_IMG = re.compile(r'src="[^"]*_images/math/([0-9a-f]+\.svg)"')


def _prepare_epub(app: Sphinx) -> None:
    if app.builder.name != "epub":
        return
    # sphinx-mathjax-offline copies MathJax into every builder's _static
    # when a build ends, after the EPUB is zipped: an EPUB runs no script,
    # so the last build's copy must not go into this one.
    shutil.rmtree(
        Path(app.outdir, "_static", Path(app.config.mathjax_path).parent),
        ignore_errors=True,
    )
    base = app.registry.translators.get(
        "epub", app.builder.default_translator_class
    )
    app.set_translator(
        "epub", type("EpubTranslator", (_CitationRole, base), {}),
        override=True,
    )
    # MyST-NB, sphinx-exercise and sphinx-proof copy their stylesheets at
    # build-finished, after the epub builder has listed and zipped its
    # files (so a first build's EPUB lacks them): copy them now instead.
    from myst_nb.sphinx_ext import add_global_html_resources
    from sphinx_exercise import copy_asset_files as exercise_css
    from sphinx_proof import copy_asset_files as proof_css

    static = Path(app.outdir) / "_static"
    static.mkdir(parents=True, exist_ok=True)
    for copy_css in (add_global_html_resources, exercise_css, proof_css):
        copy_css(app, None)
    # A narrow screen: wide equations shrink, long code lines wrap.
    (static / "mathdl-epub.css").write_text(_EPUB_CSS, encoding="utf-8")
    app.add_css_file("mathdl-epub.css")


class _CitationRole:
    """docutils' citation with the ARIA role EPUBCheck accepts."""

    def visit_citation(self, node) -> None:
        if not isinstance(node.previous_sibling(), type(node)):
            self.body.append('<div role="list" class="citation-list">\n')
        self.body.append(self.starttag(
            node, "div", classes=[node.tagname], role="listitem"
        ))


class EpubPages(SphinxPostTransform):
    """Valid XHTML for the EPUB (see the module's docstring)."""

    default_priority = 198  # before MyST-NB folds hidden cells (199)
    builders = ("epub",)

    def run(self, **kwargs) -> None:
        for cell in list(self.document.findall(nodes.container)):
            mode = cell.get("hide_mode")
            if cell.get("nb_element") != "cell_code" or not mode:
                continue
            source = [
                child for child in cell.children
                if child.get("nb_element") == "cell_code_source"
            ]
            if mode == "all":
                cell.parent.remove(cell)
                continue
            if mode in ("input", "input+output"):
                for child in source:
                    cell.remove(child)
            cell["hide_mode"] = None
        seen: set[str] = set()
        for node in self.document.findall(nodes.Element):
            ids = node.get("ids", [])
            node["ids"] = [i for i in ids if i not in seen]
            seen.update(ids)
        blocks = (nodes.Sequential, nodes.Structural, nodes.literal_block,
                  nodes.paragraph, nodes.table, nodes.block_quote)
        for para in list(self.document.findall(nodes.paragraph)):
            if any(isinstance(child, blocks) for child in para.children):
                para.replace_self(para.children)


def _drop_html_only_css(app, pagename, templatename, context, doctree):
    if app.builder.name == "epub" and "css_files" in context:
        context["css_files"] = [
            css for css in context["css_files"]
            if Path(getattr(css, "filename", str(css))).name
            not in _HTML_ONLY_CSS
        ]


def _formula(node: nodes.Element) -> str:
    """The math text imgmath hands to its LaTeX template for ``node``."""
    if isinstance(node, nodes.math):
        return "$" + node.astext() + "$"
    if node.get("no-wrap", node.get("nowrap", False)):
        return node.astext()
    return wrap_displaymath(node.astext(), None, False)


def _missing_formulas(app: Sphinx, builder) -> dict[Path, str]:
    """Every formula of the book whose SVG imgmath would still have to
    draw, keyed by the file imgmath would write (its LaTeX's SHA-1)."""
    config, env = app.config, builder.env
    mathdir = Path(builder.outdir) / builder.imagedir / "math"

    def render(formula: str) -> str:
        return imgmath.generate_latex_macro(
            "svg", formula, config, builder.confdir
        )

    # Rendering the template costs 4 ms a formula: render it once, then
    # fill in each formula (if that gives what imgmath would write).
    mark = "\x00formula\x00"
    template = render(mark)
    fast = template.count(mark) == 1 and (
        template.replace(mark, "$x$") == render("$x$")
    )
    todo: dict[Path, str] = {}
    for docname in sorted(env.found_docs):
        doctree = env.get_doctree(docname)
        for node in doctree.findall(
            lambda n: isinstance(n, (nodes.math, nodes.math_block))
        ):
            formula = _formula(node)
            if fast:
                latex = template.replace(mark, formula)
            else:
                latex = render(formula)
            name = sha1(latex.encode(), usedforsecurity=False).hexdigest()
            path = mathdir / f"{name}.svg"
            if not path.is_file():
                todo[path] = latex
    return todo


def _render_all(app: Sphinx, builder) -> None:
    """One latex run and one dvisvgm run for every missing formula."""
    if builder.name != "epub" or builder.math_renderer_name != "imgmath":
        return
    config = app.config
    if config.imgmath_image_format.lower() != "svg":
        return
    todo = _missing_formulas(app, builder)
    if not todo:
        return
    logger.info("drawing %d formulas in one latex run", len(todo))
    heads, bodies = set(), []
    for latex in todo.values():
        head, _, rest = latex.partition(r"\begin{document}")
        body, _, _ = rest.rpartition(r"\end{document}")
        heads.add(head)
        bodies.append(body)
    if len(heads) != 1:
        return  # several templates: leave it to imgmath
    source = (
        heads.pop() + "\\begin{document}\n" + "".join(bodies)
        + "\\end{document}\n"
    )
    with tempfile.TemporaryDirectory(suffix="-mathdl-imgmath") as tmp:
        Path(tmp, "math.tex").write_text(source, encoding="utf-8")
        latex_run = subprocess.run(
            [config.imgmath_latex, "--interaction=nonstopmode",
             *config.imgmath_latex_args, "math.tex"],
            cwd=tmp, capture_output=True, text=True, errors="replace",
        )
        if latex_run.returncode != 0:
            logger.info("latex failed on the batch: imgmath draws each one")
            return
        svg_run = subprocess.run(
            [config.imgmath_dvisvgm, *config.imgmath_dvisvgm_args,
             "--page=1-", "--output=%p.svg", "math.dvi"],
            cwd=tmp, capture_output=True, text=True, errors="replace",
        )
        pages = sorted(Path(tmp).glob("*.svg"), key=lambda p: int(p.stem))
        if svg_run.returncode != 0 or len(pages) != len(todo):
            logger.info("dvisvgm: %d pages for %d formulas; imgmath draws"
                        " each one", len(pages), len(todo))
            return
        depths: dict[int, int] = {}
        page = 0
        for line in svg_run.stderr.splitlines():
            if match := _PAGE.search(line):
                page = int(match.group(1))
            elif (match := _DEPTH.match(line)) and config.imgmath_use_preview:
                # imgmath's conversion: points to pixels at 100 ppi
                depths[page] = round(float(match.group(1)) * 100 / 72.27)
        pairs = zip(pages, todo, strict=True)  # same length, checked above
        for number, (svg, target) in enumerate(pairs, start=1):
            target.parent.mkdir(parents=True, exist_ok=True)
            svg.replace(target)
            if number in depths:
                imgmath.write_svg_depth(target, depths[number])


def _drop_stale_math(app: Sphinx, *args) -> list:
    """Before the EPUB is zipped: delete the formula images that no page
    shows any more (left by an earlier build), so the EPUB holds none."""
    builder = app.builder
    if builder.name != "epub":
        return []
    outdir = Path(builder.outdir)
    mathdir = outdir / builder.imagedir / "math"
    if not mathdir.is_dir():
        return []
    shown = set()
    for page in outdir.rglob(f"*{builder.out_suffix}"):
        shown.update(_MATH_IMG.findall(page.read_text(encoding="utf-8")))
    for svg in mathdir.glob("*.svg"):
        if svg.name not in shown:
            svg.unlink()
    return []


def setup(app: Sphinx) -> dict:
    app.setup_extension("sphinx.ext.imgmath")
    # The epub builder reads epub_math_renderer before html_math_renderer
    # (Builder.get_builder_config); Sphinx itself does not declare it.
    if "epub_math_renderer" not in app.config:
        app.add_config_value("epub_math_renderer", None, "epub")
    app.connect("builder-inited", _prepare_epub, priority=400)
    app.add_post_transform(EpubPages)
    app.connect("html-page-context", _drop_html_only_css)
    app.connect("write-started", _render_all)
    # html-collect-pages comes after every page is written, before the
    # epub builder lists its files and zips them.
    app.connect("html-collect-pages", _drop_stale_math)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
