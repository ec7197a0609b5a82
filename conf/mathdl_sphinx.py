"""Local Sphinx extension of the book: what no library does.

- ``literalinclude`` gains a ``:no-docstring:`` flag: with ``:pyobject:``
  it shows a function's code without its docstring (the docstring is on
  the API page; the chapter's prose already explains it).
- MyST-NB keys its execution cache on the notebook alone; a change to
  :mod:`mathdl` (code or data) drops that cache and makes Sphinx re-read
  every chapter (:func:`mathdl_digest`, an ``env`` setting).
- Glued numbers in the prose follow the book's one rule for numbers.
- It offers each executed chapter as an ``.ipynb`` download (made by
  MyST-NB at build time, never committed) in the page's download menu.
- For the printed book (LaTeX builder only) it leaves out hidden code,
  collects the solutions at the end of each chapter, makes exercise links
  resolve, gives glossary "See ..." references a page number, and prints
  the bibliography once, without an empty appendix opener.
- Every image gets real alt text: where it has none (docutils would use
  the file path), its figure caption becomes the alt text.
- The HTML build copies the book's PDF and EPUB, where built, next to the
  pages (conf.py links them). Pages listed in ``mathdl_nosearch`` (the
  execution status) stay out of the search.
"""

from __future__ import annotations

import ast
import hashlib
import re
import shutil
import textwrap
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.transforms import Transform
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.directives import code as sphinx_code
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.nodes import process_only_nodes
from sphinx.writers.latex import LaTeXTranslator

ROOT = Path(__file__).resolve().parent.parent
# The downloads the site links to, by file name in the HTML output, with
# where their builders leave them (relative to the build folder).
DOWNLOADS = {
    "math-for-deep-learning.pdf": "latex/math-for-deep-learning.pdf",
    "math-for-deep-learning.epub": "epub/{epub_basename}.epub",
}


# literalinclude :no-docstring: ---------------------------------------------


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


class NoDocstringReader(sphinx_code.LiteralIncludeReader):
    """Sphinx's reader, dropping the docstring right after ``:pyobject:``
    found the object (so ``:start-at:`` and the like never match inside
    the docstring)."""

    def pyobject_filter(self, lines, location=None):
        return drop_docstring(super().pyobject_filter(lines, location))


class LiteralInclude(sphinx_code.LiteralInclude):
    """Sphinx's ``literalinclude`` plus the ``:no-docstring:`` flag.

    Sphinx builds the node (caption, name, language, dependency); with the
    flag, its text is read again by :class:`NoDocstringReader`.
    """

    option_spec = {
        **sphinx_code.LiteralInclude.option_spec,
        "no-docstring": directives.flag,
    }

    def run(self):
        if "no-docstring" in self.options and "pyobject" not in self.options:
            raise self.error(":no-docstring: needs :pyobject:")
        result = super().run()
        if "no-docstring" not in self.options:
            return result
        blocks = [block for node in result
                  for block in node.findall(nodes.literal_block)]
        if not blocks:
            return result  # Sphinx's own warning (no such file or object)
        _, filename = self.env.relfn2path(self.arguments[0])
        text, _ = NoDocstringReader(filename, self.options, self.config).read(
            location=self.get_location()
        )
        blocks[0].rawsource = text
        blocks[0][:] = [nodes.Text(text)]
        return result


# The cache follows mathdl ---------------------------------------------------


def mathdl_digest(package: Path = ROOT / "mathdl") -> str:
    """SHA-256 of every file of :mod:`mathdl` (code and data).

    MyST-NB keys its cache on the notebook alone, so the build drops the
    cache when this changes, and the page tests refuse a stale cache.
    """
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(package.parent).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def follow_mathdl(app: Sphinx, config: Config) -> None:
    """A change to mathdl (code or data) re-executes and re-reads every
    chapter: the executed outputs depend on it, not only on the page.

    The digest is the ``env`` setting ``mathdl_digest``: when it differs
    from the last build's, Sphinx itself marks every page outdated.
    """
    config.mathdl_digest = digest = mathdl_digest()
    cache = Path(config.nb_execution_cache_path)
    stamp = cache / "mathdl.sha256"
    if stamp.is_file() and stamp.read_text() == digest:
        return
    shutil.rmtree(cache, ignore_errors=True)
    cache.mkdir(parents=True, exist_ok=True)
    stamp.write_text(digest)


# The site ------------------------------------------------------------------


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


class ProseNumbers(Transform):
    """Glued numbers in the prose follow the book's one rule
    (:func:`mathdl.book.prose_number`): e-notation becomes math,
    thousands get separators."""

    default_priority = 900

    def apply(self) -> None:
        from mathdl.book import prose_number

        for node in list(self.document.findall(nodes.inline)):
            if "pasted-text" not in node["classes"]:
                continue
            kind, human = prose_number(node.astext())
            if kind == "math":
                node.replace_self(nodes.math(human, human))
            elif human != node.astext():
                node.replace_self(
                    nodes.inline(human, human, classes=node["classes"])
                )


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


# The printed book ----------------------------------------------------------

BIBLIOGRAPHY_DOCNAME = "appendix/bibliography"


class ResolveOnlyEarly(SphinxPostTransform):
    """Drop ``{only} html`` blocks before sphinxcontrib-bibtex runs.

    The LaTeX builder inlines the HTML-only appendix toctree too, so the
    bibliography was filled twice (each entry printed twice) before
    Sphinx removed that copy at priority 50.
    """

    default_priority = 4  # sphinxcontrib-bibtex fills citations at 5
    formats = ("latex",)

    def run(self, **kwargs) -> None:
        process_only_nodes(self.document, self.app.tags)


def _latex_id(docname: str, label: str) -> str:
    # The label Sphinx's LaTeX writer gives a section, term or target.
    return LaTeXTranslator.idescape(None, f"{docname}:{label}")


def _is_chapter(node: addnodes.start_of_file) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, addnodes.start_of_file):
            return False
        parent = parent.parent
    return True


def _docname_of(node: nodes.Node) -> str | None:
    while node is not None:
        if isinstance(node, addnodes.start_of_file):
            return node["docname"]
        node = node.parent
    return None


class PrintedBook(SphinxPostTransform):
    """Shape the one LaTeX doctree of the whole book for paper."""

    default_priority = 700  # after references, exercise titles; before
    formats = ("latex",)  # Sphinx gathers the citations (750)

    def run(self, **kwargs) -> None:
        self.drop_hidden_code()
        self.drop_bibliography_heading()
        self.glossary_page_numbers()
        self.index_entries_out_of_terms()
        self.label_exercises()
        self.collect_solutions()

    def drop_hidden_code(self) -> None:
        """Cells tagged hide-input print their output only, as the site
        shows it (hide-output: the input only)."""
        drop = {
            "cell_code_source": {"input", "input+output", "all"},
            "cell_code_output": {"output", "input+output", "all"},
        }
        for cell in list(self.document.findall(nodes.container)):
            mode = cell.get("hide_mode")
            if cell.get("nb_element") != "cell_code" or not mode:
                continue
            for child in list(cell.children):
                if mode in drop.get(child.get("nb_element"), ()):
                    cell.remove(child)
            if not cell.children:
                cell.parent.remove(cell)

    def drop_bibliography_heading(self) -> None:
        """The citations go to one ``thebibliography`` at the end (its own
        "Bibliography" chapter, in the contents); the appendix's heading
        would stay behind as an empty chapter."""
        for doc in list(self.document.findall(nodes.document)):
            if doc is self.document or doc.get("docname") != (
                BIBLIOGRAPHY_DOCNAME
            ):
                continue
            for section in list(doc.findall(nodes.section)):
                if section.parent is doc:
                    keep = [c for c in section.children
                            if not isinstance(c, nodes.title)]
                    section.replace_self(keep)

    def glossary_page_numbers(self) -> None:
        """A glossary's "See <section>" gains the page on paper."""
        for glossary in self.document.findall(addnodes.glossary):
            for ref in list(glossary.findall(nodes.reference)):
                uri = ref.get("refuri", "")
                classes = ref[0].get("classes", []) if len(ref) else []
                if not uri.startswith("%") or "std-term" in classes:
                    continue
                docname, _, label = uri[1:].partition("#")
                target = _latex_id(docname, label or ":doc")
                ref.parent.insert(
                    ref.parent.index(ref) + 1,
                    nodes.raw("", rf" (page~\pageref*{{{target}}})",
                              format="latex"),
                )

    def index_entries_out_of_terms(self) -> None:
        r"""Inside a glossary term (a macro argument) ``\index`` writes
        ``\sphinxhyphen {}`` where the chapters' ``{index}`` entries write
        ``\sphinxhyphen{}``: one headword printed twice. Moved to the start
        of the definition, it is written the same way, on the same page."""
        for term in list(self.document.findall(nodes.term)):
            entries = list(term.findall(addnodes.index))
            item = term.parent
            definitions = [c for c in item.children
                           if isinstance(c, nodes.definition)]
            if not entries or not definitions:
                continue
            for entry in reversed(entries):
                entry.parent.remove(entry)
                definitions[0].insert(0, entry)

    def label_exercises(self) -> None:
        r"""Give each exercise the label ``{ref}`` links to, with its
        number as the ``\ref`` text (sphinx-exercise sets only its own)."""
        from sphinx_exercise.nodes import is_exercise_node

        for node in list(self.document.findall(is_exercise_node)):
            docname = node.get("docname") or _docname_of(node)
            number = re.search(r"\d+(\.\d+)*", node[0].astext())
            for label in node.get("ids", []):
                node.parent.insert(
                    node.parent.index(node),
                    nodes.raw(
                        "",
                        r"\mathdlexerciselabel"
                        rf"{{{_latex_id(docname, label)}}}"
                        rf"{{{number.group() if number else ''}}}",
                        format="latex",
                    ),
                )

    def collect_solutions(self) -> None:
        """Each chapter ends with its exercises' solutions, so on paper a
        reader tries first; each exercise names the solution's page."""
        from sphinx_exercise.nodes import is_exercise_node, solution_node

        registry = getattr(self.env, "sphinx_exercise_registry", {})
        exercises = {
            node.get("label"): node
            for node in self.document.findall(is_exercise_node)
        }
        for chapter in list(self.document.findall(addnodes.start_of_file)):
            if not _is_chapter(chapter):
                continue
            sections = [c for c in chapter.children
                        if isinstance(c, nodes.section)]
            solutions = list(chapter.findall(solution_node))
            if not sections or not solutions:
                continue
            part = nodes.section(
                ids=[f"mathdl-solutions-{chapter['docname']}"]
            )
            part += nodes.title("", "Solutions")
            current = wrapper = None
            for solution in solutions:
                docname = solution.get("docname") or _docname_of(solution)
                if wrapper is None or docname != current:
                    current = docname
                    number = ".".join(
                        map(str, self.env.toc_secnumbers.get(
                            docname, {}).get("", ()))
                    )
                    title = self.env.titles[docname].astext()
                    part += nodes.rubric("", f"{number} {title}".strip())
                    wrapper = addnodes.start_of_file(docname=docname)
                    part += wrapper
                solution.parent.remove(solution)
                wrapper += solution
                exercise = exercises.get(solution.get("target_label"))
                if exercise is None:
                    continue
                # sphinx-exercise's own label of the solution
                own = registry.get(solution["label"], {})
                label = f"{own.get('docname', docname)}:{solution['label']}"
                exercise += nodes.raw(
                    "",
                    r"\par\nopagebreak\hfill\hyperref[" + label
                    + r"]{\emph{Solution on page~\pageref*{" + label
                    + "}}}",
                    format="latex",
                )
            sections[-1] += part


def setup(app: Sphinx) -> dict:
    app.setup_extension("myst_nb")  # its cache and glue are what this mends
    app.add_config_value("mathdl_digest", "", "env")
    app.add_config_value("mathdl_nosearch", ["appendix/status"], "env")
    app.connect("config-inited", follow_mathdl)
    app.add_directive("literalinclude", LiteralInclude, override=True)
    app.add_transform(ProseNumbers)
    app.connect("doctree-read", _keep_out_of_search)
    app.connect("doctree-resolved", _alt_from_captions)
    app.connect("html-page-context", _page_context)
    app.connect("html-page-context", _offer_notebook, priority=400)
    app.connect("build-finished", _copy_downloads)
    app.add_post_transform(ResolveOnlyEarly)
    app.add_post_transform(PrintedBook)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
