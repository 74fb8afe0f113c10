"""Tests of igg4lib.trial: effect measures, fragility, Bayesian re-analysis, power, simulation."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import fisher_exact

from igg4lib import trial

WINS = pd.DataFrame(
    {"arm": ["withdraw GC+IM", "withdraw GC, keep IM", "keep GC+IM"],
     "events": [25, 7, 6], "n": [48, 49, 49]}
)


def _p(x1: int, n1: int, x2: int, n2: int) -> float:
    return float(fisher_exact([[x1, n1 - x1], [x2, n2 - x2]])[1])


# ----------------------------------------------------------------------------- pairwise


def test_pairwise_effect_measures_match_hand_computation():
    res = trial.pairwise_comparisons(WINS)
    first = res.iloc[0]
    assert (first["arm_1"], first["arm_2"]) == ("withdraw GC+IM", "withdraw GC, keep IM")
    # 25/48 - 7/49 = 0.520833 - 0.142857 = 0.377976
    assert first["risk_difference"] == pytest.approx(25 / 48 - 7 / 49, abs=1e-12)
    assert first["risk_ratio"] == pytest.approx((25 / 48) / (7 / 49), rel=1e-12)  # 3.6458
    assert first["odds_ratio"] == pytest.approx((25 * 42) / (23 * 7), rel=1e-12)  # 6.5217
    assert first["nnt"] == pytest.approx(1 / (25 / 48 - 7 / 49), rel=1e-12)  # 2.65
    assert first["nnt_kind"] == "NNTB"
    # log-scale Wald interval of the risk ratio, by hand
    se = math.sqrt(1 / 25 - 1 / 48 + 1 / 7 - 1 / 49)
    assert first["rr_ci_low"] == pytest.approx(3.645833 * math.exp(-1.959964 * se), rel=1e-5)
    assert first["p_fisher"] == pytest.approx(_p(25, 48, 7, 49), rel=1e-12)
    last = res.iloc[2]
    assert last["risk_difference"] == pytest.approx(7 / 49 - 6 / 49)
    assert last["p_fisher"] == pytest.approx(1.0)


def test_pairwise_holm_adjustment_by_hand():
    res = trial.pairwise_comparisons(WINS)
    p = res["p_fisher"].to_numpy()
    order = np.argsort(p)
    m = len(p)
    expected = np.empty(m)
    running = 0.0
    for rank, i in enumerate(order):
        running = max(running, min(1.0, (m - rank) * p[i]))
        expected[i] = running
    np.testing.assert_allclose(res["p_fisher_adjusted"], expected, rtol=1e-12)
    assert res.attrs["adjustment"] == "holm"
    assert len(res) == 3


def test_pairwise_bad_input_names_the_column():
    with pytest.raises(ValueError, match=r"argument 'arms': missing column 'events'"):
        trial.pairwise_comparisons(WINS.drop(columns="events"))
    bad = WINS.assign(events=[25, 50, 6])
    with pytest.raises(
        ValueError,
        match=r"argument 'arms': the frame,"
        r" row 1: expected events <= n",
    ):
        trial.pairwise_comparisons(bad)
    with pytest.raises(
        ValueError,
        match=r"argument 'arms': column 'n', row 2:"
        r" got 0; expected a whole number >= 1",
    ):
        trial.pairwise_comparisons(WINS.assign(n=[48, 49, 0], events=[25, 7, 0]))
    with pytest.raises(ValueError, match=r"argument 'arms': the frame: expected at least 2 row"):
        trial.pairwise_comparisons(WINS.iloc[:1])


# ----------------------------------------------------------------------------- fragility


def test_fragility_walsh_worked_example():
    # Walsh et al. 2014 illustrate with 1/100 vs 9/100 (p = 0.018): one extra event in the
    # arm with fewer events (2/100 vs 9/100) gives p = 0.058, so the index is 1.
    assert _p(1, 100, 9, 100) < 0.05 <= _p(2, 100, 9, 100)
    assert trial.fragility_index(1, 100, 9, 100) == 1
    assert trial.fragility_index(9, 100, 1, 100) == 1  # symmetric in the arms


def test_fragility_wins_arms_by_brute_force():
    # Arm 2 (6/49) has fewer events than arm 1 (25/48); count events added until p >= 0.05.
    k = 0
    while _p(25, 48, 6 + k, 49) < 0.05:
        k += 1
    assert k == 10
    assert trial.fragility_index(25, 48, 6, 49) == 10
    assert trial.fragility_index(25, 48, 7, 49) == 9
    assert _p(25, 48, 7 + 8, 49) < 0.05 <= _p(25, 48, 7 + 9, 49)


def test_fragility_not_significant_is_zero():
    assert trial.fragility_index(7, 49, 6, 49) == 0
    assert trial.fragility_index(0, 10, 0, 10) == 0


def test_fragility_alpha_changes_the_index():
    assert trial.fragility_index(25, 48, 6, 49, alpha=0.01) < trial.fragility_index(25, 48, 6, 49)


def test_fragility_unequal_arms_changes_lower_risk_arm():
    # arm 1 has fewer events (5) but the higher risk (5/5); the lower-risk arm is changed
    assert trial.fragility_index(5, 5, 6, 100) >= 1
    x = 6
    k = 0
    while _p(5, 5, x, 100) < 0.05:
        x += 1
        k += 1
    assert trial.fragility_index(5, 5, 6, 100) == k


@settings(max_examples=40, deadline=None)
@given(
    n1=st.integers(5, 60), n2=st.integers(5, 60), f1=st.floats(0, 1), f2=st.floats(0, 1)
)
def test_fragility_property_stops_at_first_nonsignificant(n1, n2, f1, f2):
    x1, x2 = round(f1 * n1), round(f2 * n2)
    fi = trial.fragility_index(x1, n1, x2, n2)
    assert fi >= 0
    if _p(x1, n1, x2, n2) >= 0.05:
        assert fi == 0
    else:
        assert fi >= 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((5, 0, 1, 10), "argument 'n1' got 0; expected a value >= 1"),
        ((11, 10, 1, 10), "argument 'x1' got 11; expected at most n1 \\(10\\)"),
        ((1, 10, -1, 10), "argument 'x2' got -1; expected a value >= 0"),
    ],
)
def test_fragility_bad_counts(args, message):
    with pytest.raises(ValueError, match=message):
        trial.fragility_index(*args)


@pytest.mark.parametrize("alpha", [0, 1, 1.5, -0.1])
def test_fragility_bad_alpha(alpha):
    with pytest.raises(
        ValueError,
        match=rf"argument 'alpha' got {alpha}"
        rf"; expected a value [<>] [01]",
    ):
        trial.fragility_index(1, 100, 9, 100, alpha=alpha)


# ----------------------------------------------------------------------------- 14.2%


def test_printed_percentages_readings():
    r = trial.consistent_event_counts(14.2, 49)
    assert r.crude_counts == ()  # 6/49 = 12.2%, 7/49 = 14.3%
    assert r.truncated_counts == (7,)  # 14.2857 truncated, not rounded
    assert r.nearest_count == 7
    assert r.kaplan_meier_max_events == 6  # KM >= x/n, and 7/49 > 14.25%
    assert trial.consistent_event_counts(52.1, 48).crude_counts == (25,)
    assert trial.consistent_event_counts(12.2, 49).crude_counts == (6,)
    assert trial.consistent_event_counts(50.0, 2).crude_counts == (1,)


def test_printed_percentages_bad_input():
    with pytest.raises(
        ValueError,
        match=r"argument 'printed_pct' got "
        r"140; expected a value <= 100",
    ):
        trial.consistent_event_counts(140, 49)
    with pytest.raises(ValueError, match=r"argument 'n' got 0; expected a value >= 1"):
        trial.consistent_event_counts(14.2, 0)


# ----------------------------------------------------------------------------- Bayesian


def test_beta_posterior_conjugate_update():
    p = trial.beta_posterior(25, 48, prior_a=0.5, prior_b=0.5)
    assert (p.a, p.b) == (25.5, 23.5)
    assert p.mean == pytest.approx(25.5 / 49)
    assert p.cri_low < p.mean < p.cri_high


def test_difference_probability_matches_monte_carlo():
    r = trial.risk_difference_posterior(25, 48, 7, 49, margin=0.2)
    rng = np.random.default_rng(1)
    d = rng.beta(26, 24, 400_000) - rng.beta(8, 43, 400_000)
    assert r.prob_exceeds_margin == pytest.approx(float((d > 0.2).mean()), abs=0.003)
    assert r.cri_low < r.mean < r.cri_high
    assert r.mean == pytest.approx(26 / 50 - 8 / 51)


def test_difference_probability_monotone_in_margin_and_negative_margin():
    probs = [trial.risk_difference_posterior(7, 49, 6, 49, margin=m).prob_exceeds_margin
             for m in (-0.1, 0.0, 0.1)]
    assert probs[0] > probs[1] > probs[2]
    assert 0.5 < probs[1] < 0.7  # 7/49 vs 6/49: a coin toss leaning one way


def test_difference_posterior_deterministic():
    a = trial.risk_difference_posterior(25, 48, 6, 49, seed=3)
    b = trial.risk_difference_posterior(25, 48, 6, 49, seed=3)
    assert a == b


def test_prior_sensitivity_sceptical_prior_shrinks():
    t = trial.prior_sensitivity(25, 48, 7, 49, margins=(0.2,))
    flat = t.loc[t["prior"].str.startswith("uniform"), "mean"].item()
    sceptical = t.loc[t["prior"].str.startswith("strongly"), "mean"].item()
    assert sceptical < flat
    assert len(t) == len(trial.DEFAULT_PRIORS)


def test_bayes_bad_input():
    with pytest.raises(ValueError, match=r"argument 'prior_a' got 0; expected a value > 0"):
        trial.beta_posterior(1, 10, prior_a=0)
    with pytest.raises(ValueError, match=r"argument 'margin' got 1.5; expected a value < 1"):
        trial.risk_difference_posterior(1, 10, 1, 10, margin=1.5)
    with pytest.raises(ValueError, match=r"argument 'level' got 1; expected a value < 1"):
        trial.beta_posterior(1, 10, level=1)


# ----------------------------------------------------------------------------- power


def test_closed_form_power_and_sample_size_by_hand():
    # sigma = sqrt(2 * 0.12 * 0.88 / 200) = 0.0325; (0.10 / 0.0325) - 1.96 = 1.117
    r = trial.noninferiority_power_closed_form(0.12, 0.12, 200, 0.10)
    sigma = math.sqrt(2 * 0.12 * 0.88 / 200)
    from scipy.stats import norm

    assert r.power == pytest.approx(norm.cdf(0.10 / sigma - norm.ppf(0.975)), rel=1e-12)
    assert r.power == pytest.approx(0.868, abs=0.001)
    # n = (1.96 + 0.8416)^2 * 2 * 0.1056 / 0.01 = 165.8 -> 166
    assert trial.noninferiority_sample_size(0.12, 0.12, 0.10) == 166
    n = trial.noninferiority_sample_size(0.12, 0.14, 0.10, power=0.9)
    assert trial.noninferiority_power_closed_form(0.12, 0.14, n, 0.10).power >= 0.9
    assert trial.noninferiority_power_closed_form(0.12, 0.14, n - 1, 0.10).power < 0.9


def test_simulated_power_agrees_with_closed_form():
    df = trial.simulate_noninferiority_power(0.12, 0.12, [166, 300], 0.10, n_sims=100_000)
    for row in df.itertuples():
        # within 4 Monte Carlo standard errors plus a small normal-approximation allowance
        assert abs(row.power_simulated - row.power_closed_form) < 4 * row.mc_standard_error + 0.01
    assert df["power_simulated"].is_monotonic_increasing


def test_simulated_power_under_null_is_alpha():
    # true difference equal to the margin: the rejection rate is the one-sided type I error
    df = trial.simulate_noninferiority_power(0.15, 0.25, 400, 0.10, n_sims=100_000)
    assert df["power_simulated"].item() == pytest.approx(0.025, abs=0.006)


def test_simulated_power_deterministic():
    a = trial.simulate_noninferiority_power(0.12, 0.12, 100, 0.1, n_sims=5000, seed=7)
    b = trial.simulate_noninferiority_power(0.12, 0.12, 100, 0.1, n_sims=5000, seed=7)
    pd.testing.assert_frame_equal(a, b)


def test_power_bad_input():
    with pytest.raises(ValueError, match=r"argument 'alpha' got 0.6; expected a value < 0.5"):
        trial.noninferiority_power_closed_form(0.1, 0.1, 100, 0.1, alpha=0.6)
    with pytest.raises(ValueError, match=r"argument 'p_control' got 0; expected a value > 0"):
        trial.simulate_noninferiority_power(0, 0.1, 100, 0.1)
    with pytest.raises(ValueError, match=r"argument 'n_per_arm.* got 0; expected a value >= 1"):
        trial.simulate_noninferiority_power(0.1, 0.1, [0], 0.1)
    with pytest.raises(ValueError, match=r"argument 'margin' got 0.1; expected a margin above"):
        trial.noninferiority_sample_size(0.1, 0.25, 0.1)


# ----------------------------------------------------------------------------- simulation

ARMS = pd.DataFrame({"arm": ["A", "B"], "n": [48, 49], "risk_18m": [25 / 48, 6 / 49]})


def test_simulated_cohort_is_deterministic_and_labelled():
    a = trial.simulate_relapse_times(ARMS)
    b = trial.simulate_relapse_times(ARMS)
    pd.testing.assert_frame_equal(a, b)
    assert a.attrs["synthetic"] is True
    assert a["synthetic_patient_id"].str.startswith("SIM-").all()
    assert list(a.groupby("arm", sort=False).size()) == [48, 49]
    assert (a["time_months"] <= 18).all()
    assert not a.loc[~a["relapsed"], "time_months"].lt(18).any()  # censored only at 18
    hazard = a.groupby("arm", sort=False)["hazard_per_month"].first()
    assert 1 - math.exp(-18 * hazard["A"]) == pytest.approx(25 / 48)
    c = trial.simulate_relapse_times(ARMS, seed=1)
    assert not c["time_months"].equals(a["time_months"])


def test_simulated_cohort_large_sample_matches_risk():
    big = pd.DataFrame({"arm": ["A"], "n": [200_000], "risk_18m": [0.3]})
    sim = trial.simulate_relapse_times(big)
    assert sim["relapsed"].mean() == pytest.approx(0.3, abs=0.005)


def test_kaplan_meier_without_censoring_is_crude_proportion():
    sim = trial.simulate_relapse_times(ARMS)
    km = trial.kaplan_meier_table(sim, times=[18.0])
    crude = sim.groupby("arm", sort=False)["relapsed"].mean()
    np.testing.assert_allclose(km["cumulative_relapse"], crude.to_numpy(), rtol=1e-12)


def test_logrank_rows_and_bad_cohort():
    res = trial.logrank_tests(trial.simulate_relapse_times(ARMS))
    assert res["comparison"].tolist() == ["all arms", "A vs B"]
    assert res["p"].between(0, 1).all()
    with pytest.raises(ValueError, match=r"argument 'cohort': missing column 'relapsed'"):
        trial.logrank_tests(pd.DataFrame({"arm": ["A"], "time_months": [1.0]}))
    with pytest.raises(
        ValueError,
        match=r"argument 'arms': column 'risk_18m', ro"
        r"w 0: got 1.2; expected a finite number",
    ):
        trial.simulate_relapse_times(ARMS.assign(risk_18m=[1.2, 0.1]))


def test_smallest_denominator_for_142():
    # no arm smaller than 106 patients can produce a crude 14.2%
    assert trial.smallest_denominator(14.2) == (15, 106)
    assert round(100 * 15 / 106, 1) == 14.2
    assert all(not trial.consistent_event_counts(14.2, n).crude_counts for n in range(1, 106))
    with pytest.raises(ValueError, match=r"argument 'printed_pct' got -1; expected a value >= 0"):
        trial.smallest_denominator(-1)


def test_sensitivity_to_count_recomputes_each_reading():
    res = trial.sensitivity_to_count(WINS, "withdraw GC, keep IM", [6, 7, 8])
    assert res["events"].tolist() == [6, 7, 8]
    for row in res.itertuples():
        assert row.risk_difference == pytest.approx(25 / 48 - row.events / 49)
        assert row.p_fisher == pytest.approx(_p(25, 48, row.events, 49))
        assert row.fragility_index == trial.fragility_index(25, 48, row.events, 49)
    assert res["fragility_index"].tolist() == [10, 9, 8]
    assert res["prob_exceeds_margin"].is_monotonic_decreasing
    # reversed orientation: reference arm listed after the changed arm
    rev = trial.sensitivity_to_count(WINS, "withdraw GC, keep IM", [7],
                                     reference="keep GC+IM")
    assert rev["risk_difference"].item() == pytest.approx(6 / 49 - 7 / 49)
    assert rev["rd_ci_low"].item() < rev["risk_difference"].item() < rev["rd_ci_high"].item()
    with pytest.raises(
        ValueError,
        match=r"argument 'arm' got 'placebo"
        r"' .*expected one of the arms",
    ):
        trial.sensitivity_to_count(WINS, "placebo", [1])


def test_analysis_counts_from_printed_percentages():
    arms = pd.DataFrame({"label": ["g1", "g2", "g3"], "n_randomised": [48, 49, 49],
                         "relapse_percent": [52.1, 14.2, 12.2]})
    res = trial.analysis_counts(arms)
    assert res["events"].tolist() == [25, 7, 6]
    assert res["basis"].tolist()[0] == "exact"
    assert res["basis"].tolist()[1].startswith("nearest")
    assert res["analysed_pct"].iloc[1] == pytest.approx(100 * 7 / 49)
    alt = trial.analysis_counts(arms, override={"g2": 6})
    assert alt["events"].tolist() == [25, 6, 6]
    assert alt["basis"].iloc[1] == "override"
    with pytest.raises(
        ValueError,
        match=r"argument 'override' got \{'g9'"
        r": 1\} .*expected names of arms",
    ):
        trial.analysis_counts(arms, override={"g9": 1})
    with pytest.raises(
        ValueError,
        match=r"argument 'override' got \{'g2': 50\}"
        r" .*no larger than their arm's size",
    ):
        trial.analysis_counts(arms, override={"g2": 50})


def test_figures_are_labelled():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from igg4lib.plots import trial as trial_plots

    sim = trial.simulate_relapse_times(ARMS)
    fig = trial_plots.simulated_kaplan_meier(sim)
    ax = fig.axes[0]
    assert ax.get_title().startswith("SIMULATION")
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["A (SIMULATED)", "B (SIMULATED)"]
    assert "months" in ax.get_xlabel().lower()
    plt.close(fig)
    arms = pd.DataFrame({"arm": ["A", "B"], "n": [48, 49], "events": [25, 7],
                         "printed": ["52.1%", "14.2%"]})
    fig = trial_plots.consort_flow(arms)
    texts = " ".join(t.get_text() for t in fig.axes[0].texts)
    assert "n = 97" in texts and "count analysed: 7/49" in texts and "as printed: 14.2%" in texts
    plt.close(fig)
    power = trial.simulate_noninferiority_power(0.12, 0.12, [100, 200], 0.1, n_sims=1000)
    fig = trial_plots.power_curve(power)
    assert "SIMULATED" in fig.axes[0].get_title()
    plt.close(fig)


def test_sensitivity_equal_risks_give_plain_zero():
    res = trial.sensitivity_to_count(WINS, "withdraw GC, keep IM", [6], reference="keep GC+IM")
    rd = res["risk_difference"].item()
    assert rd == 0.0 and math.copysign(1.0, rd) == 1.0
