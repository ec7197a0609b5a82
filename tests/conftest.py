"""Shared set-up of the tests: the book's print options, chapters.py."""

import sys
from pathlib import Path

from mathdl.book import setup

sys.path.insert(0, str(Path(__file__).resolve().parent))
setup()
