"""Figures of the WInS maintenance-trial chapter.

Every function returns a :class:`matplotlib.figure.Figure` drawn in the book's style
(:func:`igg4lib.plots.use_book_style`) with colours from :data:`igg4lib.plots.COLOURS`.
Figures built from simulated patients say SIMULATION in the title and the legend.

One colour means one thing across the chapter: each arm keeps its colour in every figure
(:func:`arm_colour`), grey marks references (the printed percentages, the closed-form power,
arrows), reddish purple marks simulated trials, and the prior families of the Bayesian
figure (:data:`PRIOR_COLOURS`) use colours no arm uses. Figures are at most
:data:`WIDTH_INCHES` wide, so text of 12 pt is shown at least as large as the body text, and use
constrained layout, so no label is clipped.

Every function is checked by :mod:`igg4lib._validation`: a figure refuses bad data (a
negative count, events above the arm size, a NaN estimate, an interval that does not contain
its estimate, a probability outside [0, 1]) with an error naming the argument, the column and
the row, instead of drawing it.

>>> import pandas as pd
>>> arms = pd.DataFrame({"arm": ["withdraw GC+IM"], "n": [48], "events": [25],
...                      "printed": ["52.1%"]})
>>> fig = consort_flow(arms)
>>> len(fig.axes)
1
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from typing import Annotated

import annotated_types as at
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pandera.pandas as pa
from matplotlib.figure import Figure
from matplotlib.patches import FancyBboxPatch
from scipy import stats as sps

from igg4lib import data
from igg4lib._validation import (
    MAX_PATIENTS,
    MAX_SIMULATIONS,
    Count,
    Frame,
    PositiveFloat,
    Probability,
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
from igg4lib.plots import COLOURS, PALETTE, use_book_style

__all__ = [
    "MAX_AT_RISK_TIMES",
    "PRIOR_COLOURS",
    "WIDTH_INCHES",
    "arm_colour",
    "consort_flow",
    "posterior_panels",
    "power_curve",
    "relapse_by_arm",
    "simulated_kaplan_meier",
]


#: Widest figure (inches): shown at about its natural size in the book's text column.
WIDTH_INCHES = 7.0

#: Most times in the numbers-at-risk row of :func:`simulated_kaplan_meier` (0 included):
#: more columns of numbers than this overlap at the figure's width.
MAX_AT_RISK_TIMES = 25

#: Colours of the prior families in :func:`posterior_panels`: none of them is an arm's.
PRIOR_COLOURS: dict[str, str] = {"flat": PALETTE[7], "informative": PALETTE[3],
                                 "sceptical": PALETTE[4]}

#: The trial's printed arm labels mapped to the book's fixed colour names.
_ALIASES: dict[str, str] = {
    "withdraw GC but maintain IM": "withdraw GC, keep IM",
    "maintain GC+IM": "keep GC+IM",
}


@validated
def arm_colour(label: Text, position: Count = 0) -> str:
    """Colour of an arm: the book's fixed colour for the WInS arms, else the palette.

    >>> arm_colour("keep GC+IM") == arm_colour("maintain GC+IM") == COLOURS["keep GC+IM"]
    True
    """
    name = label.removesuffix(" (SIMULATED)")
    return COLOURS.get(_ALIASES.get(name, name), PALETTE[position % len(PALETTE)])


def _followup_months() -> str:
    """The WInS follow-up for relapse, in whole months, from the data set ``wins_design``."""
    design = data.load("wins_design").set_index("item")
    return f"{float(design.loc['follow-up for the primary outcome', 'value']):.0f}"


def _box(ax, x: float, y: float, w: float, h: float, text: str, colour: str) -> None:
    ax.add_patch(FancyBboxPatch((x - w / 2, y - h / 2), w, h,
                                boxstyle="round,pad=0.01,rounding_size=0.015",
                                linewidth=1.8, edgecolor=colour, facecolor="white"))
    ax.text(x, y, text, ha="center", va="center", fontsize=12)


def _arrow(ax, x0: float, y0: float, x1: float, y1: float) -> None:
    ax.annotate("", xy=(x1, y1), xytext=(x0, y0),
                arrowprops={"arrowstyle": "->", "color": COLOURS["reference"], "lw": 1.2})


def _basis_note(basis: str) -> str:
    """A short note on where an analysed count comes from, for a box or a tick label."""
    if basis.startswith("only whole count"):
        return "only count that fits"
    if basis.startswith("book's reading"):
        return "the book's reading"
    return basis


def _short(label: str) -> str:
    """The short name of a WInS arm for a tick label ("keep GC+IM"); other labels as given.

    >>> _short("withdraw GC but maintain IM")
    'withdraw GC, keep IM'
    """
    return _ALIASES.get(label, label)


def _optional(a: Mapping[str, object], argument: str, default: str) -> bool:
    """Whether the column an optional column-name argument names is required: only the
    default name may be absent (a name passed by the caller that is not a column of the
    frame is refused, not silently left out of the figure)."""
    return a[argument] != default


def _flow_arms(a: Mapping[str, object]) -> pa.DataFrameSchema:
    return frame_schema(
        {a["label"]: text_column(), a["n"]: count_column(minimum=1),
         a["events"]: count_column(), a["printed"]: text_column(),
         a["basis"]: text_column(required=_optional(a, "basis", "basis"))},
        checks=[rows_at_most(a["events"], a["n"])],
    )


@validated(frames={"arms": _flow_arms})
def consort_flow(
    arms: Frame, *, label: Text = "arm", n: Text = "n", events: Text = "events",
    printed: Text = "printed", basis: Text = "basis",
) -> Figure:
    """CONSORT-style flow from randomisation to the 18-month relapse count, from the data.

    The arms are drawn, and numbered Group 1, 2, ..., in the order of the rows: that
    order is the numbering, so pass the arms in the order the text numbers them.

    One box for randomisation (the sum of the arms), one per arm with its size, and one per
    arm with the relapse percentage as printed and the whole count the book analyses, with
    where that count comes from (``basis``, from :func:`igg4lib.trial.analysis_counts`):
    none of the counts is printed in the sources.  The ``basis`` column is optional (without
    it the boxes carry no note); ``printed`` holds the percentages as printed (text).
    """
    use_book_style()
    k = len(arms)
    fig, ax = plt.subplots(figsize=(WIDTH_INCHES, 6.2), layout="constrained")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.axis("off")
    total = int(arms[n].sum())
    ratio = ":".join(["1"] * k)
    _box(ax, 0.5, 0.91, 0.34, 0.11, f"Randomised {ratio}\nn = {total}", COLOURS["reference"])
    xs = np.linspace(1 / (2 * k), 1 - 1 / (2 * k), k)
    width = min(0.31, 0.96 / k)
    for i, (x, row) in enumerate(zip(xs, arms.itertuples(index=False), strict=True)):
        rec = row._asdict()
        colour = arm_colour(str(rec[label]), i)
        _arrow(ax, 0.5, 0.855, x, 0.73)
        name = textwrap.fill(str(rec[label]), width=16)
        _box(ax, x, 0.61, width, 0.22, f"Group {i + 1}\n{name}\nn = {int(rec[n])}", colour)
        _arrow(ax, x, 0.50, x, 0.42)
        note = ""
        if basis in rec:
            note = f"\n({textwrap.fill(_basis_note(str(rec[basis])), width=18)})"
        _box(ax, x, 0.25, width, 0.31,
             f"Relapse by month 18\nas printed: {rec[printed]}\n"
             f"count analysed: {int(rec[events])}/{int(rec[n])}{note}", colour)
    ax.text(0.5, 0.0, "Counts are inferred from the printed percentages (the sources\n"
            "give no counts); losses to follow-up are not reported.", ha="center",
            va="bottom", fontsize=12, color=COLOURS["reference"])
    ax.set_title("WInS: arm sizes as published, relapse counts as analysed")
    return fig


def _relapse_table(a: Mapping[str, object]) -> pa.DataFrameSchema:
    def percent(required: bool = True) -> pa.Column:
        return real_column(minimum=0.0, maximum=100.0, required=required)

    return frame_schema(
        {a["label"]: text_column(), a["estimate"]: percent(), a["low"]: percent(),
         a["high"]: percent(),
         a["printed"]: percent(required=_optional(a, "printed", "printed_pct")),
         a["events"]: count_column(required=_optional(a, "events", "events")),
         a["n"]: count_column(minimum=1, required=_optional(a, "n", "n")),
         a["basis"]: text_column(required=_optional(a, "basis", "basis"))},
        checks=[rows_at_most(a["low"], a["estimate"]), rows_at_most(a["estimate"], a["high"]),
                rows_at_most(a["events"], a["n"])],
    )


@validated(frames={"table": _relapse_table})
def relapse_by_arm(
    table: Frame, *, label: Text = "arm", estimate: Text = "relapse_pct",
    low: Text = "ci_low_pct", high: Text = "ci_high_pct", printed: Text = "printed_pct",
    events: Text = "events", n: Text = "n", basis: Text = "basis",
) -> Figure:
    """Analysed relapse percentage by arm with 95% Wilson intervals, and the printed value.

    The arms are drawn, and numbered Group 1, 2, ..., in the order of the rows: that
    order is the numbering, so pass the arms in the order the text numbers them.

    The dot is the count the book analyses (``events`` of ``n``), the grey cross the
    percentage as printed; each tick label names the group, the count and where it comes
    from, so an analysed 14.3% is never shown as if it were the printed 14.2%. The estimate
    and its interval are printed beside each bar, as in a forest plot.

    ``estimate``, ``low`` and ``high`` are percentages with ``low <= estimate <= high`` in
    every row; the columns ``printed``, ``events``, ``n`` and ``basis`` are optional (the
    cross and the tick-label details are left out without them) under their default
    names; a name passed explicitly must be a column of ``table``.
    """
    use_book_style()
    fig, ax = plt.subplots(figsize=(WIDTH_INCHES, 4.4), layout="constrained")
    labels = [str(v) for v in table[label]]
    rows = table.to_dict("records")
    ys = np.arange(len(rows))[::-1]  # first arm on top
    for i, (y, rec) in enumerate(zip(ys, rows, strict=True)):
        colour = arm_colour(labels[i], i)
        ax.hlines(y, rec[low], rec[high], color=colour, lw=3)
        ax.scatter([rec[estimate]], [y], s=90, color=colour, zorder=3)
        if printed in rec:
            ax.scatter([rec[printed]], [y], marker="x", s=70, color=COLOURS["reference"],
                       linewidths=2, zorder=4, label="printed percentage" if i == 0 else None)
        ax.annotate(f"{rec[estimate]:.1f}% ({rec[low]:.1f} to {rec[high]:.1f})", (1.02, y),
                    xycoords=("axes fraction", "data"), va="center", fontsize=12)
    ticks = []
    for i, rec in enumerate(rows):
        tick = f"Group {i + 1}\n{_short(labels[i])}"
        if {events, n} <= set(rec):
            note = f": {_basis_note(str(rec[basis]))}" if basis in rec else ""
            tick = f"{tick}\n{int(rec[events])}/{int(rec[n])}{note}"
        ticks.append(tick)
    ax.set_yticks(ys, ticks)
    ax.set_ylim(-0.6, len(rows) - 0.4)
    if printed in table.columns:
        ax.legend(loc="lower right")
    ax.set_xlim(0, min(100.0, 10 * np.ceil(float(table[high].max()) / 10 + 0.5)))
    ax.set_xlabel(f"Relapse within {_followup_months()} months (% of randomised)")
    ax.set_ylabel("")
    ax.set_title("Relapse by arm: analysed % (95% Wilson CI)", loc="left")
    return fig


#: A parameter of a Beta posterior drawn on the density grid: > 0 and at most
#: :data:`~igg4lib._validation.MAX_PATIENTS` (prior plus patients).
_BetaParameter = Annotated[PositiveFloat, at.Le(MAX_PATIENTS)]

def _margin_column() -> pa.Column:
    """A column of margins on the risk scale, strictly between -1 and 1."""
    column = real_column(minimum=-1.0, maximum=1.0)
    column.checks.append(pa.Check(
        lambda s: pd.to_numeric(s, errors="coerce").between(-1.0, 1.0, inclusive="neither"),
        error="a margin strictly between -1 and 1"))
    return column


_SENSITIVITY = frame_schema({
    "prior": text_column(), "margin": _margin_column(),
    "prob_exceeds_margin": real_column(minimum=0.0, maximum=1.0),
    "family": text_column(isin=["flat", "informative", "sceptical"], required=False),
})


@validated(frames={"sensitivity": _SENSITIVITY})
def posterior_panels(
    posteriors: Annotated[Mapping[Text, tuple[_BetaParameter, _BetaParameter]], at.MinLen(1)],
    sensitivity: Frame,
) -> Figure:
    """Top: Beta posterior density of each arm's relapse risk.  Bottom: P(difference > margin).

    ``posteriors`` maps arm label to the posterior (a, b); ``sensitivity`` has columns
    ``prior``, ``margin`` and ``prob_exceeds_margin`` (from
    :func:`igg4lib.trial.prior_sensitivity`), and optionally ``family`` ("flat",
    "informative" or "sceptical", coloured by :data:`PRIOR_COLOURS`); margins lie strictly
    between -1 and 1 and probabilities in [0, 1].
    """
    use_book_style()
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(WIDTH_INCHES, 9.0), layout="constrained",
                                      height_ratios=[1, 1.15])
    grid = np.linspace(0, 1, 501)
    for i, (lab, (a, b)) in enumerate(posteriors.items()):
        top.plot(grid * 100, sps.beta(a, b).pdf(grid) / 100, color=arm_colour(lab, i),
                 label=f"Group {i + 1}: {lab}", lw=2.5)
    top.set_xlabel(f"{_followup_months()}-month relapse risk (%)")
    top.set_ylabel("Density (per point)")
    top.set_title("Posterior of each arm (uniform prior)", loc="left")
    top.legend(loc="upper right")
    styles = {"flat": ["-", "--"], "informative": ["-", "--"], "sceptical": ["-", "--"]}
    seen: dict[str, int] = {}
    for prior, grp in sensitivity.groupby("prior", sort=False):
        family = str(grp["family"].iloc[0]) if "family" in grp else _family(str(prior))
        k = seen.get(family, 0)
        seen[family] = k + 1
        bottom.plot(grp["margin"] * 100, grp["prob_exceeds_margin"],
                    ls=styles.get(family, ["-"])[k % 2], color=PRIOR_COLOURS.get(family,
                    COLOURS["reference"]), lw=2.2, label=textwrap.fill(str(prior), 48))
    bottom.set_xlabel(f"Margin (percentage points of {_followup_months()}-month relapse)")
    bottom.set_ylabel("P(group 1 minus\ngroup 2 > margin)")
    bottom.set_ylim(0, 1.02)
    bottom.set_title("Keeping the IM vs stopping both: sensitivity to the prior", loc="left")
    bottom.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=1, title="prior")
    return fig


def _family(prior: str) -> str:
    if "sceptical" in prior:
        return "sceptical"
    return "informative" if "informative" in prior else "flat"


_POWER = frame_schema({
    "n_per_arm": count_column(minimum=1),
    "power_simulated": real_column(minimum=0.0, maximum=1.0),
    # the standard error of a simulated proportion is at most 0.5 / sqrt(n_sims)
    "mc_standard_error": real_column(minimum=0.0, maximum=0.5),
    "power_closed_form": real_column(minimum=0.0, maximum=1.0),
    "n_sims": count_column(minimum=1, maximum=MAX_SIMULATIONS),
})


@validated(frames={"df": _POWER})
def power_curve(df: Frame, *, target: Probability = 0.8) -> Figure:
    """Simulated power (points, ±2 Monte Carlo SE) and the closed form (line) by arm size.

    ``df`` is a table of :func:`igg4lib.trial.simulate_noninferiority_power`; ``target`` is
    the power marked by a dotted line.
    """
    use_book_style()
    fig, ax = plt.subplots(figsize=(WIDTH_INCHES, 4.4), layout="constrained")
    ax.plot(df["n_per_arm"], df["power_closed_form"], color=COLOURS["reference"], lw=2,
            label="closed form (normal approximation)")
    ax.errorbar(df["n_per_arm"], df["power_simulated"], yerr=2 * df["mc_standard_error"],
                fmt="o", color=COLOURS["simulated"], ms=5,
                label=f"SIMULATED ({int(df['n_sims'].iloc[0]):,} trials per size)")
    ax.axhline(target, color=COLOURS["reference"], ls=":", lw=1)
    ax.set_xlabel("Patients per arm")
    ax.set_ylabel("Power")
    ax.set_ylim(0, 1)
    ax.set_title("SIMULATED future trial: power to show non-inferiority", loc="left")
    ax.legend(loc="lower right")
    return fig


_COHORT = frame_schema({"arm": text_column(), "time_months": real_column(minimum=0.0),
                        "relapsed": flag_column()})


@validated(
    frames={"cohort": _COHORT},
    rules=[
        Rule("step_months", lambda a: a["step_months"] <= a["horizon_months"],
             "at most horizon_months ({horizon_months})"),
        Rule("horizon_months",
             lambda a: a["horizon_months"] / a["step_months"] < MAX_AT_RISK_TIMES,
             f"fewer than {MAX_AT_RISK_TIMES} steps of step_months ({{step_months}}): more "
             "numbers at risk than fit in the figure (MAX_AT_RISK_TIMES)"),
    ],
)
def simulated_kaplan_meier(
    cohort: Frame, *, horizon_months: PositiveFloat = 18.0, step_months: PositiveFloat = 3.0,
) -> Figure:
    """Kaplan-Meier curves (lifelines) of a SIMULATED cohort, with a numbers-at-risk row.

    The lower panel gives, for each arm, the simulated patients still at risk at every
    ``step_months`` (:func:`igg4lib.trial.numbers_at_risk`; at most
    :data:`MAX_AT_RISK_TIMES` times, up to ``horizon_months``); title, legend and the
    numbers-at-risk heading say SIMULATED.  ``cohort`` has the columns ``arm``,
    ``time_months`` (>= 0) and ``relapsed`` (True or False) of
    :func:`igg4lib.trial.simulate_relapse_times`.
    """
    from lifelines import KaplanMeierFitter

    from igg4lib.trial import numbers_at_risk

    use_book_style()
    fig, (ax, risk) = plt.subplots(2, 1, figsize=(WIDTH_INCHES, 5.8), layout="constrained",
                                   sharex=True, height_ratios=[3.2, 1])
    arms = list(dict.fromkeys(str(a) for a in cohort["arm"]))
    for i, arm in enumerate(arms):
        grp = cohort[cohort["arm"].astype(str) == arm]
        kmf = KaplanMeierFitter(label=f"{arm} (SIMULATED)")
        kmf.fit(grp["time_months"], event_observed=grp["relapsed"])
        kmf.plot_survival_function(ax=ax, color=arm_colour(arm, i), ci_show=True,
                                   ci_alpha=0.15, show_censors=False, lw=2)
    times = np.arange(0, horizon_months + 1e-9, step_months)
    ax.set_xlim(-0.3, horizon_months + 0.3)
    ax.set_ylim(0, 1.02)
    ax.set_xlabel("")
    ax.set_ylabel("Relapse-free probability")
    ax.set_title("SIMULATION, not trial data: invented patients", loc="left")
    ax.legend(loc="lower left", title="SIMULATED arm")
    nar = numbers_at_risk(cohort, times=list(times))
    for i, arm in enumerate(arms):
        row = nar[nar["arm"] == arm]
        y = len(arms) - 1 - i
        for t, count in zip(row["time_months"], row["at_risk"], strict=True):
            risk.text(t, y, str(int(count)), ha="center", va="center", fontsize=12,
                      color=arm_colour(arm, i), fontweight="bold")
    risk.set_yticks(range(len(arms)), [f"Group {len(arms) - j}" for j in range(len(arms))])
    risk.set_ylim(-0.6, len(arms) - 0.4)
    risk.grid(False)
    for side in ("top", "right", "left"):
        risk.spines[side].set_visible(False)
    risk.tick_params(axis="y", length=0)
    risk.set_title("Number at risk (SIMULATED)", loc="left", fontsize=12)
    risk.set_xticks(times)
    risk.set_xlabel("Months since randomisation (simulated)")
    return fig
