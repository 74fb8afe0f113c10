"""Figures of the risk-factor scoring chapter.

Every function returns a :class:`matplotlib.figure.Figure` in the book's style
(:func:`igg4lib.plots.use_book_style`) with colours from :data:`igg4lib.plots.COLOURS`.
The organ-level incidence of failure (Fig 3b of the cohort paper) is drawn in the induction
chapter and not repeated here.

>>> import pandas as pd
>>> g = pd.DataFrame({"group": ["0", "1", "2", "3-4"], "n_patients": [25, 21, 13, 7],
...                   "failures": [2, 3, 5, 5], "risk": [2 / 25, 3 / 21, 5 / 13, 5 / 7],
...                   "ci_low": [0.02, 0.05, 0.18, 0.36], "ci_high": [0.25, 0.35, 0.64, 0.92]})
>>> fig = risk_by_count(g)
>>> fig.axes[0].get_xlabel()
'Number of risk factors at baseline'
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Annotated, Any

import annotated_types as at
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pandera.pandas as pa
from matplotlib.figure import Figure

from igg4lib._validation import (
    Frame,
    InvalidArgument,
    Percent,
    Rule,
    Text,
    frame_schema,
    real_column,
    rows_ordered,
    text_column,
    validated,
)
from igg4lib.plots import COLOURS, use_book_style
from igg4lib.risk import RISK_GROUPS_SCHEMA

__all__ = ["FACTOR_ROWS", "forest_factors", "forest_table3", "risk_by_count"]

#: Treatment groups of Table 3 as printed in the data set, with their colour keys.
TABLE3_GROUPS: tuple[tuple[str, str], ...] = (
    ("GC monotherapy", "GC"),
    ("GC + IM combination therapy", "GC+IM"),
)


#: The Table 3 rows of the score's four factors: (section, label) -> label in the figure.
FACTOR_ROWS: tuple[tuple[str | None, str, str], ...] = (
    (None, "Eosinophilia", "Eosinophilia\n(present vs absent)"),
    ("RI", "Fourth quartile (median 21)", "Responder index\n(4th vs 1st quartile)"),
    ("Number of organs involved", "≥ 5", "Organs involved\n(five or more vs one or two)"),
    ("Organ involvement", "Dacryoadenitis", "Dacryoadenitis\n(present vs absent)"),
)


#: Kinds of rows of Table 3: an estimate, the reference level, or not applicable (NA).
ROW_TYPES: tuple[str, ...] = ("estimate", "reference", "not applicable")
#: The odds-ratio axis of :func:`forest_factors` (log scale): what it can draw.
FACTOR_AXIS: tuple[float, float] = (0.1, 100.0)


def _positive_odds(s: pd.Series) -> pd.Series:
    return s[s.notna()].astype("float64") > 0


def _odds_column() -> pa.Column:
    """Odds ratios or their limits: finite numbers > 0 (missing on reference and NA rows)."""
    column = real_column(nullable=True)
    column.checks.append(pa.Check(_positive_odds, error="an odds ratio > 0"))
    return column


def _estimates_complete(df: pd.DataFrame) -> pd.Series | bool:
    if not {"row_type", "odds_ratio", "ci_low", "ci_high"} <= set(df.columns):
        return True  # reported as a missing column
    estimate = df["row_type"] == "estimate"
    filled = df[["odds_ratio", "ci_low", "ci_high"]].notna().all(axis=1)
    return (~estimate | filled).fillna(True)


#: Table 3 (the ``induction_risk_factors`` data set) as the forest plots read it.
TABLE3_SCHEMA = frame_schema(
    {
        "section": text_column(nullable=True),
        "label": text_column(),
        "group": text_column(),
        "row_type": text_column(isin=ROW_TYPES),
        "odds_ratio": _odds_column(),
        "ci_low": _odds_column(),
        "ci_high": _odds_column(),
    },
    checks=[
        pa.Check(_estimates_complete,
                 error="an odds ratio, ci_low and ci_high on every estimate row"),
        rows_ordered(("ci_low", "odds_ratio", "ci_high")),
    ],
)

#: ``(group value in the data, colour key)`` pairs: the panels or lines of a figure.
Groups = Annotated[Sequence[tuple[Text, Text]], at.MinLen(1)]


def _groups_known(arguments: Mapping[str, Any]) -> bool:
    present = set(arguments["table3"]["group"])
    return all(group in present and key in COLOURS for group, key in arguments["groups"])


_GROUPS_RULE = Rule(
    "groups", _groups_known,
    "group values that occur in table3, each with a colour key of igg4lib.plots.COLOURS",
)


def _or_text(odds_ratio: float, low: float, high: float) -> str:
    return f"{odds_ratio:.2f} ({low:.2f}–{high:.2f})"


@validated(frames={"table3": TABLE3_SCHEMA}, rules=[_GROUPS_RULE])
def forest_factors(
    table3: Frame,
    *,
    rows: Annotated[Sequence[tuple[Text | None, Text, Text]], at.MinLen(1)] = FACTOR_ROWS,
    groups: Groups = TABLE3_GROUPS,
) -> Figure:
    """Forest plot of the score's four factors in both treatment groups, estimates printed.

    One line per factor and group (odds ratio and 95% CI on a log scale), the odds ratio
    and interval written beside each line, and a legend naming the two treatment groups.

    Parameters
    ----------
    table3
        The ``induction_risk_factors`` data set: every estimate row has an odds ratio > 0
        inside its interval; each row drawn must lie within :data:`FACTOR_AXIS`.
    rows
        ``(section or None, label as printed, label in the figure)`` for each factor.
    groups
        ``(group value in the data, colour key)``; the first is drawn above the second.

    >>> from igg4lib import data
    >>> fig = forest_factors(data.load("induction_risk_factors"))
    >>> sorted(t.get_text() for t in fig.axes[1].texts)[:2]
    ['1.33 (0.37–4.81)', '1.46 (0.39–5.48)']
    """
    estimates = []
    for section, label, _ in rows:
        for group, _key in groups:
            sel = (table3["label"] == label) & (table3["group"] == group)
            sel &= table3["section"].isna() if section is None else table3["section"] == section
            match = table3.loc[sel]
            if len(match) != 1 or match.iloc[0]["row_type"] != "estimate":
                raise InvalidArgument(
                    f"forest_factors: argument 'table3' needs one estimate row for {label!r} "
                    f"(section {section!r}) in {group!r}, a row named by the arguments rows "
                    f"and groups; got {len(match)} row(s)"
                )
            r = match.iloc[0]
            values = (float(r["odds_ratio"]), float(r["ci_low"]), float(r["ci_high"]))
            if not all(FACTOR_AXIS[0] <= v <= FACTOR_AXIS[1] for v in values):
                raise InvalidArgument(
                    f"forest_factors: argument 'table3': the row {label!r} in {group!r} has "
                    f"odds ratio {values[0]:g} ({values[1]:g} to {values[2]:g}); the figure's "
                    f"axis draws {FACTOR_AXIS[0]:g} to {FACTOR_AXIS[1]:g}"
                )
            estimates.append(values)
    use_book_style()
    fig, (ax, text_ax) = plt.subplots(
        1, 2, figsize=(7.0, 1.15 * len(rows) + 1.3), sharey=True, layout="constrained",
        gridspec_kw={"width_ratios": [2.5, 1.5]},
    )
    offsets = np.linspace(0.17, -0.17, len(groups))
    ys = np.arange(len(rows))[::-1].astype(float)
    drawn = iter(estimates)
    for y in ys:
        for dy, (_group, key) in zip(offsets, groups, strict=True):
            o, lo, hi = next(drawn)
            ax.plot([lo, hi], [y + dy, y + dy], color=COLOURS[key], lw=2.2)
            ax.plot(o, y + dy, "s", color=COLOURS[key], ms=7)
            text_ax.text(0.0, y + dy, _or_text(o, lo, hi), va="center", ha="left",
                         fontsize=11, color="black")
    ax.axvline(1.0, color=COLOURS["reference"], lw=1, ls="--", zorder=0)
    ax.set_xscale("log")
    ax.set_xticks([0.1, 0.3, 1, 3, 10, 30, 100])
    ax.set_xticklabels(["0.1", "0.3", "1", "3", "10", "30", "100"])
    ax.set_xlim(*FACTOR_AXIS)
    ax.set_yticks(ys)
    ax.set_yticklabels([r[2] for r in rows], fontsize=11)
    ax.set_ylim(-0.6, len(rows) - 0.4)
    ax.grid(axis="y", visible=False)
    ax.set_xlabel("Odds ratio of failed induction, 95% CI\n(log scale; 1 = no association)")
    text_ax.set_axis_off()
    text_ax.set_xlim(0, 1)
    text_ax.set_title("OR (95% CI)", fontsize=11, loc="left")
    handles = [plt.Line2D([], [], color=COLOURS[key], marker="s", lw=2.2,
                          label={"GC": "Glucocorticoid alone",
                                 "GC+IM": "Glucocorticoid + immunosuppressant"}.get(key, g))
               for g, key in groups]
    fig.legend(handles=handles, loc="outside upper center", ncol=1, fontsize=11,
               frameon=False)
    return fig


@validated(frames={"table3": TABLE3_SCHEMA}, rules=[
    _GROUPS_RULE,
    Rule("highlight", lambda a: set(a["highlight"]) <= set(a["table3"]["label"]),
         "row labels of table3"),
])
def forest_table3(
    table3: Frame,
    *,
    highlight: Sequence[Text] = (),
    groups: Groups = TABLE3_GROUPS,
) -> Figure:
    """Forest plot of Table 3: one panel per treatment group, odds ratios on a log scale.

    Reference rows are drawn as an open marker at 1 labelled "Ref", rows the paper marks
    NA are written "NA" without a marker, and section headings (IgG, RI ...) precede their
    rows.  Rows whose label is in ``highlight`` are set in bold.

    Parameters
    ----------
    table3
        The ``induction_risk_factors`` data set (columns ``section``, ``label``, ``group``,
        ``row_type``, ``odds_ratio``, ``ci_low``, ``ci_high``, optionally ``footnote``):
        every estimate row has an odds ratio > 0 inside its interval, and every row of the
        first group has one row in each other group.
    highlight
        Row labels to set in bold (the score's four factors).
    groups
        ``(group value in the data, colour key)`` for each panel.
    """
    if not (table3["row_type"] == "estimate").any():
        raise InvalidArgument("forest_table3: argument 'table3' has no estimate row to draw")
    use_book_style()
    first = table3.loc[table3["group"] == groups[0][0]]
    # y positions, with a heading line before each new section
    lines: list[tuple[str, str, str]] = []  # (kind, section, label)
    current = None
    for row in first.itertuples(index=False):
        section = "" if pd.isna(row.section) else str(row.section)
        if section and section != current:
            lines.append(("heading", section, section))
        current = section
        lines.append(("row", section, str(row.label)))
    n = len(lines)
    fig, axes = plt.subplots(
        1, len(groups), figsize=(9.0, 0.34 * n + 1.6), sharey=True, squeeze=False,
        layout="constrained",
    )
    axes = axes[0]
    ys = np.arange(n)[::-1]
    finite = table3[["ci_low", "ci_high"]].astype(float).to_numpy()
    finite = finite[np.isfinite(finite)]
    lo = 10 ** math.floor(math.log10(max(finite.min(), 1e-3)))
    hi = 10 ** math.ceil(math.log10(finite.max()))
    for ax, (group, key) in zip(axes, groups, strict=True):
        colour = COLOURS[key]
        sub = table3.loc[table3["group"] == group]
        ax.axvline(1.0, color=COLOURS["reference"], lw=1, ls="--", zorder=0)
        for y, (kind, section, label) in zip(ys, lines, strict=True):
            if kind == "heading":
                continue
            sec_mask = (
                sub["section"].isna() if section == "" else sub["section"] == section
            )
            match = sub.loc[sec_mask & (sub["label"] == label)]
            if len(match) != 1:
                plt.close(fig)
                raise InvalidArgument(
                    f"forest_table3: argument 'table3' has {len(match)} rows for {label!r} "
                    f"(section {section or None!r}) in {group!r}; expected one, as in the "
                    f"first of the groups"
                )
            r = match.iloc[0]
            if r["row_type"] == "estimate":
                ax.plot(
                    [float(r["ci_low"]), float(r["ci_high"])], [y, y], color=colour, lw=1.6
                )
                ax.plot(float(r["odds_ratio"]), y, "s", color=colour, ms=5)
            elif r["row_type"] == "reference":
                ax.plot(1.0, y, "o", mfc="white", mec=COLOURS["reference"], ms=5)
                merged = str(r.get("footnote", "")) == "a"
                ax.text(1.25, y, "Ref (merged with the row above)" if merged else "Ref",
                        va="center", fontsize=11, color=COLOURS["reference"])
            else:
                ax.text(1.25, y, "NA (no failures in a category)", va="center", fontsize=11,
                        color=COLOURS["reference"])
        ax.set_xscale("log")
        ax.set_xlim(lo, hi)
        ax.set_title(group, fontsize=12)
        ax.grid(axis="y", visible=False)
    axes[0].set_yticks(ys)
    labels = [("  " + lab if (kind == "row" and sec) else lab) for kind, sec, lab in lines]
    axes[0].set_yticklabels(labels, fontsize=11)
    for tick, (kind, _, label) in zip(axes[0].get_yticklabels(), lines, strict=True):
        if kind == "heading":
            tick.set_fontstyle("italic")
        if label in highlight:
            tick.set_fontweight("bold")
    axes[0].set_ylim(-0.7, n - 0.3)
    fig.supxlabel("Odds ratio of failed induction with 95% CI (log scale; 1 = no association)",
                  fontsize=11)
    fig.suptitle("Table 3 of the cohort paper: univariate odds ratios as printed")
    return fig


@validated(frames={"groups": RISK_GROUPS_SCHEMA}, rules=[
    Rule("printed_pct", lambda a: a["printed_pct"] is None
         or len(a["printed_pct"]) == len(a["groups"]),
         "one value per group (groups has {groups.shape[0]} rows)"),
])
def risk_by_count(
    groups: Frame,
    *,
    printed_pct: Sequence[Percent] | None = None,
    title: Text = "Failure of GC-alone induction by number of risk factors",
) -> Figure:
    """Observed failure proportion per Fig 3c group with Wilson 95% intervals.

    Parameters
    ----------
    groups
        Table from :func:`igg4lib.risk.risk_groups_table` (``group``, ``n_patients``,
        ``failures``, ``risk``, ``ci_low``, ``ci_high``): no negative count, failures at
        most the group size, and each interval containing its risk.
    printed_pct
        The percentages as printed (0 to 100), one per group, drawn as crosses for
        comparison.
    title
        Figure title (say "synthetic" when the groups come from synthetic patients).
    """
    use_book_style()
    fig, ax = plt.subplots(figsize=(7.0, 4.6), layout="constrained")
    x = np.arange(len(groups))
    risk = 100 * groups["risk"].to_numpy(float)
    low = 100 * groups["ci_low"].to_numpy(float)
    high = 100 * groups["ci_high"].to_numpy(float)
    ax.errorbar(
        x, risk, yerr=[risk - low, high - risk], fmt="o", color=COLOURS["failure"],
        ecolor=COLOURS["failure"], capsize=4, ms=7, label="Reconstructed counts, Wilson 95% CI",
    )
    if printed_pct is not None:
        ax.plot(x, printed_pct, "x", color="black", ms=8, label="Printed in the paper")
    for xi, row in zip(x, groups.itertuples(index=False), strict=True):
        ax.annotate(
            f"{row.failures}/{row.n_patients}", (xi, 100 * row.ci_high),
            textcoords="offset points", xytext=(0, 5), ha="center", fontsize=11,
        )
    ax.set_xticks(x)
    ax.set_xticklabels(groups["group"].astype(str))
    ax.set_xlabel("Number of risk factors at baseline")
    ax.set_ylabel("Failed remission induction (% of patients)")
    ax.set_ylim(0, 110)
    ax.set_title(title, fontsize=12)
    ax.legend(loc="upper left", fontsize=11, frameon=False)
    return fig
