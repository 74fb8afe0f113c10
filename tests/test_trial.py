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
    with pytest.raises(ValueError, match="argument 'arms': missing column 'events'"):
        trial.pairwise_comparisons(WINS.drop(columns="events"))
    bad = WINS.assign(events=[25, 50, 6])
    with pytest.raises(ValueError, match="argument 'arms': the frame, row 1: "
                                         "expected events <= n"):
        trial.pairwise_comparisons(bad)
    with pytest.raises(ValueError, match=r"argument 'arms': column 'n', row 2: got 0"):
        trial.pairwise_comparisons(WINS.assign(n=[48, 49, 0], events=[25, 7, 0]))
    with pytest.raises(ValueError, match=r"argument 'arms'.*at least 2 row"):
        trial.pairwise_comparisons(WINS.iloc[:1])
    with pytest.raises(ValueError, match="argument 'arms': column 'arm', row 0: 'A' occurs twice"):
        trial.pairwise_comparisons(WINS.assign(arm=["A", "A", "B"]))
    with pytest.raises(ValueError, match="argument 'method' got 'holmes'"):
        trial.pairwise_comparisons(WINS, method="holmes")


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
        ((1, 10, 1, "10"), "argument 'n2' got '10' \\(str\\); expected a whole number"),
        ((1, 1500, 9, 1500), "argument 'n1' got 1500; expected n1 \\+ n2 \\(here 1500 \\+ 1500\\) "
                             "at most 2,000"),
    ],
)
def test_fragility_bad_counts(args, message):
    with pytest.raises(ValueError, match=message):
        trial.fragility_index(*args)


@pytest.mark.parametrize("alpha", [0, 1, 1.5, -0.1])
def test_fragility_bad_alpha(alpha):
    with pytest.raises(ValueError, match=rf"argument 'alpha' got {alpha}; expected a value [<>] "):
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
    with pytest.raises(ValueError, match="argument 'printed_pct' got 140; expected a value <= 100"):
        trial.consistent_event_counts(140, 49)
    with pytest.raises(ValueError, match="argument 'n' got 0; expected a value >= 1"):
        trial.consistent_event_counts(14.2, 0)
    with pytest.raises(ValueError, match=r"argument 'printed_pct' got '14.2' \(str\)"):
        trial.consistent_event_counts("14.2", 49)
    # every count is enumerated, so the arm size has an upper bound
    with pytest.raises(ValueError, match="argument 'n' got 1000000000000; expected a value "
                                         "<= 10000"):
        trial.consistent_event_counts(14.2, 10**12)


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
    a = trial.risk_difference_posterior(25, 48, 6, 49)
    b = trial.risk_difference_posterior(25, 48, 6, 49)
    assert a == b


def test_difference_quantiles_are_exact_against_a_large_monte_carlo():
    """The credible interval is found by root-finding on the exact distribution function.

    A seeded Monte Carlo of 4 million draws per arm has a quantile standard error near
    1e-4, so the two agree to 1e-3; the old Monte Carlo interval's third decimal is not
    trusted, the root-finder's is.
    """
    r = trial.risk_difference_posterior(25, 48, 7, 49)
    rng = np.random.default_rng(20240501)
    d = rng.beta(26, 24, 4_000_000) - rng.beta(8, 43, 4_000_000)
    low, high = np.quantile(d, [0.025, 0.975])
    assert r.cri_low == pytest.approx(low, abs=1e-3)
    assert r.cri_high == pytest.approx(high, abs=1e-3)
    # the CDF at its own quantiles returns the tail probabilities to root-finder precision
    assert trial.difference_cdf(r.cri_low, r.arm_1, r.arm_2) == pytest.approx(0.025, abs=1e-8)
    assert trial.difference_cdf(r.cri_high, r.arm_1, r.arm_2) == pytest.approx(0.975, abs=1e-8)
    # printed to one decimal in percentage points, as the chapter prints it
    assert (f"{100 * r.cri_low:.1f}", f"{100 * r.cri_high:.1f}") == ("19.0", "52.7")


def test_difference_of_two_uniforms_is_triangular():
    """Analytic special case: Beta(1, 1) - Beta(1, 1) has the triangular density on (-1, 1)."""
    flat = trial.BetaPosterior(events=0, n=0, prior_a=1.0, prior_b=1.0, a=1.0, b=1.0,
                               mean=0.5, cri_low=0.025, cri_high=0.975, level=0.95)
    for d in (-0.9, -0.5, -0.1, 0.0, 0.3, 0.8):
        exact = (1 + d) ** 2 / 2 if d <= 0 else 1 - (1 - d) ** 2 / 2
        assert trial.difference_cdf(d, flat, flat) == pytest.approx(exact, abs=1e-9)
    for q in (0.025, 0.3, 0.5, 0.975):
        exact = math.sqrt(2 * q) - 1 if q <= 0.5 else 1 - math.sqrt(2 * (1 - q))
        assert trial.difference_quantile(q, flat, flat) == pytest.approx(exact, abs=1e-8)


def test_difference_of_identical_posteriors_is_symmetric():
    p = trial.beta_posterior(7, 49)
    assert trial.difference_quantile(0.5, p, p) == pytest.approx(0.0, abs=1e-9)
    low = trial.difference_quantile(0.025, p, p)
    high = trial.difference_quantile(0.975, p, p)
    assert low == pytest.approx(-high, abs=1e-9)


def test_prior_sensitivity_informative_priors_are_named_for_what_they_are():
    t = trial.prior_sensitivity(25, 48, 7, 49, margins=(0.2,))
    flat = t.loc[t["prior"].str.startswith("uniform"), "mean"].item()
    strong = t.loc[t["prior"].str.startswith("strongly informative"), "mean"].item()
    assert strong < flat
    assert len(t) == len(trial.DEFAULT_PRIORS)
    assert not any("sceptical" in name for name in trial.DEFAULT_PRIORS)
    assert all("each arm" in name for name in trial.DEFAULT_PRIORS if "informative" in name)
    fast = trial.prior_sensitivity(25, 48, 7, 49, margins=(0.2,), with_interval=False)
    assert fast["prob_exceeds_margin"].tolist() == pytest.approx(t["prob_exceeds_margin"].tolist())
    assert fast["cri_low"].isna().all()


# ----------------------------------------------------------------------------- sceptical prior


def test_sceptical_prior_sd_puts_95_percent_between_the_bounds():
    from scipy.stats import norm

    sd = trial.sceptical_prior_sd(2.0)
    mass = norm.cdf(math.log(2.0), scale=sd) - norm.cdf(-math.log(2.0), scale=sd)
    assert mass == pytest.approx(0.95)
    with pytest.raises(ValueError, match=r"argument 'or_bound' got 0\.5; expected a value > 1"):
        trial.sceptical_prior_sd(0.5)


def test_sceptical_posterior_matches_importance_sampling():
    """Quadrature against a seeded importance sampler (draws from the prior, likelihood weights)."""
    from scipy.special import expit

    sd = trial.sceptical_prior_sd(2.0)
    r = trial.sceptical_effect_posterior(25, 48, 7, 49, prior_sd_log_or=sd)
    rng = np.random.default_rng(11)
    n = 2_000_000
    p2 = rng.uniform(size=n)
    t = rng.normal(0.0, sd, size=n)
    p1 = expit(np.log(p2 / (1 - p2)) + t)
    logw = 25 * np.log(p1) + 23 * np.log1p(-p1) + 7 * np.log(p2) + 42 * np.log1p(-p2)
    w = np.exp(logw - logw.max())
    w /= w.sum()
    assert r.prob_or_above_1 == pytest.approx(float(w[t > 0].sum()), abs=0.003)
    for m in (0.1, 0.2):
        assert r.prob_exceeds_margin(m) == pytest.approx(float(w[p1 - p2 > m].sum()), abs=0.01)
    order = np.argsort(t)
    median = t[order][np.searchsorted(np.cumsum(w[order]), 0.5)]
    assert math.log(r.or_median) == pytest.approx(median, abs=0.02)


def test_sceptical_posterior_converges_and_tiny_prior_sd_pools_the_arms():
    sd = trial.sceptical_prior_sd(3.0)
    coarse = trial.sceptical_effect_posterior(25, 48, 7, 49, prior_sd_log_or=sd, nodes=80)
    fine = trial.sceptical_effect_posterior(25, 48, 7, 49, prior_sd_log_or=sd, nodes=320)
    assert coarse.prob_exceeds_margin(0.1) == pytest.approx(fine.prob_exceeds_margin(0.1), abs=1e-8)
    assert coarse.or_cri_high == pytest.approx(fine.or_cri_high, rel=1e-7)
    # A prior SD near zero forces OR = 1: the effect vanishes whatever the data say.
    tight = trial.sceptical_effect_posterior(25, 48, 7, 49, prior_sd_log_or=1e-4)
    assert tight.or_median == pytest.approx(1.0, abs=1e-3)
    assert tight.prob_exceeds_margin(0.1) == pytest.approx(0.0, abs=1e-9)
    # A very wide prior lets the data speak: the posterior median OR nears the observed one.
    wide = trial.sceptical_effect_posterior(25, 48, 7, 49, prior_sd_log_or=50.0)
    assert wide.or_median == pytest.approx((25 / 23) / (7 / 42), rel=0.15)
    # more scepticism, less probability of a large effect
    strong = trial.sceptical_effect_posterior(25, 48, 7, 49,
                                              prior_sd_log_or=trial.sceptical_prior_sd(2.0))
    assert strong.prob_exceeds_margin(0.2) < fine.prob_exceeds_margin(0.2)


def test_sceptical_posterior_bad_input():
    with pytest.raises(ValueError, match="argument 'prior_sd_log_or' got 0; expected a value > 0"):
        trial.sceptical_effect_posterior(1, 10, 1, 10, prior_sd_log_or=0)
    with pytest.raises(ValueError, match=r"argument 'prior_sd_log_or' got 1000\.0; expected a "
                                         "value <= 100"):
        trial.sceptical_effect_posterior(1, 10, 1, 10, prior_sd_log_or=1e3)
    with pytest.raises(ValueError, match="argument 'nodes' got 100000; expected a value <= 400"):
        trial.sceptical_effect_posterior(1, 10, 1, 10, prior_sd_log_or=1.0, nodes=100_000)
    with pytest.raises(ValueError, match=r"argument 'margins\[0\]' got 2; expected a value < 1"):
        trial.sceptical_effect_posterior(1, 10, 1, 10, prior_sd_log_or=1.0, margins=(2,))
    r = trial.sceptical_effect_posterior(1, 10, 1, 10, prior_sd_log_or=1.0, margins=(0.0,))
    with pytest.raises(ValueError, match=r"margin 0\.3 was not computed"):
        r.prob_exceeds_margin(0.3)


def test_bayes_bad_input():
    with pytest.raises(ValueError, match=r"argument 'prior_a' got 0; expected a value >= 0\.001"):
        trial.beta_posterior(1, 10, prior_a=0)
    with pytest.raises(ValueError, match=r"argument 'margin' got 1.5; expected a value < 1"):
        trial.risk_difference_posterior(1, 10, 1, 10, margin=1.5)
    with pytest.raises(ValueError, match="argument 'level' got 1; expected a value < 1"):
        trial.beta_posterior(1, 10, level=1)
    post = trial.beta_posterior(1, 10)
    with pytest.raises(ValueError, match="argument 'post2' got 'False' \\(str\\)"):
        trial.difference_quantile(0.5, post, "False")
    broken = trial.BetaPosterior(events=0, n=0, prior_a=1.0, prior_b=1.0, a=float("nan"), b=1.0,
                                 mean=0.5, cri_low=0.0, cri_high=1.0, level=0.95)
    with pytest.raises(ValueError, match=r"argument 'post1'.*finite parameters"):
        trial.difference_cdf(0.0, broken, post)
    with pytest.raises(ValueError, match=r"argument 'q' got 1\.0; expected a value < 1"):
        trial.difference_quantile(1.0, post, post)


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
    with pytest.raises(ValueError, match="argument 'p_control' got 0; expected a value > 0"):
        trial.simulate_noninferiority_power(0, 0.1, 100, 0.1)
    with pytest.raises(ValueError, match=r"argument 'n_per_arm\[0\]' got 0; expected a value >= 1"):
        trial.simulate_noninferiority_power(0.1, 0.1, [0], 0.1)
    with pytest.raises(ValueError, match=r"argument 'margin' got 0\.1; expected above "
                                         "p_experimental"):
        trial.noninferiority_sample_size(0.1, 0.25, 0.1)
    # the string a spreadsheet hands over is not a power
    with pytest.raises(ValueError, match=r"argument 'margin' got '0\.5' \(str\)"):
        trial.noninferiority_sample_size(0.12, 0.12, "0.5")
    with pytest.raises(ValueError, match="argument 'seed' got None"):
        trial.simulate_noninferiority_power(0.1, 0.1, 100, 0.1, seed=None)
    with pytest.raises(ValueError, match="argument 'n_sims' got 1000000; expected n_sims times"):
        trial.simulate_noninferiority_power(0.1, 0.1, [100, 200, 300], 0.1, n_sims=1_000_000)
    with pytest.raises(ValueError, match=r"argument 'margins' got 0\.0001; expected a "
                                         "margin whose"):
        trial.noninferiority_margin_table(0.1, [0.0001], n_sims=100)


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
    with pytest.raises(ValueError, match="argument 'cohort': missing column 'relapsed'"):
        trial.logrank_tests(pd.DataFrame({"arm": ["A"], "time_months": [1.0]}))
    with pytest.raises(ValueError, match=r"argument 'cohort'.*at least 2 arms"):
        trial.logrank_tests(pd.DataFrame({"arm": ["A", "A"], "time_months": [1.0, 2.0],
                                          "relapsed": [True, False]}))
    with pytest.raises(ValueError, match="argument 'cohort': column 'relapsed', row 0: "
                                         "got 'False'"):
        trial.logrank_tests(pd.DataFrame({"arm": ["A", "B"], "time_months": [1.0, 2.0],
                                          "relapsed": ["False", True]}))
    with pytest.raises(ValueError, match=r"argument 'arms': column 'risk_18m', row 0: got 1.2"):
        trial.simulate_relapse_times(ARMS.assign(risk_18m=[1.2, 0.1]))
    with pytest.raises(ValueError, match=r"argument 'arms': column 'risk_18m', row 1: got 0.0; "
                                         "expected a risk strictly between 0 and 1"):
        trial.simulate_relapse_times(ARMS.assign(risk_18m=[0.5, 0.0]))


def test_smallest_denominator_for_142():
    # no arm smaller than 106 patients can produce a crude 14.2%
    assert trial.smallest_denominator(14.2) == (15, 106)
    assert round(100 * 15 / 106, 1) == 14.2
    assert all(not trial.consistent_event_counts(14.2, n).crude_counts for n in range(1, 106))
    with pytest.raises(ValueError, match=r"argument 'printed_pct' got -1; expected a value >= 0"):
        trial.smallest_denominator(-1)


def test_smallest_denominator_agrees_with_the_enumeration():
    """The constant-time test of each n gives the first count the enumeration finds."""
    def by_enumeration(pct: float, decimals: int) -> tuple[int, int]:
        n = 1
        while not trial.consistent_event_counts(pct, n, decimals).crude_counts:
            n += 1
        return trial.consistent_event_counts(pct, n, decimals).crude_counts[0], n

    for pct in (0.0, 0.4, 1.7, 12.2, 14.2, 33.3, 50.0, 57.6, 66.7, 99.9, 100.0):
        for decimals in (0, 1, 2):
            if decimals == 0 and pct != round(pct):
                # a percentage with a decimal was not printed to 0 places: refused, not rounded
                with pytest.raises(ValueError, match="at most decimals"):
                    trial.smallest_denominator(pct, decimals)
                continue
            assert trial.smallest_denominator(pct, decimals) == by_enumeration(pct, decimals)
    # three decimals of a small percentage need a large arm, found at once
    x, n = trial.smallest_denominator(0.001, 3)
    assert round(100 * x / n, 3) == 0.001 and n > 10_000


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
    with pytest.raises(ValueError, match="argument 'arm' got 'placebo' \\(str\\); expected one of "
                                         "the arm labels in column 'arm' of arms"):
        trial.sensitivity_to_count(WINS, "placebo", [1])
    with pytest.raises(ValueError, match="argument 'reference' got 'withdraw GC, keep IM'"):
        trial.sensitivity_to_count(WINS, "withdraw GC, keep IM", [1],
                                   reference="withdraw GC, keep IM")
    with pytest.raises(ValueError, match="argument 'counts' got \\[50\\] \\(list\\); expected "
                                         "event counts at most the size of arm"):
        trial.sensitivity_to_count(WINS, "withdraw GC, keep IM", [50])


def test_analysis_counts_from_printed_percentages():
    arms = pd.DataFrame({"label": ["g1", "g2", "g3"], "n_randomised": [48, 49, 49],
                         "relapse_percent": [52.1, 14.2, 12.2]})
    res = trial.analysis_counts(arms, readings={"g2": "wins-arm2-relapses"})
    assert res["events"].tolist() == [25, 7, 6]
    assert res["basis"].tolist() == [trial.BASIS_ONLY_COUNT, trial.BASIS_READING,
                                     trial.BASIS_ONLY_COUNT]
    assert not any("exact" in b or "published" in b for b in res["basis"])
    assert res["reading"].tolist() == ["", "wins-arm2-relapses", ""]
    assert res["analysed_pct"].iloc[1] == pytest.approx(100 * 7 / 49)
    alt = trial.analysis_counts(arms, override={"g2": 6})
    assert alt["events"].tolist() == [25, 6, 6]
    assert alt["basis"].iloc[1] == trial.BASIS_OVERRIDE
    with pytest.raises(ValueError, match=r"argument 'arms', arm 'g2': 0 whole counts of 49 round "
                                         r"to 14.2%; name the book's reading of it in argument "
                                         r"'readings'"):
        trial.analysis_counts(arms)
    with pytest.raises(ValueError, match=r"argument 'readings' got \{'g9': .*expected keys among "
                                         r"the arm labels"):
        trial.analysis_counts(arms, readings={"g9": "wins-arm2-relapses"})
    wrong = arms.assign(n_randomised=[48, 50, 49])
    with pytest.raises(ValueError, match="argument 'readings': the adopted reading of "
                                         "'wins-arm2-relapses' must give a count out of 50 "
                                         "patients"):
        trial.analysis_counts(wrong, readings={"g2": "wins-arm2-relapses"})
    with pytest.raises(ValueError, match="argument 'readings' got 'no-such-question'"):
        trial.analysis_counts(arms, readings={"g2": "no-such-question"})
    with pytest.raises(ValueError, match=r"argument 'override' got \{'g9': 1\}.*expected keys "
                                         r"among"):
        trial.analysis_counts(arms, override={"g9": 1})
    with pytest.raises(ValueError, match=r"argument 'override' got \{'g2': 50\}.*expected "
                                         r"counts at most the arm's size"):
        trial.analysis_counts(arms, override={"g2": 50})
    with pytest.raises(ValueError, match=r"argument \"override\['g2'\]\" got 'False' \(str\)"):
        trial.analysis_counts(arms, override={"g2": "False"})


def test_wins_counts_come_from_the_adopted_reading():
    from igg4lib import readings

    counts = trial.wins_analysis_counts()
    adopted = readings.adopted("wins-arm2-relapses")
    row = counts.iloc[1]
    assert (int(row["events"]), int(row["n"])) == (adopted.events, adopted.n)
    assert row["basis"] == trial.BASIS_READING


def test_sensitivity_states_its_direction():
    both = trial.sensitivity_to_count(WINS, "withdraw GC, keep IM", [7], reference="keep GC+IM",
                                      arm_minus_reference=True, margin=0.0)
    default = trial.sensitivity_to_count(WINS, "withdraw GC, keep IM", [7],
                                         reference="keep GC+IM")
    assert both["difference"].item() == "withdraw GC, keep IM minus keep GC+IM"
    assert default["difference"].item() == "keep GC+IM minus withdraw GC, keep IM"
    assert both["risk_difference"].item() == pytest.approx(7 / 49 - 6 / 49)
    assert default["risk_difference"].item() == pytest.approx(-(7 / 49 - 6 / 49))
    assert both["rd_ci_low"].item() == pytest.approx(-default["rd_ci_high"].item())
    p_more = both["prob_exceeds_margin"].item()
    assert p_more == pytest.approx(
        trial.risk_difference_posterior(7, 49, 6, 49, margin=0.0).prob_exceeds_margin)


def test_margin_table_accepts_control_plus_margin_and_prices_it():
    t = trial.noninferiority_margin_table(0.122, [0.108, 0.05], n_sims=4000)
    assert t["accepted_relapse_pct"].tolist() == pytest.approx([23.0, 17.2])
    assert t["n_per_arm_80"].tolist() == [
        trial.noninferiority_sample_size(0.122, 0.122, m) for m in (0.108, 0.05)]
    assert (t["n_total_80"] == 2 * t["n_per_arm_80"]).all()
    assert any("SIMULATED" in c for c in t.columns)
    assert t["power_at_n80_SIMULATED"].between(0.77, 0.83).all()


def test_simulated_tables_carry_the_label_inside():
    sim = trial.simulate_relapse_times(ARMS)
    assert "SIMULATED" in sim.index.name
    assert "SIMULATED" in trial.kaplan_meier_table(sim, times=[18.0]).round(3).index.name
    assert "SIMULATED" in trial.logrank_tests(sim).round(4).index.name
    power = trial.simulate_noninferiority_power(0.12, 0.12, [100], 0.1, n_sims=1000)
    assert "SIMULATED" in power.round(4).index.name
    real = pd.DataFrame({"arm": ["A", "A", "B"], "time_months": [1.0, 2.0, 3.0],
                         "relapsed": [True, False, True]})
    assert trial.kaplan_meier_table(real, times=[2.0]).index.name is None


def test_figures_are_labelled():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from igg4lib.plots import trial as trial_plots

    sim = trial.simulate_relapse_times(ARMS)
    fig = trial_plots.simulated_kaplan_meier(sim)
    ax = fig.axes[0]
    assert ax.get_title(loc="left").startswith("SIMULATION")
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["A (SIMULATED)", "B (SIMULATED)"]
    assert "months" in fig.axes[1].get_xlabel().lower()  # under the numbers-at-risk row
    plt.close(fig)
    arms = pd.DataFrame({"arm": ["A", "B"], "n": [48, 49], "events": [25, 7],
                         "printed": ["52.1%", "14.2%"],
                         "basis": [trial.BASIS_ONLY_COUNT, trial.BASIS_READING]})
    fig = trial_plots.consort_flow(arms)
    texts = " ".join(t.get_text() for t in fig.axes[0].texts)
    assert "n = 97" in texts and "count analysed: 7/49" in texts and "as printed: 14.2%" in texts
    words = " ".join(texts.split())
    assert "the book's reading" in words and "only count that fits" in words
    title = fig.axes[0].get_title()
    assert "published counts" not in title and "exact" not in title
    plt.close(fig)
    table = pd.DataFrame({"arm": ["A", "B"], "relapse_pct": [100 * 25 / 48, 100 * 7 / 49],
                          "ci_low_pct": [38.0, 7.0], "ci_high_pct": [66.0, 27.0],
                          "printed_pct": [52.1, 14.2], "events": [25, 7], "n": [48, 49],
                          "basis": [trial.BASIS_ONLY_COUNT, trial.BASIS_READING]})
    fig = trial_plots.relapse_by_arm(table)
    ax = fig.axes[0]
    ticks = [t.get_text() for t in ax.get_yticklabels()]
    assert ticks == ["Group 1\nA\n25/48: only count that fits",
                     "Group 2\nB\n7/49: the book's reading"]
    assert ax.get_yticks().tolist() == [1, 0]  # group 1 on top
    crosses = [c for c in ax.collections if c.get_label() == "printed percentage"]
    assert crosses and crosses[0].get_offsets()[0][0] == pytest.approx(52.1)
    printed_x = sorted(float(c.get_offsets()[0][0]) for c in ax.collections
                       if len(c.get_offsets()) == 1)
    assert 14.2 in printed_x  # the printed value is plotted, not only the analysed 14.29
    plt.close(fig)
    power = trial.simulate_noninferiority_power(0.12, 0.12, [100, 200], 0.1, n_sims=1000)
    fig = trial_plots.power_curve(power)
    assert "SIMULATED" in fig.axes[0].get_title(loc="left")
    plt.close(fig)


def test_sensitivity_equal_risks_give_plain_zero():
    res = trial.sensitivity_to_count(WINS, "withdraw GC, keep IM", [6], reference="keep GC+IM")
    rd = res["risk_difference"].item()
    assert rd == 0.0 and math.copysign(1.0, rd) == 1.0


# ----------------------------------------------------------------------------- chapter tables


def test_event_count_readings_per_arm():
    arms = pd.DataFrame({"label": ["A", "B", "C"], "n_randomised": [48, 49, 49],
                         "relapse_percent": [52.1, 14.2, 12.2]})
    res = trial.event_count_readings(arms)
    assert res["arm"].tolist() == ["A", "B", "C"]
    assert res["crude_counts"].tolist() == [(25,), (), (6,)]
    assert res["nearest_count"].tolist() == [25, 7, 6]
    assert res["kaplan_meier_max_events"].tolist() == [25, 6, 6]
    with pytest.raises(ValueError, match="argument 'arms': missing column 'relapse_percent' "
                                         "\\(the column named by argument 'pct'\\)"):
        trial.event_count_readings(arms.drop(columns="relapse_percent"))


def test_arm_risks_are_wilson_intervals_in_percent():
    res = trial.arm_risks(WINS)
    from statsmodels.stats.proportion import proportion_confint

    low, high = proportion_confint(7, 49, method="wilson")
    row = res.iloc[1]
    assert row["relapse_pct"] == pytest.approx(100 * 7 / 49)
    assert (row["ci_low_pct"], row["ci_high_pct"]) == pytest.approx((100 * low, 100 * high))
    assert list(res.columns[:3]) == ["arm", "events", "n"]  # the input columns are kept
    with pytest.raises(TypeError, match=r"argument 'counts': column 'events', row 0: got 2\.5; "
                                        "expected a whole number"):
        trial.arm_risks(pd.DataFrame({"arm": ["A"], "events": [2.5], "n": [10]}))
    with pytest.raises(ValueError, match="argument 'counts': missing column 'n'"):
        trial.arm_risks(WINS.drop(columns="n"))


def test_fragility_indices_match_the_single_index():
    pairs = trial.pairwise_comparisons(WINS)
    res = trial.fragility_indices(pairs)
    assert res["fragility_index"].tolist() == [
        trial.fragility_index(25, 48, 7, 49), trial.fragility_index(25, 48, 6, 49),
        trial.fragility_index(7, 49, 6, 49)]
    assert res["fragility_index"].tolist() == [9, 10, 0]
    stricter = trial.fragility_indices(pairs, alpha=0.01)["fragility_index"]
    assert (stricter <= res["fragility_index"]).all() and stricter.iloc[0] < 9
    with pytest.raises(ValueError, match="argument 'pairs': missing column 'arm_1'"):
        trial.fragility_indices(WINS)
    with pytest.raises(ValueError, match="argument 'pairs': the frame, row 0: expected n1 \\+ n2 "
                                         "at most 2,000"):
        trial.fragility_indices(pairs.assign(n1=1500, n2=1500))


def test_numbers_at_risk_count_patients_followed_and_event_free():
    cohort = pd.DataFrame({"arm": ["A"] * 4 + ["B"] * 2,
                           "time_months": [1.0, 6.0, 12.0, 18.0, 3.0, 18.0],
                           "relapsed": [True, True, False, False, True, False]})
    res = trial.numbers_at_risk(cohort, times=[0.0, 6.0, 12.5, 18.0])
    assert res.loc[res["arm"] == "A", "at_risk"].tolist() == [4, 3, 1, 1]
    assert res.loc[res["arm"] == "B", "at_risk"].tolist() == [2, 1, 1, 1]
    assert res.index.name is None  # trial-like data are not labelled SIMULATED
    sim = trial.simulate_relapse_times(ARMS)
    nar = trial.numbers_at_risk(sim, times=[0.0, 18.0])
    assert nar.index.name == trial.SIMULATED_INDEX
    # the same counts as lifelines' event table
    from lifelines import KaplanMeierFitter

    grp = sim[sim["arm"] == "A"]
    table = KaplanMeierFitter().fit(grp["time_months"], grp["relapsed"]).event_table
    at_18 = int(table.loc[table.index >= 18.0, "at_risk"].iloc[0])
    assert nar.loc[nar["arm"] == "A", "at_risk"].tolist() == [48, at_18]
    with pytest.raises(ValueError, match=r"argument 'times\[0\]' got -1.0; expected a value >= 0"):
        trial.numbers_at_risk(sim, times=[-1.0])
    with pytest.raises(ValueError, match=r"argument 'times' got \[\] \(list\); expected at "
                                         "least 1"):
        trial.numbers_at_risk(sim, times=[])


def test_sensitivity_table_keeps_its_margin():
    res = trial.sensitivity_to_count(WINS, "withdraw GC, keep IM", [7], margin=0.1)
    assert res.attrs["margin"] == 0.1


# ----------------------------------------------------------------------------- chapter figures


def _texts(fig) -> list:
    return [t for t in fig.findobj(lambda a: hasattr(a, "get_fontsize") and hasattr(a, "get_text"))
            if t.get_text().strip() and t.get_visible()]


def test_figures_are_readable_and_keep_one_colour_per_meaning():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.colors import to_hex

    from igg4lib.plots import COLOURS
    from igg4lib.plots import trial as trial_plots

    arms = trial.analysis_counts(pd.DataFrame({
        "label": ["withdraw GC+IM", "withdraw GC but maintain IM", "maintain GC+IM"],
        "n_randomised": [48, 49, 49], "relapse_percent": [52.1, 14.2, 12.2]}),
        readings=trial.WINS_READINGS)
    sim = trial.simulate_relapse_times(arms.assign(risk_18m=arms["events"] / arms["n"]))
    curve = trial.prior_sensitivity(25, 48, 7, 49, margins=[0.0, 0.2], with_interval=False)
    posteriors = {a: (x + 1, n - x + 1)
                  for a, x, n in zip(arms["arm"], arms["events"], arms["n"], strict=True)}
    power = trial.simulate_noninferiority_power(0.12, 0.12, [100, 200], 0.1, n_sims=1000)
    figures = {
        "flow": trial_plots.consort_flow(arms.assign(printed=["52.1%", "14.2%", "12.2%"])),
        "relapse": trial_plots.relapse_by_arm(trial.arm_risks(arms)),
        "bayes": trial_plots.posterior_panels(posteriors, curve),
        "power": trial_plots.power_curve(power),
        "km": trial_plots.simulated_kaplan_meier(sim),
    }
    arm_colours = {to_hex(trial_plots.arm_colour(a)) for a in arms["arm"]}
    assert len(arm_colours) == 3
    others = {to_hex(c) for c in trial_plots.PRIOR_COLOURS.values()}
    others |= {to_hex(COLOURS["simulated"]), to_hex(COLOURS["reference"])}
    assert not arm_colours & others, "a colour of an arm means something else too"
    # ... and no prior looks like an arm: orange beside vermillion reads as one colour
    for prior in trial_plots.PRIOR_COLOURS.values():
        for arm in arm_colours:
            assert _distinguishable(prior, arm), (prior, arm)
    for name, fig in figures.items():
        width, _ = fig.get_size_inches()
        assert width <= trial_plots.WIDTH_INCHES, name
        small = [(t.get_text()[:30], t.get_fontsize()) for t in _texts(fig)
                 if t.get_fontsize() < 11]
        assert not small, f"{name}: text below 11 pt: {small}"
        assert fig.get_layout_engine() is not None, f"{name}: no constrained layout"
    # the Bayesian figure colours its prior curves by family, never with an arm's colour
    bottom = figures["bayes"].axes[1]
    assert {to_hex(line.get_color()) for line in bottom.get_lines()} <= others
    # estimates printed beside the bars of the forest-like relapse figure
    beside = [t.get_text() for t in figures["relapse"].axes[0].texts]
    assert "52.1% (38.3 to 65.5)" in beside and len(beside) == 3
    # a numbers-at-risk row under the simulated Kaplan-Meier curves, labelled SIMULATED
    _, risk_axes = figures["km"].axes
    assert "SIMULATED" in risk_axes.get_title(loc="left")
    counts = [t.get_text() for t in risk_axes.texts]
    nar = trial.numbers_at_risk(sim, times=list(range(0, 19, 3)))
    assert counts == [str(v) for v in nar["at_risk"]]
    assert counts[0] == "48"
    for fig in figures.values():
        plt.close(fig)


# ---------------------------------------------------------------- printed precision (review)


@pytest.mark.parametrize("call", [
    lambda: trial.consistent_event_counts(10.05, 20),
    lambda: trial.consistent_event_counts(52.12, 48, decimals=1),
    lambda: trial.consistent_event_counts(13.5, 8, decimals=0),
    lambda: trial.smallest_denominator(14.25),
])
def test_percentage_finer_than_decimals_is_refused_not_rounded(call):
    # 2 of 20 is 10.00%, and no count of 20 prints as 10.05%: rounding 10.05 to 10.1 or
    # 10.0 first would answer another question
    with pytest.raises(ValueError, match=r"printed_pct' got (10\.05|52\.12|13\.5|14\.25)"):
        call()


def test_percentage_with_as_many_decimals_as_asked_is_read_at_that_precision():
    assert trial.consistent_event_counts(10.05, 200, decimals=2).crude_counts == ()
    assert trial.consistent_event_counts(10.0, 20, decimals=0).crude_counts == (2,)
    assert trial.consistent_event_counts(100.0, 8, decimals=0).crude_counts == (8,)
    x, n = trial.smallest_denominator(14.25, decimals=2)
    assert round(100 * x / n, 2) == 14.25


def test_analysis_counts_refuses_a_percentage_finer_than_one_decimal():
    arms = pd.DataFrame({"label": ["A", "B"], "n_randomised": [20, 49],
                         "relapse_percent": [10.05, 14.29]})
    with pytest.raises(ValueError, match=r"analysis_counts: argument 'arms': column "
                       r"'relapse_percent', row 0: got 10.05; expected a percentage printed "
                       r"to at most 1 decimal place"):
        trial.analysis_counts(arms)
    with pytest.raises(ValueError, match=r"event_count_readings.*'relapse_percent', row 0"):
        trial.event_count_readings(arms)


# ---------------------------------------------------------------- survival (review)


def test_kaplan_meier_table_refuses_times_after_follow_up():
    arms = pd.DataFrame({"arm": ["A", "B"], "n": [48, 49], "risk_18m": [25 / 48, 7 / 49]})
    cohort = trial.simulate_relapse_times(arms)
    with pytest.raises(ValueError, match=r"kaplan_meier_table: argument 'times'.*last follow-up"):
        trial.kaplan_meier_table(cohort, times=[18.0, 24.0, 60.0])
    # up to the end of follow-up (18 months, the horizon) the estimates are given
    assert len(trial.kaplan_meier_table(cohort, times=[6.0, 18.0])) == 4


def test_simulated_risk_is_the_risk_at_the_horizon():
    arms = pd.DataFrame({"arm": ["A"], "n": [200_000], "risk_18m": [0.4]})
    sim = trial.simulate_relapse_times(arms, horizon_months=12.0, seed=3)
    assert sim["hazard_per_month"].iloc[0] == pytest.approx(-math.log(0.6) / 12.0)
    assert sim["relapsed"].mean() == pytest.approx(0.4, abs=0.005)
    doc = trial.simulate_relapse_times.__doc__
    assert "18-month relapse probability" not in doc
    assert "relapse probability at ``horizon_months``" in doc


def _distinguishable(a: str, b: str) -> bool:
    """Two colours a reader tells apart: hues 30 degrees apart, or lightness 0.2 apart, or
    one of them grey (saturation below 0.2)."""
    import colorsys

    from matplotlib.colors import to_rgb

    (ha, la, sa), (hb, lb, sb) = (colorsys.rgb_to_hls(*to_rgb(c)) for c in (a, b))
    hue = abs(ha - hb) * 360
    return min(hue, 360 - hue) >= 30 or abs(la - lb) >= 0.2 or min(sa, sb) < 0.2


def test_distinguishable_tells_orange_from_vermillion_apart_only_by_name():
    from igg4lib.plots import PALETTE

    assert not _distinguishable(PALETTE[1], PALETTE[5])  # orange, vermillion
    assert _distinguishable(PALETTE[3], PALETTE[5])  # reddish purple, vermillion
    assert _distinguishable(PALETTE[7], PALETTE[0])  # black, blue
