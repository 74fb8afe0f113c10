"""The book's figure style: one colour-blind-safe palette, defined once.

Colours are the Okabe-Ito palette (Okabe M, Ito K. Color Universal Design, 2008), which
stays distinguishable under the common colour-vision deficiencies.  Figures use a white
face colour so they stay readable when the book's theme is switched to dark mode.

Chapter-specific figure functions live in submodules (``igg4lib.plots.<chapter>``) and
must call :func:`use_book_style` and take their colours from :data:`PALETTE`.

>>> len(PALETTE)
8
>>> COLOURS["GC"] != COLOURS["GC+IM"]
True
"""

from __future__ import annotations

from typing import Final

import matplotlib as mpl

__all__ = ["COLOURS", "PALETTE", "use_book_style"]

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


def use_book_style() -> None:
    """Apply the book's seaborn/matplotlib style (white figure face, palette, sizes).

    >>> use_book_style()
    >>> mpl.rcParams["figure.facecolor"]
    'white'
    """
    import seaborn as sns

    sns.set_theme(context="notebook", style="whitegrid", palette=list(PALETTE))
    mpl.rcParams.update(
        {
            "figure.facecolor": "white",
            "savefig.facecolor": "white",
            "figure.figsize": (7.0, 4.2),
            "figure.dpi": 100,
            "savefig.dpi": 150,
            "axes.titleweight": "bold",
            "svg.hashsalt": "igg4lib",
        }
    )
