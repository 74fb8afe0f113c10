"""The risk chapter's facts (igg4lib.book.risk) against data/ and igg4lib.readings."""

from __future__ import annotations

import pytest

from igg4lib import data, readings, risk
from igg4lib.book import chapter_facts


@pytest.fixture(scope="module")
def facts() -> dict:
    return chapter_facts("risk")


def test_keys_and_formats(facts):
    assert all(k.startswith("risk_") for k in facts)
    for key, value in facts.items():
        if isinstance(value, str):
            assert "0.000" not in value and "nan" not in value.lower(), key


def test_margins_and_odds_ratios(facts):
    t2 = data.load("induction_by_treatment").set_index("label")
    row = t2.loc["Failure of remission induction"]
    assert (facts["risk_n_gc"], facts["risk_n_gc_fail"]) == (row["gc_group_size"],
                                                              row["gc_count"])
    t3 = data.load("induction_risk_factors")
    eos = t3.loc[(t3["group"] == "GC monotherapy") & (t3["label"] == "Eosinophilia")].iloc[0]
    assert facts["risk_or_eos"] == eos["odds_ratio"]
    assert facts["risk_or_eos_low"] < facts["risk_or_eos"] < facts["risk_or_eos_high"]


def test_fig3c_account_is_the_readings_one(facts):
    adopted = readings.adopted("fig3c-groups")
    assert facts["risk_fig3c_account"] == readings.account("fig3c-groups")
    assert facts["risk_fig3c_account"].startswith(adopted.statement)
    assert (facts["risk_n_meas"], facts["risk_f_meas"]) == (adopted.n, adopted.events)
    # the groups the chapter draws are the adopted counts
    counts = [tuple(int(x) for x in part.strip().split("/")) for part in adopted.value.split(",")]
    assert [(facts[f"risk_k{k}_n"]) for k in range(3)] == [n for _, n in counts[:3]]
    assert facts["risk_k3_n"] == facts["risk_k4_n"] == counts[3][1]
    assert facts["risk_k0_pct"] == pytest.approx(100 * counts[0][0] / counts[0][1])
    # the all-patient split is the ruled-out one and is infeasible
    (ruled_out,) = [r for r in readings.readings_of("fig3c-groups") if r.status == "ruled out"]
    assert (facts["risk_n_gc"], facts["risk_n_gc_fail"]) == (ruled_out.n, ruled_out.events)
    assert f'{facts["risk_g0_all_f"]}/{facts["risk_g0_all_n"]}' == ruled_out.value.split(",")[0]
    assert facts["risk_all_feasible"] == "infeasible" and facts["risk_meas_feasible"] == "feasible"
    assert facts["risk_sol_all"] == facts["risk_sol_meas"] == 1
    assert facts["risk_sol_all_strict"] == 0 and facts["risk_sol_meas_strict"] == 1
    assert facts["risk_g0_all_pct"] == "8.3%" and facts["risk_g0_printed"] == "8%"


def test_eosinophilia_reading(facts):
    r = readings.adopted("eosinophilia-denominator")
    assert facts["risk_eos_account"] == readings.account("eosinophilia-denominator")
    assert facts["risk_eos_analysed"] == r.n
    assert facts["risk_eos_missing"] == facts["risk_n_gc"] - r.n
    assert facts["risk_eos_missing_fail"] == facts["risk_n_gc_fail"] - r.events


def test_cutoffs_come_from_the_reference_table(facts):
    table = data.load("induction_risk_cutoffs").set_index("field")
    assert facts["risk_cut_eos"] == f'{table.at["eosinophils_above_1e9_per_l", "value"]:.1f}'
    assert facts["risk_cut_ri"] == table.at["ri_above", "value"] == facts["risk_ri_q3"]
    assert facts["risk_cut_organs"] == table.at["organs_at_least", "value"]


def test_rule_and_synthetic_checks(facts):
    assert facts["risk_rule_threshold"] == 3
    assert facts["risk_rule_flagged"] == facts["risk_k3_n"]
    assert facts["risk_rule_missed"] == facts["risk_f_meas"] - round(
        facts["risk_k3_pct"] * facts["risk_k3_n"] / 100)
    assert facts["risk_checks_exact"] == facts["risk_checks_total"]
    assert facts["risk_fits_match"] == facts["risk_fits_total"]
    assert facts["risk_synth_three"] + facts["risk_synth_four"] == facts["risk_k3_n"]
    assert facts["risk_n_combinations"] == 2 ** len(risk.RISK_FACTORS)
    assert facts["risk_boot_organs_high"].count("× 10") == 1
