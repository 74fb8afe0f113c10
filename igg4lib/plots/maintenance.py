"""Figures of the maintenance chapter: a forest plot of per-trial risk ratios."""

from __future__ import annotations

from collections.abc import Mapping

import matplotlib.pyplot as plt
import pandera.pandas as pa
from matplotlib.figure import Figure
from matplotlib.ticker import NullFormatter

from igg4lib._validation import (
    Count,
    Frame,
    InvalidArgument,
    Text,
    count_column,
    frame_schema,
    real_column,
    rows_at_most,
    text_column,
    validated,
)
from igg4lib.book import format as fmt
from igg4lib.plots import COLOURS, PALETTE, use_book_style

__all__ = ["FIGURE_WIDTH_IN", "MAX_ROWS", "PRISMA_KEYS", "TEXT_PT", "forest_plot",
           "pooled_forest_plot", "prisma_flow"]

#: Width (inches), about the book's text column, so the figure shows near its natural size.
FIGURE_WIDTH_IN: float = 6.6
#: Smallest text in the figure (points); body text is about 12 pt.
TEXT_PT: float = 11.0
TITLE_PT: float = 12.0

#: The most comparisons one forest plot draws: each takes a line of the figure, and a
#: taller figure no longer reads as one picture.
MAX_ROWS = 60
#: The longest follow-up a row may state, in months (a century).
MAX_FOLLOW_UP_MONTHS = 1200


def _ratio_column() -> pa.Column:
    """A column of ratios: finite numbers > 0 (they are drawn on a log axis)."""
    return pa.Column(None, checks=[
        *real_column().checks,
        pa.Check(lambda s: s.astype("float64") > 0, error="a finite number > 0"),
    ])


#: What :func:`forest_plot` draws from: per row a label, the risk ratio inside its interval
#: (all > 0), the counts of both arms (events <= patients) and, optionally, the follow-up.
EFFECTS_SCHEMA = frame_schema(
    {
        "label": text_column(),
        "risk_ratio": _ratio_column(),
        "rr_ci_low": _ratio_column(),
        "rr_ci_high": _ratio_column(),
        "events_treated": count_column(),
        "n_treated": count_column(minimum=1),
        "events_control": count_column(),
        "n_control": count_column(minimum=1),
        "follow_up_months": count_column(minimum=1, maximum=MAX_FOLLOW_UP_MONTHS,
                                         required=False),
    },
    checks=[
        rows_at_most("rr_ci_low", "risk_ratio"),
        rows_at_most("risk_ratio", "rr_ci_high"),
        rows_at_most("events_treated", "n_treated"),
        rows_at_most("events_control", "n_control"),
        pa.Check(lambda df: len(df) <= MAX_ROWS, element_wise=False,
                 error=f"at most {MAX_ROWS} rows (one per comparison)"),
    ],
)


@validated(frames={"effects": EFFECTS_SCHEMA})
def forest_plot(effects: Frame, *, title: Text = "") -> Figure:
    """Risk ratios (treated over control) with 95% intervals on a log axis, one row each.

    Each row is labelled with its comparison and the counts of both arms; the ratio and its
    interval are printed beside the bar.  A vertical line marks no effect (ratio 1); left of
    it the treated strategy had fewer events.  No pooled diamond is drawn: the chapter
    explains why these comparisons are not pooled.

    ``effects`` is :func:`igg4lib.maintenance.effects` or any table with the columns of
    :data:`EFFECTS_SCHEMA`: a ratio outside its interval, a missing or non-positive ratio,
    a negative count or more events than patients is refused, never drawn.
    """
    use_book_style()
    n = len(effects)
    # Each comparison takes two lines: its name and counts above, the bar and the printed
    # estimate below, so the figure stays narrow enough to show its text at body size.
    step = 1.5
    ys = [step * (n - 1 - i) for i in range(n)]
    fig, ax = plt.subplots(figsize=(FIGURE_WIDTH_IN, 0.78 * n + 1.5), layout="constrained")
    for y, row in zip(ys, effects.itertuples(index=False), strict=True):
        colour = PALETTE[0]
        ax.hlines(y, row.rr_ci_low, row.rr_ci_high, color=colour, lw=2.2)
        size = 40 + (row.n_treated + row.n_control) / 2
        ax.scatter([row.risk_ratio], [y], s=size, marker="s", color=colour, zorder=3)
        text = (f"{fmt.number(row.risk_ratio, 2)} "
                f"({fmt.interval(row.rr_ci_low, row.rr_ci_high, digits=2)})")
        ax.annotate(text, xy=(1.03, y), xycoords=("axes fraction", "data"),
                    va="center", ha="left", fontsize=TEXT_PT)
        # whole numbers (the schema checked them), printed as such even from a float column
        counts = (f"{fmt.count_of(int(row.events_treated), int(row.n_treated))} vs "
                  f"{fmt.count_of(int(row.events_control), int(row.n_control))}")
        if hasattr(row, "follow_up_months"):
            counts += f", {int(row.follow_up_months)} months"
        ax.annotate(f"{row.label}\n{counts}", xy=(0.0, y + 0.3),
                    xycoords=("axes fraction", "data"), ha="left", va="bottom",
                    fontsize=TEXT_PT, annotation_clip=False, zorder=4,
                    bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.0})
    ax.set_yticks([])
    ax.axvline(1.0, color=COLOURS["reference"], lw=1, ls="--")
    ax.set_xscale("log")
    ticks = [0.05, 0.1, 0.2, 0.5, 1, 2, 5]
    low = min(effects["rr_ci_low"].min() * 0.8, 0.1)
    high = max(effects["rr_ci_high"].max() * 1.25, 2.0)
    ax.set_xlim(low, high)
    ax.set_xticks([t for t in ticks if low <= t <= high])
    ax.set_xticklabels([f"{t:g}" for t in ticks if low <= t <= high])
    ax.xaxis.set_minor_formatter(NullFormatter())
    ax.tick_params(axis="x", labelsize=TEXT_PT)
    ax.set_xlabel("Risk ratio of relapse (log scale), with 95% CI\n"
                  "← fewer relapses with the first-named strategy     more →",
                  fontsize=TEXT_PT)
    ax.set_ylim(-0.6, max(ys) + 1.35)
    ax.annotate("Risk ratio\n(95% CI)", xy=(1.03, max(ys) + 1.3),
                xycoords=("axes fraction", "data"), ha="left", va="top", fontsize=TEXT_PT,
                fontweight="bold", annotation_clip=False)
    if title:
        ax.set_title(title, fontsize=TITLE_PT, loc="left")
    ax.grid(axis="y", visible=False)
    return fig


#: What :func:`pooled_forest_plot` draws from: per row a label, whether it is a trial or a
#: pooled estimate, and the ratio inside its interval (all > 0).
POOL_SCHEMA = frame_schema(
    {
        "label": text_column(),
        "kind": text_column(isin=("trial", "pooled")),
        "ratio": _ratio_column(),
        "ci_low": _ratio_column(),
        "ci_high": _ratio_column(),
    },
    checks=[
        rows_at_most("ci_low", "ratio"),
        rows_at_most("ratio", "ci_high"),
        pa.Check(lambda df: len(df) <= MAX_ROWS, element_wise=False,
                 error=f"at most {MAX_ROWS} rows"),
    ],
)


@validated(frames={"pool": POOL_SCHEMA})
def pooled_forest_plot(pool: Frame, *, measure: Text = "Hazard ratio",
                       title: Text = "") -> Figure:
    """A forest plot of trials and their pooled estimates: squares for trials, diamonds
    for pooled rows, on a log axis with a line at no effect.

    ``pool`` is :func:`igg4lib.maintenance.b_cell_pool` or any table with the columns of
    :data:`POOL_SCHEMA`.  An interval that runs off the axis is drawn to its edge with an
    arrow, and its limits are printed beside it.
    """
    use_book_style()
    n = len(pool)
    ys = [float(n - 1 - i) for i in range(n)]
    fig, ax = plt.subplots(figsize=(FIGURE_WIDTH_IN, 0.55 * n + 1.6), layout="constrained")
    low_lim, high_lim = 0.02, 5.0
    for y, row in zip(ys, pool.itertuples(index=False), strict=True):
        lo, hi = max(row.ci_low, low_lim), min(row.ci_high, high_lim)
        if row.kind == "trial":
            ax.hlines(y, lo, hi, color=PALETTE[0], lw=2.2)
            ax.scatter([row.ratio], [y], s=60, marker="s", color=PALETTE[0], zorder=3)
        else:
            ax.fill([lo, row.ratio, hi, row.ratio], [y, y + 0.25, y, y - 0.25],
                    color=PALETTE[1], zorder=3)
        if row.ci_low < low_lim:
            ax.annotate("", xy=(low_lim, y), xytext=(low_lim * 1.6, y),
                        arrowprops={"arrowstyle": "->", "color": PALETTE[1]})
        if row.ci_high > high_lim:
            ax.annotate("", xy=(high_lim, y), xytext=(high_lim / 1.6, y),
                        arrowprops={"arrowstyle": "->", "color": PALETTE[1]})
        ax.annotate(f"{fmt.number(row.ratio, 2)} ({fmt.interval(row.ci_low, row.ci_high, 2)})",
                    xy=(1.03, y), xycoords=("axes fraction", "data"), va="center",
                    ha="left", fontsize=TEXT_PT)
        ax.annotate(row.label, xy=(0.0, y + 0.28), xycoords=("axes fraction", "data"),
                    ha="left", va="bottom", fontsize=TEXT_PT - 1, annotation_clip=False,
                    zorder=4, bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.5})
    ax.set_yticks([])
    ax.axvline(1.0, color=COLOURS["reference"], lw=1, ls="--")
    ax.set_xscale("log")
    ax.set_xlim(low_lim, high_lim)
    ticks = [0.05, 0.1, 0.2, 0.5, 1, 2, 5]
    ax.set_xticks(ticks)
    ax.set_xticklabels([f"{t:g}" for t in ticks])
    ax.xaxis.set_minor_formatter(NullFormatter())
    ax.tick_params(axis="x", labelsize=TEXT_PT)
    ax.set_xlabel(f"{measure} of a first flare (log scale), with 95% CI\n"
                  "← fewer flares with the drug     more →", fontsize=TEXT_PT)
    ax.set_ylim(-0.7, max(ys) + 0.9)
    if title:
        ax.set_title(title, fontsize=TITLE_PT, loc="left")
    ax.grid(axis="y", visible=False)
    return fig


#: The boxes of :func:`prisma_flow`: the count each needs, in the order they are drawn.
PRISMA_KEYS: tuple[str, ...] = ("identified", "context", "randomised", "excluded",
                                "registered", "included")


@validated
def prisma_flow(counts: Mapping[Text, Count], *, title: Text = "") -> Figure:
    """A PRISMA 2020-style flow diagram of study selection, from its counts.

    ``counts`` is :func:`igg4lib.maintenance.prisma_counts`: one whole number per key of
    :data:`PRISMA_KEYS`, with ``identified = context + randomised`` and ``randomised =
    excluded + registered + included``.
    """
    missing = [k for k in PRISMA_KEYS if k not in counts]
    if missing:
        raise InvalidArgument(f"prisma_flow: argument 'counts' lacks {missing}; expected the "
                              f"keys {list(PRISMA_KEYS)}")
    unknown = [k for k in counts if k not in PRISMA_KEYS]
    if unknown:
        raise InvalidArgument(f"prisma_flow: argument 'counts' has unknown keys {unknown}; "
                              f"expected exactly {list(PRISMA_KEYS)}")
    c = {k: int(counts[k]) for k in PRISMA_KEYS}
    if c["identified"] != c["context"] + c["randomised"] or c["randomised"] != (
            c["excluded"] + c["registered"] + c["included"]):
        raise InvalidArgument(
            f"prisma_flow: argument 'counts' got {c}; expected identified = context + "
            "randomised and randomised = excluded + registered + included")
    use_book_style()
    fig, ax = plt.subplots(figsize=(FIGURE_WIDTH_IN, 4.6), layout="constrained")
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 10)
    ax.axis("off")
    box = {"boxstyle": "round,pad=0.4", "facecolor": "white", "edgecolor": PALETTE[0]}
    side = {"boxstyle": "round,pad=0.4", "facecolor": "#f2f2f2", "edgecolor": "#888888"}

    def _box(x: float, y: float, text: str, style: dict[str, object]) -> None:
        ax.text(x, y, text, ha="center", va="center", fontsize=TEXT_PT - 1, bbox=style,
                wrap=True)

    _box(2.6, 9.0, f"Studies identified by a structured search\n(n = {c['identified']})", box)
    _box(7.6, 7.2, f"Non-randomised or single-arm,\nkept as context (n = {c['context']})", side)
    _box(2.6, 6.0, f"Randomised trials assessed\n(n = {c['randomised']})", box)
    _box(7.6, 4.9, f"Excluded: another question\n(n = {c['excluded']})", side)
    _box(7.6, 3.1, f"Registered, no results\n(n = {c['registered']})", side)
    _box(2.6, 1.3, f"Included in the synthesis\n(n = {c['included']})", box)
    arrow = {"arrowstyle": "->", "color": "#555555", "lw": 1.2}
    ax.annotate("", xy=(2.6, 6.6), xytext=(2.6, 8.4), arrowprops=arrow)
    ax.annotate("", xy=(5.3, 7.2), xytext=(2.6, 7.2), arrowprops=arrow)
    ax.annotate("", xy=(2.6, 1.9), xytext=(2.6, 5.4), arrowprops=arrow)
    ax.annotate("", xy=(5.6, 4.9), xytext=(2.6, 4.9), arrowprops=arrow)
    ax.annotate("", xy=(5.6, 3.1), xytext=(2.6, 3.1), arrowprops=arrow)
    if title:
        ax.set_title(title, fontsize=TITLE_PT, loc="left")
    return fig
