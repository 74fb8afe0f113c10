"""Figures of the remission-induction chapter.

Every function takes a data set loaded with :func:`igg4lib.data.load` (published numbers,
never typed in), returns a :class:`matplotlib.figure.Figure` in the book's style
(:func:`igg4lib.plots.use_book_style`) and takes its colours from
:data:`igg4lib.plots.COLOURS`.

One colour meaning in the chapter: colour says the initial treatment (orange for
glucocorticoid alone, blue for glucocorticoid plus an immunosuppressant) and nothing else;
success and failure are told apart by words, position and fill, in greys. Text is at least
:data:`MIN_FONT_PT` points at a figure width of at most :data:`MAX_WIDTH_IN` inches (the
book's text column), and the layout is constrained so that no label is clipped.

>>> from igg4lib import data
>>> fig = flow_figure(data.load("induction_by_treatment"))
>>> len(fig.axes)
1
"""

from __future__ import annotations

from typing import Any

import matplotlib.pyplot as plt
import matplotlib.ticker as mticker
import numpy as np
import pandas as pd
import pandera.pandas as pa
import seaborn as sns
from matplotlib.figure import Figure
from matplotlib.patches import FancyBboxPatch

from igg4lib import stats
from igg4lib._validation import (
    Frame,
    InvalidArgument,
    Level,
    count_column,
    frame_schema,
    rows_at_most,
    text_column,
    validated,
)
from igg4lib.induction import (
    MAX_SUMMARY_VALUE,
    _has_values,
    _positive_real_column,
    _quartiles_ordered,
)
from igg4lib.plots import COLOURS, use_book_style

__all__ = ["MAX_WIDTH_IN", "MIN_FONT_PT", "flow_figure", "month6_serology_figure",
           "organ_failure_figure"]

#: Smallest text in the chapter's figures (points, at the figure's own size).
MIN_FONT_PT = 11.0
#: Widest figure (inches): about the book's text column (some 690 CSS px at 96 px per inch),
#: so a figure is not scaled down and its text shows at its own size.
MAX_WIDTH_IN = 7.0

_GROUPS = (("gc", "GC", "GC alone"), ("gcim", "GC+IM", "GC + immunosuppressant"))
#: Table 2's outcome rows and how the flow diagram words them.
_OUTCOME_ROWS = {"RI reduction <50%": "RI fell < 50%", "Relapse": "relapsed",
                 "Failure of GC tapering": "not tapered"}
_NEUTRAL_FILL = "#EEEEEE"


def _box(ax, x: float, y: float, w: float, h: float, text: str, colour: str,
         fill: str = "white") -> None:
    ax.add_patch(FancyBboxPatch((x - w / 2, y - h / 2), w, h,
                                boxstyle="round,pad=0.01,rounding_size=0.015",
                                linewidth=1.8, edgecolor=colour, facecolor=fill))
    ax.text(x, y, text, ha="center", va="center", fontsize=MIN_FONT_PT)


def _arrow(ax, x0: float, y0: float, x1: float, y1: float) -> None:
    ax.annotate("", xy=(x1, y1), xytext=(x0, y0),
                arrowprops={"arrowstyle": "->", "color": COLOURS["reference"], "lw": 1.2})


#: Table 2's rows the flow diagram reads.
_FLOW_ROWS = ("Failure of remission induction", *_OUTCOME_ROWS)
_FLOW_COLUMNS = ["gc_count", "gc_group_size", "gcim_count", "gcim_group_size"]
_FLOW_TABLE2 = frame_schema(
    {
        "label": text_column(unique=True),
        "gc_count": count_column(nullable=True),
        "gcim_count": count_column(nullable=True),
        "gc_group_size": count_column(minimum=1, nullable=True),
        "gcim_group_size": count_column(minimum=1, nullable=True),
    },
    checks=[
        pa.Check(_has_values(_FLOW_COLUMNS, lambda df: df["label"].isin(_FLOW_ROWS)),
                 error="both counts and both group sizes in every row the figure draws"),
        rows_at_most("gc_count", "gc_group_size"),
        rows_at_most("gcim_count", "gcim_group_size"),
    ],
)


@validated(frames={"by_treatment": _FLOW_TABLE2})
def flow_figure(by_treatment: Frame) -> Figure:
    """Flow of the cohort from inclusion to the month-6 outcome, per treatment group.

    Parameters
    ----------
    by_treatment
        The data set ``induction_by_treatment`` (Table 2): group sizes and the month-6
        outcome rows are read from it (each with both counts, within the group sizes).

    The top box is the sum of the two groups; each group splits into success and failure
    of remission induction, and the failure box lists the three ways to fail (a patient
    can fail more than one goal, so those counts do not add up to the failures).

    The figure says which numbers are printed in the paper (group sizes, the failure
    counts, the count failing each goal) and which are recomputed from them (the total,
    the successes and their percentages): recomputed ones are marked with an asterisk and
    a footnote.  The length of induction and of follow-up come from ``induction_protocol``.
    """
    from igg4lib import induction
    rows = by_treatment.set_index("label")
    missing = [r for r in _FLOW_ROWS if r not in rows.index]
    if missing:
        raise InvalidArgument(
            f"flow_figure: argument 'by_treatment' lacks row(s) {missing}; expected "
            "induction_by_treatment"
        )
    use_book_style()
    fig, ax = plt.subplots(figsize=(MAX_WIDTH_IN, 5.0), layout="constrained")
    ax.set_xlim(0, 1)
    ax.set_ylim(0.06, 1)
    ax.axis("off")
    sizes = {p: int(rows.at["Failure of remission induction", f"{p}_group_size"])
             for p, _, _ in _GROUPS}
    stage = int(induction.protocol("induction_stage_months"))
    follow = int(induction.protocol("minimum_follow_up"))
    _box(ax, 0.5, 0.92, 0.74, 0.11,
         f"{sum(sizes.values())}* newly diagnosed patients\n"
         f"induction stage {stage} months, followed up for at least {follow} months",
         COLOURS["reference"])
    for i, (p, key, name) in enumerate(_GROUPS):
        x = 0.25 + 0.5 * i
        n = sizes[p]
        failed = int(rows.at["Failure of remission induction", f"{p}_count"])
        _arrow(ax, 0.5, 0.865, x, 0.745)
        _box(ax, x, 0.69, 0.42, 0.1, f"{name}\nn = {n}", COLOURS[key])
        for j, (label, count) in enumerate((("Success", n - failed), ("Failure", failed))):
            bx = x - 0.1225 + 0.245 * j
            _arrow(ax, x, 0.64, bx, 0.545)
            mark = "*" if label == "Success" else ""
            text = f"{label}\nn = {count}{mark} ({100 * count / n:.1f}%{mark})"
            if label == "Failure":
                parts = [f"{words}: {int(rows.at[r, f'{p}_count'])}"
                         for r, words in _OUTCOME_ROWS.items()]
                text += "\n" + "\n".join(parts)
                _box(ax, bx, 0.375, 0.235, 0.3, text, COLOURS[key], _NEUTRAL_FILL)
            else:
                _box(ax, bx, 0.46, 0.235, 0.13, text, COLOURS[key])
    ax.set_title(f"Remission induction at month {stage}, by initial treatment")
    ax.text(0.0, 0.07, "Printed in Table 2: group sizes, failures and the counts failing each "
            "goal.\n* Recomputed from printed counts (a sum or a difference), not printed.",
            ha="left", va="bottom", fontsize=MIN_FONT_PT, color="#444444")
    return fig


_ORGAN_FAILURE = frame_schema(
    {
        "group": text_column(),
        "label": text_column(),
        "failures": count_column(),
        "patients": count_column(minimum=1),
    },
    checks=[rows_at_most("failures", "patients")],
)


@validated(frames={"organ_failure": _ORGAN_FAILURE})
def organ_failure_figure(organ_failure: Frame, level: Level = 0.95) -> Figure:
    """Organ-level incidence of remission-induction failure with Wilson intervals.

    Parameters
    ----------
    organ_failure
        The data set ``induction_organ_failure`` (failures among patients with that organ
        involved, per treatment group, as given in the text for Fig. 3b): counts, failures
        at most patients.
    level
        Confidence level of the Wilson score intervals drawn as error bars.
    """
    use_book_style()
    df = organ_failure.copy()
    cis = [stats.wilson_ci(int(x), int(n), level)
           for x, n in zip(df["failures"], df["patients"], strict=True)]
    df["estimate_pct"] = [100 * c.estimate for c in cis]
    df["low_pct"] = [100 * c.ci_low for c in cis]
    df["high_pct"] = [100 * c.ci_high for c in cis]
    key = {g: ("GC" if "monotherapy" in g else "GC+IM") for g in df["group"].unique()}
    words = {"GC": "GC alone", "GC+IM": "GC + IM"}
    df["row"] = df["label"].str.capitalize() + "\n(" + df["group"].map(key).map(words) + ")"
    palette = {g: COLOURS[k] for g, k in key.items()}
    fig, ax = plt.subplots(figsize=(MAX_WIDTH_IN, 4.8), layout="constrained")
    sns.barplot(data=df, y="row", x="estimate_pct", hue="group", palette=palette,
                dodge=False, orient="h", ax=ax, errorbar=None, saturation=1)
    ax.errorbar(df["estimate_pct"], np.arange(len(df)),
                xerr=[df["estimate_pct"] - df["low_pct"], df["high_pct"] - df["estimate_pct"]],
                fmt="none", ecolor="black", elinewidth=1.2, capsize=4)
    right = float(df["high_pct"].max())
    for i, r in enumerate(df.itertuples(index=False)):
        ax.text(right + 3, i,
                f"{int(r.failures)}/{int(r.patients)}: {r.estimate_pct:.1f}% "
                f"({r.low_pct:.0f} to {r.high_pct:.0f})",
                va="center", ha="left", fontsize=MIN_FONT_PT)
    ax.set_xlabel(f"Failures among patients with the organ involved (%),\n"
                  f"with {100 * level:.0f}% Wilson interval")
    ax.set_ylabel("")
    ax.set_xlim(0, right + 40)
    ax.set_xticks([t for t in range(0, int(right) + 11, 10)])
    legend = ax.get_legend()
    if legend is not None:  # the row labels already name the group
        legend.remove()
    ax.set_title("Organ-level failure of remission induction")
    return fig


_OUTCOMES = ("success", "failure")


def _one_row_per_outcome(df: pd.DataFrame) -> pd.Series | bool:
    """Every label has one row of each outcome (other rows are reported by the columns)."""
    if "label" not in df or "outcome" not in df:
        return True
    keys = list(zip(df["label"], df["outcome"], strict=True))
    repeated = pd.Series(keys, index=df.index).duplicated(keep=False)
    outcomes: dict[Any, set] = {}
    for label, outcome in keys:
        outcomes.setdefault(label, set()).add(outcome)
    complete = df["label"].map(lambda v: outcomes.get(v, set()) >= set(_OUTCOMES))
    return complete.astype(bool) & ~repeated


_SEROLOGY = frame_schema(
    {
        "label": text_column(),
        "unit": text_column(),
        "outcome": text_column(isin=_OUTCOMES),
        "p_printed": text_column(),
        **{c: _positive_real_column(MAX_SUMMARY_VALUE) for c in ("median", "q1", "q3")},
    },
    checks=[
        pa.Check(_one_row_per_outcome,
                 error="one row of each outcome (success, failure) for every label"),
        _quartiles_ordered(),
    ],
)


@validated(frames={"serology": _SEROLOGY})
def month6_serology_figure(serology: Frame) -> Figure:
    """Month-6 ESR, CRP and IgG4 by outcome: median (point) and quartiles (bar).

    Parameters
    ----------
    serology
        The data set ``induction_month6_serology`` (Fig. 4 medians and quartiles as given
        in the text).  Only summaries were published, so no individual values are drawn.
        Every label has one row per outcome; values are > 0 (log scale) and
        ``q1 <= median <= q3``.
    """
    from igg4lib import induction

    use_book_style()
    month = int(induction.protocol("induction_stage_months"))  # the assessment at month 6
    labels = list(dict.fromkeys(serology["label"]))
    fig, axes = plt.subplots(1, len(labels), figsize=(MAX_WIDTH_IN, 4.4), layout="constrained")
    axes = np.atleast_1d(axes)
    order = list(_OUTCOMES)
    # Outcome is shown by position and fill, not by colour: colour means treatment here.
    style = {"success": {"markerfacecolor": "white"}, "failure": {"markerfacecolor": "black"}}
    for ax, label in zip(axes, labels, strict=True):
        sub = serology[serology["label"] == label].set_index("outcome").loc[order]
        for i, outcome in enumerate(order):
            r = sub.loc[outcome]
            ax.vlines(i, r["q1"], r["q3"], colors=COLOURS["reference"], linewidth=6, alpha=0.6)
            ax.plot([i], [r["median"]], marker="o", color="black", markersize=9,
                    markeredgewidth=1.5, **style[outcome])
        ax.set_xticks(range(len(order)), [o.capitalize() for o in order])
        ax.set_xlim(-0.6, len(order) - 0.4)
        ax.set_yscale("log")
        ax.yaxis.set_major_locator(mticker.LogLocator(base=10, subs=(1.0, 2.0, 5.0)))
        ax.yaxis.set_major_formatter(mticker.FuncFormatter(lambda v, _pos: f"{v:g}"))
        ax.yaxis.set_minor_formatter(mticker.NullFormatter())
        unit = str(sub["unit"].iloc[0])
        name = label.split(" (")[0]
        ax.set_ylabel(f"{unit} at month {month} (log scale)")
        ax.set_title(f"{name}\n{sub['p_printed'].iloc[0]}", fontsize=12)
    fig.suptitle(f"Serology at month {month}: median and interquartile range, as published",
                 fontweight="bold", fontsize=12)
    return fig
