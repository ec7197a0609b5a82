"""One place that fixes how the book shows numbers and draws figures.

Every chapter starts with a hidden cell that calls :func:`setup`, and the
test suite calls it too, so NumPy prints arrays the same way everywhere
and Matplotlib writes byte-identical SVG and PDF files from build to
build (the site shows the SVG, the printed book the vector PDF).

>>> import numpy as np
>>> setup()
>>> print(np.array([1 / 3, 2.0]))
[0.3333 2.    ]
"""

from __future__ import annotations

import os

import numpy as np

PRINT_OPTIONS = {"precision": 4, "suppress": True, "linewidth": 74}


def setup() -> None:
    """Set NumPy print options and deterministic Matplotlib defaults."""
    np.set_printoptions(**PRINT_OPTIONS)
    # Matplotlib stamps SVG and PDF files with this date instead of now.
    os.environ.setdefault("SOURCE_DATE_EPOCH", "0")
    import matplotlib

    matplotlib.rcParams.update(
        {
            "svg.hashsalt": "mathdl",
            "svg.fonttype": "path",
            # Embedded TrueType glyphs, not Type 3 bitmaps-in-disguise.
            "pdf.fonttype": 42,
            "figure.figsize": (6.0, 3.6),
            "figure.dpi": 100,
            "savefig.bbox": "tight",
            "axes.grid": True,
            "grid.alpha": 0.3,
            "font.size": 10,
        }
    )
    try:  # only inside IPython (the executed chapters)
        from matplotlib_inline.backend_inline import set_matplotlib_formats

        set_matplotlib_formats("svg", "png", dpi=150)
        _add_pdf_format(dpi=300)
    except Exception:  # noqa: BLE001 - plain Python has no inline backend
        pass


def _add_pdf_format(dpi: int) -> None:
    """Also give every figure as a vector PDF, for the printed book.

    MyST-NB's LaTeX builder prefers ``application/pdf`` (the site keeps
    the SVG); images drawn inside a figure (``imshow``) are embedded at
    ``dpi``, fine enough for print.
    """
    from functools import partial

    from IPython.core.interactiveshell import InteractiveShell
    from IPython.core.pylabtools import print_figure
    from matplotlib.figure import Figure
    from matplotlib_inline.backend_inline import InlineBackend

    options = {**InlineBackend.instance().print_figure_kwargs, "dpi": dpi}
    formatters = InteractiveShell.instance().display_formatter.formatters
    formatters["application/pdf"].for_type(
        Figure, partial(print_figure, fmt="pdf", base64=True, **options)
    )
