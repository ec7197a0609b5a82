"""mathdl: the companion package of *Math for Deep Learning*.

Every algorithm the book explains lives here, in the module named after
the section that explains it, in the order of the book:

- linear algebra: ``vectors``, ``matrices``, ``regression``,
  ``eigenvectors``, ``pca``, ``svd``, ``embeddings``;
- calculus: ``calculus``, ``optimize``;
- statistics: ``describing_data``, ``probability``,
  ``maximum_likelihood``, ``initialisation_and_search``;
- networks: ``activations``, ``losses``, ``network`` (with its fast
  training loop, ``fast_training``), ``gradient_check``,
  ``first_network``, ``digits``.

The data sets are in ``mathdl.data``, the errors in ``mathdl.errors``.

>>> import mathdl
>>> mathdl.__version__
'0.1.0'
"""

__version__ = "0.1.0"
