"""Figures for the background and diagnosis chapters.

- :func:`points_stack`: how the 2019 ACR/EULAR points add up, domain by domain, for the
  synthetic vignettes, against the 20-point threshold;
- :func:`organ_involvement`: how often each organ is involved in a cohort (one bar per organ);
- :func:`men_share`: the share of men in several populations, with 95% intervals.

All call :func:`igg4lib.plots.use_book_style` and take colours from the book's palette.
Each refuses bad data instead of drawing it (:mod:`igg4lib._validation`): a missing column,
a negative or non-whole count, a NaN estimate, a percentage outside 0-100, an interval that
does not contain its estimate, a total that is not the sum of its parts, or more rows than
:data:`MAX_ROWS`.

>>> from igg4lib import criteria, data
>>> fig = points_stack(criteria.score_vignettes(data.load("synthetic_vignettes")))
>>> fig.axes[0].get_xlabel()
'ACR/EULAR inclusion points (points)'
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Mapping
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pandera.pandas as pa
import seaborn as sns
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from igg4lib._validation import (
    Frame,
    Rule,
    Text,
    count_column,
    flag_column,
    frame_schema,
    real_column,
    rows_at_most,
    text_column,
    validated,
)
from igg4lib.criteria import ACR_EULAR_THRESHOLD_POINTS, DOMAINS
from igg4lib.plots import COLOURS, PALETTE, use_book_style

__all__ = ["DOMAIN_LABELS", "FIGURE_WIDTH_IN", "MAX_ROWS", "TEXT_PT", "men_share",
           "organ_involvement", "points_stack"]

#: Width of these figures (inches): about the width of the book's text column, so that the
#: figure is shown near its natural size and its text reads at body size.
FIGURE_WIDTH_IN: float = 6.6
#: Smallest text in these figures (points); body text is about 12 pt.
TEXT_PT: float = 11.0
#: Titles.
TITLE_PT: float = 12.0
#: Most rows (cases, organs, populations) one figure draws: beyond it the labels overlap
#: and the figure grows longer than a page.
MAX_ROWS: int = 60

#: Short legend labels for the eight inclusion domains.
DOMAIN_LABELS: dict[str, str] = {
    "histopathology": "Histopathology",
    "immunostaining": "Immunostaining",
    "serum_igg4": "Serum IgG4",
    "glands": "Lacrimal/salivary glands",
    "chest": "Chest",
    "pancreas_biliary": "Pancreas and biliary tree",
    "kidney": "Kidney",
    "retroperitoneum": "Retroperitoneum",
}

# Eight domains, eight Okabe-Ito colours; the black one is swapped for grey so that the
# segment labels stay readable.
_DOMAIN_COLOURS = dict(zip(DOMAINS, (*PALETTE[:7], "#999999"), strict=True))


def _ink(fill: str) -> str:
    """Black or white, whichever reads better on ``fill`` (relative luminance, WCAG)."""
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in to_rgb(fill))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    # Contrast with white is (1.05) / (L + 0.05); with black (L + 0.05) / 0.05.
    return "white" if 1.05 / (luminance + 0.05) > (luminance + 0.05) / 0.05 else "black"


def _at_most_rows(df: pd.DataFrame) -> bool:
    return len(df) <= MAX_ROWS


_FEW_ROWS = pa.Check(_at_most_rows, element_wise=False,
                     error=f"at most {MAX_ROWS} rows (MAX_ROWS), one per bar")


def _total_is_sum(df: pd.DataFrame) -> pd.Series | bool:
    try:
        parts = df[list(DOMAINS)].astype("float64").sum(axis=1)
        return (df["total_points"].astype("float64") == parts) | df["total_points"].isna()
    except (KeyError, TypeError, ValueError):
        return True  # reported by the column checks


def _classified_reach_threshold(df: pd.DataFrame) -> pd.Series | bool:
    try:
        classified = df["classified"].map(
            lambda v: bool(v) if isinstance(v, bool | np.bool_) else False
        ).astype(bool)
        return ~classified | (
            df["total_points"].astype("float64") >= ACR_EULAR_THRESHOLD_POINTS
        )
    except (KeyError, TypeError, ValueError):
        return True  # reported by the column checks


_SCORED = frame_schema(
    {
        "vignette_id": text_column(unique=True),
        "title": text_column(),
        **{domain: count_column(maximum=100) for domain in DOMAINS},
        "total_points": count_column(maximum=100 * len(DOMAINS)),
        "classified": flag_column(),
        "reason": text_column(),
    },
    checks=[
        _FEW_ROWS,
        pa.Check(_total_is_sum, error="total_points equal to the sum of the eight domain "
                 "columns in every row"),
        pa.Check(_classified_reach_threshold, error=f"classified only when total_points >= "
                 f"{ACR_EULAR_THRESHOLD_POINTS}"),
    ],
)
_UNCERTAINTY = frame_schema(
    {"vignette_id": text_column(unique=True), "rests_on_uncertain": flag_column()},
    min_rows=0,
)


def _same_cases(arguments: Mapping[str, Any]) -> bool:
    uncertainty = arguments["uncertainty"]
    if uncertainty is None:
        return True
    return set(uncertainty["vignette_id"]) <= set(arguments["scored"]["vignette_id"])


@validated(
    frames={"scored": _SCORED, "uncertainty": _UNCERTAINTY},
    rules=[Rule("uncertainty", _same_cases,
                "rows for the vignettes of scored (its vignette_id values)")],
)
def points_stack(scored: Frame, uncertainty: Frame | None = None) -> Figure:
    """Stacked horizontal bars of ACR/EULAR points per domain, one bar per case.

    Parameters
    ----------
    scored
        The frame returned by :func:`igg4lib.criteria.score_vignettes` (columns
        ``vignette_id``, ``title``, the eight domains, ``total_points`` equal to their sum,
        ``classified`` and ``reason``); at most :data:`MAX_ROWS` cases.
    uncertainty
        Optional: the frame returned by :func:`igg4lib.criteria.weight_uncertainty` for the
        same cases (columns ``vignette_id`` and ``rests_on_uncertain``).  Verdicts that rest
        on unconfirmed weights are then marked with an asterisk, explained under the axis.

    Returns
    -------
    matplotlib.figure.Figure
        Bars labelled by vignette; a dashed line at the 20-point threshold; each bar ends
        with the verdict (and why, when the entry criterion or an exclusion overrides the
        score).
    """
    flagged: set[str] = set()
    if uncertainty is not None:
        flagged = set(uncertainty.loc[uncertainty["rests_on_uncertain"].astype(bool),
                                      "vignette_id"])
    use_book_style()
    frame = scored.reset_index(drop=True)
    n = len(frame)
    # One row per case, top to bottom: its name on a line of its own above the bar, so the
    # figure stays narrow enough to show its text at body size.
    step = 1.45
    ys = [step * (n - 1 - i) for i in range(n)]
    fig, ax = plt.subplots(figsize=(FIGURE_WIDTH_IN, 0.62 * n + 2.6), layout="constrained")
    left = pd.Series(0.0, index=frame.index)
    for domain in DOMAINS:
        width = frame[domain].astype(float)
        ax.barh(ys, width, left=left, height=0.62, color=_DOMAIN_COLOURS[domain],
                edgecolor="white", linewidth=0.8, label=DOMAIN_LABELS[domain])
        for y, (w, x0) in zip(ys, zip(width, left, strict=True), strict=True):
            if w >= 4:
                ax.text(x0 + w / 2, y, f"{w:.0f}", ha="center", va="center",
                        fontsize=TEXT_PT, color=_ink(_DOMAIN_COLOURS[domain]))
        left = left + width
    for y, (_, row) in zip(ys, frame.iterrows(), strict=True):
        ax.text(0, y + 0.4, f"{row['vignette_id']}: {row['title']}", ha="left",
                va="bottom", fontsize=TEXT_PT, fontweight="bold", zorder=4,
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.0})
        if row["classified"]:
            note = f"{row['total_points']}: classified"
        elif row["reason"].startswith("entry"):
            note = f"{row['total_points']}: entry not met"
        elif row["reason"].startswith("excluded"):
            note = f"{row['total_points']}: excluded"
        else:
            note = f"{row['total_points']}: below threshold"
        if row["vignette_id"] in flagged:
            note += " *"
        ax.text(row["total_points"] + 0.8, y, note, va="center", fontsize=TEXT_PT)
    ax.axvline(ACR_EULAR_THRESHOLD_POINTS, color=COLOURS["reference"], linestyle="--",
               linewidth=1.2)
    top = max(ys) + 1.25
    ax.text(ACR_EULAR_THRESHOLD_POINTS + 0.5, top, f"threshold {ACR_EULAR_THRESHOLD_POINTS}",
            fontsize=TEXT_PT, color=COLOURS["reference"], va="bottom")
    ax.set_xlim(0, max(float(frame["total_points"].max()) + 22, 60))
    ax.set_ylim(-0.6, top + 0.8)
    ax.set_yticks([])
    xlabel = "ACR/EULAR inclusion points (points)"
    if flagged:
        xlabel += "\n* verdict rests on weights that could not be confirmed"
    ax.set_xlabel(xlabel, fontsize=TEXT_PT)
    ax.tick_params(axis="x", labelsize=TEXT_PT)
    ax.set_ylabel("")
    ax.set_title("ACR/EULAR points of the synthetic vignettes (SYNTHETIC DATA)",
                 fontsize=TITLE_PT, fontweight="bold", loc="left")
    handles = [Patch(color=_DOMAIN_COLOURS[d], label=DOMAIN_LABELS[d]) for d in DOMAINS]
    fig.legend(handles=handles, loc="outside lower center", ncol=2, fontsize=TEXT_PT,
               frameon=False)
    ax.grid(axis="y", visible=False)
    return fig


def _organ_schema(arguments: Mapping[str, Any]) -> pa.DataFrameSchema:
    return frame_schema(
        {
            arguments["organ"]: text_column(unique=True),
            arguments["percent"]: real_column(minimum=0, maximum=100),
        },
        checks=[_FEW_ROWS],
    )


@validated(
    frames={"frame": _organ_schema},
    rules=[Rule("percent", lambda a: a["percent"] != a["organ"],
                "a column other than organ ({organ!r})")],
)
def organ_involvement(
    frame: Frame,
    *,
    organ: Text = "organ",
    percent: Text = "percent",
    title: Text = "Organ involvement",
) -> Figure:
    """Horizontal bar chart of the share of patients with each organ involved.

    Parameters
    ----------
    frame
        One row per organ (at most :data:`MAX_ROWS`), with an organ label column (strings,
        each organ once) and a percentage column (0-100, no missing value).
    organ, percent
        Names of those two columns.
    title
        Figure title (say which cohort).

    Returns
    -------
    matplotlib.figure.Figure
        Organs sorted from most to least often involved.

    >>> fig = organ_involvement(pd.DataFrame({"organ": ["a", "b"], "percent": [20.0, 55.0]}))
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()]
    ['b', 'a']
    """
    values = frame[percent].astype(float)
    use_book_style()
    ordered = frame.assign(**{percent: values}).sort_values(percent, ascending=False)
    fig, ax = plt.subplots(figsize=(FIGURE_WIDTH_IN, 0.36 * len(ordered) + 1.4),
                           layout="constrained")
    # Long organ names wrap onto two lines, so the bars keep most of the width.
    ordered[organ] = [textwrap.fill(str(name), 26) for name in ordered[organ]]
    sns.barplot(data=ordered, x=percent, y=organ, color=PALETTE[0], ax=ax, orient="h")
    for y, v in enumerate(ordered[percent]):
        ax.text(v + 0.8, y, f"{v:.1f}%", va="center", fontsize=TEXT_PT)
    ax.set_xlim(0, min(100.0, float(ordered[percent].max()) + 14))
    ax.set_xlabel("Patients with the organ involved (%)", fontsize=TEXT_PT)
    ax.set_ylabel("")
    ax.tick_params(labelsize=TEXT_PT)
    fig.suptitle(title, x=0.01, ha="left", fontsize=TITLE_PT, fontweight="bold")
    ax.grid(axis="y", visible=False)
    return fig


_MEN = frame_schema(
    {
        "label": text_column(),
        "setting": text_column(),
        "patients": count_column(minimum=1),
        "percent_men": real_column(minimum=0, maximum=100),
        "ci_low": real_column(minimum=0, maximum=100),
        "ci_high": real_column(minimum=0, maximum=100),
    },
    checks=[_FEW_ROWS, rows_at_most("ci_low", "percent_men"),
            rows_at_most("percent_men", "ci_high")],
)


@validated(frames={"frame": _MEN})
def men_share(frame: Frame, *, title: Text = "Share of men, by population") -> Figure:
    """Dot-and-interval chart of the percentage of men in each population.

    Parameters
    ----------
    frame
        The output of :func:`igg4lib.epidemiology.men_by_population` (columns ``label``,
        ``setting``, ``patients`` (>= 1), ``percent_men``, ``ci_low``, ``ci_high``, in
        percent with ``ci_low <= percent_men <= ci_high``); at most :data:`MAX_ROWS` rows.
    title
        Figure title.

    Returns
    -------
    matplotlib.figure.Figure
        One row per population, labelled with its size and setting; a dashed line marks 50%.
        The axis runs from 20% to 90%, wider when an interval reaches beyond.

    >>> f = pd.DataFrame({"label": ["A"], "setting": ["claims database"], "patients": [10],
    ...                   "percent_men": [40.0], "ci_low": [16.8], "ci_high": [68.7]})
    >>> men_share(f).axes[0].get_xlabel()
    'Men (% of patients, 95% Wilson interval)'
    """
    use_book_style()
    fig, ax = plt.subplots(figsize=(FIGURE_WIDTH_IN, 0.85 * len(frame) + 1.6),
                           layout="constrained")
    ys = list(range(len(frame)))[::-1]
    for y, (_, row) in zip(ys, frame.iterrows(), strict=True):
        ax.errorbar(
            row["percent_men"], y,
            xerr=[[row["percent_men"] - row["ci_low"]], [row["ci_high"] - row["percent_men"]]],
            fmt="o", color=PALETTE[0], ecolor=PALETTE[0], capsize=4, ms=7,
        )
        ax.text(row["percent_men"], y + 0.2, f"{row['percent_men']:.1f}%", ha="center",
                va="bottom", fontsize=TEXT_PT)
    ax.axvline(50, color=COLOURS["reference"], linestyle="--", linewidth=1)
    ax.text(50.6, max(ys) + 0.45, "equal numbers", fontsize=TEXT_PT,
            color=COLOURS["reference"])
    ax.set_yticks(ys)
    ax.set_yticklabels(
        [textwrap.fill(f"{r['label']} ({r['setting']}, n = {int(r['patients'])})", 30)
         for _, r in frame.iterrows()],
        fontsize=TEXT_PT,
    )
    ax.set_ylim(min(ys) - 0.6, max(ys) + 0.9)
    low = min(20, 10 * math.floor(float(frame["ci_low"].min()) / 10))
    high = max(90, 10 * math.ceil(float(frame["ci_high"].max()) / 10))
    ax.set_xlim(low, high)
    ax.set_xticks(range(low, high, 10))
    ax.set_xlabel("Men (% of patients, 95% Wilson interval)", fontsize=TEXT_PT)
    ax.tick_params(axis="x", labelsize=TEXT_PT)
    ax.set_title(title, fontsize=TITLE_PT, loc="left")
    ax.grid(axis="y", visible=False)
    return fig
