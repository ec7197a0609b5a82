"""Sphinx configuration of Math for Deep Learning.

Used as ``sphinx-build -c conf book _build/<builder>``: the sources live in
``book/`` and every path here is built from this file's location, so the
build works from any folder.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

CONF_DIR = Path(__file__).resolve().parent
ROOT = CONF_DIR.parent
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
    "sphinx.ext.mathjax",
    # MathJax 3 from the wheel into _static/mathjax: the site needs no CDN.
    "sphinx-mathjax-offline",
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
templates_path = ["_templates"]

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

# mathdl_sphinx drops this cache, and re-reads every chapter, whenever a
# file of mathdl changes: MyST-NB keys its cache on the notebook alone.
nb_execution_raise_on_error = True
nb_execution_show_tb = True
nb_execution_timeout = 600
nb_merge_streams = True
nb_kernel_rgx_aliases = {".*": "python3"}

# Math: MathJax 3 (sphinx-mathjax-offline sets mathjax_path).
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
# Docstring types are prose ("array_like, shape (n, n)"), not references:
# a parameter's type is printed as written (napoleon_use_param would make
# each word a cross-reference that cannot resolve).
napoleon_use_param = False
# Every other reference must resolve (make html runs with -n -W). The only
# exceptions: NumPy's names (the build is offline, without intersphinx),
# which the Attributes sections use as types.
nitpick_ignore = [
    ("py:class", "ndarray"),
]

# Bibliography --------------------------------------------------------------
bibtex_bibfiles = ["../book/references.bib"]  # relative to conf/
bibtex_default_style = "plain"
bibtex_reference_style = "author_year"

# HTML -----------------------------------------------------------------------
html_theme = "sphinx_book_theme"
html_title = project
# mathdl.css and mathdl.js mend the theme for phones and screen readers
# (see the comments in those files).
html_static_path = ["_static"]
html_css_files = ["mathdl.css"]
html_js_files = ["mathdl.js"]
html_last_updated_fmt = None
html_show_sourcelink = True
html_copy_source = True
# Chapters before the API page in search results.
html_search_scorer = str(CONF_DIR / "_static" / "search_scorer.js")
html_theme_options = {
    "show_toc_level": 2,
    "use_download_button": True,
    "use_fullscreen_button": False,
    "home_page_in_toc": True,
    "navigation_with_keys": False,
    # The links to the PDF and EPUB, at the foot of the contents sidebar
    # (mathdl_sphinx copies the files next to the pages when built).
    "primary_sidebar_end": ["mathdl-downloads.html"],
}
html_context = {
    "default_mode": "light",
    "mathdl_downloads": [
        ("PDF", "math-for-deep-learning.pdf"),
        ("EPUB", "math-for-deep-learning.epub"),
    ],
}
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
# The Python module index is real; sphinx-proof's "Proof Index" only
# lists raw labels, so it is left out.
latex_domain_indices = ["py-modindex"]
latex_elements = {
    "papersize": "a4paper",
    "pointsize": "10pt",
    # Latin Modern throughout (Debian's lmodern and fonts-lmodern): math,
    # text and code in one design.
    "fontpkg": r"""
\usepackage{lmodern}
\setmainfont{Latin Modern Roman}
\setsansfont{Latin Modern Sans}
\setmonofont{lmmono10-regular.otf}[
  ItalicFont=lmmono10-italic.otf,
  BoldFont=lmmonolt10-bold.otf,
  BoldItalicFont=lmmonolt10-boldoblique.otf]
""",
    "sphinxsetup": (
        "verbatimwithframe=false, VerbatimColor={rgb}{0.96,0.96,0.96}"
    ),
    "figure_align": "H",
    # Blank left-hand pages without running heads; box titles kept with
    # their first lines; the execution table's check mark.
    "extrapackages": (
        r"\usepackage{emptypage}\usepackage{needspace}"
        r"\usepackage{newunicodechar}"
    ),
    "preamble": r"""
% A box title never ends a page: the title stays with its first lines.
\AtBeginEnvironment{sphinxadmonition}{\needspace{8\baselineskip}}
\newunicodechar{✅}{\ensuremath{\checkmark}}
% Index headwords in roman type, like the text.
\renewcommand{\sphinxstyleindexentry}[1]{#1}
% An exercise's label, with its number as \ref text (mathdl_sphinx.py).
\makeatletter
\newcommand{\mathdlexerciselabel}[2]{%
  \phantomsection\def\@currentlabel{#2}\label{#1}}
\makeatother
""",
    "printindex": r"\footnotesize\raggedright\printindex",
}

