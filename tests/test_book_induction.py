"""The induction chapter's facts (igg4lib.book.induction) against data/, recomputed here."""

from __future__ import annotations

import math

import pytest
from scipy.stats import fisher_exact

from igg4lib import data, readings
from igg4lib.book import chapter_facts


@pytest.fixture(scope="module")
def facts() -> dict:
    return chapter_facts("induction")


@pytest.fixture(scope="module")
def table2():
    return data.load("induction_by_treatment").set_index("label")


def test_keys_and_no_unprintable_formats(facts):
    assert all(k.startswith("induction_") for k in facts)
    for key, value in facts.items():
        if isinstance(value, str):
            assert "0.000" not in value, key
            assert "nan" not in value.lower(), key
            assert "row(s)" not in value, key


def test_group_sizes_and_failure(facts, table2):
    fail = table2.loc["Failure of remission induction"]
    assert facts["induction_n_gc"] == fail["gc_group_size"]
    assert facts["induction_n_gcim"] == fail["gcim_group_size"]
    assert facts["induction_n_total"] == fail["gc_group_size"] + fail["gcim_group_size"]
    assert facts["induction_fail_gc_pct"] == fail["gc_printed"].split("(")[1].rstrip(")")
    assert facts["induction_fail_gcim_pct"] == fail["gcim_printed"].split("(")[1].rstrip(")")
    p = fisher_exact([[16, 61], [10, 128]]).pvalue
    assert facts["induction_fail_p"] == f"{p:.3f}" == fail["p_printed"]


def test_difference_is_signed_gc_minus_gcim_and_nnt_rounds_up(facts):
    rd = 16 / 77 - 10 / 138
    assert facts["induction_rd"] == f"+{100 * rd:.1f}"
    low, high = (float(x) for x in facts["induction_rd_ci"].split(" to "))
    assert low < 100 * rd < high
    assert facts["induction_nnt"] == f"{1 / rd:.1f}"
    assert facts["induction_nnt_up"] == math.ceil(1 / rd)


def test_protocol_numbers_are_the_printed_ones(facts):
    proto = data.load("induction_protocol").set_index("item")
    assert facts["induction_enrolled"] == proto.at["enrolled", "value"]
    assert str(facts["induction_enrolled"]) in proto.at["enrolled", "printed"]
    assert facts["induction_pred_start"] == "30 to 60"
    assert "30 ~ 60" in proto.at["prednisone_start_min_mg", "printed"]
    assert facts["induction_pred_per_kg"] == "0.5 to 1.0"
    assert facts["induction_maintenance"] == "5 to 10"
    assert facts["induction_taper_step_mg"] == 5 and facts["induction_taper_weeks"] == 2
    assert (facts["induction_year_first"], facts["induction_year_last"]) == (2012, 2017)
    assert facts["induction_goal_pred_mg"] == "10" and facts["induction_goal_ri_pct"] == "50"


def test_readings_are_glued_not_restated(facts):
    assert {k.removeprefix("induction_account_allergy_"): v for k, v in facts.items()
            if k.startswith("induction_account_allergy_")} == {
        s.replace(" ", "_"): t for s, t in readings.by_status("allergy-denominator").items()}
    assert facts["induction_allergy_den"] == readings.adopted("allergy-denominator").n
    assert {k.removeprefix("induction_account_second_"): v for k, v in facts.items()
            if k.startswith("induction_account_second_")} == {
        s.replace(" ", "_"): t for s, t in readings.by_status("retreatment-second-relapse").items()}
    second = readings.adopted("retreatment-second-relapse")
    assert facts["induction_ex_second_den"] == second.n
    assert facts["induction_re_second"] == second.events
    assert {k.removeprefix("induction_account_overall_"): v for k, v in facts.items()
            if k.startswith("induction_account_overall_")} == {
        s.replace(" ", "_"): t for s, t in readings.by_status("overall-relapse-rate").items()}


def test_outcome_family_and_balance(facts, table2):
    assert facts["induction_outcome_rows"] == 4
    assert facts["induction_outcome_rows_agree"] == 4
    # Holm over four outcome tests: the smallest p times four
    p = fisher_exact([[16, 61], [10, 128]]).pvalue
    assert facts["induction_fail_p_holm"] == f"{4 * p:.3f}"
    assert facts["induction_n_holm_below"] == 2
    assert facts["induction_n_printed_p"] == int(table2["p_value"].notna().sum())
    assert facts["induction_n_baseline_p"] == facts["induction_n_printed_p"] - 4
    # the prose names the second largest size as retroperitoneal fibrosis
    assert facts["induction_smd_second_label"] == "Retroperitoneal fibrosis"
    assert facts["induction_smd_second_words"] == "retroperitoneal fibrosis"  # mid-sentence
    assert facts["induction_smd_top_words"] == facts["induction_smd_top_label"].split(" (")[0]
    assert facts["induction_smd_rpf"] == facts["induction_smd_second"]
    assert facts["induction_smd_rpf"].startswith("-")  # less often with GC alone
    assert facts["induction_rpf_gc_pct"] == "13.0%" and facts["induction_rpf_gcim_pct"] == "29.0%"


def test_synthetic_cohort_reproduces_table2(facts):
    assert facts["induction_syn_matches"] == facts["induction_syn_rows"] == 8
    assert facts["induction_syn_boundary"] > 0


def test_exercise_inputs_glued_are_those_the_solution_uses(facts):
    from pathlib import Path

    from igg4lib.book.induction import EXERCISE_MP_MG, EXERCISE_RI

    text = (Path(__file__).resolve().parent.parent / "chapters" / "induction.md").read_text()
    ri0, _, ri_b = EXERCISE_RI
    # the solution reads the same constants the prose glues, so the two cannot drift apart
    assert "ri0, ri_a, ri_b = book.EXERCISE_RI" in text
    assert "assess_induction(ri0, ri_a, dose, False)" in text
    assert "assess_induction(ri0, ri_b, dose, False)" in text
    assert 'prednisone_equivalent(book.EXERCISE_MP_MG, "methylprednisolone")' in text
    assert facts["induction_mp_dose"] == f"{EXERCISE_MP_MG:.0f}" == "8"
    assert facts["induction_ex_ri_decline_b"] == f"{100 * (ri0 - ri_b) / ri0:.0f}"


def test_vignette_is_a_failure_of_goal_two_only(facts):
    from igg4lib import induction
    from igg4lib.book.induction import EXERCISE_VIGNETTE

    ri0, ri6, dose = EXERCISE_VIGNETTE
    verdict = induction.assess_induction(ri0, ri6, dose, False)
    assert verdict.failed_goals == ("gc_not_tapered",)  # what the model answer says
    assert facts["induction_vig_failed_goals"] == 1
    assert facts["induction_vig_decline"] == f"{100 * (ri0 - ri6) / ri0:.0f}"
    assert int(facts["induction_vig_decline"]) >= 50
    assert float(facts["induction_vig_dose"]) > float(facts["induction_goal_pred_mg"])


def _shown(styler):
    """Headings, row labels and cells of a Styler as a reader sees them."""
    frame = styler.data
    return (list(frame.columns), list(frame.index.names), frame.astype(str).to_numpy().ravel())


def test_tables_are_for_people():
    import re

    from igg4lib import induction, ledger
    from igg4lib.book import induction as book

    t2 = data.load("induction_by_treatment")
    synthetic = data.load("synthetic_induction_cohort")
    synthetic["gc_dose_mg_per_day_month6"] = induction.to_prednisone_equivalent(
        synthetic["gc_agent_dose_mg_per_day_month6"], synthetic["gc_agent_month6"])
    assessed = induction.assess_cohort(synthetic, keep=["patient_id", "treatment"])
    ex = book.goal_examples()
    shown = {
        "regimens": book.regimens_table(data.load("induction_regimens")),
        "examples": book.assessment_table(induction.assess_cohort(ex, keep=list(ex.columns))),
        "equivalents": book.equivalents_table(),
        "outcomes": book.outcomes_table(t2),
        "checks": book.outcome_checks_table(ledger.build_ledger(), t2),
        "balance": book.balance_table(induction.baseline_balance(t2)),
        "family": book.outcome_family_table(induction.outcome_family(t2)),
        "synthetic": book.synthetic_table(synthetic),
        "recovered": book.recovered_table(induction.compare_with_published(
            induction.outcome_table(assessed), t2)),
        "failed": book.failed_goals_table(assessed),
    }
    code = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$")
    for name, styler in shown.items():
        headers, index_names, cells = _shown(styler)
        assert styler.caption, name
        for h in [*headers, *(n for n in index_names if n is not None)]:  # None: index hidden
            assert not code.match(str(h)), (name, h)
        assert not any(re.fullmatch(r"-?0\.0+", c) for c in cells), name
        assert not any(c.lower() in ("true", "false", "nan") for c in cells), name
        synthetic_rows = name in ("synthetic", "recovered", "failed")
        assert ("SYNTHETIC" in styler.caption) == synthetic_rows, name
    assert shown["family"].data.loc["Failure of remission induction", "p (Holm-adjusted)"] == (
        chapter_facts("induction")["induction_fail_p_holm"])
    assert set(shown["recovered"].data["Same"]) == {"yes"}
    failed = shown["failed"].data
    assert "none" not in failed.index  # only failures are counted
    fail = t2.set_index("label").loc["Failure of remission induction"]
    assert failed.to_numpy().sum() == fail["gc_count"] + fail["gcim_count"]  # each failure once


def test_balance_table_names_organ_count_rows_and_refuses_unknown_methods():
    import pytest

    from igg4lib import induction
    from igg4lib.book import induction as book

    balance = induction.baseline_balance(data.load("induction_by_treatment"))
    shown = book.balance_table(balance, rows=len(balance)).data
    assert len(shown) == len(balance)
    assert all(not label[0].isdigit() and not label.startswith(("≥", "<"))
               for label in shown.index)  # organ-count rows say what they count
    with pytest.raises(ValueError, match="argument 'balance': column 'method'"):
        book.balance_table(balance.assign(method="guess"))


def test_balance_table_prints_an_infinite_difference_with_its_reason():
    """Groups that differ with no spread in either give an infinite standardised difference
    (induction.baseline_balance); the table says so instead of printing 'inf'."""
    import math

    from igg4lib import data, induction
    from igg4lib.book.induction import balance_table

    balance = induction.baseline_balance(data.load("induction_by_treatment"))
    balance.loc[0, "smd"] = -math.inf
    shown = balance_table(balance).data.iloc[0]["Standardised difference"]
    assert shown == "-∞ (no spread in either group)"
    balance.loc[0, "smd"] = math.nan
    with pytest.raises(ValueError, match="argument 'balance': column 'smd'"):
        balance_table(balance)
