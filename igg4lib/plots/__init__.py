"""The book's figure style: one colour-blind-safe palette, readable text, sharp output.

Colours are the Okabe-Ito palette (Okabe M, Ito K. Color Universal Design, 2008), which
stays distinguishable under the common colour-vision deficiencies.  Figures use a white
face colour so they stay readable when the book's theme is switched to dark mode.

Chapter-specific figure functions live in submodules (``igg4lib.plots.<chapter>``) and
must call :func:`use_book_style` and take their colours from :data:`PALETTE`.

Set centrally here, so that no chapter sets them itself:

- **Sharp output.** In a notebook, figures are shown as PNG at twice their pixel size with
  their display width in the output's metadata ("retina"), so they are sharp on high-density
  screens and are shown at the same size as before. SVG was not chosen: a glued figure is
  stored under ``application/papermill.record/...`` keys, which nbval compares byte for byte
  (it skips only plain ``image/png`` and ``image/jpeg``), and matplotlib's SVG carries a
  creation date, so the executed notebooks would differ from run to run; the PNG written by
  matplotlib's Agg renderer is the same bytes on every run.
- **Readable text.** Every font size is at least :data:`MIN_FONT_PT` points: the book's body
  text is 16 px, and a figure is drawn at :data:`DPI` pixels per inch, so 16 px is 11.5 pt.
  A figure wider than :data:`COLUMN_WIDTH_IN` is shrunk to the text column, and its text
  with it; :func:`small_text` lists the texts of a figure that would then be smaller than the
  body text.
- **No clipped labels.** Figures use matplotlib's constrained layout. A figure function must
  not call ``fig.tight_layout()``: it would replace the layout and print a warning, and a
  warning in a chapter fails the build (``tests/test_plot_style.py`` checks the modules).

>>> len(PALETTE)
8
>>> COLOURS["GC"] != COLOURS["GC+IM"]
True
"""

from __future__ import annotations

from typing import Annotated, Final

import annotated_types as at
import matplotlib as mpl
from matplotlib.figure import Figure
from pydantic import InstanceOf

from igg4lib._validation import PositiveFloat, validated

__all__ = [
    "COLOURS",
    "COLUMN_WIDTH_IN",
    "DPI",
    "MIN_FONT_PT",
    "PALETTE",
    "small_text",
    "use_book_style",
]

#: Pixels per inch of a figure on the page (matplotlib's figure.dpi; retina output doubles it).
DPI: Final[int] = 100
#: The body text of the book's theme, in CSS pixels.
BODY_TEXT_PX: Final[float] = 16.0
#: The smallest font size, in points, that is not smaller than the body text at :data:`DPI`.
MIN_FONT_PT: Final[float] = BODY_TEXT_PX * 72 / DPI
#: The width of the book's text column in inches at :data:`DPI` (700 px): a wider figure is
#: scaled down to it.
COLUMN_WIDTH_IN: Final[float] = 7.0

#: Okabe-Ito colours, in the order figures use them.
PALETTE: Final[tuple[str, ...]] = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#D55E00",  # vermillion
    "#F0E442",  # yellow
    "#000000",  # black
)

#: Fixed colours for things that recur across chapters, so a reader learns them once.
COLOURS: Final[dict[str, str]] = {
    "GC": PALETTE[1],
    "GC+IM": PALETTE[0],
    "success": PALETTE[2],
    "failure": PALETTE[5],
    "reference": "#666666",
    "withdraw GC+IM": PALETTE[5],
    "withdraw GC, keep IM": PALETTE[0],
    "keep GC+IM": PALETTE[2],
    "simulated": PALETTE[3],
}


#: Font sizes of the style, in points: none below :data:`MIN_FONT_PT` (11.5 pt).
FONT_SIZES: Final[dict[str, float]] = {
    "font.size": 12.0,
    "axes.labelsize": 12.0,
    "axes.titlesize": 13.0,
    "xtick.labelsize": 12.0,
    "ytick.labelsize": 12.0,
    "legend.fontsize": 12.0,
    "legend.title_fontsize": 12.0,
    "figure.titlesize": 14.0,
    "figure.labelsize": 12.0,
}
FONT_SIZE_KEYS: Final[tuple[str, ...]] = tuple(FONT_SIZES)


@validated
def use_book_style() -> None:
    """Apply the book's style: palette, white face, readable fonts, constrained layout, retina.

    >>> use_book_style()
    >>> mpl.rcParams["figure.facecolor"]
    'white'
    >>> mpl.rcParams["figure.constrained_layout.use"]
    True
    >>> min(_font_points(mpl.rcParams[key]) for key in FONT_SIZE_KEYS) >= MIN_FONT_PT
    True
    """
    import seaborn as sns

    sns.set_theme(context="notebook", style="whitegrid", palette=list(PALETTE))
    mpl.rcParams.update(
        {
            "figure.facecolor": "white",
            "savefig.facecolor": "white",
            "figure.figsize": (COLUMN_WIDTH_IN, 4.2),
            "figure.dpi": DPI,
            "savefig.dpi": 2 * DPI,
            "figure.constrained_layout.use": True,
            "axes.titleweight": "bold",
            "svg.hashsalt": "igg4lib",
            **FONT_SIZES,
        }
    )
    _retina_in_notebooks()


def _font_points(size: float | str) -> float:
    """A font size in points, whether given in points or by name ('small', 'large', ...)."""
    from matplotlib.font_manager import FontProperties

    return float(FontProperties(size=size).get_size_in_points())


def _retina_in_notebooks() -> None:
    """Show figures as 2x PNG in a running IPython kernel; do nothing elsewhere.

    IPython's "retina" output records the display width *and* height of the image; the
    book's theme limits an image's width to the text column (``max-width: 100%``) but not its
    height, so on a phone the figure would be squashed. Only the width is kept, and the
    browser derives the height from the image itself.
    """
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython is installed with the book
        return
    shell = get_ipython()
    if shell is None:
        return
    from functools import partial

    from matplotlib.figure import Figure
    from matplotlib_inline.backend_inline import InlineBackend, set_matplotlib_formats

    set_matplotlib_formats("retina")  # drops any other figure format (SVG, PDF, JPEG)
    kwargs = dict(InlineBackend.instance().print_figure_kwargs)
    png = shell.display_formatter.formatters["image/png"]
    png.for_type(Figure, partial(_retina_png, **kwargs))


def _retina_png(fig, **kwargs):
    """A figure as base64 PNG at twice :data:`DPI`, with its display width in the metadata."""
    from IPython.core.pylabtools import retina_figure

    out = retina_figure(fig, base64=True, **kwargs)
    if out is None:  # an empty figure shows nothing
        return None
    data, metadata = out
    return data, {"width": metadata["width"]}


#: A text column width in inches: positive and no wider than a poster.
ColumnWidth = Annotated[PositiveFloat, at.Le(100)]


@validated
def small_text(
    fig: InstanceOf[Figure], column_width_in: ColumnWidth = COLUMN_WIDTH_IN
) -> list[tuple[str, float]]:
    """The visible texts of ``fig`` smaller than the body text once the figure is on the page.

    A figure wider than the text column is scaled down to it, so a text's size on the page
    is its size times ``min(1, column_width_in / figure width)``. Returns (text, size on
    the page in points) for every visible, non-empty text below :data:`MIN_FONT_PT`; an empty
    list means every text reads at least as large as the body text.

    >>> import matplotlib.pyplot as plt
    >>> use_book_style()
    >>> fig, ax = plt.subplots(figsize=(7, 3))
    >>> _ = ax.set_xlabel("Months since randomisation")
    >>> _ = ax.text(0.5, 0.5, "tiny", fontsize=8)
    >>> small_text(fig)
    [('tiny', 8.0)]
    >>> fig.set_size_inches(14, 3)   # shrunk to half on the page
    >>> sorted({text for text, _ in small_text(fig)} - {"tiny"})[:1]
    ['0.0']
    >>> plt.close("all")
    """
    from matplotlib.text import Text

    fig.canvas.draw()  # tick labels exist only once the figure is drawn
    scale = min(1.0, column_width_in / fig.get_figwidth())
    found = []
    for text in fig.findobj(Text):
        label = text.get_text().strip()
        if not label or not text.get_visible() or not _drawn(text):
            continue
        size = round(text.get_fontsize() * scale, 2)
        if size < MIN_FONT_PT:
            found.append((label, size))
    return found


def _drawn(text) -> bool:
    """False for texts matplotlib keeps but does not draw (tick labels off the axis)."""
    axes = text.axes
    if axes is None:
        return True
    return bool(text.get_window_extent().overlaps(axes.figure.bbox))
