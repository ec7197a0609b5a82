"""pytest plugin: every test and docstring example sees the book's options.

Loaded with ``-p book_options`` (``addopts`` in pyproject.toml, with
``tests`` on ``pythonpath``), so the doctests of ``mathdl`` print arrays
as the chapters do (:func:`mathdl.book.setup`) without a conftest.py
inside the installed package.
"""

from mathdl.book import setup


def pytest_configure() -> None:
    """Set the book's print options before any test is collected."""
    setup()
