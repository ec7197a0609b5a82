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
import re
import sys
from typing import Any

import numpy as np

PRINT_OPTIONS: dict[str, Any] = {
    "precision": 4, "suppress": True, "linewidth": 74,
}


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
    _print_whole_cells()
    try:  # only inside IPython (the executed chapters)
        from matplotlib_inline.backend_inline import set_matplotlib_formats

        set_matplotlib_formats("svg", "png", dpi=150)
        _add_pdf_format(dpi=300)
    except Exception:  # plain Python has no inline backend
        pass


def _print_whole_cells() -> None:
    """In a Jupyter kernel, send printed text when a cell ends (or before
    a figure), not whenever a 0.2 s timer fires: on a busy machine the
    timer split one printed line into two messages."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "flush_interval"):  # ipykernel's OutStream
            stream.flush_interval = 3600.0


_E_NOTATION = re.compile(r"^([-+]?\d+(?:\.\d+)?)[eE]([-+]?\d+)$")
_PLAIN_NUMBER = re.compile(r"^(-?)(\d+)(\.\d+)?$")


def prose_number(text: str) -> tuple[str, str]:
    r"""The one rule for a computed number shown in the prose.

    Python's e-notation becomes math, :math:`4.5 \times 10^{-3}`, and
    whole parts of four digits or more get thousands separators. Returns
    ``("math", latex)`` or ``("text", text)``; anything that is not a
    number comes back unchanged. The book applies it to every glued value
    (``{glue:text}``), and the page tests read the prose through it.

    >>> prose_number("4.5e-03")
    ('math', '4.5 \\times 10^{-3}')
    >>> prose_number("1e+10")
    ('math', '10^{10}')
    >>> prose_number("24030")
    ('text', '24,030')
    >>> prose_number("0.0045")
    ('text', '0.0045')
    """
    match = _E_NOTATION.match(text.strip())
    if match:
        mantissa, exponent = match[1], int(match[2])
        power = f"10^{{{exponent}}}"
        if mantissa.lstrip("+") == "1":
            return "math", power
        return "math", rf"{mantissa.lstrip('+')} \times {power}"
    match = _PLAIN_NUMBER.match(text.strip())
    if match:
        sign, whole, fraction = match[1], int(match[2]), match[3] or ""
        return "text", f"{sign}{whole:,}{fraction}"
    return "text", text


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
    display = InteractiveShell.instance().display_formatter
    if display is None:  # no IPython kernel: nothing to configure
        return
    formatters = display.formatters
    formatters["application/pdf"].for_type(
        Figure, partial(print_figure, fmt="pdf", base64=True, **options)
    )
