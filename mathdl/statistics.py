"""Old home of the statistics functions, split by chapter.

:mod:`mathdl.describing_data`, :mod:`mathdl.probability`,
:mod:`mathdl.maximum_likelihood` and :mod:`mathdl.initialisation_and_search`
now hold them; importing a name from here still works, with a
``DeprecationWarning`` that names its new home.
"""

from __future__ import annotations

from mathdl._moved import moved_from

__getattr__ = moved_from(__name__, {
    "mean": "mathdl.describing_data",
    "median": "mathdl.describing_data",
    "variance": "mathdl.describing_data",
    "standard_deviation": "mathdl.describing_data",
    "covariance": "mathdl.describing_data",
    "correlation": "mathdl.describing_data",
    "min_max_scale": "mathdl.describing_data",
    "min_max_unscale": "mathdl.describing_data",
    "standardize": "mathdl.describing_data",
    "unstandardize": "mathdl.describing_data",
    "normal_pdf": "mathdl.probability",
    "running_mean": "mathdl.probability",
    "monte_carlo_estimate": "mathdl.probability",
    "deal_hands": "mathdl.probability",
    "is_straight": "mathdl.probability",
    "gaussian_log_likelihood": "mathdl.maximum_likelihood",
    "categorical_log_likelihood": "mathdl.maximum_likelihood",
    "xavier_std": "mathdl.initialisation_and_search",
    "he_std": "mathdl.initialisation_and_search",
    "normal_weights": "mathdl.initialisation_and_search",
    "log_uniform": "mathdl.initialisation_and_search",
    "Trial": "mathdl.initialisation_and_search",
    "random_search": "mathdl.initialisation_and_search",
    "grid_search": "mathdl.initialisation_and_search",
    "NEARLY_CONSTANT": "mathdl.describing_data",
})
