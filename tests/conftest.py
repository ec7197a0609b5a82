"""Shared set-up of the tests: Hypothesis's profile.

The book's print options come from the plugin tests/book_options.py
(loaded for the doctests of mathdl too); ``tests`` is on pytest's
``pythonpath``, so tests import chapters.py and pages.py directly.
"""

from hypothesis import HealthCheck, settings

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
