"""Sphinx configuration of Math for Deep Learning.

Used as ``sphinx-build -c conf book _build/<builder>``: the sources live in
``book/`` and every path here is built from this file's location, so the
build works from any folder.
"""

from __future__ import annotations

import doctest
import hashlib
import importlib.util
import os
import shutil
import sys
from pathlib import Path

CONF_DIR = Path(__file__).resolve().parent
ROOT = CONF_DIR.parent
BOOK = ROOT / "book"
BUILD = ROOT / "_build"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(CONF_DIR))

# Dates and figure hashes do not depend on when the book is built.
os.environ.setdefault("SOURCE_DATE_EPOCH", "0")

project = "Math for Deep Learning"
author = "The Math for Deep Learning authors"
copyright = "2026, the Math for Deep Learning authors"
release = version = "0.1"
language = "en"

extensions = [
    "myst_nb",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.doctest",
    "sphinx.ext.mathjax",
    "sphinx.ext.imgmath",
    "sphinx_exercise",
    "sphinx_proof",
    "sphinxcontrib.bibtex",
    "sphinx_copybutton",
    "sphinx_togglebutton",
    "sphinx_design",
    "mathdl_sphinx",
    "mathdl_epub",
]

root_doc = "index"
exclude_patterns = ["_fragments", "**.ipynb_checkpoints", "jupyter_execute"]
templates_path = []

# Numbered figures, tables, code listings and equations.
numfig = True
numfig_secnum_depth = 1
math_numfig = True
math_number_all = False
math_eqref_format = "({number})"

# MyST and MyST-NB ---------------------------------------------------------
myst_enable_extensions = [
    "amsmath",
    "colon_fence",
    "deflist",
    "dollarmath",
    "substitution",
]
myst_heading_anchors = 3
myst_dmath_double_inline = True
nb_execution_mode = "cache"
BUILD = ROOT / os.environ.get("MATHDL_BUILDDIR", "_build")
nb_execution_cache_path = str(BUILD / ".jupyter_cache")


def _drop_cache_when_mathdl_changes(cache: Path) -> None:
    """MyST-NB keys its cache on the notebook alone: a change to mathdl
    (code or data) must re-execute the chapters that import it."""
    digest = hashlib.sha256()
    for path in sorted((ROOT / "mathdl").rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(ROOT).as_posix().encode())
            digest.update(path.read_bytes())
    stamp = cache / "mathdl.sha256"
    if stamp.is_file() and stamp.read_text() == digest.hexdigest():
        return
    shutil.rmtree(cache, ignore_errors=True)
    cache.mkdir(parents=True, exist_ok=True)
    stamp.write_text(digest.hexdigest())


_drop_cache_when_mathdl_changes(Path(nb_execution_cache_path))
nb_execution_raise_on_error = True
nb_execution_show_tb = True
nb_execution_timeout = 600
nb_merge_streams = True
nb_kernel_rgx_aliases = {".*": "python3"}

# Offline math: MathJax 3 from the sphinx-mathjax-offline wheel, copied
# into _static/mathjax by the HTML builder (no CDN).
_mathjax_spec = importlib.util.find_spec("sphinx-mathjax-offline")
if _mathjax_spec is None or _mathjax_spec.origin is None:
    raise RuntimeError("sphinx-mathjax-offline is not installed")
MATHJAX_STATIC = Path(_mathjax_spec.origin).parent / "static"
mathjax_path = "mathjax/tex-chtml.js"
mathjax3_config = {"tex": {"tags": "ams"}}
# The site typesets with MathJax; the EPUB (which runs no script) gets
# SVG images made by Debian's latex and dvisvgm (epub_math_renderer is
# read by Sphinx for the epub builder only).
html_math_renderer = "mathjax"
epub_math_renderer = "imgmath"
imgmath_image_format = "svg"
imgmath_use_preview = True
imgmath_font_size = 14
# latex (unlike MathJax and xelatex) needs to be told what ° is in math.
imgmath_latex_preamble = (
    r"\DeclareUnicodeCharacter{00B0}{\ensuremath{^\circ}}"
)

# Docstrings ---------------------------------------------------------------
autodoc_typehints = "none"
autodoc_member_order = "bysource"
autodoc_default_options = {"members": True, "show-inheritance": True}
napoleon_google_docstring = False
napoleon_numpy_docstring = True
napoleon_use_rtype = False
# Docstring types are prose ("array_like, shape (n, n)"), not references.
nitpick_ignore_regex = [(r"py:(class|obj|data)", r".*")]

# Doctests in the book (``make doctest``) see the same print options.
doctest_global_setup = "from mathdl.book import setup as _setup\n_setup()"
# Docstrings are doctested by pytest; here only the book's own blocks.
doctest_test_doctest_blocks = ""
doctest_default_flags = (
    doctest.ELLIPSIS
    | doctest.NORMALIZE_WHITESPACE
    | doctest.DONT_ACCEPT_TRUE_FOR_1
)

# Bibliography --------------------------------------------------------------
bibtex_bibfiles = sorted(
    os.path.relpath(p, CONF_DIR) for p in (BOOK / "references").glob("*.bib")
)
mathdl_bibfiles = bibtex_bibfiles
bibtex_default_style = "plain"
bibtex_reference_style = "author_year"

# HTML -----------------------------------------------------------------------
html_theme = "sphinx_book_theme"
html_title = project
html_static_path = [str(MATHJAX_STATIC)]
html_last_updated_fmt = None
html_show_sourcelink = True
html_copy_source = True
html_theme_options = {
    "show_toc_level": 2,
    "use_download_button": True,
    "use_fullscreen_button": False,
    "home_page_in_toc": True,
    "navigation_with_keys": False,
}
html_context = {"default_mode": "light"}
copybutton_prompt_text = r">>> |\.\.\. "
copybutton_prompt_is_regexp = True

# EPUB 3 (make epub): one file for e-readers, checked by EPUBCheck ----------
epub_basename = "math-for-deep-learning"
epub_title = project
epub_author = author
epub_publisher = author
epub_copyright = copyright
epub_description = (
    "An executable book on the mathematics under deep learning: linear "
    "algebra, calculus, statistics and a neural network from scratch."
)
epub_contributor = author
epub_language = language
# Sphinx writes epub_uid where toc.ncx wants the identifier: keep them one.
epub_identifier = epub_uid = "math-for-deep-learning"
epub_show_urls = "footnote"
epub_tocdepth = 2
epub_use_index = True
# Sphinx keeps the old .buildinfo as .buildinfo.bak when the config changes;
# the copy buttons and toggles need a browser (their CSS is not linked).
epub_exclude_files = [
    ".buildinfo.bak",
    *(f"_static/{name}" for name in (
        "copybutton.css", "copy-button.svg", "check-solid.svg",
        "togglebutton.css",
    )),
]

# LaTeX / PDF (Debian TeX Live, xelatex) -------------------------------------
latex_engine = "xelatex"
latex_use_xindy = False
latex_documents = [
    (root_doc, "math-for-deep-learning.tex", project, author, "manual"),
]
latex_toplevel_sectioning = "chapter"
# In the PDF the appendices are lettered (A, B, ...) after the chapters.
latex_appendices = [
    "appendix/notation",
    "appendix/glossary",
    "appendix/api",
    "appendix/status",
    "appendix/bibliography",
]
latex_show_urls = "footnote"
latex_elements = {
    "papersize": "a4paper",
    "pointsize": "10pt",
    "fontpkg": r"""
\setmainfont{FreeSerif}
\setsansfont{FreeSans}
\setmonofont{FreeMono}
""",
    "sphinxsetup": (
        "verbatimwithframe=false, VerbatimColor={rgb}{0.96,0.96,0.96}"
    ),
    "figure_align": "H",
    "printindex": r"\footnotesize\raggedright\printindex",
}

