"""Shared set-up of the tests: the book's print options, chapters.py."""

import sys
from pathlib import Path

from hypothesis import HealthCheck, settings

from mathdl.book import setup

sys.path.insert(0, str(Path(__file__).resolve().parent))
setup()

# Property-based tests are deterministic (the same examples on every run
# and every machine), untimed (a slow, loaded CI machine cannot fail
# them) and write no example database into the repository.
settings.register_profile(
    "mathdl",
    derandomize=True,
    deadline=None,
    max_examples=60,
    database=None,
    print_blob=False,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("mathdl")
