"""Figures of the WInS maintenance-trial chapter.

Every function returns a :class:`matplotlib.figure.Figure` drawn in the book's style
(:func:`igg4lib.plots.use_book_style`) with colours from :data:`igg4lib.plots.COLOURS`.
Figures built from simulated patients say SIMULATION in the title and the legend.

>>> import pandas as pd
>>> arms = pd.DataFrame({"arm": ["withdraw GC+IM"], "n": [48], "events": [25],
...                      "printed": ["52.1%"]})
>>> fig = consort_flow(arms)
>>> len(fig.axes)
1
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import FancyBboxPatch
from scipy import stats as sps

from igg4lib.plots import COLOURS, PALETTE, use_book_style

__all__ = [
    "arm_colour",
    "consort_flow",
    "posterior_panels",
    "power_curve",
    "relapse_by_arm",
    "simulated_kaplan_meier",
]


#: The trial's printed arm labels mapped to the book's fixed colour names.
_ALIASES: dict[str, str] = {
    "withdraw GC but maintain IM": "withdraw GC, keep IM",
    "maintain GC+IM": "keep GC+IM",
}


def arm_colour(label: str, position: int = 0) -> str:
    """Colour of an arm: the book's fixed colour for the WInS arms, else the palette.

    >>> arm_colour("keep GC+IM") == arm_colour("maintain GC+IM") == COLOURS["keep GC+IM"]
    True
    """
    name = label.removesuffix(" (SIMULATED)")
    return COLOURS.get(_ALIASES.get(name, name), PALETTE[position % len(PALETTE)])


def _box(ax, x: float, y: float, w: float, h: float, text: str, colour: str) -> None:
    ax.add_patch(FancyBboxPatch((x - w / 2, y - h / 2), w, h,
                                boxstyle="round,pad=0.01,rounding_size=0.015",
                                linewidth=1.5, edgecolor=colour, facecolor="white"))
    ax.text(x, y, text, ha="center", va="center", fontsize=9, wrap=True)


def _arrow(ax, x0: float, y0: float, x1: float, y1: float) -> None:
    ax.annotate("", xy=(x1, y1), xytext=(x0, y0),
                arrowprops={"arrowstyle": "->", "color": COLOURS["reference"], "lw": 1.2})


def _basis_note(basis: str) -> str:
    """A short note on where an analysed count comes from, for a box or a tick label."""
    if basis.startswith("only whole count"):
        return "the only count that fits"
    if basis.startswith("book's reading"):
        return "the book's reading"
    return basis


def consort_flow(
    arms: pd.DataFrame, *, label: str = "arm", n: str = "n", events: str = "events",
    printed: str = "printed", basis: str = "basis",
) -> Figure:
    """CONSORT-style flow from randomisation to the 18-month relapse count, from the data.

    One box for randomisation (the sum of the arms), one per arm with its size, and one per
    arm with the relapse percentage as printed and the whole count the book analyses, with
    where that count comes from (``basis``, from :func:`igg4lib.trial.analysis_counts`):
    none of the counts is printed in the sources.
    """
    use_book_style()
    k = len(arms)
    fig, ax = plt.subplots(figsize=(8.0, 4.8))
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.axis("off")
    total = int(arms[n].sum())
    _box(ax, 0.5, 0.88, 0.42, 0.13,
         f"Randomised 1:1:1\nn = {total}", COLOURS["reference"])
    xs = np.linspace(1 / (2 * k), 1 - 1 / (2 * k), k)
    width = min(0.3, 0.95 / k)
    for i, (x, row) in enumerate(zip(xs, arms.itertuples(index=False), strict=True)):
        rec = row._asdict()
        colour = arm_colour(str(rec[label]), i)
        _arrow(ax, 0.5, 0.81, x, 0.66)
        name = textwrap.fill(f"Group {i + 1}: {rec[label]}", width=26)
        _box(ax, x, 0.57, width, 0.16, f"{name}\nrandomised n = {int(rec[n])}", colour)
        _arrow(ax, x, 0.49, x, 0.37)
        note = f"\n({_basis_note(str(rec[basis]))})" if basis in rec else ""
        _box(ax, x, 0.23, width, 0.25,
             f"Relapse by month 18\nas printed: {rec[printed]}\n"
             f"count analysed: {int(rec[events])}/{int(rec[n])}{note}", colour)
    ax.text(0.5, 0.02, "Counts are inferred from the printed percentages (the sources give no "
            "counts); losses to follow-up are not reported.", ha="center", fontsize=8,
            color=COLOURS["reference"])
    ax.set_title("WInS trial: arm sizes as published, relapse counts as analysed")
    return fig


def relapse_by_arm(
    table: pd.DataFrame, *, label: str = "arm", estimate: str = "relapse_pct",
    low: str = "ci_low_pct", high: str = "ci_high_pct", printed: str = "printed_pct",
    events: str = "events", n: str = "n", basis: str = "basis",
) -> Figure:
    """Analysed relapse percentage by arm with 95% Wilson intervals, and the printed value.

    The dot is the count the book analyses (``events`` of ``n``), the cross the percentage
    as printed; each tick label names the count and where it comes from, so an analysed
    14.3% is never shown as if it were the printed 14.2%.
    """
    import seaborn as sns

    use_book_style()
    fig, ax = plt.subplots(figsize=(7.6, 3.9))
    labels = [str(v) for v in table[label]]
    colours = {lab: arm_colour(lab, i) for i, lab in enumerate(labels)}
    sns.scatterplot(data=table, x=estimate, y=label, hue=label, palette=colours, s=90,
                    legend=False, ax=ax, zorder=3)
    for i, row in enumerate(table.itertuples(index=False)):
        rec = row._asdict()
        ax.hlines(i, rec[low], rec[high], color=colours[str(rec[label])], lw=2.5)
        if printed in rec:
            ax.scatter([rec[printed]], [i], marker="x", s=70, color="black", zorder=4,
                       label="printed percentage" if i == 0 else None)
    if {events, n} <= set(table.columns):
        ticks = []
        for rec in table.to_dict("records"):
            note = f", {_basis_note(str(rec[basis]))}" if basis in rec else ""
            ticks.append(f"{rec[label]}\nanalysed {int(rec[events])}/{int(rec[n])}{note}")
        ax.set_yticks(range(len(ticks)), ticks, fontsize=8)
    if printed in table.columns:
        ax.legend(fontsize=8, loc="lower right")
    ax.set_xlim(0, 100)
    ax.set_xlabel("Relapse within 18 months (% of randomised patients): analysed count "
                  "with 95% Wilson CI")
    ax.set_ylabel("")
    ax.set_title("WInS: 18-month relapse by arm (dots: counts analysed; crosses: as printed)")
    return fig


def posterior_panels(
    posteriors: Mapping[str, tuple[float, float]],
    sensitivity: pd.DataFrame,
    *,
    margin_grid: Sequence[float] | None = None,
) -> Figure:
    """Left: Beta posterior density of each arm's relapse risk.  Right: P(difference > margin).

    ``posteriors`` maps arm label to the posterior (a, b); ``sensitivity`` has columns
    ``prior``, ``margin`` and ``prob_exceeds_margin`` (from
    :func:`igg4lib.trial.prior_sensitivity`).
    """
    use_book_style()
    fig, (left, right) = plt.subplots(1, 2, figsize=(11.0, 5.4))
    grid = np.linspace(0, 1, 501)
    for i, (lab, (a, b)) in enumerate(posteriors.items()):
        left.plot(grid * 100, sps.beta(a, b).pdf(grid) / 100, color=arm_colour(lab, i),
                  label=lab, lw=2)
    left.set_xlabel("18-month relapse risk (%)")
    left.set_ylabel("Density (per percentage point)")
    left.set_title("Posterior of each arm\n(uniform prior)")
    left.legend(fontsize=8, loc="upper right")
    styles = ["-", "--", ":", "-.", (0, (6, 2)), (0, (3, 1, 1, 1, 1, 1))]
    # no yellow on white
    prior_colours = [PALETTE[4], PALETTE[1], PALETTE[3], PALETTE[7], PALETTE[0], PALETTE[5]]
    for i, (prior, grp) in enumerate(sensitivity.groupby("prior", sort=False)):
        k = i % len(styles)
        right.plot(grp["margin"] * 100, grp["prob_exceeds_margin"], ls=styles[k],
                   color=prior_colours[k], lw=2, label=prior)
    right.set_xlabel("Margin (percentage points of 18-month relapse)")
    right.set_ylabel("P(group 1 minus group 2 > margin)")
    right.set_ylim(0, 1.02)
    right.set_title("Keeping the IM vs stopping both:\nsensitivity to the prior")
    right.legend(fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=1,
                 title="prior", title_fontsize=7)
    return fig


def power_curve(df: pd.DataFrame, *, target: float = 0.8) -> Figure:
    """Simulated power (points, ±2 Monte Carlo SE) and the closed form (line) by arm size."""
    use_book_style()
    fig, ax = plt.subplots(figsize=(7.0, 4.0))
    ax.plot(df["n_per_arm"], df["power_closed_form"], color=COLOURS["reference"], lw=2,
            label="closed form (normal approximation)")
    ax.errorbar(df["n_per_arm"], df["power_simulated"], yerr=2 * df["mc_standard_error"],
                fmt="o", color=COLOURS["simulated"], ms=5,
                label=f"simulation ({int(df['n_sims'].iloc[0]):,} simulated trials per size)")
    ax.axhline(target, color=COLOURS["reference"], ls=":", lw=1)
    ax.set_xlabel("Patients per arm")
    ax.set_ylabel("Power (probability of showing non-inferiority)")
    ax.set_ylim(0, 1)
    ax.set_title("SIMULATED future trial: power to show non-inferiority")
    ax.legend(fontsize=8, loc="lower right")
    return fig


def simulated_kaplan_meier(cohort: pd.DataFrame, *, horizon_months: float = 18.0) -> Figure:
    """Kaplan-Meier curves (lifelines) of a SIMULATED cohort, labelled as a simulation."""
    from lifelines import KaplanMeierFitter

    use_book_style()
    fig, ax = plt.subplots(figsize=(7.5, 4.4))
    for i, (arm, grp) in enumerate(cohort.groupby("arm", sort=False)):
        kmf = KaplanMeierFitter(label=f"{arm} (SIMULATED)")
        kmf.fit(grp["time_months"], event_observed=grp["relapsed"])
        kmf.plot_survival_function(ax=ax, color=arm_colour(str(arm), i), ci_show=True,
                                   ci_alpha=0.15, show_censors=False)
    ax.set_xlim(0, horizon_months)
    ax.set_ylim(0, 1.02)
    ax.set_xticks(np.arange(0, horizon_months + 0.1, 3))
    ax.set_xlabel("Months since randomisation (simulated)")
    ax.set_ylabel("Relapse-free probability")
    ax.set_title("SIMULATION, not trial data: Kaplan-Meier curves of invented patients")
    ax.legend(fontsize=8, loc="lower left", title="SIMULATED arm", title_fontsize=8)
    return fig
