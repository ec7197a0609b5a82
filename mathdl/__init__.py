"""mathdl: the companion package of *Math for Deep Learning*.

Every algorithm the book explains lives here, one concept per module
(``vectors``, ``matrices``, ``regression``, ``calculus``, ``optimize``,
``statistics``, ``decomposition``, ``activations``, ``losses``,
``network``), with the data sets in ``mathdl.data`` and the errors in
``mathdl.errors``.

>>> import mathdl
>>> mathdl.__version__
'0.1.0'
"""

__version__ = "0.1.0"
