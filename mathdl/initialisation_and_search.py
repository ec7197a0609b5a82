r"""Weight initialisation and hyperparameter search.

Explained in :doc:`/statistics/initialisation-and-search`.
"""

from __future__ import annotations

import inspect
import itertools
import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any, NamedTuple

import numpy as np

from mathdl._validate import (
    as_real_number,
    check_callable,
    check_non_negative_int,
    check_positive,
    check_seed,
)
from mathdl.errors import (
    DivergenceError,
    ParameterError,
)

__all__ = [
    "xavier_std",
    "he_std",
    "normal_weights",
    "log_uniform",
    "Trial",
    "random_search",
    "grid_search",
]


# Initialisation and search -----------------------------------------------


def xavier_std(n_in: int, n_out: int) -> float:
    r"""Return the Xavier (Glorot) deviation for a layer's weights.

    .. math::

       \sigma = \sqrt{\frac{2}{n_\text{in} + n_\text{out}}}

    It keeps the variance of activations and of gradients roughly equal
    across tanh layers. Implements equation
    :eq:`eq-initialisation-and-search-xavier` of
    :ref:`initialisation-and-search-spread`.

    Raises
    ------
    ParameterError
        If a width is not a whole number >= 1.

    Examples
    --------
    >>> xavier_std(100, 100)
    0.1
    """
    n_in = _check_width(n_in, "n_in")
    n_out = _check_width(n_out, "n_out")
    return math.sqrt(2.0 / (n_in + n_out))


def he_std(n_in: int) -> float:
    r"""Return the He deviation for the weights of a ReLU layer.

    .. math::

       \sigma = \sqrt{\frac{2}{n_\text{in}}}

    ReLU zeroes half of its inputs on average; the factor 2 makes up for
    it. Implements equation :eq:`eq-initialisation-and-search-he` of
    :ref:`initialisation-and-search-spread`.

    Examples
    --------
    >>> he_std(200)
    0.1
    """
    return math.sqrt(2.0 / _check_width(n_in, "n_in"))


def _check_width(value: Any, name: str) -> int:
    width = check_non_negative_int(value, name)
    if width == 0:
        raise ParameterError(f"{name} must be at least 1, got 0")
    return width


def normal_weights(
    layer_sizes: Sequence[int], std: float | str, seed: int = 0
) -> list[np.ndarray]:
    r"""Draw every weight matrix of a network from a normal distribution.

    .. math::

       W^{(l)}_{ij} \sim \mathcal{N}(0, \sigma_l^2)
       \quad \text{independently,}

    with one deviation :math:`\sigma_l` for all layers (a number), or
    per layer :math:`\sigma_l` = :func:`xavier_std` (``"xavier"``) or
    :func:`he_std` (``"he"``). Explained in
    :ref:`initialisation-and-search-spread`.

    Parameters
    ----------
    layer_sizes : sequence of int
        Nodes per layer, input first; layer :math:`l` maps
        ``layer_sizes[l]`` inputs to ``layer_sizes[l + 1]`` outputs.
    std : float or {"xavier", "he"}
        The deviation, or the rule that sets it per layer.
    seed : int
        Seed of ``numpy.random.default_rng``.

    Returns
    -------
    list of ndarray
        ``weights[l]`` of shape ``(layer_sizes[l], layer_sizes[l + 1])``,
        the layout of :attr:`mathdl.network.MLP.weights`.

    Raises
    ------
    ParameterError
        If a size is not a whole number >= 1, there are fewer than two
        sizes, or ``std`` is neither positive nor a known rule.

    Examples
    --------
    >>> weights = normal_weights([100, 400, 10], "xavier", seed=0)
    >>> [w.shape for w in weights]
    [(100, 400), (400, 10)]
    >>> print(f"{weights[0].std():.3f}")   # sqrt(2 / 500) = 0.063
    0.063
    """
    sizes = [_check_width(size, "each layer size") for size in layer_sizes]
    if len(sizes) < 2:
        raise ParameterError(
            f"layer_sizes needs at least two sizes, got {sizes}"
        )
    rules = {"xavier": xavier_std, "he": lambda n_in, n_out: he_std(n_in)}
    if isinstance(std, str):
        if std not in rules:
            raise ParameterError(
                f"std must be a positive number, 'xavier' or 'he', "
                f"got {std!r}"
            )
        deviation = rules[std]
    else:
        fixed = check_positive(std, "std")
        deviation = lambda n_in, n_out: fixed  # noqa: E731
    rng = np.random.default_rng(check_seed(seed))
    return [
        rng.normal(0.0, deviation(n_in, n_out), size=(n_in, n_out))
        for n_in, n_out in zip(sizes[:-1], sizes[1:], strict=True)
    ]


def log_uniform(
    low: float, high: float, size: int | None = None, *, seed: int = 0
) -> float | np.ndarray:
    r"""Draw values whose logarithm is uniform between those of the ends.

    .. math::

       x = \exp(u), \qquad u \sim \mathcal{U}(\log a, \log b)

    Every factor of ten between ``low`` and ``high`` gets the same share
    of draws. Implements equation
    :eq:`eq-initialisation-and-search-log-uniform` of
    :ref:`initialisation-and-search-random-search`.

    Parameters
    ----------
    low, high : float
        The positive ends, ``low < high``.
    size : int or None
        How many values; ``None`` draws one float.
    seed : int
        Seed of the random generator.

    Raises
    ------
    ParameterError
        If an end is not positive, ``low >= high``, ``size`` is not a
        whole number >= 0 or None, or ``seed`` is not a valid seed.

    Examples
    --------
    >>> import numpy as np
    >>> draws = log_uniform(1e-4, 1.0, 4000, seed=0)
    >>> float(np.mean(draws < 1e-2))   # half of the decades: about half
    0.5...
    """
    low, high = _check_range(low, high)
    if size is not None:
        size = check_non_negative_int(size, "size")
    rng = np.random.default_rng(check_seed(seed))
    return _log_uniform(low, high, size, rng)


def _check_range(low: float, high: float) -> tuple[float, float]:
    low = check_positive(low, "low")
    high = check_positive(high, "high")
    if low >= high:
        raise ParameterError(f"low must be below high, got {low}, {high}")
    return low, high


def _log_uniform(
    low: float, high: float, size: int | None, rng: np.random.Generator
) -> float | np.ndarray:
    """:func:`log_uniform` from a generator shared by many draws."""
    exponent = rng.uniform(math.log(low), math.log(high), size)
    return float(np.exp(exponent)) if size is None else np.exp(exponent)


class Trial(NamedTuple):
    """One evaluated setting of the hyperparameters."""

    params: dict[str, Any]
    score: float


def _sample(space: Mapping[str, Any], rng: np.random.Generator) -> dict:
    params = {}
    for name, spec in space.items():
        if isinstance(spec, list):
            if not spec:
                raise ParameterError(f"space[{name!r}] has no choices")
            params[name] = spec[int(rng.integers(len(spec)))]
            continue
        if not (isinstance(spec, tuple) and len(spec) == 3):
            raise ParameterError(
                f"space[{name!r}] must be a list of choices or a tuple "
                f"(low, high, 'log' or 'linear'), got {spec!r}"
            )
        low, high, scale = spec
        if scale == "log":
            params[name] = _log_uniform(*_check_range(low, high), None, rng)
        elif scale == "linear":
            low = as_real_number(low, f"space[{name!r}] low")
            high = as_real_number(high, f"space[{name!r}] high")
            if not low < high:
                raise ParameterError(
                    f"space[{name!r}]: low must be below high, got {spec}"
                )
            params[name] = float(rng.uniform(low, high))
        else:
            raise ParameterError(
                f"space[{name!r}]: scale must be 'log' or 'linear', got "
                f"{scale!r}"
            )
    return params


def _check_signature(objective: Callable[..., float], names) -> None:
    """Refuse an objective that cannot take these keyword arguments."""
    try:
        signature = inspect.signature(objective)
    except (TypeError, ValueError):  # a builtin without a signature
        return
    try:
        signature.bind(**{name: None for name in names})
    except TypeError as error:
        raise ParameterError(
            f"objective{signature} cannot be called with the "
            f"hyperparameters {sorted(names)} as keyword arguments: "
            f"{error}"
        ) from None


def _evaluate(objective: Callable[..., float], params: dict) -> Trial:
    """Score one setting; a diverged run scores infinity."""
    try:
        value = objective(**params)
    except DivergenceError:
        value = math.inf
    try:
        score = as_real_number(value, "score")
    except ParameterError:
        if isinstance(value, (int, float, np.floating)):
            score = math.inf  # NaN or inf: scored as diverged
        else:
            raise ParameterError(
                f"objective must return a number, got "
                f"{type(value).__name__} {value!r:.40} for {params}"
            ) from None
    return Trial(params, score)


def _best(trials: Sequence[Trial]) -> Trial:
    best = min(trials, key=lambda trial: trial.score)
    if not math.isfinite(best.score):
        raise DivergenceError(
            f"all {len(trials)} trials diverged (non-finite score)"
        )
    return best


def random_search(
    objective: Callable[..., float],
    space: Mapping[str, Any],
    trials: int,
    seed: int = 0,
) -> tuple[list[Trial], Trial]:
    r"""Minimise ``objective`` over hyperparameters drawn at random.

    Each trial draws every hyperparameter independently from ``space``
    and calls ``objective(**params)``, typically a validation loss or
    error after a short training run. Explained in
    :ref:`initialisation-and-search-random-search`.

    Parameters
    ----------
    objective : callable
        Takes the hyperparameters as keyword arguments and returns a
        number to minimise. A non-finite result, or a
        :class:`~mathdl.errors.DivergenceError`, scores infinity.
    space : mapping
        For each hyperparameter, either a ``list`` of choices (drawn
        uniformly) or a tuple ``(low, high, scale)``: ``scale`` is
        ``"log"`` for :func:`log_uniform` draws (learning rates) or
        ``"linear"`` for uniform ones.
    trials : int
        How many settings to evaluate, at least 1.
    seed : int
        Seed of ``numpy.random.default_rng``: a seed fixes the settings.

    Returns
    -------
    trials : list of Trial
        Every ``Trial(params, score)`` in the order evaluated.
    best : Trial
        The trial with the lowest score.

    Raises
    ------
    ParameterError
        If ``objective`` is not callable, ``trials`` < 1, or ``space``
        is malformed.
    DivergenceError
        If every trial diverged.

    Examples
    --------
    >>> def objective(learning_rate):
    ...     return (np.log10(learning_rate) + 2) ** 2
    >>> history, best = random_search(
    ...     objective, {"learning_rate": (1e-5, 1.0, "log")},
    ...     trials=30, seed=0)
    >>> len(history), round(np.log10(best.params["learning_rate"]))
    (30, -2)
    """
    objective = check_callable(objective, "objective")
    trials = _check_width(trials, "trials")
    seed = check_seed(seed)
    if not isinstance(space, Mapping) or not space:
        raise ParameterError(
            "space must be a non-empty mapping of hyperparameter names"
        )
    rng = np.random.default_rng(seed)
    settings = [_sample(space, rng) for _ in range(trials)]
    _check_signature(objective, list(space))
    history = [_evaluate(objective, params) for params in settings]
    return history, _best(history)


def grid_search(
    objective: Callable[..., float], grid: Mapping[str, Sequence[Any]]
) -> tuple[list[Trial], Trial]:
    r"""Minimise ``objective`` over every combination of listed values.

    The baseline that :func:`random_search` is compared with in
    :ref:`initialisation-and-search-random-search`: with :math:`k`
    values for each of :math:`d` hyperparameters it runs :math:`k^d`
    trials, yet tries only :math:`k` distinct values of each one.

    Returns
    -------
    trials : list of Trial
        Every combination, the last hyperparameter varying fastest.
    best : Trial
        The trial with the lowest score.

    Raises
    ------
    ParameterError
        If ``objective`` is not callable or a value list is empty.
    DivergenceError
        If every trial diverged.

    Examples
    --------
    >>> history, best = grid_search(
    ...     lambda a, b: (a - 1) ** 2 + b, {"a": [0, 1, 2], "b": [1, 0]})
    >>> len(history), best.params, best.score
    (6, {'a': 1, 'b': 0}, 0.0)
    """
    objective = check_callable(objective, "objective")
    if not isinstance(grid, Mapping) or not grid:
        raise ParameterError(
            "grid must be a non-empty mapping of hyperparameter names"
        )
    for name, values in grid.items():
        if (
            isinstance(values, (str, bytes))
            or not isinstance(values, Sequence | np.ndarray)
            or len(values) == 0
        ):
            raise ParameterError(
                f"grid[{name!r}] must be a non-empty list of values, got "
                f"{values!r:.40}"
            )
    names = list(grid)
    _check_signature(objective, names)
    history = [
        _evaluate(objective, dict(zip(names, combination, strict=True)))
        for combination in itertools.product(*grid.values())
    ]
    return history, _best(history)
