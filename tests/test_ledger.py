"""Tests of the evidence ledger: no unexplained disagreement, and the checks really check.

The ledger recomputes every printed number it can; this file fails when

- a recomputation disagrees with its printed value and ``ledger_explanations`` has no row
  for it (a transcription error or a new finding: fix the data or explain it);
- an explanation is stale (its check now agrees, or no longer exists);
- a transcribed value is changed (the corruption tests below prove the checks can fail).
"""

from __future__ import annotations

import pytest
from scipy.stats import chi2_contingency, fisher_exact

from igg4lib import data, ledger


@pytest.fixture(scope="module")
def led():
    return ledger.build_ledger()


def test_no_unexplained_disagreement(led):
    bad = ledger.unexplained(led)
    assert bad.empty, (
        "unexplained disagreements:\n" + bad[["check_id", "printed", "recomputed"]].to_string()
    )


def test_every_explanation_belongs_to_a_disagreeing_check(led):
    notes = ledger.explanations()
    disagreeing = set(led.loc[~led["agrees"], "check_id"])
    stale = set(notes["check_id"]) - disagreeing
    assert not stale, f"explanations for checks that agree or do not exist: {sorted(stale)}"


def test_ledger_shape_and_ids(led):
    assert list(led.columns) == ledger.LEDGER_COLUMNS
    assert led["check_id"].is_unique
    assert led["check_id"].str.fullmatch(r"[a-z0-9-]+").all()
    assert set(led["source"]) <= {"wang2018", "peng2024", "pumch2024"}
    assert (led["printed"].str.len() > 0).all() and (led["recomputed"].str.len() > 0).all()


def test_ledger_covers_what_the_issue_lists(led):
    by_cat = led.groupby("category").size()
    t1 = data.load("induction_baseline")
    t2 = data.load("induction_by_treatment")
    n_pct_t1 = int((t1["statistic"] == "n (%)").sum())
    n_pct_t2 = 2 * int((t2["statistic"] == "n (%)").sum())
    assert led["check_id"].str.startswith("t1-pct-").sum() == n_pct_t1
    assert led["check_id"].str.startswith("t2-pct-").sum() == n_pct_t2
    # every categorical p-value of Table 2: 14 two-group rows, sex, number of organs
    assert (led["check_id"].str.startswith("t2-p-")).sum() == 17
    assert by_cat["Fig 3c"] == 5
    assert by_cat["WInS relapse percentage"] == 3
    assert by_cat["Table 3 odds ratio"] >= 20


def test_table2_used_fisher_exact(led):
    tests = ledger.table2_tests()
    assert len(tests) == 15
    assert int(tests["agrees_fisher"].sum()) == 14
    assert int(tests["agrees_chi2"].sum()) < 5
    assert int(tests["agrees_yates"].sum()) < 5
    # the one Fisher miss is the allergy row, which agrees with the implied denominator
    assert tests.loc[~tests["agrees_fisher"], "label"].tolist() == ["Allergy history"]
    row = led.set_index("check_id").loc["t2-p-allergy-history-implied-denominator"]
    assert bool(row.agrees) and "73/136" in row.method
    organs = ledger.table2_organ_count_tests().set_index("test")["agrees"]
    assert organs["Pearson chi-square"] and not organs["Fisher-Freeman-Halton exact"]


def test_table2_pvalues_independently(led):
    """Recompute three Table 2 p-values with scipy directly, not through igg4lib.stats."""
    rows = led.set_index("check_id")
    assert (
        f"{fisher_exact([[16, 61], [10, 128]]).pvalue:.3f}"
        == rows.loc["t2-p-failure-of-remission-induction", "recomputed"]
    )
    assert (
        f"{fisher_exact([[10, 67], [40, 98]]).pvalue:.3f}"
        == rows.loc["t2-p-retroperitoneal-fibrosis", "recomputed"]
    )
    p = chi2_contingency([[32, 46], [35, 66], [10, 26]], correction=False).pvalue
    assert f"{p:.3f}" == rows.loc["t2-p-number-of-organs-involved", "recomputed"] == "0.369"


def test_fig3c_is_scored_against_the_adopted_reading(led):
    """The ledger scores Fig 3c on the book's one reading (complete cases), not another."""
    from igg4lib import readings

    book = readings.adopted("fig3c-groups")
    rows = led.set_index("check_id")
    first = book.value.split(",")[0].strip()  # "2/25"
    assert rows.loc["fig3c-pct-0", "recomputed"] == f"8% ({first})"
    assert f"{book.n} patients and {book.events} failures" in rows.loc["fig3c-pct-0", "method"]
    assert rows.loc["fig3c-pct-3-4", "recomputed"] == "71.4% (5/7)"
    assert rows.loc["fig3c-p-grouped", "recomputed"] == "p = 0.001"
    assert led.loc[led["category"] == "Fig 3c", "agrees"].all()


def test_fig3c_ruled_out_reading_is_the_all_patient_split():
    """The all-patients split still fits the printed numbers on its own; it is ruled out only
    because it cannot coexist with Table 3 (tests/test_readings.py)."""
    from igg4lib import readings

    out = next(r for r in readings.readings_of("fig3c-groups") if r.status == "ruled out")
    sol = ledger.fig3c_solutions(out.reading)
    assert len(sol) == 1
    got = ", ".join(f"{int(sol.iloc[0][f'f_{g}'])}/{int(sol.iloc[0][f'n_{g}'])}"
                    for g in ("0", "1", "2", "3–4"))
    assert got == out.value
    with pytest.raises(ValueError, match=r"argument 'reading' got .*; expected one of"):
        ledger.fig3c_solutions("no-such-reading")


def test_known_disagreements_are_the_expected_ones(led):
    disagree = set(led.loc[~led["agrees"], "check_id"])
    assert {
        "t2-pct-gcim-allergy-history",
        "retreat-pct-another-relapse-after-remission",
        "wins-pct-arm2",
    } <= disagree
    assert "wins-pct-arm1" not in disagree and "wins-pct-arm3" not in disagree
    assert led.set_index("check_id").loc["wins-pct-arm1", "recomputed"] == "52.1% (25/48)"


def test_summary_counts(led):
    s = ledger.summary(led)
    assert s["checks"] == len(led)
    assert s["agree"] + s["explained"] + s["unexplained"] == len(led)
    assert s["unexplained"] == 0


def test_summary_and_unexplained_refuse_a_malformed_ledger(led):
    """A ledger whose agreement is not True/False, or that lacks a column, is refused by
    argument, column and row rather than counted."""
    bad = led.assign(agrees=led["agrees"].astype(object))
    bad.loc[3, "agrees"] = "False"
    for function in (ledger.summary, ledger.unexplained):
        with pytest.raises(ValueError, match="argument 'ledger': column 'agrees', row 3: "
                           "got 'False'"):
            function(bad)
        with pytest.raises(ValueError, match="argument 'ledger': missing column 'explanation'"):
            function(led.drop(columns="explanation"))
        with pytest.raises(TypeError, match="unexpected keyword argument 'table'"):
            function(table=led)
    with pytest.raises(TypeError, match="unexpected keyword argument 'extra'"):
        ledger.build_ledger(extra=1)


# ---------------------------------------------------------------- the checks can fail




def _edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_changed_percentage_is_caught(data_copy):
    _edit(
        data_copy / "published" / "induction_by_treatment.csv",
        "16 (20.8%),16,GC monotherapy (n = 77),77,20.8",
        "16 (20.9%),16,GC monotherapy (n = 77),77,20.9",
    )
    bad = ledger.unexplained()
    assert bad["check_id"].tolist() == ["t2-pct-gc-failure-of-remission-induction"]


def test_changed_pvalue_is_caught(data_copy):
    _edit(data_copy / "published" / "induction_by_treatment.csv", ",0.011,0.011,", ",0.01,0.01,")
    assert "t2-p-relapse" in ledger.unexplained()["check_id"].tolist()


def test_changed_odds_ratio_is_caught(data_copy):
    _edit(
        data_copy / "published" / "induction_risk_factors.csv",
        '"3.39 (1.05, 10.99)",0.042,,3.39,1.05,10.99,0.042',
        '"3.93 (1.05, 10.99)",0.042,,3.93,1.05,10.99,0.042',
    )
    assert "t3-or-gc-dacryoadenitis" in ledger.unexplained()["check_id"].tolist()


def test_changed_count_breaks_totals(data_copy):
    _edit(data_copy / "published" / "induction_regimens.csv", "(n = 47),47", "(n = 46),46")
    assert "regimens-sum" in ledger.unexplained()["check_id"].tolist()


def test_stale_explanation_is_caught(data_copy):
    """Correcting the WInS percentage makes its explanation stale."""
    _edit(data_copy / "published" / "wins_trial_arms.csv", "14.2%,14.2", "14.3%,14.3")
    led = ledger.build_ledger()
    assert bool(led.set_index("check_id").loc["wins-pct-arm2", "agrees"])
    stale = set(ledger.explanations()["check_id"]) - set(led.loc[~led["agrees"], "check_id"])
    assert stale == {"wins-pct-arm2"}
