r"""The speed-tuned training loop behind :meth:`mathdl.network.MLP.fit`.

Explained in :ref:`digits-speed`. This module is an *optimisation*, not
new mathematics: :func:`train` runs mini-batch stochastic gradient
descent with exactly the arithmetic of
:meth:`MLP.gradients <mathdl.network.MLP.gradients>` (forward pass,
output delta :math:`(P - Y)/n`, backward pass, then the update), but
arranged so that a step of the digits network makes as few NumPy calls
as it can (see ``_Trainer`` below). ``tests/test_fast_training.py``
holds it to the readable network, step by step, for every activation.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from mathdl._validate import check_seed
from mathdl.activations import _sigmoid
from mathdl.errors import (
    DivergenceError,
    NonFiniteError,
    OutOfRangeError,
    ParameterError,
)
from mathdl.losses import cross_entropy_from_logits

if TYPE_CHECKING:
    from mathdl.network import MLP

__all__ = ["check_trainable", "train"]

#: ``MLP.fit`` refuses a learning rate per row below this: the scaled
#: one-hot targets would lose precision or underflow to zero, and no
#: weight could move anyway.
_SMALLEST_RATE = float(np.finfo(np.float64).tiny / np.finfo(np.float64).eps)
#: ... and inputs larger than this, whose squares overflow.
_LARGEST_INPUT = float(np.sqrt(np.finfo(np.float64).max))


def check_trainable(
    model: MLP,
    X: np.ndarray,
    labels: np.ndarray,
    epochs: int,
    batch_size: int,
    learning_rate: float,
) -> None:
    """Refuse, before any step, what float64 cannot train.

    Called by :meth:`mathdl.network.MLP.fit` with arguments it has
    checked. A learning rate per row below about 1e-292 could move no
    weight (:class:`~mathdl.errors.ParameterError`). If the loss is not
    finite at the initial weights, or an input's square overflows, the
    inputs are to blame, not the learning rate
    (:class:`~mathdl.errors.OutOfRangeError`). Also checks the model's
    weights and biases (they may have been set by hand).

    Examples
    --------
    >>> from mathdl.network import MLP
    >>> check_trainable(MLP([1, 2]), np.ones((1, 1)), np.array([0]),
    ...                 epochs=1, batch_size=1, learning_rate=1e-300)
    Traceback (most recent call last):
    ...
    mathdl.errors.ParameterError: learning_rate = 1e-300 is too small ...
    """
    rate = learning_rate / min(batch_size, X.shape[0])
    if rate < _SMALLEST_RATE:
        raise ParameterError(
            f"learning_rate = {learning_rate:g} is too small to move "
            f"any weight: learning_rate / batch = {rate:.3g} is below "
            f"{_SMALLEST_RATE:.3g}, where float64 loses the update"
        )
    model._check_parameters()
    if not epochs:
        return
    with np.errstate(over="ignore", invalid="ignore"):
        try:
            start = model.loss(X, labels)
        except NonFiniteError:  # the logits overflowed
            start = float("inf")
    largest = float(np.max(np.abs(X)))
    # Squares of inputs beyond sqrt(max) overflow in the updates.
    if not np.isfinite(start) or largest > _LARGEST_INPUT:
        raise OutOfRangeError(
            f"the loss is {start:.3g} at the initial weights, before "
            f"any training step: the inputs are too large for the "
            f"network (their squares overflow float64; "
            f"largest |X| = {largest:.3g}, shape {X.shape}); "
            f"standardise X first"
        )


def train(
    model: MLP,
    X: np.ndarray,
    labels: np.ndarray,
    epochs: int,
    batch_size: int,
    learning_rate: float,
    validation: tuple[np.ndarray, np.ndarray] | None = None,
    *,
    seed: int = 0,
) -> dict[str, np.ndarray]:
    """Train ``model`` in place by mini-batch SGD; return its history.

    The loop of :meth:`mathdl.network.MLP.fit`, which checks every
    argument first (see there for their meaning and for the history's
    keys). Each epoch shuffles the rows with a generator seeded by
    ``seed`` and runs ``_Trainer.run_epoch``. If the loss or a
    weight stops being finite, the weights of the last finite epoch are
    put back and :class:`~mathdl.errors.DivergenceError` is raised.

    Examples
    --------
    >>> from mathdl.network import MLP
    >>> model = MLP([2, 3, 2], seed=0)
    >>> history = train(model, np.eye(2), np.array([0, 1]), epochs=3,
    ...                 batch_size=2, learning_rate=0.1, seed=0)
    >>> {key: values.shape for key, values in history.items()}
    {'loss': (3,), 'accuracy': (3,)}
    """
    history: dict[str, list[float]] = {"loss": [], "accuracy": []}
    if validation is not None:
        history["validation_loss"] = []
        history["validation_accuracy"] = []
    trainer = _Trainer(model, X, labels, batch_size, learning_rate)
    rng = np.random.default_rng(check_seed(seed))
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        for epoch in range(1, epochs + 1):
            order = rng.permutation(X.shape[0])
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
            if validation is not None:
                loss, accuracy = trainer.score(*validation)
                history["validation_loss"].append(loss)
                history["validation_accuracy"].append(accuracy)
    trainer.write_back()
    return {key: np.array(values, dtype=np.float64)
            for key, values in history.items()}


class _Trainer:
    """The inner loop of :func:`train`, with every buffer allocated once.

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
            for w, b in zip(model.weights, model.biases, strict=True)
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
        self.views: dict[int, Any] = {}

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

    def _views(self, rows: int) -> Any:
        """The buffers cut to ``rows`` rows (cached: two sizes at most)."""
        if rows not in self.views:
            layers = [
                (z[:rows], h[:rows], h[:rows, :-1], h[:rows].T, d[:rows],
                 m[:rows])
                for z, h, d, m in zip(self.pre_activations[:-1], self.hidden,
                                      self.deltas, self.masks, strict=True)
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
        hidden_layers = zip(layers, parameters[:-1], strict=True)
        for (z, a, a_inner, _, _, _), weights in hidden_layers:
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
        else:  # the sigmoid of mathdl.activations, without its checks
            np.copyto(out, _sigmoid(pre_activation))

    def times_derivative(self, delta: np.ndarray, pre_activation: np.ndarray,
                          activation: np.ndarray, mask: np.ndarray) -> None:
        """Multiply ``delta`` in place by the activation's derivative.

        The derivatives of tanh and sigmoid are written with their
        outputs, which the forward pass kept: 1 - a^2 and a (1 - a), the
        values :func:`~mathdl.activations.tanh_derivative` and
        :func:`~mathdl.activations.sigmoid_derivative` recompute from z.
        """
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
        loss = cross_entropy_from_logits(pre_activation, classes)
        predicted = np.argmax(pre_activation, axis=1)
        return loss, float(np.mean(predicted == classes))

    def parameters_finite(self) -> bool:
        return all(bool(np.isfinite(p).all()) for p in self.parameters)

    def keep_as_last_finite(self) -> None:
        pairs = zip(self.last_finite, self.parameters, strict=True)
        for kept, current in pairs:
            np.copyto(kept, current)

    def restore_last_finite(self) -> None:
        pairs = zip(self.last_finite, self.parameters, strict=True)
        for kept, current in pairs:
            np.copyto(current, kept)
        self.write_back()

    def write_back(self) -> None:
        packed = self.parameters
        self.model.weights = [layer[:-1].copy() for layer in packed]
        self.model.biases = [layer[-1].copy() for layer in packed]
