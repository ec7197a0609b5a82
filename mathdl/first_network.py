r"""The classic first network: three sigmoid layers, no biases.

Explained in :doc:`/networks/a-first-network`: the 3-4-1 network of the
well-known short programs, trained on the mean squared error by
full-batch gradient descent. It is built from the sigmoid of
:mod:`mathdl.activations`; the general network of the later chapters is
:class:`mathdl.network.MLP`.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from mathdl._validate import (
    as_float_array,
    check_count,
    check_input_rows,
    check_non_negative_int,
    check_positive,
    check_seed,
)
from mathdl.activations import sigmoid
from mathdl.errors import ShapeError

__all__ = ["SigmoidNetwork"]


class SigmoidNetwork:
    r"""The classic three-layer network: sigmoid layers, no biases.

    Inputs feed a hidden layer of sigmoid nodes through ``weights[0]``
    (shape ``(n_inputs, n_hidden)``), which feeds a sigmoid output layer
    through ``weights[1]`` (shape ``(n_hidden, n_outputs)``). It is
    trained on the mean squared error by full-batch gradient descent.
    The initial weights are uniform on :math:`[-1, 1)`.

    Explained in :doc:`/networks/a-first-network`.

    Parameters
    ----------
    n_inputs, n_hidden, n_outputs : int
        Nodes in the input, hidden and output layers (each at least 1).
    seed : int
        Seed of the generator that draws the initial weights (keyword
        only).

    Raises
    ------
    ParameterError
        If a size is not a whole number >= 1 or ``seed`` is not a whole
        number >= 0.

    Examples
    --------
    >>> network = SigmoidNetwork(3, 4, seed=0)
    >>> [w.shape for w in network.weights]
    [(3, 4), (4, 1)]
    """

    def __init__(
        self,
        n_inputs: int,
        n_hidden: int,
        n_outputs: int = 1,
        *,
        seed: int = 0,
    ) -> None:
        self.layer_sizes = (
            check_count(n_inputs, "n_inputs"),
            check_count(n_hidden, "n_hidden"),
            check_count(n_outputs, "n_outputs"),
        )
        rng = np.random.default_rng(check_seed(seed))
        self.weights = [
            rng.uniform(-1.0, 1.0, size=(n_inputs, n_hidden)),
            rng.uniform(-1.0, 1.0, size=(n_hidden, n_outputs)),
        ]

    def _check_inputs(self, X: ArrayLike) -> np.ndarray:
        return check_input_rows(X, self.layer_sizes[0])

    def forward(self, X: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
        r"""Return the hidden layer's and the output layer's activations.

        .. math::

           H = \sigma(X W_0), \qquad \hat Y = \sigma(H W_1)
        """
        inputs = self._check_inputs(X)
        hidden = sigmoid(inputs @ self.weights[0])
        return hidden, sigmoid(hidden @ self.weights[1])

    def predict(self, X: ArrayLike) -> np.ndarray:
        """Return the output layer's activations, one row per input row."""
        return self.forward(X)[1]

    def train(
        self,
        X: ArrayLike,
        Y: ArrayLike,
        steps: int,
        learning_rate: float = 1.0,
    ) -> dict[str, np.ndarray]:
        r"""Run full-batch gradient descent; return the training history.

        Each of the ``steps`` runs the forward pass, computes both deltas,

        .. math::

           \Delta_1 = \tfrac{2}{N}(\hat Y - Y) \odot \hat Y \odot
           (1 - \hat Y), \qquad
           \Delta_0 = (\Delta_1 W_1^\top) \odot H \odot (1 - H),

        (:math:`N` the number of entries of :math:`Y`), and only then
        updates :math:`W_1 \leftarrow W_1 - \eta H^\top \Delta_1` and
        :math:`W_0 \leftarrow W_0 - \eta X^\top \Delta_0`. The factor
        :math:`\sigma(z)(1 - \sigma(z))` is the sigmoid's derivative
        written with its output. Explained in
        :ref:`a-first-network-training`.

        Parameters
        ----------
        X : array_like, shape (n_samples, n_inputs)
            The inputs, one row per example.
        Y : array_like, shape (n_samples, n_outputs)
            The targets, one row per row of ``X``.
        steps : int
            The number of updates (0 or more).
        learning_rate : float
            The step size :math:`\eta > 0`.

        Returns
        -------
        dict of ndarray
            The training history: ``"loss"``, the mean squared error
            before each update, shape ``(steps,)``.

        Raises
        ------
        ShapeError
            If ``X`` or ``Y`` have the wrong shape.
        ParameterError
            If ``learning_rate`` is not positive or ``steps`` is
            negative.
        """
        inputs = self._check_inputs(X)
        wanted = as_float_array(Y, "Y", ndim=2)
        expected = (inputs.shape[0], self.layer_sizes[-1])
        if wanted.shape != expected:
            raise ShapeError(
                f"Y must have shape {expected} (one row per row of "
                f"X, one column per output), got {wanted.shape}"
            )
        steps = check_non_negative_int(steps, "steps")
        learning_rate = check_positive(learning_rate, "learning_rate")
        first, second = self.weights
        errors = np.empty(steps)
        scale = 2.0 / wanted.size
        for step in range(steps):
            hidden = sigmoid(inputs @ first)
            output = sigmoid(hidden @ second)
            error = output - wanted
            errors[step] = np.vdot(error, error) / error.size
            output_delta = (scale * error) * output * (1.0 - output)
            hidden_delta = (output_delta @ second.T) * hidden * (1.0 - hidden)
            # Both deltas exist before any weight changes.
            second -= learning_rate * (hidden.T @ output_delta)
            first -= learning_rate * (inputs.T @ hidden_delta)
        return {"loss": errors}
