"""Every number and table the induction chapter (``chapters/induction.md``) shows.

The chapter glues the facts in one removed cell (``glue_facts("induction")``). Counts are
plain integers; percentages, intervals, p-values and phrases are strings formatted by
:mod:`igg4lib.book.format`. Accounts of ambiguous published numbers (the allergy
denominator, the second-relapse denominator, the Discussion's overall relapse rate) are
taken from :mod:`igg4lib.readings`, never restated here.

The ``*_table`` functions turn a result of :mod:`igg4lib.induction` (or a loaded data set)
into the table a reader sees, through :func:`igg4lib.book.display.table`: headings in words
with units, formatted numbers, a caption, and the SYNTHETIC label where rows are invented.

>>> f = facts()
>>> f["induction_n_total"], f["induction_fail_p"]
(215, '0.008')
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from functools import cache
from numbers import Real
from typing import Literal

import numpy as np
import pandas as pd
import pandera.pandas as pa

from igg4lib import cohort, data, induction, readings, stats
from igg4lib._validation import (
    Frame,
    PositiveCount,
    Rule,
    count_column,
    flag_column,
    frame_schema,
    real_column,
    rows_at_most,
    rows_ordered,
    text_column,
    validated,
)
from igg4lib.book import _reading_lines
from igg4lib.book import format as fmt
from igg4lib.book.display import table

__all__ = [
    "EXERCISE_MP_MG",
    "EXERCISE_RI",
    "EXERCISE_VIGNETTE",
    "assessment_table",
    "balance_table",
    "equivalents_table",
    "facts",
    "failed_goals_table",
    "goal_examples",
    "outcome_checks_table",
    "outcome_family_table",
    "outcomes_table",
    "recovered_table",
    "regimens_table",
    "synthetic_table",
]

#: Inputs of the classification exercise (an invented patient): baseline RI, then the
#: lowest RI by month 6 in the two versions the exercise asks about.
EXERCISE_RI = (14, 7, 8)
#: The invented patient's methylprednisolone dose in the classification exercise (mg/day).
EXERCISE_MP_MG = 8.0
#: Inputs of the no-code vignette (an invented patient): baseline RI, lowest RI by month 6,
#: prednisone at month 6 (mg/day).
EXERCISE_VIGNETTE = (16, 6, 15.0)


def _range(low: float, high: float, digits: int = 0) -> str:
    return fmt.interval(low, high, digits=digits)


def _in_words(label: str) -> str:
    """A Table 2 row label for the middle of a sentence: no unit, no capital unless a name.

    >>> _in_words("Retroperitoneal fibrosis"), _in_words("IgE (kU/L)"), _in_words("IgG4-RD RI")
    ('retroperitoneal fibrosis', 'IgE', 'IgG4-RD RI')
    """
    text = label.split(" (")[0].strip()
    first = text.split(" ")[0]
    if first[1:] == first[1:].lower():
        text = text[0].lower() + text[1:]
    return text


@cache
def _facts() -> dict[str, object]:
    t2 = data.load("induction_by_treatment")
    row = t2.set_index("label")
    out = data.load("induction_outcomes").set_index("label")
    base = data.load("induction_baseline").set_index("label")
    reg = data.load("induction_regimens").set_index("label")
    pr = induction.protocol
    f: dict[str, object] = {}

    # cohort and regimen
    fail = row.loc["Failure of remission induction"]
    n_gc, n_gcim = int(fail["gc_group_size"]), int(fail["gcim_group_size"])
    f["induction_n_gc"] = n_gc
    f["induction_n_gcim"] = n_gcim
    f["induction_n_total"] = n_gc + n_gcim
    f["induction_enrolled"] = int(pr("enrolled"))
    f["induction_year_first"] = int(pr("enrolment_first_year"))
    f["induction_year_last"] = int(pr("enrolment_last_year"))
    f["induction_min_follow_up"] = int(pr("minimum_follow_up"))
    f["induction_stage_months"] = int(pr("induction_stage_months"))
    f["induction_pred_per_kg"] = _range(pr("prednisone_start_min_mg_per_kg"),
                                        pr("prednisone_start_max_mg_per_kg"), 1)
    f["induction_pred_start"] = _range(pr("prednisone_start_min_mg"), pr("prednisone_start_max_mg"))
    f["induction_start_min_weeks"] = int(pr("start_dose_min_weeks"))
    f["induction_start_max_months"] = int(pr("start_dose_max_months"))
    f["induction_taper_step_mg"] = int(pr("taper_step_mg"))
    f["induction_taper_weeks"] = int(pr("taper_interval_weeks"))
    f["induction_maintenance"] = _range(pr("maintenance_min_mg"), pr("maintenance_max_mg"))
    f["induction_goal_ri_pct"] = fmt.number(pr("goal_ri_decline_pct"), 0)
    f["induction_goal_pred_mg"] = fmt.number(pr("goal_prednisone_max_mg"), 0)
    f["induction_n_regimen_sum"] = int(reg["patients"].sum())
    f["induction_n_ctx"] = int(reg.at["CTX", "patients"])
    f["induction_n_mmf"] = int(reg.at["MMF", "patients"])
    mp8 = induction.prednisone_equivalent(EXERCISE_MP_MG, "methylprednisolone")
    f["induction_mp_dose"] = fmt.number(EXERCISE_MP_MG, 0)
    f["induction_mp8_as_pred"] = fmt.number(mp8, 1)

    # flow and overall outcomes
    f["induction_n_ri_fail"] = int(out.at["decline in RI <50%", "count"])
    f["induction_n_success"] = int(out.at["remission without relapse", "count"])
    f["induction_n_relapse"] = int(out.at["relapse during GC tapering", "count"])
    f["induction_n_persistent"] = int(out.at["persistently active disease at month 6", "count"])
    f["induction_n_fail"] = int(out.at["failure of remission induction", "count"])
    f["induction_n_taper_fail"] = int(
        out.at["GC not tapered to maintenance dose at month 6", "count"])
    for k in ("Definite", "Probable", "Possible"):
        f[f"induction_dx_{k.lower()}"] = int(base.at[k, "count"])

    # outcomes by treatment
    res = stats.compare_proportions(int(fail["gc_count"]), n_gc, int(fail["gcim_count"]), n_gcim)
    f["induction_fail_gc_n"] = res.x1
    f["induction_fail_gcim_n"] = res.x2
    f["induction_fail_gc_pct"] = fmt.percent(res.x1, n_gc)
    f["induction_fail_gcim_pct"] = fmt.percent(res.x2, n_gcim)
    f["induction_fail_p"] = fmt.p_value(res.p_fisher)
    # the dosing the authors tested as a risk factor: a taper begun before week 4 (Table 3)
    t3 = data.load("induction_risk_factors")
    early = t3[(t3["label"] == "GC tapered before week 4")
               & (t3["group"] == "GC monotherapy")].iloc[0]
    f["induction_taper4_or_gc"] = fmt.number(float(early["odds_ratio"]), 2)
    f["induction_taper4_ci_gc"] = fmt.interval(float(early["ci_low"]), float(early["ci_high"]),
                                               digits=2)
    # the goals behind the difference: relapse during the taper, and the taper itself
    for key, label in (("relapse", "Relapse"), ("taper", "Failure of GC tapering"),
                       ("ri_goal", "RI reduction <50%")):
        goal = row.loc[label]
        by_goal = stats.compare_proportions(int(goal["gc_count"]), n_gc,
                                            int(goal["gcim_count"]), n_gcim)
        f[f"induction_{key}_gc_pct"] = fmt.percent(by_goal.x1, n_gc)
        f[f"induction_{key}_gcim_pct"] = fmt.percent(by_goal.x2, n_gcim)
        f[f"induction_{key}_p"] = fmt.p_value(by_goal.p_fisher)
    f["induction_rd"] = fmt.signed(res.risk_difference, scale=100)
    f["induction_rd_ci"] = fmt.interval(res.rd_ci_low, res.rd_ci_high, scale=100)
    f["induction_rr"] = fmt.number(res.risk_ratio, 2)
    f["induction_rr_ci"] = fmt.interval(res.rr_ci_low, res.rr_ci_high, digits=2)
    f["induction_nnt"] = fmt.number(res.nnt.value, 1)
    f["induction_nnt_up"] = int(-(-res.nnt.value // 1))
    family = induction.outcome_family(t2)
    f["induction_outcome_rows"] = len(family)
    f["induction_outcome_rows_agree"] = int(
        sum(fmt.p_value(p) == printed or fmt.number(p, len(printed.split(".")[-1])) == printed
            for p, printed in zip(family["p_fisher"], family["p_printed"], strict=True)))
    fam = family.set_index("label")
    f["induction_fail_p_holm"] = fmt.p_value(float(fam.at["Failure of remission induction",
                                                        "p_holm"]))
    f["induction_relapse_p_holm"] = fmt.p_value(float(fam.at["Relapse", "p_holm"]))
    f["induction_n_holm_below"] = int((family["p_holm"] < 0.05).sum())

    # organ-level failure
    organ = data.load("induction_organ_failure")
    lung = organ[(organ["label"] == "lung") & organ["group"].str.contains("monotherapy")].iloc[0]
    ci = stats.wilson_ci(int(lung["failures"]), int(lung["patients"]))
    f["induction_lung_x"] = int(lung["failures"])
    f["induction_lung_n"] = int(lung["patients"])
    f["induction_lung_ci"] = fmt.interval(ci.ci_low, ci.ci_high, digits=0, scale=100, unit="%")

    # serology
    sero = data.load("induction_month6_serology").set_index(["label", "outcome"])
    f["induction_igg4_fail"] = fmt.number(sero.at[("IgG4 (mg/L)", "failure"), "median"], 0)
    f["induction_igg4_success"] = fmt.number(sero.at[("IgG4 (mg/L)", "success"), "median"], 0)

    # re-treatment
    re = data.load("induction_retreatment").set_index("label")
    followed = int(re.at["follow-up data available", "count"])
    remitted = int(re.at["remission after re-treatment", "count"])
    second = readings.adopted("retreatment-second-relapse")
    ci_rem = stats.wilson_ci(remitted, followed)
    ci_sec = stats.wilson_ci(second.events, second.n)
    f["induction_re_followed"] = followed
    f["induction_re_remitted"] = remitted
    f["induction_re_second"] = second.events
    f["induction_re_rem_pct"] = fmt.percent(remitted, followed)
    f["induction_re_rem_ci"] = fmt.interval(ci_rem.ci_low, ci_rem.ci_high, 0, 100, "%")
    f["induction_re_sec_pct"] = fmt.percent(second.events, second.n)
    f["induction_re_sec_ci"] = fmt.interval(ci_sec.ci_low, ci_sec.ci_high, 0, 100, "%")
    f.update(_reading_lines("induction_account_second", "retreatment-second-relapse"))
    f["induction_re_lost"] = f["induction_n_relapse"] - followed
    overall = readings.adopted("overall-relapse-rate")
    f["induction_overall_relapse_pct"] = overall.printed.strip("()")
    f.update(_reading_lines("induction_account_overall", "overall-relapse-rate"))
    f["induction_relapse_pct_6m"] = fmt.percent(f["induction_n_relapse"], f["induction_n_total"])

    # appraisal: baseline balance by size
    allergy = readings.adopted("allergy-denominator")
    allergy_row = row.loc["Allergy history"]
    balance = induction.baseline_balance(
        t2, denominators={"Allergy history": (n_gc, allergy.n)})
    f["induction_n_baseline_rows"] = len(balance)
    f["induction_n_printed_p"] = int(t2["p_value"].notna().sum())
    f["induction_n_baseline_p"] = f["induction_n_printed_p"] - len(family)
    top, second_row = balance.iloc[0], balance.iloc[1]
    f["induction_smd_top_label"] = str(top["label"])
    f["induction_smd_top"] = fmt.signed(float(top["smd"]), 2)
    f["induction_smd_second_label"] = str(second_row["label"])
    f["induction_smd_second"] = fmt.signed(float(second_row["smd"]), 2)
    f["induction_smd_top_words"] = _in_words(str(top["label"]))
    f["induction_smd_second_words"] = _in_words(str(second_row["label"]))
    f["induction_smd_rpf"] = fmt.signed(
        float(balance.set_index("label").at["Retroperitoneal fibrosis", "smd"]), 2)
    rpf = row.loc["Retroperitoneal fibrosis"]
    f["induction_rpf_gc_pct"] = fmt.percent(int(rpf["gc_count"]), n_gc)
    f["induction_rpf_gcim_pct"] = fmt.percent(int(rpf["gcim_count"]), n_gcim)

    # appraisal: missing data (the allergy reading)
    f["induction_allergy_pct_printed"] = str(allergy_row["gcim_printed"]).split("(")[1].rstrip(")")
    f["induction_allergy_gcim_count"] = int(allergy_row["gcim_count"])
    f["induction_allergy_pct_138"] = fmt.percent(int(allergy_row["gcim_count"]), n_gcim)
    f["induction_allergy_den"] = allergy.n
    f["induction_allergy_missing"] = n_gcim - allergy.n
    f.update(_reading_lines("induction_account_allergy", "allergy-denominator"))

    # synthetic cohort
    synthetic = data.load("synthetic_induction_cohort")
    f["induction_syn_boundary"] = int(
        (2 * synthetic["ri_month6"] == synthetic["ri_baseline"]).sum())
    synthetic = synthetic.assign(gc_dose_mg_per_day_month6=induction.to_prednisone_equivalent(
        synthetic["gc_agent_dose_mg_per_day_month6"], synthetic["gc_agent_month6"]))
    recovered = induction.compare_with_published(induction.outcome_table(
        induction.assess_cohort(synthetic, keep=["patient_id", "treatment"])), t2)
    f["induction_syn_rows"] = len(recovered)
    f["induction_syn_matches"] = int(recovered["match"].sum())

    # exercises (the classification exercise's invented patient: baseline RI, two month-6 RIs)
    ri0, ri_a, ri_b = EXERCISE_RI
    f["induction_ex_ri0"], f["induction_ex_ri_a"], f["induction_ex_ri_b"] = ri0, ri_a, ri_b
    f["induction_ex_ri_decline_b"] = fmt.number(100 * (ri0 - ri_b) / ri0, 0)
    f["induction_ex_second_printed"] = second.printed
    f["induction_ex_allergy_printed"] = allergy.printed
    n_all = int(f["induction_n_total"])
    f["induction_ex_second_den"] = cohort.implied_denominators(
        second.events, float(second.printed.split("(")[1].rstrip("%)")), n_max=n_all)[0]
    f["induction_ex_allergy_den"] = cohort.implied_denominators(
        allergy.events, float(allergy.printed.split("(")[1].rstrip("%)")), n_max=n_all)[0]
    v_ri0, v_ri6, v_dose = EXERCISE_VIGNETTE
    verdict = induction.assess_induction(v_ri0, v_ri6, v_dose, False)
    f["induction_vig_ri0"], f["induction_vig_ri6"] = v_ri0, v_ri6
    f["induction_vig_dose"] = fmt.number(v_dose, 0)
    f["induction_vig_decline"] = fmt.number(100 * verdict.ri_decline_fraction, 0)
    f["induction_vig_failed_goals"] = len(verdict.failed_goals)
    return f


# --------------------------------------------------------------------------------------
# the chapter's tables
# --------------------------------------------------------------------------------------

_GROUP_WORDS = {"GC": "GC alone", "GC+IM": "GC + immunosuppressant"}
_GOAL_WORDS = {
    "ri_decline_below_50pct": f"RI fell by less than {100 * induction.RI_DECLINE_TARGET:.0f}%",
    "gc_not_tapered": f"prednisone above {induction.GC_MAINTENANCE_MAX_MG_PER_DAY:.0f} mg/day",
    "relapse_during_taper": "relapse during the taper",
}


# --------------------------------------------------------------------------------------
# what the tables read (checked before a table is drawn: a missing, non-finite or
# impossible value is refused, never printed as "nan" or "inf")
# --------------------------------------------------------------------------------------

_OUTCOMES = "Outcomes at month 6"
#: The values ``failed_goals`` can take: names of :data:`igg4lib.induction.GOALS` joined by
#: ";" in the paper's order, empty when no goal failed.
_GOAL_LISTS = frozenset(";".join(g for g, on in zip(induction.GOALS, mask, strict=True) if on)
                        for mask in np.ndindex(2, 2, 2))
#: The columns :func:`igg4lib.induction.assess_cohort` reads (its defaults).
_INPUTS = ["ri_baseline", "ri_month6", "gc_dose_mg_per_day_month6", "relapsed_by_month6"]


def _values(test: Callable[[object], bool], expected: str) -> pa.Check:
    """A check of every present value of a column (the column's ``nullable`` decides about
    missing ones)."""
    return pa.Check(lambda s: s[s.notna()].map(test).astype(bool), error=expected)


def _positive(column: pa.Column) -> pa.Column:
    """``column`` (of finite numbers) with every value above 0 (a baseline RI)."""
    column.checks.append(_values(
        lambda v: isinstance(v, Real) and not isinstance(v, bool) and float(v) > 0,
        "a number > 0"))
    return column


def _frame_check(test: Callable[[pd.DataFrame], pd.Series | bool], columns: Sequence[str],
                 expected: str) -> pa.Check:
    """A frame-level rule over ``columns``; skipped (True) when one is absent or holds values
    of the wrong type, which the column checks report."""
    def check(df: pd.DataFrame) -> pd.Series | bool:
        if any(c not in df for c in columns):
            return True
        try:
            return test(df)
        except (TypeError, ValueError):
            return True

    return pa.Check(check, error=expected)


def _flags(series: pd.Series) -> pd.Series:
    """True where a value is a bool (the rows a rule over flags can judge)."""
    return series.map(lambda v: isinstance(v, bool | np.bool_)).astype(bool)


def _verdicts_agree(df: pd.DataFrame) -> pd.Series:
    expected = induction.assess_cohort(df[_INPUTS])
    fraction = pd.to_numeric(df["ri_decline_fraction"], errors="coerce").astype("float64")
    return (np.isclose(fraction, expected["ri_decline_fraction"], rtol=1e-9, atol=1e-12)
            & (df["failed_goals"].astype(object) == expected["failed_goals"])
            & (df["success"].astype(object) == expected["success"]))


def _success_when_no_goal_failed(df: pd.DataFrame) -> pd.Series:
    judged = _flags(df["success"]) & df["failed_goals"].map(lambda v: isinstance(v, str))
    none_failed = df["failed_goals"].astype(object) == ""
    return ~judged | (df["success"].astype(object) == none_failed)


def _goal_column() -> pa.Column:
    """A ``failed_goals`` column: a value of :data:`_GOAL_LISTS` in every row."""
    return pa.Column(None, checks=[_values(
        lambda v: isinstance(v, str) and v in _GOAL_LISTS,
        "names of induction.GOALS joined by ';' in the paper's order, empty when no goal "
        "failed")])

_REGIMENS = frame_schema({"agent": text_column(unique=True), "label": text_column(),
                          "patients": count_column()})

_ASSESSED = frame_schema({
    "ri_baseline": _positive(real_column(minimum=0, maximum=induction.MAX_RI)),
    "ri_month6": real_column(minimum=0, maximum=induction.MAX_RI),
    "ri_decline_fraction": real_column(maximum=1),
    "gc_dose_mg_per_day_month6": real_column(minimum=0,
                                             maximum=induction.MAX_DOSE_MG_PER_DAY),
    "relapsed_by_month6": flag_column(),
    "failed_goals": _goal_column(),
    "success": flag_column(),
}, checks=[_frame_check(_verdicts_agree, [*_INPUTS, "ri_decline_fraction", "failed_goals",
                                          "success"],
                        "ri_decline_fraction, failed_goals and success as "
                        "induction.assess_cohort gives them for the row's four inputs")])

_OUTCOME_TABLE2 = frame_schema({
    "section": text_column(), "label": text_column(),
    **{f"{p}_count": count_column(nullable=True) for p in ("gc", "gcim")},
    **{f"{p}_group_size": count_column(minimum=1, nullable=True) for p in ("gc", "gcim")},
    "p_printed": text_column(nullable=True),
}, checks=[
    _frame_check(lambda df: bool((df["section"] == _OUTCOMES).any()),
                 ["section"], f"at least one row of section {_OUTCOMES!r}"),
    _frame_check(lambda df: (df["section"] != _OUTCOMES) | df[
        ["gc_count", "gc_group_size", "gcim_count", "gcim_group_size", "p_printed"]
    ].notna().all(axis=1), ["section", "gc_count", "gc_group_size", "gcim_count",
                            "gcim_group_size", "p_printed"],
                 f"both counts, both group sizes and p_printed in every row of section "
                 f"{_OUTCOMES!r}"),
    *(rows_at_most(f"{p}_count", f"{p}_group_size") for p in ("gc", "gcim")),
])

_LEDGER_ROWS = frame_schema({
    "quantity": text_column(unique=True), "printed": text_column(),
    "recomputed": text_column(), "method": text_column(), "agrees": flag_column(),
})

_TABLE2_LABELS = frame_schema({"section": text_column(), "label": text_column()}, checks=[
    _frame_check(lambda df: bool((df["section"] == _OUTCOMES).any()),
                 ["section"], f"at least one row of section {_OUTCOMES!r}")])


def _outcome_quantities(table2: pd.DataFrame) -> set[str]:
    return set(table2.loc[table2["section"] == _OUTCOMES, "label"] + ": p-value")


_SYNTHETIC = frame_schema({
    "patient_id": text_column(unique=True),
    "treatment": text_column(isin=list(_GROUP_WORDS)),
    "ri_baseline": _positive(real_column(minimum=0, maximum=induction.MAX_RI)),
    "ri_month6": real_column(minimum=0, maximum=induction.MAX_RI),
    "gc_agent_month6": text_column(),
    "gc_agent_dose_mg_per_day_month6": real_column(minimum=0,
                                                   maximum=induction.MAX_DOSE_MG_PER_DAY),
    "relapsed_by_month6": flag_column(),
})

_COMPARED = frame_schema({
    "treatment": text_column(isin=list(_GROUP_WORDS)),
    "label": text_column(isin=list(induction.GOAL_LABELS.values())),
    "count": count_column(), "percent": real_column(minimum=0, maximum=100),
    "published": count_column(), "match": flag_column(),
}, checks=[_frame_check(
    lambda df: ~_flags(df["match"]) | (df["match"].astype(object) == (
        pd.to_numeric(df["count"], errors="coerce") == pd.to_numeric(df["published"],
                                                                     errors="coerce"))),
    ["count", "published", "match"], "match True exactly when count equals published")])

#: How each method of :func:`igg4lib.induction.baseline_balance` is named for a reader.
_METHOD_WORDS = {"proportions": "proportions", "proportions (share of men)": "proportions",
                 "approximate, from medians and IQRs": "medians and quartiles (rough)"}

_BALANCE = frame_schema({
    "section": text_column(), "label": text_column(), "gc": text_column(),
    "gcim": text_column(), "smd": real_column(infinite=True),
    "method": text_column(isin=list(_METHOD_WORDS)),
})

_FAMILY = frame_schema({
    "label": text_column(unique=True), "gc": text_column(), "gcim": text_column(),
    "p_printed": text_column(), "p_fisher": real_column(minimum=0, maximum=1),
    "p_holm": real_column(minimum=0, maximum=1),
}, checks=[rows_ordered(("p_fisher", "p_holm"))])

_FAILED = frame_schema({
    "treatment": text_column(isin=list(_GROUP_WORDS)), "failed_goals": _goal_column(),
    "success": flag_column(),
}, checks=[
    _frame_check(_success_when_no_goal_failed, ["success", "failed_goals"],
                 "success True exactly when failed_goals is empty"),
    _frame_check(lambda df: bool((df["success"].astype(object) == False).any()),  # noqa: E712
                 ["success"], "at least one patient who failed (success False)"),
])


def _rows_rule(argument: str) -> Rule:
    return Rule("rows", lambda a: a["rows"] <= len(a[argument]),
                f"at most the number of rows of argument {argument!r}")


def _yes_no(value: object) -> str:
    return "yes" if bool(value) else "no"


def _goals_in_words(value: object) -> str:
    names = [g for g in str(value).split(";") if g]
    return "; ".join(_GOAL_WORDS[g] for g in names) if names else "none"


@validated
def goal_examples() -> pd.DataFrame:
    """Three invented patients for the goals: the first sits on both boundaries.

    >>> goal_examples()["ri_month6"].tolist()
    [10, 11, 4]
    """
    return pd.DataFrame({"ri_baseline": [20, 20, 20], "ri_month6": [10, 11, 4],
                         "gc_dose_mg_per_day_month6": [10.0, 10.0, 12.5],
                         "relapsed_by_month6": [False, False, True]})


@validated(frames={"regimens": _REGIMENS})
def regimens_table(regimens: Frame):
    """The immunosuppressants of the GC+IM group (data set ``induction_regimens``).

    ``regimens`` needs ``agent`` (a distinct name in every row), ``label`` and ``patients``
    (a count).

    >>> from igg4lib import data
    >>> regimens_table(data.load("induction_regimens")).data.columns.tolist()
    ['Abbreviation', 'Patients (n)']
    """
    return table(regimens, {"agent": "Immunosuppressant", "label": "Abbreviation",
                            "patients": "Patients (n)"},
                 caption="Immunosuppressants added from the start (GC+IM group), "
                         "as printed in the Methods of Wang et al. 2018",
                 formats={"patients": "int"}, index="agent")


@validated(frames={"assessed": _ASSESSED})
def assessment_table(assessed: Frame, *,
                     label: Literal["SYNTHETIC", "SIMULATED"] | None = None):
    """A result of :func:`igg4lib.induction.assess_cohort` that kept its four inputs.

    ``assessed`` needs the four inputs (``ri_baseline``, ``ri_month6``,
    ``gc_dose_mg_per_day_month6``, ``relapsed_by_month6``, in the ranges ``assess_cohort``
    accepts) and the verdict columns ``ri_decline_fraction``, ``failed_goals`` and
    ``success`` as ``assess_cohort`` gives them for those inputs (a verdict that
    contradicts its inputs is refused). ``label`` ("SYNTHETIC" or "SIMULATED") marks
    invented rows.

    >>> from igg4lib import induction
    >>> ex = goal_examples()
    >>> t = assessment_table(induction.assess_cohort(ex, keep=list(ex.columns)))
    >>> t.data["Induction"].tolist()
    ['success', 'failure', 'failure']
    >>> t.data["RI decline (%)"].tolist()
    ['50', '45', '80']
    """
    shown = assessed.assign(outcome=assessed["success"].map({True: "success",
                                                             False: "failure"}))
    return table(shown, {"ri_baseline": "RI at baseline", "ri_month6": "Lowest RI by month 6",
                         "ri_decline_fraction": "RI decline (%)",
                         "gc_dose_mg_per_day_month6": "Prednisone at month 6 (mg/day)",
                         "relapsed_by_month6": "Relapse during the taper",
                         "failed_goals": "Goals missed", "outcome": "Induction"},
                 caption="The three goals applied to three invented patients",
                 formats={"ri_decline_fraction": lambda v: f"{100 * float(v):.0f}",
                          "gc_dose_mg_per_day_month6": "1dp",
                          "relapsed_by_month6": _yes_no, "failed_goals": _goals_in_words},
                 label=label)


@validated
def equivalents_table():
    """The glucocorticoid conversion table (``data/reference/glucocorticoid_equivalents.csv``).

    >>> equivalents_table().data.loc["methylprednisolone"].iloc[0]
    '4'
    """
    return table(induction.glucocorticoid_equivalents(),
                 {"agent": "Glucocorticoid",
                  "printed": "Dose equal to 5 mg prednisone (mg)", "note": "Note"},
                 caption="Conventional anti-inflammatory equivalents used to convert doses "
                         "to prednisone",
                 formats={"note": lambda v: str(v) if str(v) not in ("", "nan") else ""},
                 index="agent")


@validated(frames={"table2": _OUTCOME_TABLE2})
def outcomes_table(table2: Frame):
    """The outcome rows of Table 2 by initial treatment, as printed.

    ``table2`` is the data set ``induction_by_treatment`` (``section``, ``label``,
    ``gc_count``, ``gc_group_size``, ``gcim_count``, ``gcim_group_size``, ``p_printed``): at
    least one row of section "Outcomes at month 6", each with both counts within their
    group sizes and the printed p-value.

    >>> from igg4lib import data
    >>> t = outcomes_table(data.load("induction_by_treatment"))
    >>> t.data.loc["Failure of remission induction"].tolist()
    ['16/77 (20.8%)', '10/138 (7.2%)', '0.008']
    """
    rows = table2.loc[table2["section"] == _OUTCOMES].copy()
    for g in ("gc", "gcim"):
        rows[g] = [f"{int(x)}/{int(n)} ({fmt.percent(int(x), int(n))})"
                   for x, n in zip(rows[f"{g}_count"], rows[f"{g}_group_size"], strict=True)]
    return table(rows, {"label": "Outcome at month 6", "gc": "GC alone: n/N (%)",
                        "gcim": "GC + immunosuppressant: n/N (%)",
                        "p_printed": "p (printed)"},
                 caption="Outcomes of remission induction by initial treatment "
                         "(Table 2 of Wang et al. 2018)", index="label")


@validated(frames={"ledger_rows": _LEDGER_ROWS, "table2": _TABLE2_LABELS}, rules=[
    Rule("ledger_rows", lambda a: _outcome_quantities(a["table2"]) <= set(a["ledger_rows"][
        "quantity"]), "a row (quantity '<label>: p-value') for every row of table2 in section "
                      f"{_OUTCOMES!r}"),
])
def outcome_checks_table(ledger_rows: Frame, table2: Frame):
    """The evidence ledger's checks of the printed outcome p-values of Table 2.

    ``ledger_rows`` is :func:`igg4lib.ledger.build_ledger` (``quantity``, distinct, with
    ``printed``, ``recomputed``, ``method`` and the flag ``agrees``), with a check
    ``"<label>: p-value"`` for every outcome row of ``table2`` (``section`` and ``label``
    of ``induction_by_treatment``, at least one row of section "Outcomes at month 6").

    >>> from igg4lib import data, ledger
    >>> t = outcome_checks_table(ledger.build_ledger(), data.load("induction_by_treatment"))
    >>> len(t.data), set(t.data["Agrees"])
    (4, {'yes'})
    """
    labels = table2.loc[table2["section"] == _OUTCOMES, "label"]
    checks = ledger_rows[ledger_rows["quantity"].isin(labels + ": p-value")]
    return table(checks, {"quantity": "Printed quantity", "printed": "Printed",
                          "recomputed": "Recomputed", "method": "Method", "agrees": "Agrees"},
                 caption="Printed p-values of the outcome rows against their recomputation "
                         "(from the evidence ledger)",
                 formats={"agrees": _yes_no}, index="quantity")


@validated(frames={"synthetic": _SYNTHETIC}, rules=[_rows_rule("synthetic")])
def synthetic_table(synthetic: Frame, rows: PositiveCount = 5):
    """The first ``rows`` patients of the SYNTHETIC cohort (by ``patient_id``, whatever the
    order of the rows), inputs of the goals only.

    ``synthetic`` is the data set ``synthetic_induction_cohort`` (a distinct ``patient_id``,
    ``treatment`` "GC" or "GC+IM", the responder indexes and the month-6 glucocorticoid and
    dose in the ranges :func:`igg4lib.induction.assess_cohort` accepts, the relapse flag);
    ``rows`` is from 1 to its number of rows.

    >>> from igg4lib import data
    >>> t = synthetic_table(data.load("synthetic_induction_cohort"))
    >>> t.data.index.name, len(t.data)
    ('Patient (SYNTHETIC)', 5)
    """
    first = synthetic.sort_values("patient_id", kind="stable").head(rows)
    return table(first,
                 {"patient_id": "Patient", "treatment": "Treatment",
                  "ri_baseline": "RI at baseline", "ri_month6": "Lowest RI by month 6",
                  "gc_agent_month6": "Glucocorticoid at month 6",
                  "gc_agent_dose_mg_per_day_month6": "Dose at month 6 (mg/day)",
                  "relapsed_by_month6": "Relapse during the taper"},
                 caption="The first patients of the invented cohort; no row is a real person",
                 formats={"gc_agent_dose_mg_per_day_month6": "1dp",
                          "relapsed_by_month6": _yes_no},
                 index="patient_id", label="SYNTHETIC")


@validated(frames={"compared": _COMPARED})
def recovered_table(compared: Frame):
    """A result of :func:`igg4lib.induction.compare_with_published` for the SYNTHETIC cohort.

    ``compared`` needs ``treatment`` ("GC" or "GC+IM"), ``label`` (a Table 2 outcome),
    ``count`` and ``published`` (counts), ``percent`` (0 to 100) and ``match``, True exactly
    when the two counts are equal.

    >>> from igg4lib import data, induction
    >>> t2 = data.load("induction_by_treatment")
    >>> mine = pd.DataFrame({"treatment": ["GC"], "outcome": ["failure"],
    ...     "label": ["Failure of remission induction"], "count": [16], "n": [77],
    ...     "percent": [20.78]})
    >>> recovered_table(induction.compare_with_published(mine, t2)).data.iloc[0].tolist()
    ['Failure of remission induction', '16', '20.8%', '16', 'yes']
    """
    shown = compared.assign(group=compared["treatment"].map(_GROUP_WORDS))
    rank = {g: i for i, g in enumerate(_GROUP_WORDS)}  # GC alone first, as in Table 2
    shown = shown.sort_values("treatment", key=lambda col: col.map(rank), kind="stable")
    return table(shown, {"group": "Treatment", "label": "Outcome at month 6",
                         "count": "Patients in the cohort (n)", "percent": "Of the group (%)",
                         "published": "Printed in Table 2 (n)", "match": "Same"},
                 caption="Outcomes recovered from the invented cohort beside the published "
                         "counts",
                 formats={"count": "int", "percent": "pct", "published": "int",
                          "match": _yes_no}, index="group",
                 label="SYNTHETIC")


@validated(frames={"balance": _BALANCE}, rules=[_rows_rule("balance")])
def balance_table(balance: Frame, rows: PositiveCount = 8):
    """The ``rows`` largest standardised differences of :func:`induction.baseline_balance`.

    The rows are sorted here by the size of the difference (largest first, ties by section
    and label, missing differences last), so a table in any row order gives the same rows.
    ``balance`` needs ``section``, ``label``, ``gc``, ``gcim`` (as printed), an ``smd``
    (infinite when neither group has any spread and they differ: printed as "+∞ (no spread
    in either group)") and a ``method`` of ``baseline_balance``; ``rows`` is from 1 to its
    number of rows.

    >>> from igg4lib import data, induction
    >>> b = induction.baseline_balance(data.load("induction_by_treatment"))
    >>> t = balance_table(b)
    >>> t.data.loc["Retroperitoneal fibrosis", "Standardised difference"]
    '-0.40'
    >>> t.data.loc["Organs involved: ≥ 5", "From"]
    'proportions'
    """
    size = pd.to_numeric(balance["smd"], errors="coerce").astype("float64").abs()
    largest = (balance.assign(_size=-size)
               .sort_values(["_size", "section", "label"], kind="stable", na_position="last")
               .drop(columns="_size").head(rows))
    shown = largest.assign(
        row=[f"Organs involved: {label}" if section == "Number of organs involved" else label
             for section, label in zip(largest["section"], largest["label"], strict=True)],
        method=largest["method"].map(_METHOD_WORDS))
    return table(shown,
                 {"row": "Baseline feature", "gc": "GC alone (as printed)",
                  "gcim": "GC + IM (as printed)", "smd": "Standardised difference",
                  "method": "From"},
                 caption="The largest baseline differences between the groups: GC alone minus "
                         "GC + immunosuppressant (IM), in pooled standard deviations",
                 formats={"smd": _smd_text}, index="row")


def _smd_text(value: float) -> str:
    """A standardised difference with its sign; an infinite one says why it is infinite."""
    value = float(value)
    if math.isfinite(value):
        return f"{value:+.2f}"
    return ("+∞" if value > 0 else "-∞") + " (no spread in either group)"


@validated(frames={"family": _FAMILY})
def outcome_family_table(family: Frame):
    """A result of :func:`igg4lib.induction.outcome_family`, p-values formatted.

    ``family`` needs ``label`` (distinct), ``gc``, ``gcim``, ``p_printed`` and the p-values
    ``p_fisher`` <= ``p_holm`` (from 0 to 1).

    >>> from igg4lib import data, induction
    >>> f = induction.outcome_family(data.load("induction_by_treatment"))
    >>> outcome_family_table(f).data.loc["Failure of remission induction"].tolist()
    ['16/77', '10/138', '0.008', '0.008', '0.031']
    """
    return table(family, {"label": "Outcome at month 6", "gc": "GC alone (n/N)",
                          "gcim": "GC + immunosuppressant (n/N)", "p_printed": "p (printed)",
                          "p_fisher": "p (Fisher, recomputed)", "p_holm": "p (Holm-adjusted)"},
                 caption="The outcome family of Table 2 with Holm's step-down adjustment",
                 formats={"p_fisher": "p", "p_holm": "p"}, index="label")


@validated(frames={"assessed": _FAILED})
def failed_goals_table(assessed: Frame):
    """Patients of the SYNTHETIC cohort by treatment and the combination of goals missed.

    ``assessed`` is a result of :func:`igg4lib.induction.assess_cohort` that kept
    ``treatment`` ("GC" or "GC+IM"): ``failed_goals`` and ``success`` (True exactly when no
    goal failed), with at least one patient who failed.

    >>> df = pd.DataFrame({"treatment": ["GC", "GC", "GC+IM"], "success": [False, True, False],
    ...                    "failed_goals": ["gc_not_tapered;relapse_during_taper", "",
    ...                                     "relapse_during_taper"]})
    >>> failed_goals_table(df).data.to_numpy().tolist()
    [[1, 0], [0, 1]]
    >>> failed_goals_table(df).data.columns.tolist()
    ['GC alone (n)', 'GC + immunosuppressant (n)']
    """
    failed = assessed.loc[~assessed["success"]]
    counts = pd.crosstab(failed["failed_goals"].map(_goals_in_words),
                         failed["treatment"].map(_GROUP_WORDS))
    order = [g for g in _GROUP_WORDS.values() if g in counts.columns]
    counts = counts[order].rename_axis(index="goals", columns=None).reset_index()
    columns = {"goals": "Goals missed", **{c: f"{c} (n)" for c in counts.columns[1:]}}
    return table(counts, columns, caption="Patients who failed induction, by the goals they "
                 "missed", index="goals", label="SYNTHETIC")


@validated
def facts() -> dict[str, object]:
    """The induction chapter's facts, keyed ``induction_...``."""
    from igg4lib import maintenance

    out = dict(_facts())
    # the GRADE certainty of the GC + IM question, from the one place it is judged
    out["induction_cert_gcim"] = maintenance.certainty_of("add-im-cohort")
    return out
