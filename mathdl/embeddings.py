r"""Embeddings: matrix factorisation from missing entries, word vectors.

Explained in :doc:`/linear-algebra/svd-and-embeddings` (sections
:ref:`svd-and-embeddings-missing` to :ref:`svd-and-embeddings-words`);
the SVD it builds on is in :mod:`mathdl.svd`. Every function accepts
anything ``numpy.asarray`` turns into an array of numbers and raises a
:mod:`mathdl.errors` error, naming the shapes, on bad input.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
from numpy.typing import ArrayLike

from mathdl._scaling import binary_scale
from mathdl._validate import (
    as_float_array,
    as_real_number,
    check_count,
    check_non_negative_int,
    check_positive,
    check_seed,
)
from mathdl.errors import (
    DivergenceError,
    EmptyInputError,
    OutOfRangeError,
    ParameterError,
    ShapeError,
)

__all__ = [
    "factorization_loss",
    "factorize",
    "factorize_with_history",
    "cooccurrence_matrix",
    "ppmi",
]


# Matrix factorisation --------------------------------------------------


def _ratings_and_mask(
    R: ArrayLike, mask: ArrayLike | None
) -> tuple[np.ndarray, np.ndarray]:
    """``R`` with unobserved entries set to 0, and the boolean mask."""
    if mask is None:
        ratings = as_float_array(R, "R", ndim=2)
        return ratings, np.ones(ratings.shape, dtype=bool)
    observed = np.asarray(mask)
    if observed.dtype != bool:
        if not np.isin(observed, (0, 1)).all():
            raise ParameterError(
                "mask must hold booleans (True where R is observed), got "
                f"values of dtype {observed.dtype}"
            )
        observed = observed.astype(bool)
    try:
        raw = np.asarray(R, dtype=np.float64)
    except (TypeError, ValueError):
        raw = as_float_array(R, "R", ndim=2)  # raises the clear error
    if raw.ndim != 2 or raw.shape != observed.shape:
        raise ShapeError(
            f"R and mask must be matrices of the same shape, got "
            f"{raw.shape} and {observed.shape}"
        )
    if not observed.any():
        raise EmptyInputError(
            f"mask hides every entry of R (shape {raw.shape}): there is "
            f"no observed entry to learn from"
        )
    ratings = as_float_array(
        np.where(observed, raw, 0.0), "R (observed entries)", ndim=2
    )
    return ratings, observed


def _check_ridge(ridge: float) -> float:
    penalty = as_real_number(ridge, "ridge")
    if penalty < 0:
        raise ParameterError(f"ridge must be >= 0, got {ridge!r}")
    return penalty


def factorization_loss(
    R: ArrayLike,
    U: ArrayLike,
    V: ArrayLike,
    mask: ArrayLike | None = None,
    ridge: float = 0.0,
) -> float:
    r"""Return the mean squared error of ``U @ V`` on the observed entries,
    plus the penalty ``ridge * (|U|^2 + |V|^2)``.

    .. math::

       L(U, V) = \frac{1}{|\Omega|} \sum_{(i, j) \in \Omega}
                 \left(\mathbf{u}_i \cdot \mathbf{v}_j - R_{ij}\right)^2
                 + \lambda \left(\lVert U \rVert_F^2
                                 + \lVert V \rVert_F^2\right)

    where :math:`\Omega` is the set of observed entries (``mask`` True)
    and :math:`\lambda` is ``ridge``. Implements equations
    :eq:`eq-svd-and-embeddings-factorization-loss` of
    :ref:`svd-and-embeddings-missing` (``ridge=0``) and
    :eq:`eq-svd-and-embeddings-penalised-loss` of
    :ref:`svd-and-embeddings-penalty`.

    Parameters
    ----------
    R : array_like, shape (m, n)
        The matrix; entries where ``mask`` is False are ignored (they may
        be NaN).
    U : array_like, shape (m, rank)
        One row vector per row of ``R``.
    V : array_like, shape (rank, n)
        One column vector per column of ``R``.
    mask : array_like of bool, shape (m, n), optional
        True where ``R`` is observed; by default every entry is.
    ridge : float, default 0.0
        The penalty weight :math:`\lambda \ge 0`.

    Returns
    -------
    float
        The loss, never negative.

    Raises
    ------
    ShapeError
        If the shapes do not line up.
    EmptyInputError
        If ``mask`` hides every entry.
    ParameterError
        If ``ridge`` is negative.

    Examples
    --------
    >>> R = [[1.0, np.nan], [2.0, 4.0]]
    >>> mask = [[True, False], [True, True]]
    >>> factorization_loss(R, [[1.0], [2.0]], [[1.0, 1.0]], mask)
    1.3333...
    >>> factorization_loss(R, [[1.0], [2.0]], [[1.0, 1.0]], mask, ridge=0.1)
    2.0333...
    """
    ratings, observed = _ratings_and_mask(R, mask)
    rows = as_float_array(U, "U", ndim=2)
    columns = as_float_array(V, "V", ndim=2)
    penalty = _check_ridge(ridge)
    if (rows.shape[0], columns.shape[1]) != ratings.shape or (
        rows.shape[1] != columns.shape[0]
    ):
        raise ShapeError(
            f"U @ V must have the shape of R {ratings.shape}, got U of "
            f"shape {rows.shape} and V of shape {columns.shape}"
        )
    errors = np.where(observed, rows @ columns - ratings, 0.0)
    loss = float(np.sum(errors**2) / np.count_nonzero(observed))
    if penalty > 0:
        loss += penalty * float(np.sum(rows**2) + np.sum(columns**2))
    return loss


def factorize_with_history(
    R: ArrayLike,
    rank: int,
    mask: ArrayLike | None = None,
    learning_rate: float = 0.05,
    steps: int = 5000,
    *,
    ridge: float = 0.0,
    seed: int = 0,
) -> tuple[np.ndarray, np.ndarray, dict[str, np.ndarray]]:
    r"""Like :func:`factorize`, and also return the loss at every step.

    Returns
    -------
    U : ndarray, shape (m, rank)
    V : ndarray, shape (rank, n)
    history : dict of str to ndarray
        ``history["loss"]``, shape (steps + 1,): the loss :math:`L(U, V)`
        of :func:`factorization_loss` (with the penalty) before each
        step and after the last one.

    Examples
    --------
    >>> U, V, history = factorize_with_history([[1, 2], [2, 4]], 1)
    >>> history["loss"].shape
    (5001,)
    >>> print(f"{history['loss'][0]:.3f}", history["loss"][-1] < 1e-20)
    6.419 True
    """
    ratings, observed = _ratings_and_mask(R, mask)
    count = check_count(rank, "rank", upper=min(ratings.shape))
    check_positive(learning_rate, "learning_rate")
    check_non_negative_int(steps, "steps")
    penalty = _check_ridge(ridge)
    check_seed(seed)
    rng = np.random.default_rng(seed)
    # Random start: each entry of U @ V is a sum of `count` products of
    # two independent N(0, scale^2) draws, scale^2 = size / count, so it
    # has mean 0 and standard deviation size / sqrt(count): the size of
    # the ratings (their root mean square) for rank 1, a little less
    # for a larger rank. The start is not small.
    known = ratings[observed]
    known_scale = binary_scale(known)  # exact; keeps the squares finite
    size = np.sqrt(np.mean((known / known_scale) ** 2)) * known_scale
    scale = np.sqrt(size / count)
    U = rng.normal(scale=scale, size=(ratings.shape[0], count))
    V = rng.normal(scale=scale, size=(count, ratings.shape[1]))
    factor = 2.0 / np.count_nonzero(observed)
    losses = np.empty(steps + 1)
    # Overflow is caught below as a non-finite loss, with a clear error.
    with np.errstate(over="ignore", invalid="ignore"):
        for step in range(steps + 1):
            errors = np.where(observed, U @ V - ratings, 0.0)
            losses[step] = factor / 2.0 * np.sum(errors**2)
            if penalty > 0:
                losses[step] += penalty * (np.sum(U**2) + np.sum(V**2))
            if not np.isfinite(losses[step]) and step == 0:
                raise OutOfRangeError(
                    f"the loss overflows before any step: the observed "
                    f"entries of R (largest |R| = "
                    f"{np.max(np.abs(ratings[observed])):.3g}) are too "
                    f"large to square; divide R by a constant first"
                )
            if not np.isfinite(losses[step]):
                raise DivergenceError(
                    f"factorisation diverged at step {step} (loss "
                    f"{losses[step]}); lower learning_rate (now "
                    f"{learning_rate})"
                )
            if step == steps:
                break
            gradient_U = factor * errors @ V.T + 2 * penalty * U
            gradient_V = factor * U.T @ errors + 2 * penalty * V
            U = U - learning_rate * gradient_U
            V = V - learning_rate * gradient_V
    return U, V, {"loss": losses}


def factorize(
    R: ArrayLike,
    rank: int,
    mask: ArrayLike | None = None,
    learning_rate: float = 0.05,
    steps: int = 5000,
    *,
    ridge: float = 0.0,
    seed: int = 0,
) -> tuple[np.ndarray, np.ndarray]:
    r"""Learn ``U`` and ``V`` with ``U @ V`` close to ``R`` where observed.

    Gradient descent on the loss :math:`L` of :func:`factorization_loss`
    from a random start whose products ``U @ V`` are about as large as
    the ratings; with :math:`E` the errors
    :math:`\mathbf{u}_i \cdot \mathbf{v}_j - R_{ij}` on the observed
    entries and 0 elsewhere and :math:`\lambda` = ``ridge``, each step is

    .. math::

       U \leftarrow U - \eta \left(\frac{2}{|\Omega|} E V^\top
                                    + 2 \lambda U\right), \qquad
       V \leftarrow V - \eta \left(\frac{2}{|\Omega|} U^\top E
                                    + 2 \lambda V\right).

    Implements equations :eq:`eq-svd-and-embeddings-factorization-step`
    of :ref:`svd-and-embeddings-missing` and
    :eq:`eq-svd-and-embeddings-penalised-step` of
    :ref:`svd-and-embeddings-penalty`. The loss is not convex: another
    ``seed`` can end in another factorisation; a penalty ``ridge > 0``
    keeps the vectors from growing without bound where few entries are
    observed.

    Parameters
    ----------
    R : array_like, shape (m, n)
        The matrix; entries where ``mask`` is False are ignored (they may
        be NaN).
    rank : int
        The length of each row and column vector, 1 to ``min(m, n)``.
    mask : array_like of bool, shape (m, n), optional
        True where ``R`` is observed; by default every entry is.
    learning_rate : float, default 0.05
        The step size :math:`\eta`.
    steps : int, default 5000
        The number of gradient steps.
    ridge : float, default 0.0
        The penalty weight :math:`\lambda \ge 0` on
        :math:`\lVert U \rVert_F^2 + \lVert V \rVert_F^2`.
    seed : int, default 0
        Seed of the random start.

    Returns
    -------
    U : ndarray, shape (m, rank)
        One vector per row of ``R``.
    V : ndarray, shape (rank, n)
        One vector per column of ``R``.

    Raises
    ------
    ShapeError
        If ``R`` is not 2-D or ``mask`` has another shape.
    EmptyInputError
        If ``mask`` hides every entry.
    NonFiniteError
        If an observed entry is NaN or infinite.
    ParameterError
        If ``rank``, ``learning_rate``, ``steps``, ``ridge`` or ``seed``
        is out of range.
    DivergenceError
        If the loss becomes infinite (the learning rate is too large).

    Examples
    --------
    >>> R = [[1.0, 2.0], [2.0, np.nan]]
    >>> mask = [[True, True], [True, False]]
    >>> U, V = factorize(R, 1, mask)
    >>> print(f"{(U @ V)[1, 1]:.2f}")
    4.00
    """
    U, V, _ = factorize_with_history(
        R, rank, mask, learning_rate, steps, ridge=ridge, seed=seed
    )
    return U, V

# Word embeddings ---------------------------------------------------------


def cooccurrence_matrix(
    sentences: Sequence[str], window: int = 2, ignore: Iterable[str] = ()
) -> tuple[list[str], np.ndarray]:
    r"""Count how often two words appear within ``window`` words.

    Each sentence is lower-cased and split on spaces; the words in
    ``ignore`` are dropped first. :math:`C_{ab}` counts the pairs of
    positions, at most ``window`` apart, holding words :math:`a` and
    :math:`b`, so :math:`C` is symmetric. Explained in
    :ref:`svd-and-embeddings-words`.

    Parameters
    ----------
    sentences : sequence of str
        The corpus, one sentence per string.
    window : int, default 2
        How far apart (in words) two words may be and still count.
    ignore : iterable of str, optional
        Words to drop (such as "the").

    Returns
    -------
    vocabulary : list of str
        The distinct words, sorted.
    counts : ndarray, shape (n_words, n_words)
        :math:`C`, in the order of ``vocabulary``.

    Raises
    ------
    ParameterError
        If ``sentences`` is a single string or ``window`` < 1.
    EmptyInputError
        If no word is left.

    Examples
    --------
    >>> vocabulary, counts = cooccurrence_matrix(["the cat sat"], 1)
    >>> vocabulary
    ['cat', 'sat', 'the']
    >>> counts
    array([[0., 1., 1.],
           [1., 0., 0.],
           [1., 0., 0.]])
    """
    if isinstance(sentences, str):
        raise ParameterError(
            "sentences must be a list of strings, not one string"
        )
    check_count(window, "window")
    dropped = {word.lower() for word in ignore}
    tokenised = [
        [w for w in str(s).lower().split() if w not in dropped]
        for s in sentences
    ]
    vocabulary = sorted({word for words in tokenised for word in words})
    if not vocabulary:
        raise EmptyInputError(
            f"no words left in {len(tokenised)} sentence(s) after "
            f"dropping the ignored ones"
        )
    index = {word: i for i, word in enumerate(vocabulary)}
    counts = np.zeros((len(vocabulary), len(vocabulary)))
    for words in tokenised:
        for i, word in enumerate(words):
            for neighbour in words[i + 1:i + 1 + window]:
                counts[index[word], index[neighbour]] += 1
                counts[index[neighbour], index[word]] += 1
    return vocabulary, counts


def ppmi(counts: ArrayLike) -> np.ndarray:
    r"""Return the positive pointwise mutual information of a count matrix.

    .. math::

       \operatorname{PPMI}_{ab} = \max\left(0,\;
       \log \frac{C_{ab} \, N}{C_{a\cdot} \, C_{\cdot b}}\right),

    with :math:`N` the total count and :math:`C_{a\cdot}`,
    :math:`C_{\cdot b}` the row and column sums: how much more often
    :math:`a` and :math:`b` meet than if words were placed at random.
    Zero counts give 0. Implements equation
    :eq:`eq-svd-and-embeddings-ppmi` of :ref:`svd-and-embeddings-words`.

    Parameters
    ----------
    counts : array_like, shape (m, n)
        Non-negative counts, not all zero.

    Returns
    -------
    ndarray, shape (m, n)
        The PPMI matrix, never negative.

    Raises
    ------
    ShapeError
        If ``counts`` is not 2-D.
    ParameterError
        If a count is negative or all are zero.

    Examples
    --------
    >>> ppmi([[2, 0], [0, 2]])
    array([[0.6931, 0.    ],
           [0.    , 0.6931]])
    """
    matrix = as_float_array(counts, "counts", ndim=2)
    if np.any(matrix < 0):
        raise ParameterError(
            f"counts must not be negative, found {matrix.min()}"
        )
    # PPMI does not change when every count is multiplied by the same
    # number; a power of two (exact) keeps the sums finite.
    matrix = matrix / binary_scale(matrix)
    total = matrix.sum()
    if total == 0.0:
        raise ParameterError(f"counts (shape {matrix.shape}) are all zero")
    expected = matrix.sum(axis=1, keepdims=True) * matrix.sum(axis=0) / total
    positive = matrix > 0
    ratio = np.divide(matrix, expected, out=np.ones_like(matrix),
                      where=positive)
    return np.maximum(np.log(ratio), 0.0)
