r"""Probability: the normal density and Monte Carlo estimates.

Explained in :doc:`/statistics/probability`.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike

from mathdl._validate import (
    as_float_array,
    as_real_number,
    check_non_negative_int,
    check_positive,
    check_seed,
)
from mathdl.describing_data import _as_result, standard_deviation
from mathdl.errors import (
    ParameterError,
    ShapeError,
)

__all__ = [
    "normal_pdf",
    "running_mean",
    "monte_carlo_estimate",
    "deal_hands",
    "is_straight",
]


# Sampling -----------------------------------------------------------------


def normal_pdf(
    x: ArrayLike, mean: float = 0.0, std: float = 1.0
) -> float | np.ndarray:
    r"""Return the density of the normal distribution at ``x``.

    .. math::

       p(x) = \frac{1}{\sqrt{2 \pi \sigma^2}}
              \exp\left(-\frac{(x - \mu)^2}{2 \sigma^2}\right)

    Implements equation :eq:`eq-probability-normal` of
    :ref:`probability-distributions`.

    Parameters
    ----------
    x : float or array_like
        Where to evaluate the density.
    mean : float, default 0
        The centre :math:`\mu`.
    std : float, default 1
        The standard deviation :math:`\sigma > 0`.

    Raises
    ------
    ParameterError
        If ``std`` is not positive.

    Examples
    --------
    >>> normal_pdf(0.0)
    0.3989...
    >>> normal_pdf([9.0, 10.0], mean=10.0, std=2.0)
    array([0.176 , 0.1995])
    """
    points = as_float_array(x, "x")
    centre = as_real_number(mean, "mean")
    spread = check_positive(std, "std")
    squared = ((points - centre) / spread) ** 2
    density = np.exp(-0.5 * squared) / math.sqrt(2 * math.pi * spread**2)
    return _as_result(density)


def running_mean(samples: ArrayLike) -> np.ndarray:
    r"""Return the mean of the first 1, 2, ..., n samples.

    .. math::

       \bar{x}_k = \frac{1}{k} \sum_{i=1}^{k} x_i ,
       \qquad k = 1, \dots, n

    The law of large numbers says :math:`\bar{x}_k` settles on the
    expectation as :math:`k` grows. Explained in
    :ref:`probability-law-of-large-numbers`.

    Examples
    --------
    >>> running_mean([1, 0, 1, 1])
    array([1.    , 0.5   , 0.6667, 0.75  ])
    """
    values = as_float_array(samples, "samples", ndim=1)
    return np.cumsum(values) / np.arange(1, values.shape[0] + 1)


def monte_carlo_estimate(outcomes: ArrayLike) -> tuple[float, float]:
    r"""Return a Monte Carlo estimate and its standard error.

    For :math:`n` independent samples :math:`x_i` of a random quantity,

    .. math::

       \hat{\mu} = \frac{1}{n} \sum_{i=1}^{n} x_i ,
       \qquad
       \operatorname{SE} = \frac{s}{\sqrt{n}}

    with the sample deviation :math:`s` (``ddof=1``). For outcomes that
    are 0 or 1 (did the event happen?) :math:`\hat{\mu}` estimates the
    event's probability. Implements equation
    :eq:`eq-probability-monte-carlo` of :ref:`probability-monte-carlo`.

    Parameters
    ----------
    outcomes : array_like, shape (n,)
        The samples, at least two; booleans count as 0 and 1.

    Returns
    -------
    estimate, standard_error : float

    Raises
    ------
    ShapeError
        If ``outcomes`` is not 1-D.
    ParameterError
        If there are fewer than two samples.

    Examples
    --------
    >>> monte_carlo_estimate([True, False, False, True])
    (0.5, 0.288...)
    """
    values = as_float_array(outcomes, "outcomes", ndim=1)
    count = values.shape[0]
    if count < 2:
        raise ParameterError(
            f"a standard error needs at least 2 samples, got {count}"
        )
    spread = standard_deviation(values, ddof=1)
    return float(values.mean()), float(spread / math.sqrt(count))



def deal_hands(
    count: int, seed: int = 0, hand_size: int = 5, chunk: int = 50_000
) -> np.ndarray:
    r"""Deal ``count`` poker hands from freshly shuffled 52-card decks.

    Card :math:`c \in \{0, \dots, 51\}` has rank ``c % 13`` (0 is a two,
    12 an ace) and suit ``c // 13``. Each hand is a uniformly random set
    of ``hand_size`` different cards: the positions of the smallest of 52
    uniform random keys. Explained in :ref:`probability-monte-carlo`.

    Parameters
    ----------
    count : int
        How many hands.
    seed : int
        Seed of ``numpy.random.default_rng``: the same seed deals the
        same hands.
    hand_size : int, default 5
        Cards per hand, 1 to 52.
    chunk : int, default 50_000
        Hands drawn at a time, which bounds the memory used.

    Returns
    -------
    ndarray of int, shape (count, hand_size)

    Raises
    ------
    ParameterError
        If ``count``, ``seed`` or ``chunk`` is not a whole number in
        range, or ``hand_size`` is not in 1..52.

    Examples
    --------
    >>> hands = deal_hands(3, seed=0)
    >>> hands.shape
    (3, 5)
    >>> all(len(set(hand)) == 5 for hand in hands.tolist())
    True
    """
    count = check_non_negative_int(count, "count")
    seed = check_seed(seed)
    hand_size = check_non_negative_int(hand_size, "hand_size")
    if not 1 <= hand_size <= 52:
        raise ParameterError(f"hand_size must be 1..52, got {hand_size}")
    chunk = check_non_negative_int(chunk, "chunk")
    if chunk == 0:
        raise ParameterError("chunk must be at least 1, got 0")
    rng = np.random.default_rng(seed)
    hands = []
    for start in range(0, count, chunk):
        keys = rng.random((min(chunk, count - start), 52))
        smallest = np.argpartition(keys, hand_size - 1, axis=1)
        hands.append(smallest[:, :hand_size])
    if not hands:
        return np.empty((0, hand_size), dtype=np.int64)
    return np.concatenate(hands).astype(np.int64)


def is_straight(hands: ArrayLike) -> np.ndarray:
    r"""Return, for each five-card hand, whether it is a straight.

    A straight is five consecutive ranks, with the ace either high
    (10-J-Q-K-A) or low (A-2-3-4-5); the suits do not matter, so
    straight flushes count too. Cards are numbered as in
    :func:`deal_hands`. Explained in :ref:`probability-monte-carlo`.

    Raises
    ------
    ShapeError
        If ``hands`` is not of shape (n, 5).
    ParameterError
        If a card is not a whole number in 0..51 or a hand repeats one.

    Examples
    --------
    >>> # 5-6-7-8-9 of mixed suits, then A-2-3-4-5, then a pair
    >>> is_straight([[3, 17, 31, 45, 7], [12, 0, 14, 28, 42],
    ...              [0, 13, 1, 2, 3]])
    array([ True,  True, False])
    """
    cards = as_float_array(hands, "hands", ndim=2)
    if cards.shape[1] != 5:
        raise ShapeError(
            f"hands must have shape (n, 5), got shape {cards.shape}"
        )
    if np.any(cards != np.round(cards)) or np.any(
        (cards < 0) | (cards > 51)
    ):
        raise ParameterError("every card must be a whole number in 0..51")
    cards = cards.astype(np.int64)
    ordered = np.sort(cards, axis=1)
    if np.any(ordered[:, 1:] == ordered[:, :-1]):
        raise ParameterError("a hand holds the same card twice")
    ranks = np.sort(cards % 13, axis=1)
    distinct = np.all(np.diff(ranks, axis=1) > 0, axis=1)
    consecutive = distinct & (ranks[:, 4] - ranks[:, 0] == 4)
    ace_low = np.all(ranks == [0, 1, 2, 3, 12], axis=1)
    return consecutive | ace_low
