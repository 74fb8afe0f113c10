"""Every number the background chapter's prose, captions and alt text use.

Computed from ``data/`` (``induction_baseline``, ``epidemiology_sex``,
``epidemiology_us_claims``, ``background_responder_index``) with :mod:`igg4lib` and formatted
with :mod:`igg4lib.book.format`; ``chapters/background.md`` glues them in one removed cell.

>>> f = facts()
>>> f["background_us_incidence_first"], f["background_us_incidence_last"]
('0.78', '1.39')
>>> f["background_rule_induction_fall"], f["background_rule_stable_below"]
('50%', '2')
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import pandas as pd
import pandera.pandas as pa
from pandas.io.formats.style import Styler
from pydantic import InstanceOf

from igg4lib import activity, data, epidemiology
from igg4lib._validation import (
    Frame,
    Rule,
    count_column,
    frame_schema,
    real_column,
    rows_at_most,
    rows_ordered,
    text_column,
    validated,
)
from igg4lib.book import format as fmt
from igg4lib.book.display import table

__all__ = [
    "RI_EXAMPLE",
    "facts",
    "men_table",
    "organs_table",
    "ri_change_table",
    "ri_example",
    "ri_scale_table",
    "share_gaps_table",
]

#: The synthetic worked example of the chapter (the same call its visible code cell makes):
#: organ scores, urgent organs and serum IgG4 score at baseline and at month 6.
RI_EXAMPLE: dict[str, dict[str, object]] = {
    "baseline": {
        "organ_scores": {"submandibular glands": 2, "lacrimal glands": 2, "bile ducts": 3},
        "urgent": ["bile ducts"],
        "serum_igg4_score": 2,
    },
    "month_6": {
        "organ_scores": {"submandibular glands": 1, "lacrimal glands": 0, "bile ducts": 1},
        "urgent": [],
        "serum_igg4_score": 1,
    },
}


#: Largest RI total a table reads (the bound of :func:`igg4lib.activity.assess_change`; the
#: instrument's totals are far below).
MAX_RI_TOTAL = 1000

#: How far a percentage may be from the one its count and denominator give (it may have
#: been rounded to one decimal place for a table).
_PERCENT_TOLERANCE = 0.05


def _percent_matches(count: str, total: str, percent: str) -> pa.Check:
    """Frame-level rule: ``percent`` is ``100 * count / total`` in every row (to 0.05)."""

    def test(df: pd.DataFrame) -> pd.Series | bool:
        try:
            expected = 100 * df[count].astype("float64") / df[total].astype("float64")
            return (df[percent].astype("float64") - expected).abs() <= _PERCENT_TOLERANCE
        except (KeyError, TypeError, ValueError):
            return True  # a missing column or a bad cell is reported by the column checks

    return pa.Check(test, error=f"{percent} = 100 * {count} / {total} in every row (to "
                    f"{_PERCENT_TOLERANCE:g} points)")


def _one_denominator(df: pd.DataFrame) -> bool:
    return "denominator" not in df or df["denominator"].nunique(dropna=True) <= 1


_ORGANS = frame_schema(
    {
        "label": text_column(unique=True),
        "count": count_column(),
        "denominator": count_column(minimum=1),
        "percent": real_column(minimum=0, maximum=100),
    },
    checks=[
        rows_at_most("count", "denominator"),
        pa.Check(_one_denominator, element_wise=False,
                 error="one cohort: the same denominator in every row"),
        _percent_matches("count", "denominator", "percent"),
    ],
)

_MEN = frame_schema(
    {
        "label": text_column(unique=True),
        "patients": count_column(minimum=1),
        "men": count_column(),
        "percent_men": real_column(minimum=0, maximum=100),
        "ci_low": real_column(minimum=0, maximum=100),
        "ci_high": real_column(minimum=0, maximum=100),
        "count_from": text_column(),
    },
    checks=[
        rows_at_most("men", "patients"),
        rows_ordered(("ci_low", "percent_men", "ci_high")),
        _percent_matches("men", "patients", "percent_men"),
    ],
)


def _two_populations(df: pd.DataFrame) -> pd.Series | bool:
    if "source_1" not in df or "source_2" not in df:
        return True  # reported as a missing column
    return df["source_1"] != df["source_2"]


def _each_pair_once(df: pd.DataFrame) -> pd.Series | bool:
    if "source_1" not in df or "source_2" not in df:
        return True  # reported as a missing column
    return ~df.duplicated(["source_1", "source_2"], keep="first")


_GAPS = frame_schema(
    {
        "source_1": text_column(),
        "source_2": text_column(),
        "difference_points": real_column(minimum=-100, maximum=100),
        "ci_low": real_column(minimum=-100, maximum=100),
        "ci_high": real_column(minimum=-100, maximum=100),
        "p_fisher": real_column(minimum=0, maximum=1),
    },
    checks=[
        rows_ordered(("ci_low", "difference_points", "ci_high")),
        pa.Check(_two_populations, error="two different populations (source_1 != source_2) "
                 "in every row"),
        pa.Check(_each_pair_once, error="each pair of populations once"),
    ],
)
_NAMES = frame_schema({"source": text_column(unique=True), "label": text_column()})


def _gaps_name_known_populations(arguments: Mapping[str, Any]) -> bool:
    gaps, men = arguments["gaps"], arguments["men"]
    return set(gaps["source_1"]) | set(gaps["source_2"]) <= set(men["source"])


def _ri_total(visit: activity.ResponderIndex, minimum: int) -> bool:
    total = getattr(visit, "total", None)
    return (isinstance(total, int) and not isinstance(total, bool)
            and minimum <= total <= MAX_RI_TOTAL)


#: A visit scored with :func:`igg4lib.activity.responder_index`.
_Visit = InstanceOf[activity.ResponderIndex]


@validated
def ri_example() -> tuple[activity.ResponderIndex, activity.ResponderIndex]:
    """The two visits of the worked example, scored with :func:`igg4lib.activity.responder_index`.

    >>> before, after = ri_example()
    >>> before.total, after.total
    (12, 3)
    """
    visits = []
    for key in ("baseline", "month_6"):
        spec = RI_EXAMPLE[key]
        visits.append(
            activity.responder_index(
                dict(spec["organ_scores"]),  # type: ignore[arg-type]
                urgent=list(spec["urgent"]),  # type: ignore[arg-type]
                serum_igg4_score=int(spec["serum_igg4_score"]),  # type: ignore[arg-type]
            )
        )
    return visits[0], visits[1]


def _organs(baseline: pd.DataFrame) -> pd.DataFrame:
    return epidemiology.organ_involvement(baseline)


# --------------------------------------------------------------------------------------
# The chapter's tables, for people (igg4lib.book.display.table)
# --------------------------------------------------------------------------------------


@validated(frames={"organs": _ORGANS})
def organs_table(organs: Frame) -> Styler:
    """The organ-involvement table: one row per organ, count and share of the cohort.

    ``organs`` is the output of :func:`igg4lib.epidemiology.organ_involvement` or rows of it:
    ``label`` (each organ once), ``count`` <= ``denominator`` (one denominator, the cohort)
    and ``percent`` (``100 * count / denominator``).

    >>> t = organs_table(epidemiology.organ_involvement(data.load("induction_baseline")))
    >>> list(t.data.columns)
    ['Patients (n)', 'Share of the cohort (%)']
    """
    n = int(organs["denominator"].iloc[0])
    return table(
        organs,
        {"label": "Organ or site", "count": "Patients (n)", "percent": "Share of the cohort (%)"},
        caption=f"Organ involvement at baseline in the PUMCH cohort (n = {n}), recomputed "
        "from the counts in Table 1 of Wang et al. 2018. A patient can count in several rows.",
        formats={"count": "int", "percent": "1dp"},
        index="label",
    )


@validated(frames={"men": _MEN})
def men_table(men: Frame) -> Styler:
    """The share of men in each population, with its Wilson 95% interval and its origin.

    ``men`` is the output of :func:`igg4lib.epidemiology.men_by_population`: ``label`` (each
    population once), ``patients``, ``men`` (at most ``patients``), ``percent_men``
    (``100 * men / patients``) inside its interval ``ci_low`` to ``ci_high`` (percent) and
    ``count_from`` (words).

    >>> men = epidemiology.men_by_population(data.load("induction_baseline"),
    ...                                      data.load("epidemiology_sex"))
    >>> men_table(men).data.iloc[0].tolist()[:3]
    ['215', '148', '68.8 (62.4 to 74.7)']
    """
    shown = men.assign(
        share=[
            f"{fmt.number(float(r.percent_men), 1)} "
            f"({fmt.interval(float(r.ci_low), float(r.ci_high))})"
            for r in men.itertuples(index=False)
        ]
    )
    return table(
        shown,
        {"label": "Population", "patients": "Patients (n)", "men": "Men (n)",
         "share": "Men, % (95% CI)", "count_from": "Where the count of men comes from"},
        caption="Share of men among patients with IgG4-RD in three published populations, "
        "with Wilson 95% intervals.",
        formats={"patients": "int", "men": "int"},
        index="label",
    )


@validated(
    frames={"gaps": _GAPS, "men": _NAMES},
    rules=[Rule("gaps", _gaps_name_known_populations,
                "pairs of the populations of argument 'men' (its source values)")],
)
def share_gaps_table(gaps: Frame, men: Frame) -> Styler:
    """Every pair of populations compared directly: difference in the share of men.

    ``gaps`` is the output of :func:`igg4lib.epidemiology.men_share_differences` (each pair
    of two different populations once, ``difference_points`` inside ``ci_low`` to
    ``ci_high``, percentage points, and ``p_fisher``); ``men`` names the populations
    (``source`` -> ``label``, the output of :func:`igg4lib.epidemiology.men_by_population`).

    >>> men = epidemiology.men_by_population(data.load("induction_baseline"),
    ...                                      data.load("epidemiology_sex"))
    >>> t = share_gaps_table(epidemiology.men_share_differences(men), men)
    >>> t.data.index[0]
    'PUMCH induction cohort vs Japanese multicentre cohort, five hospitals'
    """
    names = dict(zip(men["source"], men["label"], strict=True))
    shown = gaps.assign(
        pair=[f"{names[a]} vs {names[b]}" for a, b in zip(gaps["source_1"], gaps["source_2"],
                                                           strict=True)],
        ci=[fmt.interval(float(lo), float(hi)) for lo, hi in zip(gaps["ci_low"], gaps["ci_high"],
                                                                   strict=True)],
    )
    return table(
        shown,
        {"pair": "Populations compared", "difference_points": "Difference in men (points)",
         "ci": "95% CI (points)", "p_fisher": "p (Fisher)"},
        caption="Difference in the share of men between two populations (first minus "
        "second), in percentage points, with Newcombe's score interval.",
        formats={"difference_points": lambda v: fmt.signed(float(v), 1), "p_fisher": "p"},
        index="pair",
    )


@validated
def ri_scale_table() -> Styler:
    """The organ activity scores of the RI and what each means (a teaching model).

    >>> ri_scale_table().data.shape
    (4, 1)
    """
    scale = pd.DataFrame(
        {"score": list(activity.ORGAN_SCORE_MEANING),
         "meaning": list(activity.ORGAN_SCORE_MEANING.values())}
    )
    return table(
        scale,
        {"score": "Organ score", "meaning": "Meaning"},
        caption="Activity score of one organ or site in the responder index, as the book "
        "models it from secondary descriptions.",
        index="score",
    )


@validated(rules=[
    Rule("before", lambda a: _ri_total(a["before"], 1),
         f"a ResponderIndex whose total is a whole number from 1 to {MAX_RI_TOTAL} (a fall "
         "needs an active start)"),
    Rule("after", lambda a: _ri_total(a["after"], 0),
         f"a ResponderIndex whose total is a whole number from 0 to {MAX_RI_TOTAL}"),
])
def ri_change_table(before: _Visit, after: _Visit) -> Styler:
    """Two visits of a synthetic patient read against the three response rules.

    ``before`` and ``after`` are visits scored with :func:`igg4lib.activity.responder_index`
    (an RI above 0 at ``before``).

    >>> t = ri_change_table(*ri_example())
    >>> t.data.iloc[:, 0].tolist()[:3]
    ['12', '3', '-75.0']
    """
    rules = data.load("background_responder_index").set_index("rule")["value"]
    pct, points, stable = (
        fmt.number(float(rules[k]), 0)
        for k in ("induction_goal", "rituximab_response", "wins_stable")
    )
    change = activity.assess_change(
        before.total, after.total, fall_threshold_pct=float(rules["induction_goal"]),
        fall_threshold_points=float(rules["rituximab_response"]),
        stable_below=float(rules["wins_stable"]),
    )

    def yes(flag: bool) -> str:
        return "yes" if flag else "no"

    rows = pd.DataFrame({
        "what": ["RI at baseline", "RI at month 6", "Change (%)",
                 f"Fall of {pct}% or more (PUMCH induction goal)",
                 f"Fall of {points} points or more (rituximab trial)",
                 f"RI below {stable} (stable, WInS entry)"],
        "value": [str(before.total), str(after.total), fmt.signed(change.percent_change, 1),
                  yes(change.fall_at_least_50pct), yes(change.fall_at_least_2_points),
                  yes(change.stable_at_follow_up)],
    })
    return table(
        rows, {"what": "Reading", "value": "Value"},
        caption="A synthetic patient's responder index at two visits, read against three "
        "rules from the sources.",
        index="what", label="SYNTHETIC",
    )


def _number(value: float) -> str:
    """A rate as the abstract prints it (no trailing zeros added or dropped)."""
    return f"{float(value):g}"


@validated
def facts() -> dict[str, object]:
    """Every number of ``chapters/background.md``, keyed ``background_...``."""
    out: dict[str, object] = {}
    baseline = data.load("induction_baseline")

    # Organ involvement (Table 1 of the PUMCH cohort)
    organs = _organs(baseline)
    ranked = organs.sort_values("percent", ascending=False)
    top = ranked.iloc[0]
    out["background_n_cohort"] = int(organs["denominator"].iloc[0])
    out["background_top_organ"] = str(top["label"]).lower()
    out["background_top_organ_pct"] = fmt.percent(int(top["count"]), int(top["denominator"]))
    for key, label in (
        ("aip", "Autoimmune pancreatitis"),
        ("rpf", "Retroperitoneal fibrosis"),
        ("kidney", "Kidney involvement"),
    ):
        row = organs.loc[organs["label"] == label].iloc[0]
        out[f"background_{key}_pct"] = fmt.percent(int(row["count"]), int(row["denominator"]))
    out["background_organ_pct_sum"] = fmt.number(float(organs["percent"].sum()), 0) + "%"
    n_organs = baseline[baseline["section"] == "Number of organs involved, n (%)"]
    three_plus = n_organs.loc[n_organs["label"] != "1 ~ 2"]
    out["background_three_plus_pct"] = fmt.percent(
        int(three_plus["count"].sum()), int(n_organs["denominator"].iloc[0])
    )

    # US claims study (Wallace 2023): rates and mean age as printed
    us = data.load("epidemiology_us_claims")
    incidence = us[us["measure"] == "incidence"].sort_values("year")
    first, last = incidence.iloc[0], incidence.iloc[-1]
    out["background_us_incidence_first"] = _number(first["value"])
    out["background_us_incidence_last"] = _number(last["value"])
    out["background_us_incidence_first_year"] = str(int(first["year"]))
    out["background_us_incidence_last_year"] = str(int(last["year"]))
    out["background_us_incidence_unit"] = str(first["unit"]).replace("100 000", "100,000")
    prevalence = us[us["measure"] == "prevalence"].iloc[0]
    out["background_us_prevalence"] = _number(prevalence["value"])
    out["background_us_prevalence_unit"] = str(prevalence["unit"]).replace("100 000", "100,000")
    out["background_us_prevalence_date"] = str(prevalence["label"]).split(", ", 1)[1]
    age = us[us["measure"] == "mean_age"].iloc[0]
    out["background_us_mean_age"] = _number(age["value"])

    # Share of men in three populations, and the pairwise differences
    sex = data.load("epidemiology_sex")
    men = epidemiology.men_by_population(baseline, sex)
    by_source = men.set_index("source")
    pumch = by_source.loc["wang2018"]
    out["background_male_n"] = int(pumch["men"])
    out["background_sex_total"] = int(pumch["patients"])
    out["background_male_pct"] = fmt.percent(int(pumch["men"]), int(pumch["patients"]))
    age_row = baseline.loc[baseline["label"] == "Age (years)"].iloc[0]
    out["background_age_median"] = fmt.number(float(age_row["median"]), 0)
    for key, source in (("japan", "yamada2017"), ("us", "wallace2023")):
        row = by_source.loc[source]
        out[f"background_{key}_n"] = int(row["patients"])
        out[f"background_{key}_men_pct"] = fmt.percent(int(row["men"]), int(row["patients"]))
        out[f"background_{key}_men_ci"] = fmt.interval(
            float(row["ci_low"]), float(row["ci_high"]), unit="%"
        )
    us_sex = sex.set_index("source").loc["wallace2023"]
    out["background_us_women_printed"] = fmt.number(float(us_sex["percent"]), 1) + "%"
    gaps = epidemiology.men_share_differences(men).set_index(["source_1", "source_2"])
    for key, pair in {
        "pumch_us": ("wang2018", "wallace2023"),
        "japan_us": ("yamada2017", "wallace2023"),
        "pumch_japan": ("wang2018", "yamada2017"),
    }.items():
        row = gaps.loc[pair]
        out[f"background_gap_{key}"] = fmt.number(float(row["difference_points"]), 1)
        out[f"background_gap_{key}_ci"] = fmt.interval(float(row["ci_low"]), float(row["ci_high"]))
        excludes_zero = bool(row["ci_low"] > 0 or row["ci_high"] < 0)
        out[f"background_gap_{key}_reading"] = (
            "an interval that excludes no difference"
            if excludes_zero
            else "an interval that includes no difference"
        )

    # Responder index: the rules and the instrument's size, as read
    rules = data.load("background_responder_index").set_index("rule")
    out["background_rule_induction_fall"] = fmt.number(
        float(rules.loc["induction_goal", "value"]), 0
    ) + "%"
    out["background_rule_points_fall"] = fmt.number(
        float(rules.loc["rituximab_response", "value"]), 0
    )
    out["background_rule_stable_below"] = fmt.number(float(rules.loc["wins_stable", "value"]), 0)
    out["background_ri_sites"] = int(rules.loc["ri_sites", "value"])
    out["background_ri_constitutional"] = int(rules.loc["ri_constitutional", "value"])
    scores = sorted(activity.ORGAN_SCORE_MEANING)
    out["background_ri_score_min"] = scores[0]
    out["background_ri_score_max"] = scores[-1]

    # The synthetic worked example
    before, after = ri_example()
    change = activity.assess_change(before.total, after.total)
    out["background_ri_before"] = before.total
    out["background_ri_after"] = after.total
    out["background_ri_pct"] = fmt.signed(change.percent_change, 1) + "%"
    out["background_ri_pct_rule_met"] = "met here" if change.fall_at_least_50pct else "not met here"
    out["background_ri_points_rule_met"] = (
        "met here" if change.fall_at_least_2_points else "not met here"
    )
    # The registry's "stable" is a duration as well as a threshold: one visit below the
    # threshold meets the second part only.
    stable_time = data.load("wins_registry_criteria").set_index("item").loc[
        "time with stable disease"]
    years = float(stable_time["value"])
    unit = str(stable_time["unit"])
    unit = unit.removesuffix("s") if years == 1 else unit
    out["background_rule_stable_time"] = f"more than {fmt.number(years, 0)} {unit}"
    out["background_ri_stable_met"] = (
        "this patient's RI meets that threshold at this visit, but one visit cannot show the "
        "stability the registry asked for" if change.stable_at_follow_up
        else "this patient, with residual activity, would not yet qualify"
    )

    cohort_ri = baseline.loc[baseline["label"] == "IgG4-RD RI"].iloc[0]
    if not all(math.isfinite(float(cohort_ri[c])) for c in ("median", "q1", "q3")):
        raise ValueError("induction_baseline: the IgG4-RD RI row needs median, q1 and q3")
    out["background_cohort_ri_median"] = fmt.number(float(cohort_ri["median"]), 0)
    out["background_cohort_ri_iqr"] = fmt.interval(
        float(cohort_ri["q1"]), float(cohort_ri["q3"]), digits=0
    )
    return out
