"""Tests of igg4lib.synthesis: per-trial effects, random-effects pooling, GRADE arithmetic.

The meta-analysis is checked against the BCG vaccine trials (13 trials, log risk ratios),
the worked example of the metafor documentation, to the precision printed there:

- DerSimonian-Laird: metafor's own test file ``tests/testthat/test_misc_metan_vs_rma.uni_
  with_dat.bcg.r`` (repository wviechtb/metafor, read through the search tool), which pins
  ``rma(yi, vi, method="DL")`` to Stata's metan: estimate -0.7141, CI -1.0644 to -0.3638,
  tau^2 0.3088, I^2 92.1173%, risk ratio 0.4896 (0.3449 to 0.6950), and the fixed-effect
  Q = 152.2330.
- REML: the printed ``metafor::rma(yi, vi, data = dat, method = "REML")`` output in the
  RoBMA package vignette "Bayesian Meta-Analysis" (stat.ethz.ch CRAN mirror):
  "tau^2 (estimated amount of total heterogeneity): 0.3132 (SE = 0.1664)" and
  "I^2 (total heterogeneity / total variability): 92.22%".

The 2x2 tables of dat.bcg are those printed in the metafor documentation of ``dat.bcg``
(tpos, tneg, cpos, cneg).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats as sps

from igg4lib import synthesis as s

# dat.bcg: vaccinated TB+ / TB-, control TB+ / TB-
TPOS = [4, 6, 3, 62, 33, 180, 8, 505, 29, 17, 186, 5, 27]
TNEG = [119, 300, 228, 13536, 5036, 1361, 2537, 87886, 7470, 1699, 50448, 2493, 16886]
CPOS = [11, 29, 11, 248, 47, 372, 10, 499, 45, 65, 141, 3, 29]
CNEG = [128, 274, 209, 12619, 5761, 1079, 619, 87892, 7232, 1600, 27197, 2338, 17825]


@pytest.fixture(scope="module")
def bcg() -> list[s.TrialEffect]:
    return [
        s.trial_effect(f"trial {i + 1}", a, a + b, c, c + d)
        for i, (a, b, c, d) in enumerate(zip(TPOS, TNEG, CPOS, CNEG, strict=True))
    ]


# ------------------------------------------------------------------ published reproduction


def test_bcg_dersimonian_laird_matches_metafor(bcg):
    ma = s.pool_risk_ratios(bcg, method="DL")
    assert ma.k == 13
    assert round(ma.estimate, 4) == -0.7141
    assert round(ma.ci_low, 4) == -1.0644
    assert round(ma.ci_high, 4) == -0.3638
    assert round(ma.tau2, 4) == 0.3088
    assert round(100 * ma.i2, 4) == 92.1173
    assert round(ma.q, 4) == 152.2330
    ratio = ma.exp()
    assert (round(ratio["estimate"], 4), round(ratio["ci_low"], 4),
            round(ratio["ci_high"], 4)) == (0.4896, 0.3449, 0.6950)


def test_bcg_reml_matches_metafor_printout(bcg):
    ma = s.pool_risk_ratios(bcg, method="REML")
    assert round(ma.tau2, 4) == 0.3132
    assert round(100 * ma.i2, 2) == 92.22


def test_bcg_paule_mandel_solves_its_estimating_equation(bcg):
    # No printed PM result was read; the PM tau^2 is defined by generalised Q = k - 1.
    ma = s.pool_risk_ratios(bcg, method="PM")
    y = np.array([e.log_rr for e in bcg])
    v = np.array([e.var_log_rr for e in bcg])
    w = 1 / (v + ma.tau2)
    mu = np.sum(w * y) / np.sum(w)
    assert np.sum(w * (y - mu) ** 2) == pytest.approx(len(y) - 1, abs=1e-3)
    assert ma.estimate == pytest.approx(mu, abs=1e-9)


def test_hksj_interval_uses_weighted_residuals_and_t(bcg):
    ma = s.pool_risk_ratios(bcg, method="DL")
    y = np.array([e.log_rr for e in bcg])
    v = np.array([e.var_log_rr for e in bcg])
    w = 1 / (v + ma.tau2)
    q_w = np.sum(w * (y - ma.estimate) ** 2) / (len(y) - 1)
    se = math.sqrt(q_w / np.sum(w))
    t = sps.t.isf(0.025, len(y) - 1)
    assert ma.hksj_se == pytest.approx(se)
    assert ma.hksj_ci_low == pytest.approx(ma.estimate - t * se)
    assert ma.hksj_ci_high == pytest.approx(ma.estimate + t * se)


def test_prediction_interval_wider_than_ci_and_uses_k_minus_2(bcg):
    ma = s.pool_risk_ratios(bcg, method="REML")
    t = sps.t.isf(0.025, ma.k - 2)
    half = t * math.sqrt(ma.tau2 + ma.se**2)
    assert ma.pi_low == pytest.approx(ma.estimate - half)
    assert ma.pi_high == pytest.approx(ma.estimate + half)
    assert ma.pi_low < ma.ci_low and ma.pi_high > ma.ci_high


def test_weights_sum_to_one_and_labels_kept(bcg):
    ma = s.pool_risk_ratios(bcg, method="DL")
    assert sum(ma.weights) == pytest.approx(1.0)
    assert ma.labels[0] == "trial 1"


# ------------------------------------------------------------------ per-trial effects


def test_trial_effect_matches_stats_and_hand_arithmetic():
    e = s.trial_effect("Masamune", 7, 30, 11, 19)
    assert e.risk_ratio == pytest.approx((7 / 30) / (11 / 19))
    assert e.risk_difference == pytest.approx(7 / 30 - 11 / 19)
    assert e.odds_ratio == pytest.approx((7 * 8) / (23 * 11))
    se = math.sqrt(1 / 7 - 1 / 30 + 1 / 11 - 1 / 19)
    assert e.var_log_rr == pytest.approx(se**2)
    assert e.rr_ci_low == pytest.approx(math.exp(math.log(e.risk_ratio) - 1.959964 * se), rel=1e-5)
    assert e.rd_ci_low < e.risk_difference < e.rd_ci_high
    assert e.continuity is None


def test_trial_effects_table_has_one_row_per_trial():
    t = pd.DataFrame({"label": ["A", "B"], "events_treated": [7, 6], "n_treated": [30, 33],
                      "events_control": [11, 14], "n_control": [19, 33]})
    out = s.trial_effects(t)
    assert out["label"].tolist() == ["A", "B"]
    assert {"risk_ratio", "rd_ci_low", "or_ci_high", "log_rr"} <= set(out.columns)


def test_zero_cell_needs_a_stated_continuity_rule():
    with pytest.raises(ValueError, match=r"zero cell.*continuity=0\.5"):
        s.trial_effect("Z", 0, 20, 5, 20)
    e = s.trial_effect("Z", 0, 20, 5, 20, continuity=0.5)
    assert e.continuity == 0.5
    assert e.risk_ratio == pytest.approx((0.5 / 21) / (5.5 / 21))


def test_no_events_in_either_arm_is_refused_even_with_continuity():
    with pytest.raises(ValueError, match="no patient had the outcome in both arms"):
        s.trial_effect("N", 0, 20, 0, 20, continuity=0.5)


@pytest.mark.parametrize("bad", [0.25, 1, "0.5"])
def test_only_the_haldane_continuity_rule_is_accepted(bad):
    with pytest.raises((ValueError, TypeError), match="continuity"):
        s.trial_effect("Z", 0, 20, 5, 20, continuity=bad)


def test_trial_effect_rejects_bad_counts_and_labels():
    with pytest.raises(ValueError, match=r"'events_treated' got 31; expected at most n_treated"):
        s.trial_effect("A", 31, 30, 11, 19)
    with pytest.raises(TypeError, match="label"):
        s.trial_effect("", 1, 30, 11, 19)
    with pytest.raises(ValueError, match="argument 'trials': missing column 'events_treated'"):
        s.trial_effects(pd.DataFrame({"label": ["A"]}))
    t = pd.DataFrame({"label": ["A"], "events_treated": [0], "n_treated": [20],
                      "events_control": [5], "n_control": [20]})
    with pytest.raises(ValueError, match=r"argument 'trials', row 0: trial 'A' has a zero cell"):
        s.trial_effects(t)
    with pytest.raises(ValueError, match=r"'trials'.*events_control <= n_control"):
        s.trial_effects(t.assign(events_control=21))


# ------------------------------------------------------------------ pooling errors


def test_pooling_needs_two_trials():
    with pytest.raises(ValueError, match=r"'estimates' got \[0\.1\] .*at least 2 item"):
        s.random_effects([0.1], [0.2])


def test_mismatched_lengths_are_named():
    with pytest.raises(ValueError, match=r"'variances' got .*; expected one variance per estimate"):
        s.random_effects([0.1, 0.2, 0.3], [0.1, 0.2])
    with pytest.raises(ValueError, match=r"'labels' got .*; expected one label per estimate"):
        s.random_effects([0.1, 0.2], [0.1, 0.2], labels=["a"])


def test_bad_method_and_variances_are_refused():
    with pytest.raises(ValueError, match=r"'method' got 'ML' .*'DL', 'PM' or 'REML'"):
        s.random_effects([0.1, 0.2], [0.1, 0.2], method="ML")
    with pytest.raises(ValueError, match=r"'variances\[1\]' got 0\.0; expected a value > 0"):
        s.random_effects([0.1, 0.2], [0.1, 0.0])
    with pytest.raises(ValueError, match="finite"):
        s.random_effects([0.1, float("nan")], [0.1, 0.2])


def test_two_trials_have_no_prediction_interval_and_tau2_is_truncated():
    # Two nearly identical trials: the DL moment estimate is negative and must read 0.
    effs = [s.trial_effect("A", 7, 30, 11, 19), s.trial_effect("B", 6, 33, 14, 33)]
    for method in s.METHODS:
        ma = s.pool_risk_ratios(effs, method=method)
        assert ma.tau2 == 0.0
        assert ma.i2 == 0.0
        assert ma.pi_low is None and ma.pi_high is None
        assert ma.exp()["pi_low"] is None


def test_hksj_can_be_narrower_than_wald_when_trials_agree_closely():
    # A known property of the HKSJ interval (IntHout 2014): when the trials agree more
    # closely than chance predicts (Q < k - 1), its rescaled SE can be below the Wald SE.
    effs = [s.trial_effect("A", 7, 30, 11, 19), s.trial_effect("B", 6, 33, 14, 33)]
    ma = s.pool_risk_ratios(effs, method="DL")
    assert ma.q < ma.q_df
    assert ma.hksj_se < ma.se
    assert (ma.hksj_ci_high - ma.hksj_ci_low) < (ma.ci_high - ma.ci_low)


def test_pool_risk_ratios_accepts_table_and_rejects_other_objects():
    t = pd.DataFrame({"label": ["A", "B"], "events_treated": [7, 6], "n_treated": [30, 33],
                      "events_control": [11, 14], "n_control": [19, 33]})
    table = s.trial_effects(t)
    from_table = s.pool_risk_ratios(table, method="DL")
    from_objects = s.pool_risk_ratios(
        [s.trial_effect("A", 7, 30, 11, 19), s.trial_effect("B", 6, 33, 14, 33)], method="DL")
    assert from_table.estimate == pytest.approx(from_objects.estimate)
    with pytest.raises(TypeError, match="TrialEffect"):
        s.pool_risk_ratios([1, 2])


# ------------------------------------------------------------------ GRADE arithmetic


def test_absolute_effect_per_1000():
    e = s.absolute_effect(0.579, 0.40, 0.19, 0.86)
    assert e.risk_control_per == pytest.approx(579)
    assert e.risk_treated_per == pytest.approx(231.6)
    assert e.difference_per == pytest.approx(-347.4)
    assert e.difference_low_per == pytest.approx(-468.99)
    assert e.difference_high_per == pytest.approx(-81.06)
    assert e.describe() == "347 fewer per 1,000 (469 fewer to 81 fewer)"


def test_absolute_effect_caps_at_certainty_and_reads_more():
    e = s.absolute_effect(0.6, 2.0, 1.2, 3.0)
    assert e.risk_treated_per == 1000
    assert e.describe() == "400 more per 1,000 (120 more to 400 more)"
    assert s.absolute_effect(0.6, 1 / 6).describe().endswith("(interval not available)")


def test_absolute_effect_errors():
    with pytest.raises(ValueError, match=r"'control_risk' got 57\.9; expected a value <= 1"):
        s.absolute_effect(57.9, 0.4)
    with pytest.raises(ValueError, match="both rr_low and rr_high"):
        s.absolute_effect(0.5, 0.4, 0.2)
    with pytest.raises(ValueError, match="rr_low <= risk_ratio <= rr_high"):
        s.absolute_effect(0.5, 0.4, 0.5, 0.9)
    with pytest.raises(ValueError, match="> 0"):
        s.absolute_effect(0.5, 0.0)


@pytest.mark.parametrize(
    ("design", "downs", "expected"),
    [
        ("randomised", {}, "high"),
        ("randomised", {"imprecision": 1}, "moderate"),
        ("randomised", {"risk of bias": 1, "imprecision": 2}, "very low"),
        ("randomised", {"risk of bias": 2, "imprecision": 2, "indirectness": 2}, "very low"),
        ("observational", {}, "low"),
        ("observational", {"risk of bias": 1}, "very low"),
    ],
)
def test_certainty_levels(design, downs, expected):
    assert s.certainty(design, downs) == expected


def test_certainty_upgrades_and_errors():
    assert s.certainty("observational", {}, upgrades=2) == "high"
    with pytest.raises(ValueError, match=r"downgrades.*'bias'.*expected 'risk of bias'"):
        s.certainty("randomised", {"bias": 1})
    with pytest.raises(ValueError, match=r"downgrades.*'imprecision'.* got 3; expected .* <= 2"):
        s.certainty("randomised", {"imprecision": 3})
    with pytest.raises(ValueError,
                       match=r"'design' got 'cohort'.*'randomised' or 'observational'"):
        s.certainty("cohort", {})


def test_summary_of_findings_needs_all_five_domains():
    q = pd.DataFrame({"question": ["q"], "design": ["randomised"]})
    j = pd.DataFrame({"question": ["q"] * 5, "domain": list(s.DOMAINS),
                      "downgrade": [1, 0, 0, 1, 0], "reason": list("abcde")})
    out = s.summary_of_findings(q, j)
    assert out.loc[0, "certainty"] == "low"
    assert out.loc[0, "reasons"] == "risk of bias (-1): a; imprecision (-1): d"
    with pytest.raises(ValueError, match="judged once on each"):
        s.summary_of_findings(q, j.iloc[:4])


def test_summary_of_findings_reports_a_question_marked_not_graded():
    q = pd.DataFrame({"question": ["q", "r"], "design": ["randomised"] * 2,
                      "not_graded": [None, "counts unconfirmed"]})
    j = pd.DataFrame({"question": ["q"] * 5 + ["r"] * 2,
                      "domain": [*s.DOMAINS, "risk of bias", "indirectness"],
                      "downgrade": [0, 0, 0, 1, 0, 0, 1], "reason": list("abcdefg")})
    out = s.summary_of_findings(q, j).set_index("question")
    assert out.loc["q", "certainty"] == "moderate"
    assert out.loc["r", "certainty"] == s.NOT_GRADED
    assert pd.isna(out.loc["r", "downgrades"])
    assert out.loc["r", "reasons"] == "not graded: counts unconfirmed"
    twice = pd.concat([j, j.tail(1)])
    with pytest.raises(ValueError, match="at most once"):
        s.summary_of_findings(q, twice)


def test_optimal_information_size_and_imprecision_rule():
    ois = s.optimal_information_size(0.5)
    # (1.96 + 0.8416)^2 (0.25 + 0.234375) / 0.125^2 = 244 per arm, rounded up
    assert ois.patients_per_arm == 244 and ois.patients == 488
    assert s.imprecision_levels(0.5, 0.7, 900, 600) == 0
    assert s.imprecision_levels(0.5, 0.7, 100, 600) == 1
    assert s.imprecision_levels(0.8, 1.1, 900, 600) == 0
    assert s.imprecision_levels(0.5, 1.1, 900, 600) == 1
    assert s.imprecision_levels(0.5, 3.0, 900, 600) == 2
    with pytest.raises(ValueError, match=r"argument 'control_risk' got 0\.0"):
        s.optimal_information_size(0.0)
    with pytest.raises(ValueError, match="rr_high"):
        s.imprecision_levels(0.9, 0.5, 10, 10)


def test_hksj_factor_is_root_weighted_q_and_can_shrink_the_interval():
    y, v = [-1.4, -0.9, -0.85], [0.16, 0.2, 0.1]
    ma = s.random_effects(y, v, method="DL")
    w = 1 / (np.asarray(v) + ma.tau2)
    q_w = float(np.sum(w * (np.asarray(y) - ma.estimate) ** 2))
    assert ma.hksj_factor == pytest.approx(math.sqrt(q_w / (ma.k - 1)))
    assert ma.hksj_factor < 1  # trials agree more closely than chance predicts
    assert ma.t_quantile == pytest.approx(4.302652729911275)
    hksj = ma.hksj_ci_high - ma.hksj_ci_low
    assert hksj == pytest.approx(2 * ma.t_quantile * ma.se * ma.hksj_factor)
    low, high = ma.mhksj_ci
    assert high - low == pytest.approx(2 * ma.t_quantile * ma.se)
    assert high - low > hksj


# ------------------------------------------------------------------ refused input


def test_pooling_refuses_nan_infinite_and_negative_variances_up_front():
    for bad in (float("nan"), float("inf"), -0.1):
        with pytest.raises(ValueError, match=r"'variances\[1\]'"):
            s.random_effects([0.1, 0.2], [0.1, bad])
    with pytest.raises(ValueError, match=r"'estimates\[0\]'.*finite"):
        s.random_effects([float("inf"), 0.2], [0.1, 0.1])


def test_pooling_reads_arrays_and_series_like_lists():
    y, v = [-0.9, -0.2, -0.85], [0.1, 0.05, 0.2]
    ref = s.random_effects(y, v, method="PM")
    assert s.random_effects(np.array(y), pd.Series(v), method="PM") == ref
    with pytest.raises(ValueError, match=r"'estimates\[0\]'"):
        s.random_effects(np.array([y, y]), v)  # two-dimensional: rows are not numbers


def test_paule_mandel_converges_on_estimates_far_apart():
    # A spread of 1e12 over variances near 0.1 needs about 80 Newton steps from tau2 = 0;
    # the estimate then solves its own equation: generalised Q = k - 1.
    y, v = np.array([1e12, -0.2, -0.85]), np.array([0.1, 0.05, 0.2])
    ma = s.random_effects(y, v, method="PM")
    w = 1 / (v + ma.tau2)
    mu = float(np.sum(w * y) / np.sum(w))
    assert float(np.sum(w * (y - mu) ** 2)) == pytest.approx(2, rel=1e-4)
    assert ma.tau2 == pytest.approx(s.random_effects(y, v, method="REML").tau2, rel=1e-3)


def test_pooling_refuses_input_beyond_floating_point_range():
    with pytest.raises(ValueError, match=r"'estimates' and 'variances'.*floating-point"):
        s.random_effects([1.0, -0.2, -0.85], [1e-300, 0.05, 0.2])


def test_pool_risk_ratios_checks_tables_and_hand_made_effects_alike():
    e = [s.trial_effect("A", 7, 30, 11, 19), s.trial_effect("B", 6, 33, 14, 33)]
    table = s.trial_effects(pd.DataFrame({
        "label": ["A", "B"], "events_treated": [7, 6], "n_treated": [30, 33],
        "events_control": [11, 14], "n_control": [19, 33]}))
    with pytest.raises(ValueError, match=r"argument 'effects'.*'var_log_rr', row 1"):
        s.pool_risk_ratios(table.assign(var_log_rr=[0.1, float("nan")]))
    with pytest.raises(ValueError, match=r"argument 'effects'.*'log_rr', row 0"):
        s.pool_risk_ratios(table.assign(log_rr=[50.0, 0.1]))  # no table gives RR = e^50
    with pytest.raises(ValueError, match=r"argument 'effects'.*at least 2 row"):
        s.pool_risk_ratios(table.iloc[:1])
    from dataclasses import replace
    with pytest.raises(ValueError, match=r"argument 'effects'.*'log_rr', row 0"):
        s.pool_risk_ratios([replace(e[0], log_rr=float("nan")), e[1]])


def test_trial_and_judgement_tables_are_checked_by_column_and_row():
    q = pd.DataFrame({"question": ["q"], "design": ["randomised"]})
    j = pd.DataFrame({"question": ["q"] * 5, "domain": list(s.DOMAINS),
                      "downgrade": [1, 0, 0, 1, 0], "reason": list("abcde")})
    with pytest.raises(ValueError, match=r"'judgements'.*'downgrade', row 0.*<= 2"):
        s.summary_of_findings(q, j.assign(downgrade=[3, 0, 0, 1, 0]))
    with pytest.raises(ValueError, match=r"'judgements'.*'reason', row 4"):
        s.summary_of_findings(q, j.assign(reason=["a", "b", "c", "d", None]))
    with pytest.raises(ValueError, match=r"'questions'.*'design', row 0"):
        s.summary_of_findings(q.assign(design=["cohort"]), j)
    with pytest.raises(ValueError, match=r"'questions'.*'q' occurs twice"):
        s.summary_of_findings(pd.concat([q, q], ignore_index=True), j)
