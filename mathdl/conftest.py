"""Doctests of mathdl see the book's print options (``mathdl.book``)."""

from mathdl.book import setup

setup()
