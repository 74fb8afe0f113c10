"""The forensics appendix's facts and tables (igg4lib.book.forensics) against the library."""

from __future__ import annotations

import pandas as pd
import pytest

from igg4lib import data, readings, reconstruct, risk
from igg4lib import riskcohort as rc
from igg4lib.book import chapter_facts
from igg4lib.book import forensics as show


@pytest.fixture(scope="module")
def facts() -> dict:
    return chapter_facts("forensics")


def test_keys_and_formats(facts):
    assert all(k.startswith("forensics_") for k in facts)
    for key, value in facts.items():
        if isinstance(value, str):
            assert "0.000" not in value and "nan" not in value.lower(), key


def test_fig3c_account_and_solutions(facts):
    adopted = readings.adopted("fig3c-groups")
    assert {k.removeprefix("forensics_account_fig3c_"): v for k, v in facts.items()
            if k.startswith("forensics_account_fig3c_")} == {
        s.replace(" ", "_"): t for s, t in readings.by_status("fig3c-groups").items()}
    assert (facts["forensics_n_meas"], facts["forensics_f_meas"]) == (adopted.n, adopted.events)
    (ruled_out,) = [r for r in readings.readings_of("fig3c-groups") if r.status == "ruled out"]
    assert (facts["forensics_n_gc"], facts["forensics_n_gc_fail"]) == (ruled_out.n,
                                                                        ruled_out.events)
    assert (f'{facts["forensics_g0_all_f"]}/{facts["forensics_g0_all_n"]}'
            == ruled_out.value.split(",")[0])
    assert (f'{facts["forensics_g0_meas_f"]}/{facts["forensics_g0_meas_n"]}'
            == adopted.value.split(",")[0])
    assert facts["forensics_all_feasible"] == "infeasible"
    assert facts["forensics_meas_feasible"] == "feasible"
    assert facts["forensics_sol_all"] == facts["forensics_sol_meas"] == 1
    assert facts["forensics_sol_all_strict"] == 0 and facts["forensics_sol_meas_strict"] == 1
    assert facts["forensics_g0_all_pct"] == "8.3%" and facts["forensics_g0_printed"] == "8%"
    assert facts["forensics_p_tests_meas"] == "Fisher's exact test"
    assert facts["forensics_inst_nf"] > facts["forensics_inst_nf_max"]
    assert facts["forensics_inst_f"] > facts["forensics_inst_f_max"]


def test_eosinophilia_reading(facts):
    r = readings.adopted("eosinophilia-denominator")
    assert {k.removeprefix("forensics_account_eosinophilia_"): v for k, v in facts.items()
            if k.startswith("forensics_account_eosinophilia_")} == {
        s.replace(" ", "_"): t for s, t in readings.by_status("eosinophilia-denominator").items()}
    assert facts["forensics_eos_analysed"] == r.n
    assert facts["forensics_eos_missing"] == facts["forensics_n_gc"] - r.n
    assert facts["forensics_eos_missing_fail"] == facts["forensics_n_gc_fail"] - r.events


def test_rows_and_synthetic_checks(facts):
    assert facts["forensics_rows_estimates"] == (
        facts["forensics_rows_unique_full"] + facts["forensics_rows_unique_missing"]
        + facts["forensics_rows_not_identified"])
    assert facts["forensics_checks_exact"] == facts["forensics_checks_total"]
    assert facts["forensics_fits_match"] == facts["forensics_fits_total"]
    assert facts["forensics_synth_three"] + facts["forensics_synth_four"] == (
        readings.adopted("fig3c-groups").n - sum(
            n for n, _ in list(rc.published_targets().groups.values())[:3]))
    assert facts["forensics_epv"] == pytest.approx(facts["forensics_f_meas"] / 4)
    assert facts["forensics_boot_organs_high"].count("× 10") == 1
    assert 0 < facts["forensics_boot_problem_pct"] < 100


def test_matching_tests_in_words():
    sol = pd.DataFrame({f"matches_{k}": [k in ("fisher_2x2", "trend")] for k in
                        ("fisher_2x2", "yates_2x2", "chi2_2x2", "chi2_kx2", "ffh_kx2", "trend",
                         "linear_by_linear")})
    assert show.matching_tests(sol) == "Fisher's exact test and the trend test"
    assert show.matching_tests(sol.replace(True, False)) == "none of the candidate tests"


def _plain(styler) -> str:
    return styler.to_html()


def test_tables_have_words_for_headings_and_labels():
    targets = rc.published_targets()
    cohort = data.load("synthetic_gc_risk_cohort")
    analysis = rc.analysis_frame(cohort)
    pcts, p_text = show.fig3c_inputs()
    assert pcts == ("8%", "14.3%", "38.5%", "71.4%") and p_text == "0.001"
    sol = reconstruct.risk_count_groups(pcts, n_total=66, n_events=15, p_printed=p_text)
    boot = risk.bootstrap_logistic(analysis, "failure", show.FOUR, n_boot=20, seed=1)
    stylers = {
        "rows": show.binary_rows_table(rc.binary_row_reconstructions()),
        "levels": show.levels_table(targets),
        "fig3c": show.fig3c_solutions_table({"eosinophils measured": sol}, p_printed=p_text),
        "bounds": show.instance_table(rc.factor_instance_bounds(
            rc.published_targets(groups_measured_only=False))),
        "checks": show.cohort_checks_table(rc.check_cohort(cohort, targets)),
        "refit": show.refit_table(rc.table3_refit(analysis)),
        "multi": show.multivariable_table(
            risk.logistic_odds_ratios(analysis, "failure", show.FOUR)),
        "boot": show.bootstrap_table(risk.summarise_bootstrap(boot)),
    }
    for name, styler in stylers.items():
        assert all("_" not in str(c) for c in styler.data.columns), name
        assert ">0.000<" not in _plain(styler), name
    for name in ("checks", "refit", "multi"):
        assert "SYNTHETIC" in _plain(stylers[name]), name
    assert "SIMULATED" in _plain(stylers["boot"])
    fig3c = stylers["fig3c"].data.iloc[0]
    assert fig3c["Failed, no factor"] == "2 of 25"
    assert fig3c["p, Fisher (0-1 vs 2-4)"] == "0.00105" and fig3c["p, Yates"] == "0.00154"
    assert stylers["levels"].data["Patients"].sum() == 2 * 77


def test_two_by_two_table_names_the_exposure():
    t = reconstruct.tables_from_odds_ratio(3.39, 1.05, 10.99, n_total=77, n_events=16,
                                           n_exposed=35)
    shown = show.two_by_two_table(t, exposure="dacryoadenitis").data
    assert len(shown) == 1
    assert shown.iloc[0]["Odds ratio (95% CI), recomputed"] == "3.39 (1.05 to 10.99)"


def test_tables_refuse_results_that_do_not_add_up():
    """Rows the single-value fuzz cannot reach: values each fine alone, wrong together."""
    t = reconstruct.tables_from_odds_ratio(3.39, 1.05, 10.99, n_total=77, n_events=16,
                                           n_exposed=35)
    with pytest.raises(ValueError, match=r"argument 'tables'.*Wald interval"):
        show.two_by_two_table(t.assign(a=12), exposure="dacryoadenitis")
    rows = rc.binary_row_reconstructions()
    with pytest.raises(ValueError, match=r"argument 'rows'.*a \+ c = failures"):
        show.binary_rows_table(rows.assign(failures=rows["failures"] - 1))
    bounds = rc.factor_instance_bounds(rc.published_targets(groups_measured_only=False))
    with pytest.raises(ValueError, match=r"argument 'bounds'.*compatible"):
        show.instance_table(bounds.assign(compatible=True))
    checks = rc.check_cohort(data.load("synthetic_gc_risk_cohort"), rc.published_targets())
    with pytest.raises(ValueError, match=r"argument 'checks'.*a level of its table"):
        show.cohort_checks_table(checks.assign(level="yes"))
    with pytest.raises(ValueError, match=r"argument 'checks'.*exact"):
        show.cohort_checks_table(checks.assign(cohort_patients=checks["cohort_patients"] + 1))
    sol = reconstruct.risk_count_groups(("8%", "14.3%", "38.5%", "71.4%"), n_total=66,
                                        n_events=15, p_printed="0.001")
    with pytest.raises(ValueError, match=r"solutions\['measured'\].*column 'p_fisher_2x2'"):
        show.fig3c_solutions_table({"measured": sol.assign(p_fisher_2x2=float("nan"))},
                                   p_printed="0.001")
    with pytest.raises(ValueError, match=r"argument 'p_printed'.*printed p-value"):
        show.fig3c_solutions_table({"measured": sol}, p_printed="p < 0.001")
    assert len(show.fig3c_solutions_table({"measured": sol.iloc[0:0]},
                                          p_printed="0.001").data) == 0
