"""One vocabulary: every public signature of mathdl against one table.

The table is the one the book prints, book/appendix/conventions.md, read
here so that the page and the test cannot drift apart. Every public
module is found with pkgutil (a module added later is covered without
editing this file); every public function, class and public method is
read with inspect.signature.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import mathdl
from mathdl.errors import ParameterError

CONVENTIONS = (
    Path(__file__).resolve().parents[1] / "book" / "appendix"
    / "conventions.md"
)
_CODE = re.compile(r"`([^`]+)`")
_NAME = re.compile(r"[A-Za-z_]\w*")
_DEFAULT = re.compile(r"^(\w+)\s*:\s*\w+\s*=\s*(.+)$")
_BEFORE = re.compile(r"`(\w+)` before `(\w+)`")


def _table() -> list[dict[str, str]]:
    """The rows of the naming table, as dicts keyed by the header."""
    lines = CONVENTIONS.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines)
                 if line.startswith("| concept |"))
    header = [cell.strip() for cell in lines[start].strip("|").split("|")]
    rows = []
    for line in lines[start + 2:]:
        if not line.startswith("|"):
            break
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        rows.append(dict(zip(header, cells, strict=True)))
    return rows


TABLE = _table()


def _names(cell: str) -> list[str]:
    """The identifiers written in code in a cell (before any ':')."""
    found = []
    for code in _CODE.findall(cell):
        match = _NAME.match(code)
        if match and match.group() == code.split(":")[0].strip():
            found.append(match.group())
    return found


#: banned name -> the names to use instead
BANNED: dict[str, list[str]] = {}
for _row in TABLE:
    for _bad in _names(_row["never"]):
        BANNED.setdefault(_bad, []).extend(_names(_row["name"]))

#: parameter -> its one default, from cells such as `seed: int = 0`
DEFAULTS: dict[str, Any] = {}
for _row in TABLE:
    for _code in _CODE.findall(_row["name"]):
        _match = _DEFAULT.match(_code)
        if _match:
            DEFAULTS[_match[1]] = eval(_match[2])  # a literal of the table

#: (first, second): where both are parameters, first comes first
ORDER = sorted({
    pair for _row in TABLE for pair in _BEFORE.findall(_row["argument order"])
})


def _public_modules() -> Iterator[Any]:
    for info in pkgutil.walk_packages(mathdl.__path__, "mathdl."):
        parts = info.name.split(".")[1:]
        if any(part.startswith("_") for part in parts):
            continue
        yield importlib.import_module(info.name)


def _callables() -> Iterator[tuple[str, Callable[..., Any]]]:
    """(qualified name, object): public functions, classes and methods
    defined in mathdl (each once, in the module that defines it)."""
    for module in _public_modules():
        names = getattr(module, "__all__", None)
        if names is None:
            names = [n for n in vars(module) if not n.startswith("_")]
        for name in names:
            obj = getattr(module, name)
            if getattr(obj, "__module__", None) != module.__name__:
                continue
            if inspect.isfunction(obj):
                yield f"{module.__name__}.{name}", obj
            elif inspect.isclass(obj) and not issubclass(obj, Exception):
                yield f"{module.__name__}.{name}", obj
                for attr, member in vars(obj).items():
                    if attr.startswith("_"):
                        continue
                    if isinstance(member, (staticmethod, classmethod)):
                        member = member.__func__
                    if inspect.isfunction(member):
                        yield f"{module.__name__}.{name}.{attr}", member


CALLABLES = dict(_callables())


def _parameters(obj: Callable[..., Any]) -> list[inspect.Parameter]:
    try:
        signature = inspect.signature(obj)
    except (TypeError, ValueError):
        return []
    return [p for p in signature.parameters.values()
            if p.name not in ("self", "cls")]


def test_the_table_is_read() -> None:
    assert len(TABLE) >= 15
    for banned in ("rng", "targets", "predictions", "iterations", "step",
                   "start", "lr"):
        assert banned in BANNED, banned
    assert DEFAULTS == {"seed": 0, "ddof": 0}
    assert ("y_hat", "y") in ORDER
    assert len(CALLABLES) > 50


def test_no_public_parameter_uses_a_banned_synonym() -> None:
    found = [
        f"{name}({parameter.name}): use "
        f"{' or '.join(BANNED[parameter.name])}"
        for name, obj in CALLABLES.items()
        for parameter in _parameters(obj)
        if parameter.name in BANNED
    ]
    assert not found, (
        "parameters named against book/appendix/conventions.md:\n"
        + "\n".join(found)
    )


def test_shared_parameters_have_their_one_default() -> None:
    found = [
        f"{name}({parameter.name}): default "
        f"{'none' if parameter.default is inspect.Parameter.empty else repr(parameter.default)}, "  # noqa: E501
        f"the table says {DEFAULTS[parameter.name]!r}"
        for name, obj in CALLABLES.items()
        for parameter in _parameters(obj)
        if parameter.name in DEFAULTS
        and parameter.default != DEFAULTS[parameter.name]
    ]
    assert not found, "\n".join(found)


def test_arguments_come_in_the_order_of_the_table() -> None:
    found = []
    for name, obj in CALLABLES.items():
        position = {p.name: i for i, p in enumerate(_parameters(obj))}
        for first, second in ORDER:
            if first in position and second in position:
                if position[first] > position[second]:
                    found.append(f"{name}: {first} must come before "
                                 f"{second}")
    assert not found, "\n".join(found)


# -- seeds -------------------------------------------------------------
# A call with otherwise valid, small arguments, for every seeded callable
# whose other parameters are not all optional; keyed by qualified name
# without the module, so that a name moving to another module keeps its
# entry.
_DATA = np.array([[0.0, 1.0], [1.0, 0.0], [1.0, 1.0], [0.0, 0.0]])

SEEDED_CALLS: dict[str, Callable[[Any], Any]] = {
    "stratified_split": lambda seed: _find("stratified_split")(
        [0, 0, 1, 1], 0.5, seed=seed),
    "power_iteration": lambda seed: _find("power_iteration")(
        [[2.0, 0.0], [0.0, 1.0]], seed=seed),
    "power_iteration_trace": lambda seed: _find("power_iteration_trace")(
        [[2.0, 0.0], [0.0, 1.0]], seed=seed),
    "factorize": lambda seed: _find("factorize")(
        [[1.0, 2.0], [2.0, 4.0]], 1, steps=2, seed=seed),
    "factorize_with_history": lambda seed: _find("factorize_with_history")(
        [[1.0, 2.0], [2.0, 4.0]], 1, steps=2, seed=seed),
    "MLP": lambda seed: _find("MLP")([2, 3, 2], seed=seed),
    "MLP.fit": lambda seed: _find("MLP")([2, 3, 2]).fit(
        _DATA, [0, 1, 1, 0], 1, 2, 0.1, seed=seed),
    "SigmoidNetwork": lambda seed: _find("SigmoidNetwork")(2, 2, seed=seed),
    "minibatch_gradient_descent": lambda seed: _find(
        "minibatch_gradient_descent")(
        lambda w, batch: 2 * w, 1.0, 4, 2, 0.1, 3, seed=seed),
    "deal_hands": lambda seed: _find("deal_hands")(2, seed=seed),
    "normal_weights": lambda seed: _find("normal_weights")(
        [2, 3], "he", seed=seed),
    "train": lambda seed: _find("train")(
        _find("MLP")([2, 3, 2]), _DATA, np.array([0, 1, 1, 0]), 1, 2, 0.1,
        seed=seed),
    "log_uniform": lambda seed: _find("log_uniform")(0.1, 1.0, 2, seed=seed),
    "random_search": lambda seed: _find("random_search")(
        lambda a: float(a), {"a": [1, 2]}, 2, seed=seed),
}


def _find(qualname: str) -> Any:
    for name, obj in CALLABLES.items():
        if name.endswith("." + qualname) and "." not in qualname:
            return obj
    raise LookupError(qualname)


def _short(name: str) -> str:
    """``mathdl.network.MLP.fit`` -> ``MLP.fit``; functions -> name."""
    parts = name.split(".")
    obj_parts = [p for p in parts[1:] if p[:1].isupper() or p is parts[-1]]
    return ".".join(obj_parts) if obj_parts else parts[-1]


SEEDED = sorted(
    name for name, obj in CALLABLES.items()
    if any(p.name == "seed" for p in _parameters(obj))
)


def _call_for(name: str) -> Callable[[Any], Any]:
    short = _short(name)
    if short in SEEDED_CALLS:
        return SEEDED_CALLS[short]
    obj = CALLABLES[name]
    others = [p for p in _parameters(obj) if p.name != "seed"]
    if all(p.default is not inspect.Parameter.empty for p in others):
        return lambda seed: obj(seed=seed)
    pytest.fail(
        f"{name} takes a seed: add an example call to SEEDED_CALLS in "
        f"tests/test_vocabulary.py"
    )


def test_seeded_callables_are_found() -> None:
    assert "mathdl.optimize.minibatch_gradient_descent" in SEEDED


@pytest.mark.parametrize("name", SEEDED)
def test_every_seed_defaults_to_0_and_is_checked(name: str) -> None:
    seed = next(p for p in _parameters(CALLABLES[name]) if p.name == "seed")
    assert seed.default == 0, f"{name}: seed must default to 0"
    call = _call_for(name)
    call(0)   # a valid call: the example arguments are right
    for bad in (-1, 1.5):
        with pytest.raises(ParameterError, match="seed"):
            call(bad)
