"""The risk chapter's facts and tables (igg4lib.book.risk) against data/ and igg4lib.readings."""

from __future__ import annotations

import pandas as pd
import pytest

from igg4lib import data, readings, risk
from igg4lib import riskcohort as rc
from igg4lib.book import chapter_facts
from igg4lib.book import risk as book_risk


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
    assert {k.removeprefix("risk_account_fig3c_"): v for k, v in facts.items()
            if k.startswith("risk_account_fig3c_")} == {
        s.replace(" ", "_"): t for s, t in readings.by_status("fig3c-groups").items()}
    assert facts["risk_account_fig3c_adopted"].startswith(adopted.statement)
    assert (facts["risk_n_meas"], facts["risk_f_meas"]) == (adopted.n, adopted.events)
    assert facts["risk_n_unmeasured"] == facts["risk_n_gc"] - adopted.n
    # the groups the chapter draws are the adopted counts
    counts = [tuple(int(x) for x in part.strip().split("/")) for part in adopted.value.split(",")]
    assert [facts[f"risk_k{k}_n"] for k in range(3)] == [n for _, n in counts[:3]]
    assert [facts[f"risk_k{k}_f"] for k in range(3)] == [f for f, _ in counts[:3]]
    assert facts["risk_k3_n"] == facts["risk_k4_n"] == counts[3][1]
    assert facts["risk_k0_pct"] == pytest.approx(100 * counts[0][0] / counts[0][1])


def test_cutoffs_come_from_the_reference_table(facts):
    table = data.load("induction_risk_cutoffs").set_index("field")
    assert facts["risk_cut_eos"] == f'{table.at["eosinophils_above_1e9_per_l", "value"]:.1f}'
    assert facts["risk_cut_ri"] == table.at["ri_above", "value"] == facts["risk_ri_q3"]
    assert facts["risk_cut_organs"] == table.at["organs_at_least", "value"]


def test_rule_numbers_are_the_rule_performance(facts):
    assert facts["risk_rule_threshold"] == 3
    assert facts["risk_rule_flagged"] == facts["risk_k3_n"]
    assert facts["risk_rule_missed"] == facts["risk_f_meas"] - facts["risk_k3_f"]
    assert facts["risk_rule_sens_pct"] == pytest.approx(
        100 * facts["risk_k3_f"] / facts["risk_f_meas"])
    n_ok = facts["risk_n_meas"] - facts["risk_f_meas"]
    assert facts["risk_rule_spec_pct"] == pytest.approx(
        100 * (n_ok - (facts["risk_k3_n"] - facts["risk_k3_f"])) / n_ok)
    assert facts["risk_auc_low"] < facts["risk_auc"] < facts["risk_auc_high"]
    assert facts["risk_n_combinations"] == 2 ** len(risk.RISK_FACTORS)


def test_cutoffs_table_is_for_people():
    t = book_risk.cutoffs_table()
    shown = t.data
    assert list(shown["Status"]) == list(data.load("induction_risk_cutoffs")["status"])
    assert shown.iloc[0]["The book's cut-off"] == "above 0.5 × 10⁹/L"
    assert shown.iloc[2]["The book's cut-off"] == "at least 5 organs"
    assert all("_" not in c for c in shown.columns)
    assert "wang2018" not in t.to_html() and "scirep" not in t.to_html()
    frame = data.load("induction_risk_cutoffs").assign(source="unknown2020")
    with pytest.raises(ValueError, match=r"argument 'cutoffs': column 'source'.*expected one of"):
        book_risk.cutoffs_table(frame)


def test_score_table_reads_the_groups():
    groups = rc.fig3c_groups()
    shown = book_risk.score_table(groups).data
    assert list(shown.columns) == ["Risk factors", "Failed induction (patients)",
                                   "Failure risk, % (95% CI)", "Paper's suggestion"]
    assert shown["Risk factors"].tolist() == ["none", "1", "2", "3 or 4"]
    assert shown.iloc[0].tolist() == ["none", "2 of 25", "8 (2 to 25)", "GC alone"]
    assert shown["Paper's suggestion"].tolist() == ["GC alone"] * 3 + ["consider GC + IM"]
    literal = book_risk.score_table(groups, threshold=4).data
    assert literal["Paper's suggestion"].tolist() == ["GC alone"] * 4
    assert isinstance(shown, pd.DataFrame)


def test_tables_refuse_what_they_cannot_print():
    cutoffs = data.load("induction_risk_cutoffs")
    with pytest.raises(ValueError, match=r"argument 'cutoffs'.*a value the field accepts"):
        book_risk.cutoffs_table(cutoffs.assign(value=[0.5, 18.5, 5.0]))
    with pytest.raises(ValueError, match=r"argument 'cutoffs'.*column 'value'"):
        book_risk.cutoffs_table(cutoffs.assign(value=[float("nan"), 18.0, 5.0]))
    groups = rc.fig3c_groups()
    with pytest.raises(ValueError, match=r"argument 'groups'.*min_count"):
        book_risk.score_table(groups.assign(min_count=[0, 1, 2, 4]))
    with pytest.raises(ValueError, match=r"argument 'threshold'"):
        book_risk.score_table(groups, threshold=5)
    table3 = data.load("induction_risk_factors")
    with pytest.raises(ValueError, match=r"argument 'table3' has no GC monotherapy row.*eos"):
        book_risk.factor_rows(table3[table3["label"] != "Eosinophilia"])
