"""Figures of the remission-induction chapter.

Every function takes a data set loaded with :func:`igg4lib.data.load` (published numbers,
never typed in), returns a :class:`matplotlib.figure.Figure` in the book's style
(:func:`igg4lib.plots.use_book_style`) and takes its colours from
:data:`igg4lib.plots.COLOURS`.

>>> from igg4lib import data
>>> fig = flow_figure(data.load("induction_by_treatment"))
>>> len(fig.axes)
1
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import matplotlib.ticker as mticker
import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.figure import Figure
from matplotlib.patches import FancyBboxPatch

from igg4lib import stats
from igg4lib.plots import COLOURS, use_book_style

__all__ = ["flow_figure", "month6_serology_figure", "organ_failure_figure"]

_GROUPS = (("gc", "GC", "GC monotherapy"), ("gcim", "GC+IM", "GC + immunosuppressant"))
_OUTCOME_ROWS = ("RI reduction <50%", "Relapse", "Failure of GC tapering")


def _box(ax, x: float, y: float, w: float, h: float, text: str, colour: str,
         fill: str = "white") -> None:
    ax.add_patch(FancyBboxPatch((x - w / 2, y - h / 2), w, h,
                                boxstyle="round,pad=0.01,rounding_size=0.015",
                                linewidth=1.6, edgecolor=colour, facecolor=fill))
    ax.text(x, y, text, ha="center", va="center", fontsize=9)


def _arrow(ax, x0: float, y0: float, x1: float, y1: float) -> None:
    ax.annotate("", xy=(x1, y1), xytext=(x0, y0),
                arrowprops={"arrowstyle": "->", "color": COLOURS["reference"], "lw": 1.2})


def flow_figure(by_treatment: pd.DataFrame) -> Figure:
    """Flow of the cohort from inclusion to the month-6 outcome, per treatment group.

    Parameters
    ----------
    by_treatment
        The data set ``induction_by_treatment`` (Table 2): group sizes and the month-6
        outcome rows are read from it.

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
    needed = ["Failure of remission induction", *_OUTCOME_ROWS]
    missing = [r for r in needed if r not in rows.index]
    if missing:
        raise ValueError(f"by_treatment lacks row(s) {missing}; expected induction_by_treatment")
    use_book_style()
    fig, ax = plt.subplots(figsize=(8.2, 4.8))
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.axis("off")
    sizes = {p: int(rows.at["Failure of remission induction", f"{p}_group_size"])
             for p, _, _ in _GROUPS}
    stage = int(induction.protocol("induction_stage_months"))
    follow = int(induction.protocol("minimum_follow_up"))
    _box(ax, 0.5, 0.9, 0.5, 0.12,
         f"{sum(sizes.values())}* newly diagnosed patients\n"
         f"induction stage {stage} months, followed up for at least {follow} months",
         COLOURS["reference"])
    for i, (p, key, name) in enumerate(_GROUPS):
        x = 0.25 + 0.5 * i
        n = sizes[p]
        failed = int(rows.at["Failure of remission induction", f"{p}_count"])
        _arrow(ax, 0.5, 0.84, x, 0.69)
        _box(ax, x, 0.63, 0.36, 0.11, f"{name}\nn = {n}", COLOURS[key])
        for j, (label, count, colour) in enumerate(
            (("Success", n - failed, COLOURS["success"]), ("Failure", failed, COLOURS["failure"]))
        ):
            bx = x - 0.115 + 0.235 * j
            _arrow(ax, x, 0.575, bx, 0.45)
            mark = "*" if label == "Success" else ""
            text = f"{label}\nn = {count}{mark} ({100 * count / n:.1f}%{mark})"
            if label == "Failure":
                parts = [f"{r}: {int(rows.at[r, f'{p}_count'])}" for r in _OUTCOME_ROWS]
                text += "\n" + "\n".join(parts)
                _box(ax, bx, 0.27, 0.225, 0.34, text, colour)
            else:
                _box(ax, bx, 0.38, 0.2, 0.12, text, colour)
    ax.set_title(f"Remission induction at month {stage}, by initial treatment")
    ax.text(0.0, 0.0, "Printed in Table 2: group sizes, failures and the counts failing each "
            "goal.\n* Recomputed from printed counts (a sum or a difference), not printed.",
            ha="left", va="bottom", fontsize=8, color=COLOURS["reference"])
    return fig


def organ_failure_figure(organ_failure: pd.DataFrame, level: float = 0.95) -> Figure:
    """Organ-level incidence of remission-induction failure with Wilson intervals.

    Parameters
    ----------
    organ_failure
        The data set ``induction_organ_failure`` (failures among patients with that organ
        involved, per treatment group, as given in the text for Fig. 3b).
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
    df["row"] = df["label"] + "\n(" + df["group"] + ")"
    key = {g: ("GC" if "monotherapy" in g else "GC+IM") for g in df["group"].unique()}
    palette = {g: COLOURS[k] for g, k in key.items()}
    fig, ax = plt.subplots(figsize=(7.4, 4.2))
    sns.barplot(data=df, y="row", x="estimate_pct", hue="group", palette=palette,
                dodge=False, orient="h", ax=ax, errorbar=None)
    ax.errorbar(df["estimate_pct"], np.arange(len(df)),
                xerr=[df["estimate_pct"] - df["low_pct"], df["high_pct"] - df["estimate_pct"]],
                fmt="none", ecolor="black", elinewidth=1, capsize=3)
    for i, r in enumerate(df.itertuples(index=False)):
        ax.text(r.high_pct + 1, i, f"{int(r.failures)}/{int(r.patients)}", va="center",
                fontsize=9)
    ax.set_xlabel(f"Failures among patients with the organ involved (%), {100 * level:.0f}% CI")
    ax.set_ylabel("")
    ax.set_xlim(0, max(60.0, float(df["high_pct"].max()) + 10))
    legend = ax.get_legend()
    if legend is not None:  # the row labels already name the group
        legend.remove()
    ax.set_title("Organ-level failure of remission induction")
    return fig


def month6_serology_figure(serology: pd.DataFrame) -> Figure:
    """Month-6 ESR, CRP and IgG4 by outcome: median (point) and quartiles (bar).

    Parameters
    ----------
    serology
        The data set ``induction_month6_serology`` (Fig. 4 medians and quartiles as given
        in the text).  Only summaries were published, so no individual values are drawn.
    """
    use_book_style()
    labels = list(dict.fromkeys(serology["label"]))
    fig, axes = plt.subplots(1, len(labels), figsize=(8.4, 3.6))
    axes = np.atleast_1d(axes)
    order = ["success", "failure"]
    for ax, label in zip(axes, labels, strict=True):
        sub = serology[serology["label"] == label].set_index("outcome").loc[order]
        for i, outcome in enumerate(order):
            r = sub.loc[outcome]
            colour = COLOURS[outcome]
            ax.vlines(i, r["q1"], r["q3"], colors=colour, linewidth=6, alpha=0.5)
            ax.plot([i], [r["median"]], marker="o", color=colour, markersize=8)
        ax.set_xticks(range(len(order)), [o.capitalize() for o in order])
        ax.set_xlim(-0.6, len(order) - 0.4)
        ax.set_yscale("log")
        ax.yaxis.set_major_locator(mticker.LogLocator(base=10, subs=(1.0, 2.0, 5.0)))
        ax.yaxis.set_major_formatter(mticker.FuncFormatter(lambda v, _pos: f"{v:g}"))
        ax.yaxis.set_minor_formatter(mticker.NullFormatter())
        unit = str(sub["unit"].iloc[0])
        ax.set_ylabel(f"{label.split(' (')[0]} at month 6 ({unit}, log scale)")
        ax.set_title(f"{label.split(' (')[0]}\n{sub['p_printed'].iloc[0]}", fontsize=10)
    fig.suptitle("Month-6 serology: median and interquartile range, as published",
                 fontweight="bold")
    return fig
