r"""A fully connected network (multilayer perceptron) written with NumPy.

Explained in :doc:`/networks/anatomy` (layers and shapes),
:doc:`/networks/forward-pass`, :doc:`/networks/backpropagation` and
:doc:`/networks/digits` (training). A layer maps a batch ``X`` of shape
``(n_samples, n_in)`` to ``X @ W + b`` with ``W`` of shape
``(n_in, n_out)`` and ``b`` of shape ``(n_out,)``; hidden layers then
apply an activation, the output layer a softmax.

Every piece comes from an earlier chapter: the activations from
:mod:`mathdl.activations`, the loss from :mod:`mathdl.losses`, the
initial weights from :func:`~mathdl.initialisation_and_search.normal_weights`.
:meth:`MLP.fit` hands its loop to :mod:`mathdl.fast_training`, the same
arithmetic arranged for speed. The gradient check is in
:mod:`mathdl.gradient_check`, the classic first network in
:mod:`mathdl.first_network`, the confusion matrix in
:mod:`mathdl.digits`.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike

from mathdl import fast_training
from mathdl._moved import moved_from
from mathdl._validate import (
    as_float_array,
    check_count,
    check_input_rows,
    check_non_negative_int,
    check_positive,
    check_seed,
)
from mathdl.activations import get_activation, softmax
from mathdl.errors import ParameterError, ShapeError
from mathdl.initialisation_and_search import normal_weights
from mathdl.losses import check_labels, cross_entropy_from_logits

__all__ = ["MLP"]

# Names that moved to the module of their chapter (issue 13).
__getattr__ = moved_from(
    __name__,
    {
        "SigmoidNetwork": "mathdl.first_network",
        "gradient_check": "mathdl.gradient_check",
        "numerical_gradients": "mathdl.gradient_check",
        "relative_error": "mathdl.gradient_check",
        "confusion_matrix": "mathdl.digits",
    },
)


def _check_layer_sizes(layer_sizes: Sequence[int]) -> tuple[int, ...]:
    try:
        sizes = tuple(layer_sizes)
    except TypeError:
        raise ParameterError(
            f"layer_sizes must be a list of whole numbers, "
            f"got {layer_sizes!r}"
        ) from None
    if len(sizes) < 2:
        raise ParameterError(
            f"layer_sizes needs at least an input and an output size, "
            f"got {sizes}"
        )
    return tuple(check_count(size, "each layer size") for size in sizes)


class MLP:
    r"""A multilayer perceptron for classification.

    ``MLP([64, 64, 10])`` has 64 inputs, one hidden layer of 64 nodes and
    10 output nodes (one per class). Hidden layers apply ``activation``;
    the output layer applies a softmax, so :meth:`forward` returns class
    probabilities.

    Weights start as independent normal draws
    (:func:`~mathdl.initialisation_and_search.normal_weights`) with
    standard deviation
    :math:`\sqrt{2 / n_\text{in}}` for ReLU (He's rule) and
    :math:`\sqrt{1 / n_\text{in}}` for the other activations (LeCun's);
    biases start at zero. For ReLU and tanh this keeps the signal roughly
    the same size from layer to layer. For the sigmoid it does not: its
    slope is at most 1/4 and its outputs are all positive, so the
    gradients shrink layer after layer. With nine hidden layers of 64
    nodes (``MLP([64] + [64] * 9 + [10], "sigmoid")``, 500 digit images
    scaled to [0, 1], seed 0) the norm of the weight gradient falls from
    0.61 at the output layer to 1.2e-6 at the first, about a factor of 4
    per layer; with tanh it stays between 0.20 and 0.24
    (``tests/test_network.py`` measures both).

    Parameters
    ----------
    layer_sizes : sequence of int
        Number of nodes in each layer, input first, output last (at least
        two numbers, each at least 1).
    activation : {"relu", "sigmoid", "tanh", "identity"}
        The activation of the hidden layers (``"identity"``: none, which
        makes the whole network linear up to the softmax).
    seed : int
        Seed of the generator that draws the initial weights.

    Attributes
    ----------
    weights : list of ndarray
        ``weights[l]`` has shape ``(layer_sizes[l], layer_sizes[l + 1])``.
    biases : list of ndarray
        ``biases[l]`` has shape ``(layer_sizes[l + 1],)``.

    Raises
    ------
    ParameterError
        If a layer size is not a positive whole number, the activation
        is unknown, or ``seed`` is not a whole number >= 0.

    Examples
    --------
    >>> model = MLP([3, 4, 2], seed=0)
    >>> [w.shape for w in model.weights], [b.shape for b in model.biases]
    ([(3, 4), (4, 2)], [(4,), (2,)])
    >>> print(model.forward([[0.0, 1.0, 2.0]]).sum())
    1.0
    """

    def __init__(
        self,
        layer_sizes: Sequence[int],
        activation: str = "relu",
        *,
        seed: int = 0,
    ) -> None:
        self.layer_sizes = _check_layer_sizes(layer_sizes)
        self.activation = activation
        self._activate, self._derivative = get_activation(activation)
        seed = check_seed(seed)
        if activation == "relu":
            self.weights = normal_weights(self.layer_sizes, "he", seed)
        else:
            # LeCun: unit normal draws scaled by sqrt(1 / n_in), the same
            # numbers as normal_weights with that deviation per layer.
            unit = normal_weights(self.layer_sizes, 1.0, seed)
            self.weights = [w * np.sqrt(1.0 / w.shape[0]) for w in unit]
        self.biases = [np.zeros(n_out) for n_out in self.layer_sizes[1:]]

    def __repr__(self) -> str:
        sizes = ", ".join(str(size) for size in self.layer_sizes)
        return f"MLP([{sizes}], activation={self.activation!r})"

    @property
    def n_parameters(self) -> int:
        """The number of weights and biases together."""
        pairs = zip(self.weights, self.biases, strict=True)
        return sum(w.size + b.size for w, b in pairs)

    # -- checks ----------------------------------------------------------

    def _check_inputs(self, X: ArrayLike) -> np.ndarray:
        return check_input_rows(X, self.layer_sizes[0])

    def _check_parameters(self) -> None:
        """Make sure weights and biases are float arrays of the right
        shapes (a reader may have set them by hand)."""
        n_layers = len(self.layer_sizes) - 1
        if len(self.weights) != n_layers or len(self.biases) != n_layers:
            raise ShapeError(
                f"a network with layer sizes {self.layer_sizes} needs "
                f"{n_layers} weight matrices and bias vectors, got "
                f"{len(self.weights)} and {len(self.biases)}"
            )
        pairs = zip(self.layer_sizes[:-1], self.layer_sizes[1:], strict=True)
        weights, biases = [], []
        for layer, (n_in, n_out) in enumerate(pairs):
            weight = as_float_array(self.weights[layer], f"weights[{layer}]")
            bias = as_float_array(self.biases[layer], f"biases[{layer}]")
            if weight.shape != (n_in, n_out) or bias.shape != (n_out,):
                raise ShapeError(
                    f"layer {layer} needs weights of shape {(n_in, n_out)}"
                    f" and biases of shape {(n_out,)}, got {weight.shape} "
                    f"and {bias.shape}"
                )
            weights.append(weight)
            biases.append(bias)
        self.weights, self.biases = weights, biases

    # -- the forward pass -------------------------------------------------

    def forward_pass(
        self, X: ArrayLike
    ) -> tuple[list[np.ndarray], list[np.ndarray]]:
        r"""Return every layer's pre-activations and activations.

        .. math::

           Z^{(l)} = A^{(l-1)} W^{(l)} + \mathbf{b}^{(l)}, \qquad
           A^{(l)} = f\bigl(Z^{(l)}\bigr)

        with :math:`A^{(0)} = X` and :math:`f` the softmax in the output
        layer. Implements equation :eq:`eq-forward-pass-layer` of
        :ref:`forward-pass-steps`.

        Returns
        -------
        pre_activations : list of ndarray
            ``pre_activations[l]`` is :math:`Z^{(l+1)}`, shape
            ``(n_samples, layer_sizes[l + 1])``.
        activations : list of ndarray
            ``activations[0]`` is ``X``; ``activations[-1]`` the class
            probabilities.

        Raises
        ------
        ShapeError
            If ``X`` is not 2-D or has the wrong number of columns.
        """
        activation = self._check_inputs(X)
        self._check_parameters()
        pre_activations, activations = [], [activation]
        last = len(self.weights) - 1
        layers = enumerate(zip(self.weights, self.biases, strict=True))
        for layer, (weight, bias) in layers:
            pre_activation = activation @ weight + bias
            if layer < last:
                activation = self._activate(pre_activation)
            else:
                activation = softmax(pre_activation)
            pre_activations.append(pre_activation)
            activations.append(activation)
        return pre_activations, activations

    def forward(self, X: ArrayLike) -> np.ndarray:
        """Return the class probabilities, shape ``(n_samples, n_classes)``.

        Examples
        --------
        >>> model = MLP([2, 3, 4], seed=1)
        >>> model.forward([[1.0, 2.0], [0.0, 0.0]]).shape
        (2, 4)
        """
        return self.forward_pass(X)[1][-1]

    def predict(self, X: ArrayLike) -> np.ndarray:
        """Return the most probable class of each row, shape ``(n_samples,)``.

        Examples
        --------
        >>> MLP([2, 3, 4], seed=1).predict([[1.0, 2.0]]).shape
        (1,)
        """
        return np.argmax(self.forward(X), axis=1)

    def accuracy(self, X: ArrayLike, labels: ArrayLike) -> float:
        """Return the fraction of rows whose predicted class is the label.

        Raises
        ------
        LabelError
            If there is not one label per row or a label is out of range.
        """
        inputs = self._check_inputs(X)
        classes = check_labels(labels, inputs.shape[0], self.layer_sizes[-1])
        return float(np.mean(self.predict(inputs) == classes))

    def loss(self, X: ArrayLike, labels: ArrayLike) -> float:
        r"""Return the mean cross-entropy of the network on ``(X, labels)``.

        Computed from the output layer's pre-activations (the logits) by
        :func:`mathdl.losses.cross_entropy_from_logits`, so it stays
        finite even when a probability rounds to zero.
        """
        pre_activations, _ = self.forward_pass(X)
        return cross_entropy_from_logits(pre_activations[-1], labels)

    # -- backpropagation --------------------------------------------------

    def backward_pass(
        self,
        pre_activations: list[np.ndarray],
        activations: list[np.ndarray],
        labels: np.ndarray,
    ) -> tuple[list[np.ndarray], list[np.ndarray]]:
        r"""Return the gradients of the mean cross-entropy (backpropagation).

        Starting from the output delta :math:`\Delta^{(L)} = (P - Y)/n`,
        each layer's gradients and the delta of the layer below are

        .. math::

           \begin{gathered}
           \frac{\partial L}{\partial W^{(l)}} = A^{(l-1)\top}\Delta^{(l)},
           \quad
           \frac{\partial L}{\partial \mathbf{b}^{(l)}}
           = \sum_i \Delta^{(l)}_{i\cdot},
           \\
           \Delta^{(l-1)} = \bigl(\Delta^{(l)} W^{(l)\top}\bigr)
           \odot f'\bigl(Z^{(l-1)}\bigr).
           \end{gathered}

        Implements equations :eq:`eq-backpropagation-output-delta`,
        :eq:`eq-backpropagation-weight-gradient` and
        :eq:`eq-backpropagation-delta` of :ref:`backpropagation-matrix`.

        Parameters
        ----------
        pre_activations, activations : list of ndarray
            What :meth:`forward_pass` returned.
        labels : array_like of int, shape (n_samples,)
            Class labels, ``0 .. layer_sizes[-1] - 1`` (checked: ``-1``
            is refused, not read as the last class).

        Returns
        -------
        weight_gradients, bias_gradients : list of ndarray
            Same shapes as :attr:`weights` and :attr:`biases`.
        """
        probabilities = activations[-1]
        n_samples = probabilities.shape[0]
        labels = check_labels(labels, n_samples, probabilities.shape[1])
        delta = probabilities.copy()
        delta[np.arange(n_samples), labels] -= 1.0
        delta /= n_samples
        weight_gradients = [np.empty(0)] * len(self.weights)
        bias_gradients = [np.empty(0)] * len(self.weights)
        for layer in reversed(range(len(self.weights))):
            weight_gradients[layer] = activations[layer].T @ delta
            bias_gradients[layer] = delta.sum(axis=0)
            if layer > 0:
                # The delta of the layer below uses this layer's weights
                # as they are now: nothing is updated during the pass.
                delta = (delta @ self.weights[layer].T) * self._derivative(
                    pre_activations[layer - 1]
                )
        return weight_gradients, bias_gradients

    def gradients(
        self, X: ArrayLike, labels: ArrayLike
    ) -> tuple[float, list[np.ndarray], list[np.ndarray]]:
        r"""Return the mean cross-entropy and its gradients on a batch.

        Parameters
        ----------
        X : array_like, shape (n_samples, layer_sizes[0])
            The inputs, one row per example.
        labels : array_like of int, shape (n_samples,)
            Classes ``0 .. layer_sizes[-1] - 1``.

        Returns
        -------
        loss : float
            The mean cross-entropy (see :meth:`loss`).
        weight_gradients, bias_gradients : list of ndarray
            :math:`\partial L / \partial W^{(l)}` and
            :math:`\partial L / \partial \mathbf{b}^{(l)}`, same shapes
            as :attr:`weights` and :attr:`biases`.

        Raises
        ------
        ShapeError
            If ``X`` has the wrong shape.
        LabelError
            If there is not one label per row or a label is out of range.

        Examples
        --------
        >>> model = MLP([2, 3, 2], seed=0)
        >>> loss, dW, db = model.gradients([[1.0, -1.0]], [1])
        >>> [g.shape for g in dW], [g.shape for g in db]
        ([(2, 3), (3, 2)], [(3,), (2,)])
        """
        pre_activations, activations = self.forward_pass(X)
        logits = pre_activations[-1]
        classes = check_labels(labels, logits.shape[0], logits.shape[1])
        loss = cross_entropy_from_logits(logits, classes)
        weight_gradients, bias_gradients = self.backward_pass(
            pre_activations, activations, classes
        )
        return float(loss), weight_gradients, bias_gradients

    # -- training -----------------------------------------------------------
    def fit(
        self,
        X: ArrayLike,
        labels: ArrayLike,
        epochs: int,
        batch_size: int,
        learning_rate: float,
        validation_data: tuple[ArrayLike, ArrayLike] | None = None,
        *,
        seed: int = 0,
    ) -> dict[str, np.ndarray]:
        r"""Train with plain mini-batch stochastic gradient descent.

        Each epoch shuffles the rows (with a generator seeded by
        ``seed``), cuts them into batches of ``batch_size`` rows (the
        last one may be smaller) and, for each batch, computes all the
        gradients of the mean cross-entropy first and then updates every
        parameter,

        .. math::

           W^{(l)} \leftarrow W^{(l)} - \eta\,
           \frac{\partial L}{\partial W^{(l)}}, \qquad
           \mathbf{b}^{(l)} \leftarrow \mathbf{b}^{(l)} - \eta\,
           \frac{\partial L}{\partial \mathbf{b}^{(l)}},

        with no momentum and no weight decay. Implements equation
        :eq:`eq-digits-sgd` of :ref:`digits-training`. The arithmetic is
        that of :meth:`gradients`, arranged to spend as few NumPy calls
        per batch as possible: :func:`mathdl.fast_training.train` (see
        :ref:`digits-speed`), held to :meth:`gradients` by tests for
        every activation.

        Parameters
        ----------
        X : array_like, shape (n_samples, layer_sizes[0])
            Training inputs.
        labels : array_like of int, shape (n_samples,)
            Training classes.
        epochs : int
            Passes over the training data (0 or more).
        batch_size : int
            Rows per batch (at least 1).
        learning_rate : float
            The step size :math:`\eta > 0`.
        validation_data : (X_val, labels_val), optional
            Held-out data, scored after every epoch.
        seed : int
            Seed of the generator that shuffles the rows (keyword only).

        Returns
        -------
        dict of ndarray
            The training history: equal-length 1-D float arrays, one
            value per epoch. ``"loss"`` and ``"accuracy"``: the mean
            cross-entropy and the fraction of correct predictions over
            the epoch's training batches, each batch measured with the
            weights just before its own update (no extra pass over the
            data). ``"validation_loss"`` and ``"validation_accuracy"``,
            when ``validation_data`` is given: measured on it after the
            epoch.

        Raises
        ------
        ShapeError, LabelError
            If the inputs or labels do not fit the network.
        ParameterError
            If ``learning_rate`` or ``batch_size`` is not positive,
            ``epochs`` is negative, ``seed`` is not a whole number >= 0,
            or ``learning_rate / batch_size`` is so small (below about
            1e-292) that no weight could move.
        OutOfRangeError
            If the loss is already infinite or NaN at the initial weights,
            or an input exceeds about 1.3e154 (its square overflows),
            before any step: the inputs are too large (standardise them);
            the learning rate is not to blame.
        DivergenceError
            If the training loss becomes infinite or NaN; it names the
            epoch and the learning rate, and the network keeps the
            weights of the last epoch whose loss was finite.

        Examples
        --------
        >>> X = [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]
        >>> labels = [0, 1, 1, 0]
        >>> model = MLP([2, 8, 2], activation="tanh", seed=0)
        >>> history = model.fit(X, labels, epochs=500, batch_size=4,
        ...                     learning_rate=0.5)
        >>> model.predict(X)
        array([0, 1, 1, 0])
        """
        inputs = self._check_inputs(X)
        classes = check_labels(labels, inputs.shape[0], self.layer_sizes[-1])
        epochs = check_non_negative_int(epochs, "epochs")
        batch_size = check_count(batch_size, "batch_size")
        learning_rate = check_positive(learning_rate, "learning_rate")
        seed = check_seed(seed)
        fast_training.check_trainable(
            self, inputs, classes, epochs, batch_size, learning_rate
        )
        validation = None
        if validation_data is not None:
            validation_inputs = self._check_inputs(validation_data[0])
            validation = validation_inputs, check_labels(
                validation_data[1],
                validation_inputs.shape[0],
                self.layer_sizes[-1],
            )
        return fast_training.train(
            self, inputs, classes, epochs, batch_size, learning_rate,
            validation, seed=seed,
        )
