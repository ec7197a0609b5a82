"""Old import paths of names that moved to the module of their chapter.

A module whose names moved sets ``__getattr__ = moved_from(__name__,
{"name": "mathdl.new_home", ...})``: importing a name from its old home
still works, with a ``DeprecationWarning`` that names the new one.
"""

from __future__ import annotations

import importlib
import warnings
from collections.abc import Callable, Mapping
from typing import Any


def moved_from(
    old_module: str, new_homes: Mapping[str, str]
) -> Callable[[str], Any]:
    """Return a module ``__getattr__`` that forwards moved names.

    >>> getattr_ = moved_from("mathdl.old", {"sqrt": "math"})
    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     getattr_("sqrt")(9.0)
    3.0
    >>> print(caught[0].message)
    mathdl.old.sqrt moved to math.sqrt: import it from there
    """

    def __getattr__(name: str) -> Any:
        if name not in new_homes:
            raise AttributeError(
                f"module {old_module!r} has no attribute {name!r}"
            )
        new_home = new_homes[name]
        warnings.warn(
            f"{old_module}.{name} moved to {new_home}.{name}: "
            "import it from there",
            DeprecationWarning,
            stacklevel=2,
        )
        return getattr(importlib.import_module(new_home), name)

    return __getattr__
