"""Every number the risk chapter (``chapters/risk.md``) states, computed from ``data/``.

The chapter glues these facts in one removed cell (``glue_facts("risk")``). Floats are
left as numbers where the chapter formats them with a glue format spec; phrases are
strings. The account of Fig 3c and of the eosinophilia denominator is taken from
:mod:`igg4lib.readings` (questions ``fig3c-groups`` and ``eosinophilia-denominator``);
the cut-offs the book assumes come from ``data/reference/induction_risk_cutoffs.csv``.

>>> f = facts()
>>> f["risk_n_meas"], f["risk_all_feasible"]
(66, 'infeasible')
"""

from __future__ import annotations

from functools import cache

import pandas as pd

from igg4lib import data, readings, reconstruct, risk, stats
from igg4lib import riskcohort as rc
from igg4lib.book import format as fmt

__all__ = ["facts", "matching_tests"]

_TEST_NAMES = {
    "fisher_2x2": "Fisher's exact test", "yates_2x2": "Yates' corrected chi-square",
    "chi2_2x2": "Pearson's chi-square", "chi2_kx2": "the 4x2 chi-square",
    "ffh_kx2": "the Fisher-Freeman-Halton test", "trend": "the trend test",
    "linear_by_linear": "the linear-by-linear test",
}


def matching_tests(solutions: pd.DataFrame) -> str:
    """The tests whose p-value rounds to the printed one, for the first solution, in words."""
    if solutions.empty:
        return "none of the candidate tests (no solution)"
    hits = [v for k, v in _TEST_NAMES.items() if bool(solutions[f"matches_{k}"].iloc[0])]
    if not hits:
        return "none of the candidate tests"
    return hits[0] if len(hits) == 1 else ", ".join(hits[:-1]) + " and " + hits[-1]


def _superscript_power(value: float) -> str:
    mantissa, exponent = f"{value:.2e}".split("e")
    sup = str(int(exponent)).translate(str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹"))
    return f"{mantissa} × 10{sup}"


def factor_rows(table3: pd.DataFrame) -> dict[str, pd.Series]:
    """The Table 3 rows (GC monotherapy) of the four factors of the count."""
    gc3 = table3.loc[table3["group"] == "GC monotherapy"]
    return {
        "eos": gc3.loc[gc3["label"] == "Eosinophilia"].iloc[0],
        "ri": gc3.loc[(gc3["section"] == "RI") & gc3["label"].str.startswith("Fourth")].iloc[0],
        "organs": gc3.loc[(gc3["section"] == "Number of organs involved")
                          & (gc3["label"] == "≥ 5")].iloc[0],
        "dacryo": gc3.loc[gc3["label"] == "Dacryoadenitis"].iloc[0],
    }


@cache
def _facts() -> dict[str, object]:
    t1 = data.load("induction_baseline").set_index("label")
    t2 = data.load("induction_by_treatment").set_index("label")
    t3 = data.load("induction_risk_factors")
    fig3c = data.load("induction_risk_groups")
    outcome = t2.loc["Failure of remission induction"]
    n_gc, n_gc_fail = int(outcome["gc_group_size"]), int(outcome["gc_count"])
    f: dict[str, object] = {"risk_n_gc": n_gc, "risk_n_gc_fail": n_gc_fail}

    for key, row in factor_rows(t3).items():
        f[f"risk_or_{key}"] = float(row["odds_ratio"])
        f[f"risk_or_{key}_low"] = float(row["ci_low"])
        f[f"risk_or_{key}_high"] = float(row["ci_high"])

    # cut-offs: printed or assumed
    ri = t1.loc["IgG4-RD RI"]
    f["risk_ri_median"], f["risk_ri_q1"], f["risk_ri_q3"] = (
        int(ri["median"]), int(ri["q1"]), int(ri["q3"]))
    cut = risk.DEFAULT_CUTOFFS
    f["risk_cut_ri"] = cut.ri_above
    f["risk_cut_eos"] = fmt.number(cut.eosinophils_above_1e9_per_l, 1)
    f["risk_cut_organs"] = cut.organs_at_least
    f["risk_eos_gc_median"] = float(t2.at["Eosinophils (%)", "gc_median"])

    # one row at a time
    rows = rc.binary_row_reconstructions()
    f["risk_rows_estimates"] = int((rows["printed"] != "NA").sum())
    f["risk_rows_unique_full"] = int((rows["status"] == "unique with the full margins").sum())
    f["risk_rows_unique_missing"] = int(rows["status"].str.startswith("unique once").sum())
    f["risk_rows_not_identified"] = int(
        rows["status"].str.contains("not identified|no table").sum())
    f["risk_rows_reproduced"] = int((rows["recomputed"] == rows["printed"]).sum())
    eos_rec = rows.loc[(rows["group"] == "GC monotherapy")
                       & (rows["label"] == "Eosinophilia")].iloc[0]
    f["risk_eos_analysed"] = int(eos_rec["patients"])
    f["risk_eos_missing"] = n_gc - int(eos_rec["patients"])
    f["risk_eos_missing_fail"] = n_gc_fail - int(eos_rec["failures"])
    f["risk_eos_account"] = readings.account("eosinophilia-denominator")

    # categorical factors
    targets = rc.published_targets()
    n_q4, f_q4 = targets.ri_quartile[4]
    f["risk_n_q4"], f["risk_f_q4"] = n_q4, f_q4
    f["risk_q4_share_pct"] = 100 * n_q4 / n_gc

    # Fig 3c
    pcts = tuple(fig3c.loc[fig3c["quantity"] == "failure percent", "printed"])
    p_text = str(fig3c.loc[fig3c["quantity"] == "p-value", "printed"].iloc[0]).split("=")[-1]
    p_text = p_text.strip()
    n_meas = targets.eosinophilia["yes"][0] + targets.eosinophilia["no"][0]
    f_meas = targets.eosinophilia["yes"][1] + targets.eosinophilia["no"][1]
    strict = (pcts[0].replace("%", ".0%"), *pcts[1:])

    def search(p: tuple, n: int, k: int) -> pd.DataFrame:
        return reconstruct.risk_count_groups(p, n_total=n, n_events=k, p_printed=p_text)

    sol_all, sol_meas = search(pcts, n_gc, n_gc_fail), search(pcts, n_meas, f_meas)
    f["risk_sol_all"], f["risk_sol_meas"] = len(sol_all), len(sol_meas)
    f["risk_sol_all_strict"] = len(search(strict, n_gc, n_gc_fail))
    f["risk_sol_meas_strict"] = len(search(strict, n_meas, f_meas))
    f["risk_g0_all_n"] = int(sol_all["n_0"].iloc[0])
    f["risk_g0_all_f"] = int(sol_all["f_0"].iloc[0])
    f["risk_g0_all_pct"] = fmt.percent(f["risk_g0_all_f"], f["risk_g0_all_n"])
    f["risk_g0_meas_n"] = int(sol_meas["n_0"].iloc[0])
    f["risk_g0_meas_f"] = int(sol_meas["f_0"].iloc[0])
    f["risk_g0_printed"] = pcts[0]
    f["risk_g0_strict"] = strict[0]
    f["risk_p_tests_all"] = matching_tests(sol_all)
    f["risk_p_tests_meas"] = matching_tests(sol_meas)
    f["risk_n_meas"], f["risk_f_meas"] = n_meas, f_meas
    f["risk_fig3c_statement"] = readings.adopted("fig3c-groups").statement
    f["risk_fig3c_account"] = readings.account("fig3c-groups")

    all_targets = rc.published_targets(groups_measured_only=False)
    bounds = rc.factor_instance_bounds(all_targets).set_index("outcome")
    f["risk_inst_nf"] = int(bounds.at["non-failure", "from_factor_tables"])
    f["risk_inst_nf_max"] = int(bounds.at["non-failure", "fig3c_max"])
    f["risk_inst_f"] = int(bounds.at["failure", "from_factor_tables"])
    f["risk_inst_f_max"] = int(bounds.at["failure", "fig3c_max"])
    sol_all_cells, sol_meas_cells = rc.solve_cells(all_targets), rc.solve_cells(targets)
    f["risk_all_feasible"] = "feasible" if sol_all_cells.exact_feasible else "infeasible"
    f["risk_all_dev"] = int(sol_all_cells.fig3c_deviation)
    f["risk_meas_feasible"] = "feasible" if sol_meas_cells.exact_feasible else "infeasible"

    # the synthetic cohort
    cohort = data.load("synthetic_gc_risk_cohort")
    checks = rc.check_cohort(cohort, targets)
    f["risk_checks_exact"], f["risk_checks_total"] = int(checks["exact"].sum()), len(checks)
    analysis = rc.analysis_frame(cohort)
    f["risk_fits_match"], f["risk_fits_total"] = _refit_matches(analysis, t3)
    four = {"eosinophilia": None, "ri_top_quartile": None, "five_or_more_organs": None,
            "dacryoadenitis": None}
    multi = risk.logistic_odds_ratios(analysis, "failure", four)
    f["risk_epv"] = risk.events_per_variable(int(multi["n_events"].iloc[0]), len(four))
    boot = risk.bootstrap_logistic(analysis, "failure", four, n_boot=200, seed=2018)
    summary = risk.summarise_bootstrap(boot).set_index("predictor")
    f["risk_boot_n"] = int(boot["replicate"].nunique())
    f["risk_boot_problem_pct"] = float(100 * boot.groupby("replicate")["problem"].any().mean())
    f["risk_boot_organs_low"] = float(summary.at["five_or_more_organs", "p2_5"])
    f["risk_boot_organs_high"] = _superscript_power(float(summary.at["five_or_more_organs",
                                                                    "p97_5"]))

    # the score
    groups = risk.risk_groups_table({g: n for g, (n, _) in targets.groups.items()},
                                    {g: k for g, (_, k) in targets.groups.items()})
    for k in range(5):
        fr = risk.failure_risk(k, groups)
        f[f"risk_k{k}_pct"] = 100 * fr.risk
        f[f"risk_k{k}_low"] = 100 * fr.ci_low
        f[f"risk_k{k}_high"] = 100 * fr.ci_high
        f[f"risk_k{k}_n"] = fr.n_patients
    g = groups.set_index("group")
    flagged_n, flagged_f = int(g.at["3-4", "n_patients"]), int(g.at["3-4", "failures"])
    all_f, all_n = int(groups["failures"].sum()), int(groups["n_patients"].sum())
    sens = stats.wilson_ci(flagged_f, all_f)
    spec = stats.wilson_ci(all_n - all_f - (flagged_n - flagged_f), all_n - all_f)
    f["risk_rule_sens_pct"] = 100 * sens.estimate
    f["risk_rule_sens_low"] = 100 * sens.ci_low
    f["risk_rule_sens_high"] = 100 * sens.ci_high
    f["risk_rule_spec_pct"] = 100 * spec.estimate
    f["risk_rule_flagged"] = flagged_n
    f["risk_rule_missed"] = all_f - flagged_f
    f["risk_rule_threshold"] = int(risk.COUNT_GROUPS["3-4"][0])
    f["risk_synth_three"] = int((analysis["risk_factor_count"] == 3).sum())
    f["risk_synth_four"] = int((analysis["risk_factor_count"] == 4).sum())
    auc = risk.grouped_auc(groups)
    cc = analysis.dropna(subset=["risk_factor_count"])
    f["risk_auc"], f["risk_auc_low"], f["risk_auc_high"] = auc.auc, auc.ci_low, auc.ci_high
    f["risk_auc_synth"] = risk.auc_delong(cc["risk_factor_count"].astype(int), cc["failure"]).auc
    f["risk_n_combinations"] = 2 ** len(risk.RISK_FACTORS)
    return f


def _refit_matches(analysis: pd.DataFrame, t3: pd.DataFrame) -> tuple[int, int]:
    gc3 = t3.loc[t3["group"] == "GC monotherapy"]
    rows = factor_rows(t3)
    fits = pd.concat(
        [risk.logistic_odds_ratios(analysis, "failure", {"eosinophilia": None}),
         risk.logistic_odds_ratios(analysis, "failure", {"ri_quartile": 1}),
         risk.logistic_odds_ratios(analysis, "failure", {"organ_band": "1-2"}),
         risk.logistic_odds_ratios(analysis, "failure", {"dacryoadenitis": None})],
        ignore_index=True)
    printed = [rows["eos"]["printed"],
               *gc3.loc[(gc3["section"] == "RI") & (gc3["row_type"] == "estimate"), "printed"],
               *gc3.loc[(gc3["section"] == "Number of organs involved")
                        & (gc3["row_type"] == "estimate"), "printed"],
               rows["dacryo"]["printed"]]
    recomputed = [
        f"{rc.format_like(r.odds_ratio, p.split(' (')[0])} "
        f"({rc.format_like(r.ci_low, p.split('(')[1].split(',')[0])}, "
        f"{rc.format_like(r.ci_high, p.split(', ')[1].rstrip(')'))})"
        for r, p in zip(fits.itertuples(), printed, strict=True)]
    return sum(a == b for a, b in zip(printed, recomputed, strict=True)), len(printed)


def facts() -> dict[str, object]:
    """The risk chapter's facts, keyed ``risk_...``."""
    return dict(_facts())
