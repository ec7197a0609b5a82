"""Training speed: mathdl against a bare NumPy loop and scikit-learn.

Run with ``make bench`` (which installs the optional ``bench`` extra,
scikit-learn). It trains the 64-64-10 ReLU/softmax network of
:doc:`/networks/digits` for 60 epochs, batch 32, learning rate 0.1, on
the book's stratified 75/25 split of the UCI digits, three ways:

(a) ``mathdl.network.MLP.fit`` (its loop is in ``mathdl.fast_training``);
(b) a bare NumPy loop of the same mathematics, written inline below, as
    the floor to compare with;
(c) scikit-learn's ``MLPClassifier`` configured as closely as it allows
    (same layers, plain SGD, no momentum, no L2 penalty, constant
    learning rate, batches of 32, 60 epochs, no early stopping). It is
    not identical: it draws its initial weights *and biases* uniformly
    on +-sqrt(6 / (n_in + n_out)) (Glorot's rule), where (a) and (b)
    draw normal weights with He's sqrt(2 / n_in) and zero biases, and it
    shuffles the batches with its own generator.

Each is run several times, interleaved, and the median reported: the
machine may be shared, so single timings are noisy. The split is always
the book's (seed 6); run ``r`` draws the initial weights and shuffles the
batches with seed ``r`` (the same seed for all three), so the accuracies
compared are medians over several initialisations rather than one draw,
whose luck moves the test accuracy by an image or two. This is a benchmark,
not a test: pytest only imports this file (for doctests), so all the work
is under ``if __name__ == "__main__"``.
"""

from __future__ import annotations

import os
import platform
import statistics
import sys
import time
import warnings

import numpy as np

SEED = 6  # the split of book/networks/digits.md
EPOCHS = 60
BATCH_SIZE = 32
LEARNING_RATE = 0.1
HIDDEN = 64
REPEATS = 7


def load_split():
    """The digits scaled to [0, 1] and the book's stratified split."""
    from mathdl.data import load_digits, stratified_split

    X, labels = load_digits()
    X = X / 16.0
    train, test = stratified_split(labels, 0.25, seed=SEED)
    return X[train], labels[train], X[test], labels[test]


def run_mathdl(X, labels, X_test, labels_test, seed):
    """(a) mathdl.network.MLP.fit; returns (seconds, test accuracy)."""
    from mathdl.network import MLP

    model = MLP([X.shape[1], HIDDEN, 10], activation="relu", seed=seed)
    start = time.perf_counter()
    model.fit(X, labels, epochs=EPOCHS, batch_size=BATCH_SIZE,
              learning_rate=LEARNING_RATE, seed=seed)
    seconds = time.perf_counter() - start
    return seconds, model.accuracy(X_test, labels_test)


def run_bare(X, labels, X_test, labels_test, seed):
    """(b) The same mathematics as a plain NumPy loop.

    Same initial weights (taken from an MLP with the same seed), same
    shuffling generator, same batches, same update; written the way one
    would write it by hand, without the bookkeeping of MLP.fit.
    """
    from mathdl.network import MLP

    initial = MLP([X.shape[1], HIDDEN, 10], activation="relu", seed=seed)
    W1, W2 = (w.copy() for w in initial.weights)
    b1, b2 = (b.copy() for b in initial.biases)
    Y = np.eye(10)[labels]
    n_samples = X.shape[0]
    start = time.perf_counter()
    rng = np.random.default_rng(seed)
    for _ in range(EPOCHS):
        order = rng.permutation(n_samples)
        X_shuffled, Y_shuffled = X[order], Y[order]
        for first in range(0, n_samples, BATCH_SIZE):
            x = X_shuffled[first:first + BATCH_SIZE]
            y = Y_shuffled[first:first + BATCH_SIZE]
            # forward
            z1 = x @ W1 + b1
            a1 = np.maximum(z1, 0.0)
            z2 = a1 @ W2 + b2
            z2 -= z2.max(axis=1, keepdims=True)
            p = np.exp(z2)
            p /= p.sum(axis=1, keepdims=True)
            # backward: all gradients first
            d2 = (p - y) / x.shape[0]
            gW2 = a1.T @ d2
            gb2 = d2.sum(axis=0)
            d1 = (d2 @ W2.T) * (z1 > 0.0)
            gW1 = x.T @ d1
            gb1 = d1.sum(axis=0)
            # then the updates
            W2 -= LEARNING_RATE * gW2
            b2 -= LEARNING_RATE * gb2
            W1 -= LEARNING_RATE * gW1
            b1 -= LEARNING_RATE * gb1
    seconds = time.perf_counter() - start
    scores = np.maximum(X_test @ W1 + b1, 0.0) @ W2 + b2
    accuracy = float(np.mean(np.argmax(scores, axis=1) == labels_test))
    return seconds, accuracy


def run_sklearn(X, labels, X_test, labels_test, seed):
    """(c) scikit-learn's MLPClassifier, configured as closely as it
    allows (its initialisation and shuffling differ; see above)."""
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier

    model = MLPClassifier(
        hidden_layer_sizes=(HIDDEN,),
        activation="relu",
        solver="sgd",
        alpha=0.0,
        batch_size=BATCH_SIZE,
        learning_rate="constant",
        learning_rate_init=LEARNING_RATE,
        momentum=0.0,
        nesterovs_momentum=False,
        max_iter=EPOCHS,
        shuffle=True,
        early_stopping=False,
        tol=0.0,
        n_iter_no_change=EPOCHS + 1,  # never stop before max_iter
        random_state=seed,
    )
    start = time.perf_counter()
    with warnings.catch_warnings():
        # It warns that 60 epochs did not "converge"; that is the point.
        warnings.simplefilter("ignore", ConvergenceWarning)
        model.fit(X, labels)
    seconds = time.perf_counter() - start
    if model.n_iter_ != EPOCHS:
        raise RuntimeError(
            f"sklearn ran {model.n_iter_} epochs, not {EPOCHS}"
        )
    return seconds, float(model.score(X_test, labels_test))


def main() -> int:
    import sklearn

    data = load_split()
    runners = {
        "mathdl MLP.fit": run_mathdl,
        "bare NumPy loop": run_bare,
        "scikit-learn MLPClassifier": run_sklearn,
    }
    print("Training 64-64-10 ReLU/softmax, float64: "
          f"{EPOCHS} epochs, batch {BATCH_SIZE}, learning rate "
          f"{LEARNING_RATE}, {data[0].shape[0]} training rows, "
          f"{data[2].shape[0]} test rows")
    print(f"Python {platform.python_version()}, NumPy {np.__version__}, "
          f"scikit-learn {sklearn.__version__}, {os.cpu_count()} CPUs")
    for name in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE",
                 "OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"):
        print(f"  {name}={os.environ.get(name, '(unset)')}")
    for runner in runners.values():  # warm-up: imports, caches
        runner(*data, seed=0)
    times = {name: [] for name in runners}
    accuracies = {name: [] for name in runners}
    for seed in range(REPEATS):  # interleaved: load changes hit all three
        for name, runner in runners.items():
            seconds, accuracy = runner(*data, seed=seed)
            times[name].append(seconds * 1000.0 / EPOCHS)
            accuracies[name].append(accuracy)
    print(f"\nmedian of {REPEATS} runs (min .. max): ms per epoch; "
          "test accuracy")
    medians = {}
    for name in runners:
        medians[name] = statistics.median(times[name])
        scores = accuracies[name]
        print(f"  {name:28s} {medians[name]:6.2f} ms "
              f"({min(times[name]):.2f} .. {max(times[name]):.2f})  "
              f"accuracy {statistics.median(scores):.4f} "
              f"({min(scores):.4f} .. {max(scores):.4f})")
    mathdl, bare, sk = (medians[name] for name in runners)
    print(f"\nmathdl / bare loop     = {mathdl / bare:.2f}  "
          "(target: at most 1.25)")
    print(f"scikit-learn / mathdl  = {sk / mathdl:.2f}  "
          "(target: at least 3)")
    accuracy = {name: statistics.median(a) for name, a in accuracies.items()}
    ok = (
        mathdl <= 1.25 * bare
        and sk >= 3.0 * mathdl
        and accuracy["mathdl MLP.fit"]
        >= accuracy["scikit-learn MLPClassifier"]
    )
    print("targets met" if ok else "targets NOT met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
