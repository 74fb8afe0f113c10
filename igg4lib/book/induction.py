"""Every number the induction chapter (``chapters/induction.md``) states, computed from ``data/``.

The chapter glues these facts in one removed cell (``glue_facts("induction")``). Counts are
plain integers; percentages, intervals, p-values and phrases are strings formatted by
:mod:`igg4lib.book.format`. Accounts of ambiguous published numbers (the allergy
denominator, the second-relapse denominator, the Discussion's overall relapse rate) are
taken from :mod:`igg4lib.readings`, never restated here.

>>> f = facts()
>>> f["induction_n_total"], f["induction_fail_p"]
(215, '0.008')
"""

from __future__ import annotations

from functools import cache

from igg4lib import cohort, data, induction, readings, stats
from igg4lib.book import format as fmt

__all__ = ["EXERCISE_RI", "facts"]

#: Inputs of the classification exercise (an invented patient): baseline RI, then the
#: lowest RI by month 6 in the two versions the exercise asks about.
EXERCISE_RI = (14, 7, 8)


def _range(low: float, high: float, digits: int = 0) -> str:
    return fmt.interval(low, high, digits=digits)


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
    mp8 = induction.prednisone_equivalent(8, "methylprednisolone")
    f["induction_mp_dose"] = fmt.number(8, 0)
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
    f["induction_re_second_account"] = readings.account("retreatment-second-relapse")
    f["induction_re_lost"] = f["induction_n_relapse"] - followed
    overall = readings.adopted("overall-relapse-rate")
    f["induction_overall_relapse_pct"] = overall.printed.strip("()")
    f["induction_overall_relapse_account"] = readings.account("overall-relapse-rate")
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
    f["induction_allergy_account"] = readings.account("allergy-denominator")

    # synthetic cohort
    synthetic = data.load("synthetic_induction_cohort")
    f["induction_syn_boundary"] = int(
        (2 * synthetic["ri_month6"] == synthetic["ri_baseline"]).sum())
    synthetic = synthetic.assign(gc_dose_mg_per_day_month6=induction.to_prednisone_equivalent(
        synthetic["gc_agent_dose_mg_per_day_month6"], synthetic["gc_agent_month6"]))
    recovered = induction.outcome_table(
        induction.assess_cohort(synthetic, keep=["patient_id", "treatment"]))
    published = [int(row.at[r.label, ("gc" if r.treatment == "GC" else "gcim") + "_count"])
                 for r in recovered.itertuples()]
    f["induction_syn_rows"] = len(recovered)
    f["induction_syn_matches"] = int((recovered["count"].to_numpy() == published).sum())

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
    return f


def facts() -> dict[str, object]:
    """The induction chapter's facts, keyed ``induction_...``."""
    return dict(_facts())
