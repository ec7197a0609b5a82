r"""A fully connected network (multilayer perceptron) written with NumPy.

Explained in :doc:`/networks/anatomy` (layers and shapes),
:doc:`/networks/forward-pass`, :doc:`/networks/backpropagation` and
:doc:`/networks/digits` (training). A layer maps a batch ``X`` of shape
``(n_samples, n_in)`` to ``X @ W + b`` with ``W`` of shape
``(n_in, n_out)`` and ``b`` of shape ``(n_out,)``; hidden layers then
apply an activation, the output layer a softmax.

:class:`SigmoidNetwork` is the small classic network of
:doc:`/networks/a-first-network`: sigmoid layers, no biases, squared
error, full-batch gradient descent.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike

from mathdl._scaling import binary_scale
from mathdl._validate import (
    as_float_array,
    check_non_negative_int,
    check_positive,
    check_seed,
)
from mathdl.activations import get_activation, softmax
from mathdl.calculus import gradient
from mathdl.errors import (
    DivergenceError,
    OutOfRangeError,
    ParameterError,
    ShapeError,
)

#: ``MLP.fit`` refuses a learning rate per row below this: the scaled
#: one-hot targets would lose precision or underflow to zero, and no
#: weight could move anyway.
_SMALLEST_RATE = float(np.finfo(np.float64).tiny / np.finfo(np.float64).eps)
#: ... and inputs larger than this, whose squares overflow.
_LARGEST_INPUT = float(np.sqrt(np.finfo(np.float64).max))
from mathdl.losses import check_labels

__all__ = [
    "MLP",
    "SigmoidNetwork",
    "gradient_check",
    "numerical_gradients",
    "relative_error",
    "confusion_matrix",
]


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
    for size in sizes:
        if check_non_negative_int(size, "each layer size") < 1:
            raise ParameterError(f"layer sizes must be >= 1, got {sizes}")
    return tuple(int(size) for size in sizes)


def _check_batch_size(batch_size: int) -> int:
    if check_non_negative_int(batch_size, "batch_size") < 1:
        raise ParameterError(f"batch_size must be positive, got {batch_size}")
    return int(batch_size)


def _log_softmax(logits: np.ndarray) -> np.ndarray:
    """Row-wise log of the softmax, without forming tiny probabilities."""
    shifted = logits - np.max(logits, axis=1, keepdims=True)
    return shifted - np.log(np.sum(np.exp(shifted), axis=1, keepdims=True))


class MLP:
    r"""A multilayer perceptron for classification.

    ``MLP([64, 64, 10])`` has 64 inputs, one hidden layer of 64 nodes and
    10 output nodes (one per class). Hidden layers apply ``activation``;
    the output layer applies a softmax, so :meth:`forward` returns class
    probabilities.

    Weights start as independent normal draws with standard deviation
    :math:`\sqrt{2 / n_\text{in}}` for ReLU and :math:`\sqrt{1 /
    n_\text{in}}` for sigmoid and tanh, so the signal keeps roughly
    the same size from layer to layer; biases start at zero.

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
        seed: int = 0,
    ) -> None:
        self.layer_sizes = _check_layer_sizes(layer_sizes)
        self.activation = activation
        self._activate, self._derivative = get_activation(activation)
        gain = 2.0 if activation == "relu" else 1.0
        rng = np.random.default_rng(check_seed(seed))
        self.weights: list[np.ndarray] = []
        self.biases: list[np.ndarray] = []
        for n_in, n_out in zip(self.layer_sizes[:-1], self.layer_sizes[1:]):
            scale = np.sqrt(gain / n_in)
            self.weights.append(rng.normal(0.0, scale, size=(n_in, n_out)))
            self.biases.append(np.zeros(n_out))

    def __repr__(self) -> str:
        sizes = ", ".join(str(size) for size in self.layer_sizes)
        return f"MLP([{sizes}], activation={self.activation!r})"

    @property
    def n_parameters(self) -> int:
        """The number of weights and biases together."""
        return sum(w.size + b.size for w, b in zip(self.weights, self.biases))

    # -- checks ----------------------------------------------------------

    def _check_inputs(self, X: ArrayLike) -> np.ndarray:
        inputs = as_float_array(X, "X")
        if inputs.ndim != 2:
            raise ShapeError(
                f"X must be 2-D, one row per example, got shape "
                f"{inputs.shape}; for one example use X.reshape(1, -1)"
            )
        if inputs.shape[1] != self.layer_sizes[0]:
            raise ShapeError(
                f"X has {inputs.shape[1]} features (columns) but the "
                f"input layer of this network has {self.layer_sizes[0]} "
                f"nodes; X has shape {inputs.shape}"
            )
        return inputs

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
        pairs = zip(self.layer_sizes[:-1], self.layer_sizes[1:])
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
        layers = enumerate(zip(self.weights, self.biases))
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

        Computed from the output layer's pre-activations with a stable
        log-softmax, so it stays finite even when a probability rounds
        to zero. See :func:`mathdl.losses.cross_entropy`.
        """
        pre_activations, _ = self.forward_pass(X)
        logits = pre_activations[-1]
        classes = check_labels(labels, logits.shape[0], logits.shape[1])
        log_probabilities = _log_softmax(logits)
        return float(
            -np.mean(log_probabilities[np.arange(logits.shape[0]), classes])
        )

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

           \frac{\partial L}{\partial W^{(l)}} = A^{(l-1)\top}\Delta^{(l)},
           \quad
           \frac{\partial L}{\partial \mathbf{b}^{(l)}}
           = \sum_i \Delta^{(l)}_{i\cdot},
           \quad
           \Delta^{(l-1)} = \bigl(\Delta^{(l)} W^{(l)\top}\bigr)
           \odot f'\bigl(Z^{(l-1)}\bigr).

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
        log_probabilities = _log_softmax(logits)
        rows = np.arange(logits.shape[0])
        loss = -np.mean(log_probabilities[rows, classes])
        weight_gradients, bias_gradients = self.backward_pass(
            pre_activations, activations, classes
        )
        return float(loss), weight_gradients, bias_gradients

    # -- training -----------------------------------------------------------

    def _check_start(self, inputs: np.ndarray, classes: np.ndarray) -> None:
        """Blame the inputs, not the learning rate, when the loss is not
        finite before any step."""
        with np.errstate(over="ignore", invalid="ignore"):
            start = self.loss(inputs, classes)
        largest = float(np.max(np.abs(inputs)))
        # Squares of inputs beyond sqrt(max) overflow in the updates.
        if not np.isfinite(start) or largest > _LARGEST_INPUT:
            raise OutOfRangeError(
                f"the loss is {start:.3g} at the initial weights, before "
                f"any training step: the inputs are too large for the "
                f"network (their squares overflow float64; "
                f"largest |X| = {largest:.3g}, shape {inputs.shape}); "
                f"standardise X first"
            )

    def fit(
        self,
        X: ArrayLike,
        labels: ArrayLike,
        epochs: int,
        batch_size: int,
        learning_rate: float,
        seed: int = 0,
        validation_data: tuple[ArrayLike, ArrayLike] | None = None,
    ) -> dict[str, list[float]]:
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
        per batch as possible (see :ref:`digits-speed`).

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
        seed : int
            Seed of the generator that shuffles the rows.
        validation_data : (X_val, labels_val), optional
            Held-out data, scored after every epoch.

        Returns
        -------
        dict of list of float
            One value per epoch. ``"loss"`` and ``"accuracy"``: the mean
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
        batch_size = _check_batch_size(batch_size)
        learning_rate = check_positive(learning_rate, "learning_rate")
        seed = check_seed(seed)
        rate = learning_rate / min(batch_size, inputs.shape[0])
        if rate < _SMALLEST_RATE:
            raise ParameterError(
                f"learning_rate = {learning_rate:g} is too small to move "
                f"any weight: learning_rate / batch = {rate:.3g} is below "
                f"{_SMALLEST_RATE:.3g}, where float64 loses the update"
            )
        self._check_parameters()
        if epochs:
            self._check_start(inputs, classes)
        if validation_data is not None:
            validation_inputs = self._check_inputs(validation_data[0])
            validation_classes = check_labels(
                validation_data[1],
                validation_inputs.shape[0],
                self.layer_sizes[-1],
            )
        history: dict[str, list[float]] = {"loss": [], "accuracy": []}
        if validation_data is not None:
            history["validation_loss"] = []
            history["validation_accuracy"] = []
        trainer = _Trainer(self, inputs, classes, batch_size, learning_rate)
        rng = np.random.default_rng(seed)
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            for epoch in range(1, epochs + 1):
                order = rng.permutation(inputs.shape[0])
                loss, accuracy = trainer.run_epoch(order)
                if not (np.isfinite(loss) and trainer.parameters_finite()):
                    trainer.restore_last_finite()
                    raise DivergenceError(
                        f"training diverged in epoch {epoch}: the loss "
                        f"became {loss} with learning_rate="
                        f"{learning_rate}; the weights after epoch "
                        f"{epoch - 1} were kept. Try a smaller "
                        f"learning rate."
                    )
                trainer.keep_as_last_finite()
                history["loss"].append(loss)
                history["accuracy"].append(accuracy)
                if validation_data is not None:
                    loss, accuracy = trainer.score(
                        validation_inputs, validation_classes
                    )
                    history["validation_loss"].append(loss)
                    history["validation_accuracy"].append(accuracy)
        trainer.write_back()
        return history


class _Trainer:
    """The inner loop of :meth:`MLP.fit`, with every buffer allocated once.

    At this network size a step costs more in NumPy calls than in
    arithmetic, so the loop makes as few calls as it can:

    - each layer's weights and bias are packed into one matrix of shape
      ``(n_in + 1, n_out)`` whose last row is the bias, and each layer's
      input carries a last column of ones, so ``[A 1] @ [W; b]`` is
      ``A @ W + b`` and ``[A 1].T @ delta`` holds the weight gradient and
      the bias gradient (the column sums of ``delta``) in one product;
    - the one-hot targets are stored already multiplied by
      ``learning_rate / batch``, so the output delta comes out ready to
      subtract from the weights;
    - the rows are shuffled by one gather per epoch, and every array of
      a step is written in place with ``out=``.
    """

    def __init__(self, model: MLP, inputs: np.ndarray, classes: np.ndarray,
                 batch_size: int, learning_rate: float) -> None:
        self.model = model
        sizes = model.layer_sizes
        n_samples = inputs.shape[0]
        self.batch = batch = min(batch_size, n_samples)
        self.learning_rate = learning_rate
        self.activation = model.activation
        self.parameters = [
            np.vstack([w, b[np.newaxis, :]]).astype(np.float64)
            for w, b in zip(model.weights, model.biases)
        ]
        self.last_finite = [p.copy() for p in self.parameters]
        self.inputs = self.augment(inputs)
        self.classes = classes
        self.scale = learning_rate / batch
        self.targets = np.zeros((n_samples, sizes[-1]))
        self.targets[np.arange(n_samples), classes] = self.scale
        self.shuffled_inputs = np.empty_like(self.inputs)
        self.shuffled_targets = np.empty_like(self.targets)
        self.shuffled_classes = np.empty_like(classes)
        # Hidden activations, each with its column of ones.
        self.hidden = []
        for size in sizes[1:-1]:
            buffer = np.empty((batch, size + 1))
            buffer[:, -1] = 1.0
            self.hidden.append(buffer)
        self.pre_activations = [np.empty((batch, size)) for size in sizes[1:]]
        self.deltas = [np.empty((batch, size)) for size in sizes[1:-1]]
        self.masks = [np.empty((batch, size), bool) for size in sizes[1:-1]]
        self.gradients = [np.empty_like(p) for p in self.parameters]
        self.row_max = np.empty((batch, 1))
        self.row_factor = np.empty((batch, 1))
        self.ones = np.ones((sizes[-1], 1))
        # Per epoch: each row's softmax denominator and predicted class,
        # and the sum of its true-class logits, for the history.
        self.row_sums = np.empty((n_samples, 1))
        self.predicted = np.empty(n_samples, dtype=np.intp)
        self.true_logit_sum = 0.0
        # Views that stay valid: the parameters are updated in place.
        self.transposed_weights = [p[:-1].T for p in self.parameters]
        self.views: dict = {}

    @staticmethod
    def augment(inputs: np.ndarray) -> np.ndarray:
        augmented = np.empty((inputs.shape[0], inputs.shape[1] + 1))
        augmented[:, :-1] = inputs
        augmented[:, -1] = 1.0
        return augmented

    def run_epoch(self, order: np.ndarray) -> tuple[float, float]:
        """Train on every batch once; return the epoch's mean loss and
        accuracy, each batch measured just before its update."""
        # One gather per epoch; the batches are then contiguous slices.
        np.take(self.inputs, order, axis=0, out=self.shuffled_inputs)
        np.take(self.targets, order, axis=0, out=self.shuffled_targets)
        np.take(self.classes, order, out=self.shuffled_classes)
        self.true_logit_sum = 0.0
        n_samples = order.shape[0]
        for start in range(0, n_samples, self.batch):
            self.step(start, min(start + self.batch, n_samples))
        # loss_i = log(sum_k exp(shifted_ik)) - shifted_{i, y_i}
        loss = (
            float(np.sum(np.log(self.row_sums)))
            - self.true_logit_sum / self.scale
        ) / n_samples
        hits = np.count_nonzero(self.predicted == self.shuffled_classes)
        return loss, hits / n_samples

    def _views(self, rows: int):
        """The buffers cut to ``rows`` rows (cached: two sizes at most)."""
        if rows not in self.views:
            layers = [
                (z[:rows], h[:rows], h[:rows, :-1], h[:rows].T, d[:rows],
                 m[:rows])
                for z, h, d, m in zip(self.pre_activations, self.hidden,
                                      self.deltas, self.masks)
            ]
            self.views[rows] = (
                layers,
                self.pre_activations[-1][:rows],
                self.row_max[:rows],
                self.row_factor[:rows],
            )
        return self.views[rows]

    def step(self, start: int, stop: int) -> None:
        rows = stop - start
        layers, logits, row_max, row_factor = self._views(rows)
        parameters, gradients = self.parameters, self.gradients
        # Forward pass.
        inputs = self.shuffled_inputs[start:stop]
        layer_input = inputs
        for (z, a, a_inner, _, _, _), weights in zip(layers, parameters):
            np.matmul(layer_input, weights, out=z)
            self.activate(z, a_inner)
            layer_input = a
        np.matmul(layer_input, parameters[-1], out=logits)
        # Softmax, shifted by the row maximum so exp cannot overflow.
        np.maximum.reduce(logits, axis=1, keepdims=True, out=row_max)
        np.subtract(logits, row_max, out=logits)
        targets = self.shuffled_targets[start:stop]
        self.true_logit_sum += np.vdot(logits, targets)
        np.argmax(logits, axis=1, out=self.predicted[start:stop])
        np.exp(logits, out=logits)
        row_sum = self.row_sums[start:stop]
        np.matmul(logits, self.ones, out=row_sum)
        # Output delta times the learning rate: (P - Y) * rate / rows.
        if rows != self.batch:  # the last, smaller batch of an epoch
            targets = targets * (self.batch / rows)
        np.divide(self.learning_rate / rows, row_sum, out=row_factor)
        np.multiply(logits, row_factor, out=logits)
        delta = np.subtract(logits, targets, out=logits)
        # Backward pass. Each layer passes its delta down before its own
        # weights change, so every gradient is taken at the same point,
        # exactly as in MLP.gradients.
        for layer in range(len(parameters) - 1, 0, -1):
            z, _, a_inner, a_transposed, below, mask = layers[layer - 1]
            np.matmul(delta, self.transposed_weights[layer], out=below)
            np.matmul(a_transposed, delta, out=gradients[layer])
            np.subtract(parameters[layer], gradients[layer],
                        out=parameters[layer])
            self.times_derivative(below, z, a_inner, mask)
            delta = below
        np.matmul(inputs.T, delta, out=gradients[0])
        np.subtract(parameters[0], gradients[0], out=parameters[0])

    def activate(self, pre_activation: np.ndarray, out: np.ndarray) -> None:
        """Write the hidden activation of ``pre_activation`` into ``out``."""
        if self.activation == "relu":
            np.maximum(pre_activation, 0.0, out=out)
        elif self.activation == "tanh":
            np.tanh(pre_activation, out=out)
        elif self.activation == "identity":
            np.copyto(out, pre_activation)
        else:  # sigmoid; exp may overflow to inf, giving exactly 0
            np.negative(pre_activation, out=out)
            np.exp(out, out=out)
            np.add(out, 1.0, out=out)
            np.reciprocal(out, out=out)

    def times_derivative(self, delta: np.ndarray, pre_activation: np.ndarray,
                          activation: np.ndarray, mask: np.ndarray) -> None:
        # The derivatives of tanh and sigmoid are written with their
        # outputs: 1 - a^2 and a (1 - a).
        if self.activation == "relu":
            np.greater(pre_activation, 0.0, out=mask)
            np.multiply(delta, mask, out=delta)
        elif self.activation == "tanh":
            delta *= 1.0 - activation * activation
        elif self.activation == "sigmoid":
            delta *= activation * (1.0 - activation)

    def score(self, inputs: np.ndarray,
              classes: np.ndarray) -> tuple[float, float]:
        """Mean cross-entropy and accuracy of the current parameters."""
        activation = inputs
        n_layers = len(self.parameters)
        for layer in range(n_layers):
            packed = self.parameters[layer]
            weight, bias = packed[:-1], packed[-1]
            pre_activation = activation @ weight + bias
            if layer < n_layers - 1:
                activation = np.empty_like(pre_activation)
                self.activate(pre_activation, activation)
        rows = np.arange(pre_activation.shape[0])
        log_probabilities = _log_softmax(pre_activation)
        loss = -float(np.mean(log_probabilities[rows, classes]))
        predicted = np.argmax(pre_activation, axis=1)
        return loss, float(np.mean(predicted == classes))

    def parameters_finite(self) -> bool:
        return all(bool(np.isfinite(p).all()) for p in self.parameters)

    def keep_as_last_finite(self) -> None:
        for kept, current in zip(self.last_finite, self.parameters):
            np.copyto(kept, current)

    def restore_last_finite(self) -> None:
        for kept, current in zip(self.last_finite, self.parameters):
            np.copyto(current, kept)
        self.write_back()

    def write_back(self) -> None:
        packed = self.parameters
        self.model.weights = [layer[:-1].copy() for layer in packed]
        self.model.biases = [layer[-1].copy() for layer in packed]


def confusion_matrix(
    labels: ArrayLike, predicted: ArrayLike, n_classes: int
) -> np.ndarray:
    r"""Count how often each true class was predicted as each class.

    Entry :math:`C_{jk}` is the number of examples of class :math:`j`
    that were predicted as class :math:`k`; the diagonal holds the
    correct predictions and each row sums to the size of its class.
    Explained in :ref:`digits-errors`.

    Parameters
    ----------
    labels, predicted : array_like of int, shape (n_samples,)
        True and predicted classes, ``0 .. n_classes - 1``.
    n_classes : int
        The number of classes.

    Returns
    -------
    ndarray of int64, shape (n_classes, n_classes)

    Raises
    ------
    LabelError
        If a class is out of range or the two arrays differ in length.

    Examples
    --------
    >>> confusion_matrix([0, 0, 1, 2], [0, 1, 1, 2], 3)
    array([[1, 1, 0],
           [0, 1, 0],
           [0, 0, 1]])
    """
    if check_non_negative_int(n_classes, "n_classes") < 1:
        raise ParameterError(f"n_classes must be >= 1, got {n_classes}")
    truth = np.asarray(labels)
    classes = check_labels(truth, truth.shape[0] if truth.ndim else 0,
                           n_classes)
    guesses = check_labels(predicted, classes.shape[0], n_classes)
    counts = np.zeros((n_classes, n_classes), dtype=np.int64)
    np.add.at(counts, (classes, guesses), 1)
    return counts


def relative_error(analytic: ArrayLike, numerical: ArrayLike) -> float:
    r"""Return the relative difference of two gradients.

    .. math::

       \frac{\lVert \mathbf{g} - \tilde{\mathbf{g}} \rVert}
            {\lVert \mathbf{g} \rVert + \lVert \tilde{\mathbf{g}} \rVert}

    It is 0 when the two agree exactly, about :math:`10^{-k}` when they
    agree to :math:`k` significant digits, and 1 when they point in
    opposite directions; 0 if both are zero. Explained in
    :ref:`backpropagation-gradient-check`. Both are divided by one power
    of two first (exactly), so the result is the same for ``c * g`` and
    ``c * g~`` as for ``g`` and ``g~`` over the whole float64 range.

    Examples
    --------
    >>> relative_error([1.0, 2.0], [1.0, 2.0])
    0.0
    >>> relative_error([1.0, 0.0], [-1.0, 0.0])
    1.0
    >>> relative_error([1e-200], [-1e-200])
    1.0
    """
    first = as_float_array(analytic, "analytic", allow_empty=True)
    second = as_float_array(numerical, "numerical", allow_empty=True)
    if first.shape != second.shape:
        raise ShapeError(
            f"the gradients must have one shape, got {first.shape} and "
            f"{second.shape}"
        )
    if first.size == 0:
        return 0.0
    scale = max(binary_scale(first), binary_scale(second))
    first, second = first / scale, second / scale
    size = np.linalg.norm(first) + np.linalg.norm(second)
    if size == 0.0:
        return 0.0
    return float(np.linalg.norm(first - second) / size)


def numerical_gradients(
    model: MLP, X: ArrayLike, labels: ArrayLike, step: float = 1e-5
) -> tuple[list[np.ndarray], list[np.ndarray]]:
    r"""Estimate every gradient of the loss by central differences.

    Each parameter :math:`\theta` in turn is moved by :math:`\pm h`,

    .. math::

       \frac{\partial L}{\partial \theta} \approx
       \frac{L(\theta + h) - L(\theta - h)}{2h},

    and put back, using :func:`mathdl.calculus.gradient`. This costs two
    forward passes per parameter, so it is only for checking small
    networks. Explained in :ref:`backpropagation-gradient-check`.

    Returns
    -------
    weight_gradients, bias_gradients : list of ndarray
        Same shapes as ``model.weights`` and ``model.biases``.
    """
    step = check_positive(step, "step")
    inputs = model._check_inputs(X)
    classes = check_labels(labels, inputs.shape[0], model.layer_sizes[-1])
    model._check_parameters()
    estimates = []
    for parameter in [*model.weights, *model.biases]:
        saved = parameter.copy()

        def loss_at(values: np.ndarray, parameter=parameter) -> float:
            parameter[...] = values
            return model.loss(inputs, classes)

        try:
            estimates.append(gradient(loss_at, saved, h=step))
        finally:
            parameter[...] = saved
    n_layers = len(model.weights)
    return estimates[:n_layers], estimates[n_layers:]


def gradient_check(
    model: MLP, X: ArrayLike, labels: ArrayLike, step: float = 1e-5
) -> float:
    r"""Return the largest relative error of backpropagation's gradients.

    Compares :meth:`MLP.gradients` with :func:`numerical_gradients` on
    every weight matrix and bias vector and returns the largest
    :func:`relative_error`. In float64 a correct backpropagation gives
    about :math:`10^{-8}` or less; a bug gives :math:`10^{-2}` or more.
    Explained in :ref:`backpropagation-gradient-check`.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> model = MLP([3, 5, 4], activation="tanh", seed=0)
    >>> X, labels = rng.normal(size=(6, 3)), [0, 1, 2, 3, 0, 1]
    >>> gradient_check(model, X, labels) < 1e-7
    True
    """
    _, weight_gradients, bias_gradients = model.gradients(X, labels)
    numerical_weights, numerical_biases = numerical_gradients(
        model, X, labels, step
    )
    errors = [
        relative_error(analytic, numerical)
        for analytic, numerical in zip(
            [*weight_gradients, *bias_gradients],
            [*numerical_weights, *numerical_biases],
        )
    ]
    return max(errors)


class SigmoidNetwork:
    r"""The classic three-layer network: sigmoid layers, no biases.

    Inputs feed a hidden layer of sigmoid nodes through ``weights[0]``
    (shape ``(n_inputs, n_hidden)``), which feeds a sigmoid output layer
    through ``weights[1]`` (shape ``(n_hidden, n_outputs)``). It is
    trained on the mean squared error by full-batch gradient descent.
    The initial weights are uniform on :math:`[-1, 1)`.

    Explained in :doc:`/networks/a-first-network`.

    Examples
    --------
    >>> network = SigmoidNetwork(3, 4, seed=0)
    >>> [w.shape for w in network.weights]
    [(3, 4), (4, 1)]
    """

    def __init__(
        self, n_inputs: int, n_hidden: int, n_outputs: int = 1, seed: int = 0
    ) -> None:
        self.layer_sizes = _check_layer_sizes([n_inputs, n_hidden, n_outputs])
        rng = np.random.default_rng(check_seed(seed))
        self.weights = [
            rng.uniform(-1.0, 1.0, size=(n_inputs, n_hidden)),
            rng.uniform(-1.0, 1.0, size=(n_hidden, n_outputs)),
        ]

    def _check_inputs(self, X: ArrayLike) -> np.ndarray:
        inputs = as_float_array(X, "X", ndim=2)
        if inputs.shape[1] != self.layer_sizes[0]:
            raise ShapeError(
                f"X has {inputs.shape[1]} columns but the network has "
                f"{self.layer_sizes[0]} inputs; X has shape {inputs.shape}"
            )
        return inputs

    def forward(self, X: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
        r"""Return the hidden layer's and the output layer's activations.

        .. math::

           H = \sigma(X W_0), \qquad \hat Y = \sigma(H W_1)
        """
        inputs = self._check_inputs(X)
        hidden = _sigmoid(inputs @ self.weights[0])
        return hidden, _sigmoid(hidden @ self.weights[1])

    def predict(self, X: ArrayLike) -> np.ndarray:
        """Return the output layer's activations, one row per input row."""
        return self.forward(X)[1]

    def train(
        self,
        X: ArrayLike,
        targets: ArrayLike,
        iterations: int,
        learning_rate: float = 1.0,
    ) -> np.ndarray:
        r"""Run full-batch gradient descent; return the error history.

        Each iteration runs the forward pass, computes both deltas,

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

        Returns
        -------
        ndarray, shape (iterations,)
            The mean squared error before each update.

        Raises
        ------
        ShapeError
            If ``X`` or ``targets`` have the wrong shape.
        ParameterError
            If ``learning_rate`` is not positive or ``iterations`` is
            negative.
        """
        inputs = self._check_inputs(X)
        wanted = as_float_array(targets, "targets", ndim=2)
        expected = (inputs.shape[0], self.layer_sizes[-1])
        if wanted.shape != expected:
            raise ShapeError(
                f"targets must have shape {expected} (one row per row of "
                f"X, one column per output), got {wanted.shape}"
            )
        iterations = check_non_negative_int(iterations, "iterations")
        learning_rate = check_positive(learning_rate, "learning_rate")
        first, second = self.weights
        errors = np.empty(iterations)
        scale = 2.0 / wanted.size
        with np.errstate(over="ignore"):  # exp(-z) = inf gives sigma = 0
            for iteration in range(iterations):
                hidden = 1.0 / (1.0 + np.exp(-(inputs @ first)))
                output = 1.0 / (1.0 + np.exp(-(hidden @ second)))
                error = output - wanted
                errors[iteration] = np.vdot(error, error) / error.size
                output_delta = (scale * error) * output * (1.0 - output)
                hidden_delta = (output_delta @ second.T) * hidden * (
                    1.0 - hidden
                )
                # Both deltas exist before any weight changes.
                second -= learning_rate * (hidden.T @ output_delta)
                first -= learning_rate * (inputs.T @ hidden_delta)
        return errors


def _sigmoid(values: np.ndarray) -> np.ndarray:
    small = np.exp(-np.abs(values))
    return np.where(values >= 0, 1.0 / (1.0 + small), small / (1.0 + small))

