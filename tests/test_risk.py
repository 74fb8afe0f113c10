"""Tests of igg4lib.risk: cut-off boundaries, the count, risk by group, advice, errors."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from igg4lib import risk, stats

BASE = {
    "eosinophil_pct": 3.0,
    "leukocytes_1e9_per_l": 6.0,
    "ri": 10,
    "n_organs": 2,
    "dacryoadenitis": False,
}


def count(**changes) -> int:
    return risk.risk_factor_count(**{**BASE, **changes})


GROUPS = risk.risk_groups_table(
    {"0": 25, "1": 21, "2": 13, "3-4": 7}, {"0": 2, "1": 3, "2": 5, "3-4": 5}
)


# ---------------------------------------------------------------- cut-off boundaries


def test_base_patient_has_no_factor():
    assert count() == 0


def test_eosinophilia_boundary_is_strictly_above_half_a_billion_per_litre():
    # 10% of 5.0 x 10^9/L is exactly 0.5 x 10^9/L: not above the cut-off
    assert count(eosinophil_pct=10.0, leukocytes_1e9_per_l=5.0) == 0
    assert count(eosinophil_pct=10.2, leukocytes_1e9_per_l=5.0) == 1
    assert count(eosinophil_pct=8.0, leukocytes_1e9_per_l=6.3) == 1  # 0.504


def test_eosinophilia_uses_the_absolute_count_not_the_percentage():
    # 12% of 4.0 is 0.48: high percentage, normal count
    assert count(eosinophil_pct=12.0, leukocytes_1e9_per_l=4.0) == 0
    # 6% of 9.0 is 0.54
    assert count(eosinophil_pct=6.0, leukocytes_1e9_per_l=9.0) == 1


def test_ri_boundary_is_above_the_third_quartile_18():
    assert count(ri=18) == 0
    assert count(ri=19) == 1


def test_organ_boundary_is_five_or_more():
    assert count(n_organs=4) == 0
    assert count(n_organs=5) == 1


def test_dacryoadenitis_counts_one():
    assert count(dacryoadenitis=True) == 1
    assert count(dacryoadenitis=np.True_) == 1
    # 1/0 and strings are not flags: a spreadsheet's 'False' must not count as present
    for value in (1, 0, "False", math.nan):
        with pytest.raises(TypeError, match=r"argument 'dacryoadenitis' got .*; expected True "
                                            r"or False"):
            count(dacryoadenitis=value)


def test_custom_cutoffs_move_each_boundary():
    c = risk.RiskCutoffs(eosinophils_above_1e9_per_l=0.3, ri_above=15, organs_at_least=4)
    f = risk.risk_factors(
        eosinophil_pct=6.0, leukocytes_1e9_per_l=6.0, ri=16, n_organs=4,
        dacryoadenitis=False, cutoffs=c,
    )
    assert (f.eosinophilia, f.ri_top_quartile, f.five_or_more_organs) == (True, True, True)
    assert f.count == 3
    assert risk.DEFAULT_CUTOFFS == risk.RiskCutoffs(0.5, 18, 5)


def test_all_four_factors():
    assert count(eosinophil_pct=20, ri=25, n_organs=7, dacryoadenitis=True) == 4


# ---------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("n_organs", -1, "argument 'n_organs' got -1; expected a value >= 1"),
        ("n_organs", 0, "argument 'n_organs' got 0; expected a value >= 1"),
        ("n_organs", 2.5, "argument 'n_organs' got 2.5; expected a whole number"),
        ("n_organs", 31, "argument 'n_organs' got 31; expected a value <= 30"),
        ("eosinophil_pct", 100.5, "argument 'eosinophil_pct' got 100.5; expected a value "
                                  "<= 100"),
        ("eosinophil_pct", -0.1, "argument 'eosinophil_pct' got -0.1; expected a value >= 0"),
        ("eosinophil_pct", math.nan, "argument 'eosinophil_pct' got nan; expected a finite"),
        ("leukocytes_1e9_per_l", 0, "argument 'leukocytes_1e9_per_l' got 0; expected a value "
                                    "> 0"),
        ("leukocytes_1e9_per_l", 6000.0, "argument 'leukocytes_1e9_per_l' got 6000.0; "
                                         "expected a value <= 1000"),
        ("ri", -2, "argument 'ri' got -2; expected a value >= 0"),
        ("ri", 10**12, "argument 'ri' got 1000000000000; expected a value <= 300"),
    ],
)
def test_impossible_input_names_the_field(field, value, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        count(**{field: value})


def test_type_errors_name_the_field():
    with pytest.raises(TypeError, match=r"argument 'dacryoadenitis' got 'yes' .*; expected True "
                                        r"or False"):
        count(dacryoadenitis="yes")
    with pytest.raises(TypeError, match="argument 'ri' got True; expected a whole number"):
        count(ri=True)
    with pytest.raises(TypeError, match=r"argument 'eosinophil_pct' got '3' .*; expected a "
                                        r"number"):
        count(eosinophil_pct="3")
    with pytest.raises(TypeError, match=r"argument 'cutoffs' got .*; expected an instance of "
                                        r"RiskCutoffs"):
        count(cutoffs={"ri_above": 18})


def test_cutoff_errors():
    with pytest.raises(ValueError, match="RiskCutoffs: argument 'ri_above' got -1; expected "
                                         "a value >= 0"):
        risk.RiskCutoffs(ri_above=-1)
    with pytest.raises(ValueError, match="RiskCutoffs: argument 'organs_at_least' got 1; "
                                         "expected a value >= 2"):
        risk.RiskCutoffs(organs_at_least=1)
    with pytest.raises(TypeError, match=r"argument 'ri_above' got 17.5; expected a whole"):
        risk.RiskCutoffs(ri_above=17.5)


# ---------------------------------------------------------------- DataFrame form


def test_score_frame_matches_the_scalar_form_and_flags_missing():
    df = pd.DataFrame(
        {
            "eosinophil_pct": [12.0, np.nan, 2.0],
            "leukocytes_1e9_per_l": [6.0, np.nan, 5.0],
            "ri": [21, 19, 12],
            "n_organs": [6, 2, 3],
            "dacryoadenitis": [True, False, True],
        }
    )
    out = risk.score_frame(df, missing_eosinophils="absent")
    assert out["risk_factor_count"].tolist() == [4, 1, 1]
    assert out["eosinophils_missing"].tolist() == [False, True, False]
    assert out["eosinophilia"].tolist() == [True, False, False]
    with pytest.raises(ValueError, match="row 1: eosinophil_pct or leukocytes_1e9_per_l is "
                                         "missing"):
        risk.score_frame(df)


def test_score_frame_errors_name_row_and_column():
    df = pd.DataFrame({**{k: [v] for k, v in BASE.items()}, "n_organs": [-3]})
    with pytest.raises(ValueError, match="argument 'frame': column 'n_organs', row 0: got -3"):
        risk.score_frame(df)
    with pytest.raises(ValueError, match="argument 'frame': missing column 'ri'"):
        risk.score_frame(df.drop(columns="ri"))
    with pytest.raises(ValueError, match=r"argument 'missing_eosinophils' got 'zero' .*; "
                                         r"expected 'raise' or 'absent'"):
        risk.score_frame(df, missing_eosinophils="zero")
    ok = pd.DataFrame({k: [v] for k, v in BASE.items()})
    for column, bad in (("dacryoadenitis", "False"), ("dacryoadenitis", 1), ("ri", 10.5),
                        ("ri", math.nan), ("eosinophil_pct", 130.0)):
        changed = ok.astype({column: object} if isinstance(bad, str) else {})
        changed[column] = [bad]
        with pytest.raises(ValueError, match=f"argument 'frame': column '{column}', row 0"):
            risk.score_frame(changed)


patients = st.fixed_dictionaries(
    {
        "eosinophil_pct": st.floats(0, 100, allow_nan=False),
        "leukocytes_1e9_per_l": st.floats(0.5, 40, allow_nan=False),
        "ri": st.integers(0, 60),
        "n_organs": st.integers(1, 15),
        "dacryoadenitis": st.booleans(),
    }
)


@settings(max_examples=200, deadline=None)
@given(patients)
def test_count_is_between_0_and_4(p):
    assert 0 <= risk.risk_factor_count(**p) <= 4


@settings(max_examples=200, deadline=None)
@given(patients, st.floats(0, 50), st.integers(0, 20), st.integers(0, 5))
def test_count_is_monotone_in_every_finding(p, d_pct, d_ri, d_organs):
    worse = {
        **p,
        "eosinophil_pct": min(100.0, p["eosinophil_pct"] + d_pct),
        "ri": p["ri"] + d_ri,
        "n_organs": p["n_organs"] + d_organs,
        "dacryoadenitis": True,
    }
    assert risk.risk_factor_count(**worse) >= risk.risk_factor_count(**p)


@settings(max_examples=25, deadline=None)
@given(st.lists(patients, min_size=1, max_size=8))
def test_score_frame_agrees_with_scalar(rows):
    out = risk.score_frame(pd.DataFrame(rows))
    assert out["risk_factor_count"].tolist() == [risk.risk_factor_count(**r) for r in rows]


# ---------------------------------------------------------------- risk by count


def test_count_groups():
    assert [risk.count_group(k) for k in range(5)] == ["0", "1", "2", "3-4", "3-4"]
    with pytest.raises(ValueError, match="argument 'count' got -1; expected a value >= 0"):
        risk.count_group(-1)
    with pytest.raises(TypeError, match=r"argument 'count' got 2.0; expected a whole number"):
        risk.count_group(2.0)


def test_failure_risk_is_the_group_proportion_with_wilson_interval():
    fr = risk.failure_risk(2, GROUPS)
    w = stats.wilson_ci(5, 13)
    assert (fr.n_patients, fr.failures) == (13, 5)
    assert fr.risk == pytest.approx(5 / 13)
    assert (fr.ci_low, fr.ci_high) == pytest.approx((w.ci_low, w.ci_high))
    assert risk.failure_risk(3, GROUPS) == risk.failure_risk(4, GROUPS).__class__(
        3, "3-4", 7, 5, 5 / 7, *(lambda w: (w.ci_low, w.ci_high))(stats.wilson_ci(5, 7))
    )
    assert fr.describe() == "38% (18% to 64%), 5 of 13 patients"


def test_failure_risk_is_monotone_in_the_count():
    risks = [risk.failure_risk(k, GROUPS).risk for k in range(5)]
    assert risks == sorted(risks)


def test_failure_risk_errors():
    with pytest.raises(TypeError, match=r"argument 'groups' got .*; expected an instance of "
                                        r"DataFrame"):
        risk.failure_risk(1, {"0": 1})
    with pytest.raises(ValueError, match="argument 'groups' must hold exactly one row for "
                                         "group '2'"):
        risk.failure_risk(2, GROUPS.loc[GROUPS["group"] != "2"])
    with pytest.raises(ValueError, match=r"argument 'n_patients' got .*; expected a count for "
                                         r"every group 0, 1, 2 and 3-4"):
        risk.risk_groups_table({"0": 1, "1": 1, "2": 1}, {"0": 0, "1": 0, "2": 0})
    with pytest.raises(ValueError, match=r"argument 'failures' got .*; expected at most "
                                         r"n_patients in every group"):
        risk.risk_groups_table({"0": 1, "1": 1, "2": 1, "3-4": 1},
                               {"0": 0, "1": 0, "2": 2, "3-4": 0})
    # a table whose interval does not contain its estimate, or whose failures exceed the
    # group, is refused, not read
    bad = GROUPS.copy()
    bad.loc[0, "risk"] = 0.9
    with pytest.raises(ValueError, match=r"argument 'groups'.*risk <= ci_high"):
        risk.failure_risk(0, bad)
    bad = GROUPS.copy()
    bad.loc[1, "failures"] = 30
    with pytest.raises(ValueError, match=r"argument 'groups'.*failures <= n_patients"):
        risk.failure_risk(0, bad)


# ---------------------------------------------------------------- advice


def test_advice_threshold_three_follows_the_figure():
    assert [risk.treatment_advice(k).consider_combination for k in range(5)] == [
        False, False, False, True, True,
    ]
    adv = risk.treatment_advice(3)
    assert "immunosuppressant" in adv.advice
    assert any("more than three" in c for c in adv.caveats)
    assert any("external validation" in c for c in adv.caveats)


def test_advice_threshold_four_reads_the_text_literally():
    assert [risk.treatment_advice(k, threshold=4).consider_combination for k in range(5)] == [
        False, False, False, False, True,
    ]


def test_advice_errors():
    with pytest.raises(ValueError, match="argument 'count' got 5; expected a value <= 4"):
        risk.treatment_advice(5)
    with pytest.raises(ValueError, match="argument 'threshold' got 0; expected a value >= 1"):
        risk.treatment_advice(2, threshold=0)


def test_all_combinations_has_16_rows_with_consistent_counts():
    t = risk.all_combinations(GROUPS)
    assert len(t) == 16
    assert len(t[list(risk.RISK_FACTORS)].drop_duplicates()) == 16
    assert (t[list(risk.RISK_FACTORS)].sum(axis=1) == t["risk_factor_count"]).all()
    assert t["risk_factor_count"].value_counts().sort_index().tolist() == [1, 4, 6, 4, 1]
    assert int(t["consider_combination"].sum()) == 5
    assert t["risk_factor_count"].is_monotonic_increasing


# ---------------------------------------------------------------- AUC, EPV, calibration


def test_auc_delong_by_hand():
    r = risk.auc_delong([1, 2, 0, 1], [1, 1, 0, 0])
    # psi = [[1, .5], [1, 1]]; V10 = [.75, 1]; V01 = [1, .75]
    assert r.auc == pytest.approx(0.875)
    assert r.se == pytest.approx(math.sqrt(0.03125 / 2 + 0.03125 / 2))
    perfect = risk.auc_delong([3, 4, 0, 1], [1, 1, 0, 0])
    assert (perfect.auc, perfect.se, perfect.ci_low, perfect.ci_high) == (1.0, 0.0, 1.0, 1.0)


def test_auc_delong_errors():
    with pytest.raises(ValueError, match="argument 'outcome' needs both events and "
                                         "non-events"):
        risk.auc_delong([1, 2], [1, 1])
    with pytest.raises(ValueError, match="at least two of each"):
        risk.auc_delong([1, 2, 3], [1, 0, 0])  # DeLong's variance needs two of each
    with pytest.raises(ValueError, match=r"argument 'outcome\[1\]' got 2; expected 0 or 1"):
        risk.auc_delong([1, 2], [1, 2])
    with pytest.raises(ValueError, match=r"argument 'outcome\[0\]' got 0.5; expected 0 or 1"):
        risk.auc_delong([1, 2], [0.5, 1])
    with pytest.raises(ValueError, match=r"argument 'outcome' got .*equal length"):
        risk.auc_delong([1, 2, 3], [1, 0])
    with pytest.raises(ValueError, match=r"argument 'score\[0\]' got nan"):
        risk.auc_delong([math.nan, 2, 3, 4], [1, 0, 1, 0])
    # arrays and Series are read like lists
    r = risk.auc_delong(np.array([1, 2, 0, 1]), pd.Series([True, True, False, False]))
    assert r.auc == pytest.approx(0.875)


def test_events_per_variable():
    assert risk.events_per_variable(16, 4) == 4.0
    with pytest.raises(ValueError, match="argument 'n_parameters' got 0; expected a value "
                                         ">= 1"):
        risk.events_per_variable(16, 0)


def test_logistic_reproduces_a_2x2_odds_ratio_and_wald_interval():
    # 2x2 table 5/5 vs 3/29 -> OR 9.67 (1.74, 53.84), the >=5 organs row of Table 3
    df = pd.DataFrame(
        {"y": [1] * 5 + [0] * 5 + [1] * 3 + [0] * 29, "x": [1] * 10 + [0] * 32}
    )
    r = risk.logistic_odds_ratios(df, "y", {"x": None}).iloc[0]
    o = stats.odds_ratio_ci(5, 5, 3, 29)
    assert (r["odds_ratio"], r["ci_low"], r["ci_high"]) == pytest.approx(
        (o.odds_ratio, o.ci_low, o.ci_high), rel=1e-6
    )
    assert f"{r['odds_ratio']:.2f} ({r['ci_low']:.2f}, {r['ci_high']:.2f})" == (
        "9.67 (1.74, 53.84)"
    )
    assert r["warnings"] == ""


def test_logistic_reports_separation_instead_of_printing_it():
    df = pd.DataFrame({"y": [1, 1, 0, 0, 0, 1], "x": [1, 1, 0, 0, 0, 1]})
    r = risk.logistic_odds_ratios(df, "y", {"x": None})
    assert "Separation" in r["warnings"].iloc[0] or "separation" in r["warnings"].iloc[0]


def test_logistic_errors():
    df = pd.DataFrame({"y": [0, 1], "x": ["a", "b"]})
    with pytest.raises(ValueError, match="argument 'predictors': reference level 'c' does "
                                         "not occur in column 'x'"):
        risk.logistic_odds_ratios(df, "y", {"x": "c"})
    with pytest.raises(ValueError, match=r"argument 'predictors' got .*; expected names of "
                                         r"columns of frame"):
        risk.logistic_odds_ratios(df, "y", {"z": None})
    with pytest.raises(ValueError, match=r"missing column 'w' .*argument 'outcome'"):
        risk.logistic_odds_ratios(df, "w", {"x": "a"})


@pytest.mark.parametrize("fit", [risk.logistic_odds_ratios, risk.bootstrap_logistic])
def test_logistic_refuses_an_outcome_or_exposure_that_is_not_0_or_1(fit):
    """An outcome of 0.5 used to be truncated to 0 by astype(int): it is refused."""
    df = pd.DataFrame({"y": [1, 0] * 10 + [0] * 10, "x": [1, 1, 0, 0] * 5 + [0] * 10})
    for column, bad in (("y", 0.5), ("y", 2), ("x", 0.5), ("x", -1)):
        changed = df.astype({column: float})
        changed.loc[3, column] = bad
        with pytest.raises(ValueError, match=f"argument 'frame': column '{column}', row 3: "
                                             f"got {float(bad)}; expected 0 or 1"):
            fit(changed, "y", {"x": None})
    # booleans and 0.0/1.0 are 0/1; missing values drop the row (complete cases)
    as_bool = df.astype(bool)
    as_float = df.astype(float)
    as_float.loc[3, "y"] = math.nan
    pd.testing.assert_frame_equal(risk.logistic_odds_ratios(as_bool, "y", {"x": None}),
                                  risk.logistic_odds_ratios(df, "y", {"x": None}))
    assert risk.logistic_odds_ratios(as_float, "y", {"x": None})["n_patients"].iloc[0] == 29


def test_calibration_table_refuses_bad_columns():
    df = pd.DataFrame({"g": [0, 0, 1, 1], "p": [0.1, 0.1, 0.6, 0.6], "y": [0, 0, 1, 0]})
    for column, bad, expected in (("y", 0.5, "0 or 1"), ("p", 1.5, "<= 1"),
                                  ("g", math.nan, "a missing value")):
        changed = df.astype({column: float})
        changed.loc[0, column] = bad
        with pytest.raises(ValueError, match=f"column '{column}', row 0: .*{expected}"):
            risk.calibration_table(changed, predicted="p", outcome="y", group="g")
    with pytest.raises(ValueError, match=r"missing column 'q' .*argument 'predicted'"):
        risk.calibration_table(df, predicted="q", outcome="y", group="g")


def test_calibration_table_uses_wilson():
    df = pd.DataFrame({"g": [0] * 4 + [1] * 4, "p": [0.2] * 8, "y": [0, 0, 0, 1, 1, 1, 0, 0]})
    t = risk.calibration_table(df, predicted="p", outcome="y", group="g")
    assert t["observed"].tolist() == [0.25, 0.5]
    assert t["ci_low"].iloc[0] == pytest.approx(stats.wilson_ci(1, 4).ci_low)


# ---------------------------------------------------------------- defaults against the data


def test_default_ri_cutoff_is_the_cohort_third_quartile_of_table1():
    from igg4lib import data
    from igg4lib import riskcohort as rc

    t1 = data.load("induction_baseline").set_index("label")
    ri = t1.loc["IgG4-RD RI"]
    assert risk.DEFAULT_CUTOFFS.ri_above == int(ri["q3"])
    assert rc.RI_QUARTILE_MAX == (int(ri["q1"]), int(ri["median"]), int(ri["q3"]))


def test_default_cutoffs_are_the_documented_ones():
    """Every default threshold is the value of data/reference/induction_risk_cutoffs.csv."""
    from dataclasses import fields

    from igg4lib import data

    table = data.load("induction_risk_cutoffs").set_index("field")
    assert set(table.index) == {f.name for f in fields(risk.RiskCutoffs)}
    for name in table.index:
        assert getattr(risk.DEFAULT_CUTOFFS, name) == pytest.approx(float(table.at[name, "value"]))
    # the paper defines neither eosinophilia nor its quartile boundaries: both are assumptions
    assumed = set(table.index[table["status"] == "assumed by the book"])
    assert assumed == {"eosinophils_above_1e9_per_l", "ri_above"}
    t1 = data.load("induction_baseline").set_index("label")
    assert float(table.at["ri_above", "value"]) == float(t1.at["IgG4-RD RI", "q3"])


# ---------------------------------------------------------------- bootstrap, grouped AUC


def test_grouped_auc_equals_patient_level_auc():
    g = risk.grouped_auc(GROUPS)
    score = np.repeat([0, 1, 2, 3], [25, 21, 13, 7])
    events = np.concatenate([[1] * 2 + [0] * 23, [1] * 3 + [0] * 18, [1] * 5 + [0] * 8,
                             [1] * 5 + [0] * 2])
    p = risk.auc_delong(score, events)
    assert (g.auc, g.se) == pytest.approx((p.auc, p.se))
    assert (g.n_events, g.n_non_events) == (15, 51)


def test_bootstrap_is_seeded_and_flags_separation():
    df = pd.DataFrame({"y": [1, 0, 1, 0, 0, 0, 1, 0, 0, 0] * 2,
                       "x": [1, 1, 0, 0, 1, 0, 1, 0, 0, 0] * 2})
    a = risk.bootstrap_logistic(df, "y", {"x": None}, n_boot=30, seed=3)
    b = risk.bootstrap_logistic(df, "y", {"x": None}, n_boot=30, seed=3)
    pd.testing.assert_frame_equal(a, b)
    assert len(a) == 30
    s = risk.summarise_bootstrap(a)
    assert 0 < s["problem_share"].iloc[0] < 1  # some resamples separate, most do not
    with pytest.raises(ValueError, match="argument 'n_boot' got 0; expected a value >= 1"):
        risk.bootstrap_logistic(df, "y", {"x": None}, n_boot=0)
    with pytest.raises(ValueError, match="argument 'n_boot' got 2001; expected a value <= 2000"):
        risk.bootstrap_logistic(df, "y", {"x": None}, n_boot=risk.MAX_BOOTSTRAP + 1)
    with pytest.raises(TypeError, match="argument 'seed' got None; expected a whole number"):
        risk.bootstrap_logistic(df, "y", {"x": None}, n_boot=5, seed=None)


def test_summarise_bootstrap_keeps_separation_and_refuses_negative_odds_ratios():
    b = pd.DataFrame({"replicate": [0, 1, 2], "predictor": ["x"] * 3, "level": ["yes"] * 3,
                      "odds_ratio": [1.0, math.inf, math.nan], "problem": [False, True, True]})
    s = risk.summarise_bootstrap(b).iloc[0]
    assert s["p97_5"] == math.inf and s["problem_share"] == pytest.approx(2 / 3)
    b.loc[0, "odds_ratio"] = -1.0
    with pytest.raises(ValueError, match="argument 'boot': column 'odds_ratio', row 0: got -1"):
        risk.summarise_bootstrap(b)
    b.loc[0, "odds_ratio"] = math.nan
    b.loc[1, "odds_ratio"] = math.nan
    with pytest.raises(ValueError, match="argument 'boot' has no odds ratio of x=yes"):
        risk.summarise_bootstrap(b)


# ---------------------------------------------------------------- calculator and figures


def test_calculator_widget_updates_risk_and_advice():
    w = risk.calculator_widget(GROUPS)
    *boxes, out = w.children
    assert len(boxes) == 4
    assert "0 risk factors" in out.value and "below the threshold" in out.value
    for box in boxes[:3]:
        box.value = True
    assert "3 risk factors" in out.value
    assert "71% (36% to 92%), 5 of 7 patients" in out.value
    assert "suggests considering" in out.value


def test_forest_plot_shows_reference_and_na_rows():
    import matplotlib.pyplot as plt

    from igg4lib import data
    from igg4lib.plots import risk as risk_plots

    t3 = data.load("induction_risk_factors")
    fig = risk_plots.forest_table3(t3, highlight=["Eosinophilia"])
    texts = [t.get_text() for ax in fig.axes for t in ax.texts]
    assert texts.count("Ref") >= 10
    assert any(t.startswith("NA") for t in texts)
    assert any(t.startswith("Ref (merged") for t in texts)
    assert all(ax.get_xscale() == "log" for ax in fig.axes)
    bold = [t.get_text() for t in fig.axes[0].get_yticklabels() if t.get_fontweight() == "bold"]
    assert bold == ["Eosinophilia"]
    plt.close(fig)


def test_risk_by_count_figure_checks_its_input():
    import matplotlib.pyplot as plt

    from igg4lib.plots import risk as risk_plots

    fig = risk_plots.risk_by_count(GROUPS, printed_pct=[8, 14.3, 38.5, 71.4])
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["0", "1", "2", "3-4"]
    assert ax.get_ylabel() == "Failed remission induction (% of patients)"
    plt.close(fig)
    with pytest.raises(ValueError, match=r"argument 'printed_pct' got \[1.0, 2.0\] .*; expected "
                                         r"one value per group \(groups has 4 rows\)"):
        risk_plots.risk_by_count(GROUPS, printed_pct=[1, 2])
    with pytest.raises(ValueError, match="argument 'groups': missing column 'risk'"):
        risk_plots.risk_by_count(GROUPS.drop(columns="risk"))


@pytest.mark.parametrize(
    ("column", "value", "expected"),
    [("failures", -1, "column 'failures', row 0: got -1"),
     ("risk", math.nan, "column 'risk', row 0: a missing value"),
     ("risk", 0.5, "row 0: expected .*risk <= ci_high"),
     ("ci_low", 0.2, "row 0: expected .*ci_low <= risk"),
     ("failures", 30, "row 0: expected failures <= n_patients")],
)
def test_risk_by_count_refuses_bad_data(column, value, expected):
    """A negative count, a NaN estimate or an interval not containing its estimate is
    refused, not drawn."""
    from igg4lib.plots import risk as risk_plots

    bad = GROUPS.astype({column: float})
    bad.loc[0, column] = value
    with pytest.raises(ValueError, match=f"risk_by_count: argument 'groups'.*{expected}"):
        risk_plots.risk_by_count(bad)


def test_forest_plots_refuse_bad_estimates():
    from igg4lib import data
    from igg4lib.plots import risk as risk_plots

    t3 = data.load("induction_risk_factors")
    row = t3.index[(t3["label"] == "Eosinophilia") & (t3["group"] == "GC monotherapy")][0]
    for column, value, expected in (("odds_ratio", math.nan, "an odds ratio, ci_low and "
                                     "ci_high on every estimate row"),
                                    ("odds_ratio", 30.0, "odds_ratio <= ci_high"),
                                    ("ci_low", -0.5, "an odds ratio > 0")):
        bad = t3.copy()
        bad.loc[row, column] = value
        for figure in (risk_plots.forest_factors, risk_plots.forest_table3):
            with pytest.raises(ValueError, match=f"argument 'table3'.*{expected}"):
                figure(bad)
    wide = t3.copy()
    wide.loc[row, "ci_high"] = 250.0
    with pytest.raises(ValueError, match=r"the figure's axis draws 0.1 to 100"):
        risk_plots.forest_factors(wide)
    with pytest.raises(ValueError, match="argument 'highlight' got"):
        risk_plots.forest_table3(t3, highlight=["No such row"])
    with pytest.raises(ValueError, match="argument 'groups' got"):
        risk_plots.forest_table3(t3, groups=[("GC monotherapy", "no such colour")])


# ---------------------------------------------------------------- the static calculator


def _answer_rules(page: str) -> dict[str, str]:
    """answer id -> the CSS selector chain that shows it."""
    import re

    return {m.group(2): m.group(1) for m in
            re.finditer(r"([^}\n]+) ~ \.risk-calc-answers #(risk-calc-a[01]{4})\{display:block\}",
                        page)}


def test_calculator_html_has_one_answer_and_one_rule_per_combination():
    page = risk.calculator_html(GROUPS)
    rules = _answer_rules(page)
    assert len(rules) == 16 == page.count('class="risk-calc-answer"')
    # the rule for eosinophilia and dacryoadenitis ticked, the others not
    assert rules["risk-calc-a1001"] == (
        "#risk-calc-eosinophilia:checked ~ #risk-calc-ri-top-quartile:not(:checked) ~ "
        "#risk-calc-five-or-more-organs:not(:checked) ~ #risk-calc-dacryoadenitis:checked")
    # every check box has a label pointing at it, inside a fieldset with a legend
    for name in risk.RISK_FACTORS:
        box_id = "risk-calc-" + name.replace("_", "-")
        assert f'<input type="checkbox" id="{box_id}"' in page
        assert f'<label for="{box_id}">' in page
    assert "<fieldset><legend>" in page and 'type="reset"' in page


def test_calculator_html_answers_match_failure_risk_and_advice():
    page = risk.calculator_html(GROUPS)
    start = page.index('id="risk-calc-a1011"')
    answer = page[start:page.index("</div>", start)]
    assert "3 of 4 risk factors" in answer
    assert "<strong>71%</strong> (95% CI 36% to 92%): 5 of 7 patients" in answer
    assert "suggests considering a glucocorticoid plus an immunosuppressant" in answer
    start = page.index('id="risk-calc-a0100"')
    answer = page[start:page.index("</div>", start)]
    assert "1 of 4 risk factors" in answer and "(responder index" not in answer
    assert "14% (95% CI 5% to 35%): 3 of 21 patients" in answer.replace("<strong>", "").replace(
        "</strong>", "")
    assert "Below the paper's threshold" in answer


def test_calculator_html_follows_threshold_and_cutoffs():
    literal = risk.calculator_html(GROUPS, threshold=4)
    start = literal.index('id="risk-calc-a1110"')
    assert "Below the paper's threshold" in literal[start:literal.index("</div>", start)]
    other = risk.calculator_html(GROUPS, cutoffs=risk.RiskCutoffs(
        eosinophils_above_1e9_per_l=0.3, ri_above=19))
    assert "above 0.3 × 10⁹/L" in other and "RI above 19" in other


def test_calculator_html_loads_nothing_and_runs_no_script():
    page = risk.calculator_html(GROUPS)
    for forbidden in ("<script", "http:", "https:", "src=", "@import", "url(", "onclick",
                      "onchange"):
        assert forbidden not in page


def test_calculator_html_refuses_bad_input():
    with pytest.raises(ValueError, match=r"argument 'prefix' got '2calc' .*; expected letters"):
        risk.calculator_html(GROUPS, prefix="2calc")
    with pytest.raises(TypeError, match=r"argument 'cutoffs' got .*; expected an instance of "
                                        r"RiskCutoffs"):
        risk.calculator_html(GROUPS, cutoffs={"ri_above": 18})
    with pytest.raises(ValueError, match="argument 'groups': missing column 'failures'"):
        risk.calculator_html(GROUPS.drop(columns="failures"))


def test_calculator_widget_refuses_bad_input_at_once():
    with pytest.raises(ValueError, match="argument 'threshold' got 5; expected a value <= 4"):
        risk.calculator_widget(GROUPS, threshold=5)
    with pytest.raises(ValueError, match="argument 'groups' must hold exactly one row for "
                                         "group '3-4'"):
        risk.calculator_widget(GROUPS.iloc[:3])
    with pytest.raises(ValueError, match="argument 'groups': column 'n_patients', row 0"):
        risk.calculator_widget(GROUPS.assign(n_patients=[-1, 21, 13, 7]))


# ---------------------------------------------------------------- rules


def test_rule_performance_counts_and_intervals():
    three = risk.rule_performance(GROUPS, threshold=3)
    assert (three.flagged, three.n_patients, three.failures_flagged, three.failures_missed) == (
        7, 66, 5, 10)
    assert three.sensitivity.estimate == pytest.approx(5 / 15)
    assert three.specificity.estimate == pytest.approx(49 / 51)
    two = risk.rule_performance(GROUPS, threshold=2)
    assert (two.flagged, two.failures_flagged) == (20, 10)
    assert two.sensitivity.estimate > three.sensitivity.estimate
    assert two.specificity.estimate < three.specificity.estimate
    assert three.describe().startswith("3 or more factors: flags 7 of 66 patients; sensitivity 33%")


def test_rule_performance_refuses_a_split_group_or_bad_table():
    with pytest.raises(ValueError, match=r"argument 'threshold': 4 splits a group \(3-4\); "
                                         r"the groups allow \[1, 2, 3\]"):
        risk.rule_performance(GROUPS, threshold=4)
    with pytest.raises(ValueError, match="argument 'threshold' got 0; expected a value >= 1"):
        risk.rule_performance(GROUPS, threshold=0)
    with pytest.raises(ValueError, match="argument 'groups': missing column 'min_count'"):
        risk.rule_performance(GROUPS.drop(columns="min_count"))
    with pytest.raises(ValueError, match=r"argument 'groups' got .*; expected both failures"):
        risk.rule_performance(GROUPS.assign(failures=0, risk=0.0, ci_low=0.0))


def test_forest_factors_prints_every_estimate_beside_its_line():
    import matplotlib.pyplot as plt

    from igg4lib import data
    from igg4lib.plots import risk as risk_plots

    t3 = data.load("induction_risk_factors")
    fig = risk_plots.forest_factors(t3)
    ax, text_ax = fig.axes
    texts = sorted(t.get_text() for t in text_ax.texts)
    assert len(texts) == 8
    assert "7.27 (2.05–25.74)" in texts and "1.33 (0.37–4.81)" in texts
    assert ax.get_xscale() == "log"
    sizes = [t.get_fontsize() for t in [*text_ax.texts, *ax.get_yticklabels(),
                                         *ax.get_xticklabels(), ax.xaxis.label]]
    assert min(sizes) >= 11
    plt.close(fig)
    with pytest.raises(ValueError, match="argument 'table3' needs one estimate row for "
                                         "'Dacryoadenitis'"):
        risk_plots.forest_factors(t3.loc[t3["label"] != "Dacryoadenitis"])


# ---------------------------------------------------------------- designs that cannot be fitted


def _cohort():
    from igg4lib import data
    from igg4lib import riskcohort as rc

    return rc.analysis_frame(data.load("synthetic_gc_risk_cohort"))


@pytest.mark.parametrize("fit", [risk.logistic_odds_ratios, risk.bootstrap_logistic])
@pytest.mark.parametrize(("predictors", "named"), [
    # ri_top_quartile is the level 4 of ri_quartile: the effect used to be split in two
    ({"ri_quartile": 1, "ri_top_quartile": None}, "'ri_quartile', 'ri_top_quartile'"),
    # five_or_more_organs is a level of organ_band: a raw LinAlgError used to escape
    ({"organ_band": "1-2", "five_or_more_organs": None}, "'organ_band', 'five_or_more_organs'"),
])
def test_logistic_refuses_collinear_predictors(fit, predictors, named):
    with pytest.raises(ValueError, match=f"argument 'predictors': {named} are collinear among "
                                         "the 77 complete cases"):
        fit(_cohort(), "failure", predictors)


def test_logistic_refuses_a_predictor_that_does_not_vary():
    a = _cohort()
    only = a[a.dacryoadenitis == 1]
    with pytest.raises(ValueError, match="argument 'predictors': 'dacryoadenitis' takes one "
                                         r"value only among the \d+ complete cases"):
        risk.logistic_odds_ratios(only, "failure", {"dacryoadenitis": None,
                                                    "eosinophilia": None})
    with pytest.raises(ValueError, match="'x' takes one value only"):
        risk.logistic_odds_ratios(pd.DataFrame({"y": [0, 1, 0, 1], "x": ["a"] * 4}), "y",
                                  {"x": "a"})


def test_bootstrap_counts_a_collinear_resample_as_a_problem_replicate():
    # x2 equals x1 except in the last patient: every resample without that patient is
    # collinear, and its replicate is a problem with no odds ratio (not a number, no crash)
    n = 40
    x1 = [1, 0, 0, 1] * 10
    df = pd.DataFrame({"y": [1, 0, 1, 0, 0] * 8, "x1": x1, "x2": [*x1[:-1], 1 - x1[-1]]})
    boot = risk.bootstrap_logistic(df, "y", {"x1": None, "x2": None}, n_boot=20, seed=5)
    rng = np.random.default_rng(5)
    collinear = [rep for rep in range(20) if n - 1 not in set(rng.integers(0, n, n))]
    assert collinear  # the seed gives some such resamples
    rows = boot[boot.replicate.isin(collinear)]
    assert len(rows) == 2 * len(collinear)
    assert rows.problem.all() and rows.odds_ratio.isna().all()


@pytest.mark.parametrize("change", [
    {"failures": 6},            # 6 of 7 patients with the risk of 5 of 7
    {"n_patients": 8},          # 5 of 8 patients with the risk of 5 of 7
    {"risk": 0.71},             # a risk rounded to printed digits
])
def test_group_table_risk_must_be_failures_over_patients(change):
    g = GROUPS.copy()
    for column, value in change.items():
        g.loc[g.group == "3-4", column] = value
    expected = r"argument 'groups': the frame, row 3: expected risk = failures / n_patients"
    for call in (lambda: risk.failure_risk(3, g), lambda: risk.all_combinations(g),
                 lambda: risk.calculator_html(g)):
        with pytest.raises(ValueError, match=expected):
            call()
    # the table as risk_groups_table builds it is accepted (floating-point quotient)
    assert risk.failure_risk(3, GROUPS).describe() == "71% (36% to 92%), 5 of 7 patients"


@pytest.mark.parametrize(("pct", "wbc", "cut"), [
    (5.0, 6.0, 0.3), (2.5, 12.0, 0.3), (10, 3.0, 0.3), (20, 1.5, 0.3), (37.5, 0.8, 0.3),
    (10.0, 5.0, 0.5),
])
def test_an_eosinophil_count_exactly_at_the_cutoff_is_not_above_it(pct, wbc, cut):
    """5% of 6.0 x 10^9/L is 0.30000000000000004 in floating point: it is the cut-off 0.3,
    not above it, in risk_factors and in score_frame alike."""
    cutoffs = risk.RiskCutoffs(eosinophils_above_1e9_per_l=cut)
    at = {**BASE, "eosinophil_pct": pct, "leukocytes_1e9_per_l": wbc}
    assert risk.risk_factors(**at, cutoffs=cutoffs).eosinophilia is False
    assert risk.risk_factor_count(**at, cutoffs=cutoffs) == 0
    frame = pd.DataFrame([at, {**at, "eosinophil_pct": pct + 0.1}])
    scored = risk.score_frame(frame, cutoffs)
    assert scored["eosinophilia"].tolist() == [False, True]
    # just above the cut-off at the rounding precision still counts
    above = {**at, "leukocytes_1e9_per_l": wbc * (1 + 1e-5)}
    assert risk.risk_factors(**above, cutoffs=cutoffs).eosinophilia is True
