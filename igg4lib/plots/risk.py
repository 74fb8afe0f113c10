"""Figures of the risk-factor scoring chapter.

Every function returns a :class:`matplotlib.figure.Figure` in the book's style
(:func:`igg4lib.plots.use_book_style`) with colours from :data:`igg4lib.plots.COLOURS`.
The organ-level incidence of failure (Fig 3b of the cohort paper) is drawn in the induction
chapter and not repeated here.

>>> import pandas as pd
>>> g = pd.DataFrame({"group": ["0", "1", "2", "3-4"], "n_patients": [25, 21, 13, 7],
...                   "failures": [2, 3, 5, 5], "risk": [0.08, 0.143, 0.385, 0.714],
...                   "ci_low": [0.02, 0.05, 0.18, 0.36], "ci_high": [0.25, 0.35, 0.64, 0.92]})
>>> fig = risk_by_count(g)
>>> fig.axes[0].get_xlabel()
'Number of risk factors at baseline'
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from igg4lib.plots import COLOURS, use_book_style

__all__ = ["forest_table3", "risk_by_count"]

#: Treatment groups of Table 3 as printed in the data set, with their colour keys.
TABLE3_GROUPS: tuple[tuple[str, str], ...] = (
    ("GC monotherapy", "GC"),
    ("GC + IM combination therapy", "GC+IM"),
)


def forest_table3(
    table3: pd.DataFrame,
    *,
    highlight: Sequence[str] = (),
    groups: Sequence[tuple[str, str]] = TABLE3_GROUPS,
) -> Figure:
    """Forest plot of Table 3: one panel per treatment group, odds ratios on a log scale.

    Reference rows are drawn as an open marker at 1 labelled "Ref", rows the paper marks
    NA are written "NA" without a marker, and section headings (IgG, RI ...) precede their
    rows.  Rows whose label is in ``highlight`` are set in bold.

    Parameters
    ----------
    table3
        The ``induction_risk_factors`` data set (columns ``section``, ``label``, ``group``,
        ``row_type``, ``odds_ratio``, ``ci_low``, ``ci_high``, ``footnote``).
    highlight
        Row labels to set in bold (the score's four factors).
    groups
        ``(group value in the data, colour key)`` for each panel.
    """
    need = {"section", "label", "group", "row_type", "odds_ratio", "ci_low", "ci_high"}
    missing = need - set(table3.columns)
    if missing:
        raise ValueError(f"table3 is missing column(s) {sorted(missing)}")
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
        1, len(groups), figsize=(9.0, 0.28 * n + 1.6), sharey=True, squeeze=False
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
                raise ValueError(f"table3 has {len(match)} rows for {label!r} in {group!r}")
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
                        va="center", fontsize=8, color=COLOURS["reference"])
            else:
                ax.text(1.25, y, "NA (no failures in a category)", va="center", fontsize=8,
                        color=COLOURS["reference"])
        ax.set_xscale("log")
        ax.set_xlim(lo, hi)
        ax.set_title(group, fontsize=11)
        ax.grid(axis="y", visible=False)
    axes[0].set_yticks(ys)
    labels = [("  " + lab if (kind == "row" and sec) else lab) for kind, sec, lab in lines]
    axes[0].set_yticklabels(labels, fontsize=9.5)
    for tick, (kind, _, label) in zip(axes[0].get_yticklabels(), lines, strict=True):
        if kind == "heading":
            tick.set_fontstyle("italic")
        if label in highlight:
            tick.set_fontweight("bold")
    axes[0].set_ylim(-0.7, n - 0.3)
    fig.supxlabel("Odds ratio of failed induction with 95% CI (log scale; 1 = no association)",
                  fontsize=10)
    fig.suptitle("Table 3 of the cohort paper: univariate odds ratios as printed", y=0.995)
    return fig


def risk_by_count(
    groups: pd.DataFrame,
    *,
    printed_pct: Sequence[float] | None = None,
    title: str = "Failure of GC-alone induction by number of risk factors",
) -> Figure:
    """Observed failure proportion per Fig 3c group with Wilson 95% intervals.

    Parameters
    ----------
    groups
        Table from :func:`igg4lib.risk.risk_groups_table` (``group``, ``n_patients``,
        ``failures``, ``risk``, ``ci_low``, ``ci_high``).
    printed_pct
        The percentages as printed, one per group, drawn as crosses for comparison.
    title
        Figure title (say "synthetic" when the groups come from synthetic patients).
    """
    need = {"group", "n_patients", "failures", "risk", "ci_low", "ci_high"}
    missing = need - set(groups.columns)
    if missing:
        raise ValueError(f"groups is missing column(s) {sorted(missing)}")
    use_book_style()
    fig, ax = plt.subplots(figsize=(6.4, 4.2))
    x = np.arange(len(groups))
    risk = 100 * groups["risk"].to_numpy(float)
    low = 100 * groups["ci_low"].to_numpy(float)
    high = 100 * groups["ci_high"].to_numpy(float)
    ax.errorbar(
        x, risk, yerr=[risk - low, high - risk], fmt="o", color=COLOURS["failure"],
        ecolor=COLOURS["failure"], capsize=4, ms=7, label="Reconstructed counts, Wilson 95% CI",
    )
    if printed_pct is not None:
        if len(printed_pct) != len(groups):
            raise ValueError(
                f"printed_pct needs one value per group ({len(groups)}); got {len(printed_pct)}"
            )
        ax.plot(x, printed_pct, "x", color="black", ms=8, label="Printed in the paper")
    for xi, row in zip(x, groups.itertuples(index=False), strict=True):
        ax.annotate(
            f"{row.failures}/{row.n_patients}", (xi, 100 * row.ci_high),
            textcoords="offset points", xytext=(0, 5), ha="center", fontsize=9,
        )
    ax.set_xticks(x)
    ax.set_xticklabels(groups["group"].astype(str))
    ax.set_xlabel("Number of risk factors at baseline")
    ax.set_ylabel("Failed remission induction (% of patients)")
    ax.set_ylim(0, 105)
    ax.set_title(title, fontsize=11)
    ax.legend(loc="upper left", fontsize=9, frameon=False)
    return fig
