"""Example calls of ``igg4lib.trial`` for the API fuzz test (test_api_fuzz.py)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ._common import _arms, _sim_cohort


def _printed() -> pd.DataFrame:
    """Two published arms whose printed percentages each fit exactly one whole count."""
    return pd.DataFrame({"label": ["A", "B"], "n_randomised": [48, 49],
                         "relapse_percent": [52.1, 12.2]})


def _two_arms() -> pd.DataFrame:
    """Two arms: one pairwise comparison per call keeps the fuzz run short."""
    return _arms().iloc[:2].copy()


def _pairs() -> pd.DataFrame:
    """The columns of pairwise_comparisons that fragility_indices reads."""
    return pd.DataFrame({"arm_1": ["A", "A"], "arm_2": ["B", "C"], "x1": [25, 25],
                         "n1": [48, 48], "x2": [7, 6], "n2": [49, 49]})


def _posterior(x: int, n: int) -> Any:
    from igg4lib import trial

    return trial.beta_posterior(x, n)


#: One valid call per public function: qualified name -> () -> (args, kwargs); ``None`` for
#: a function that is not called (with the reason in a comment).
EXAMPLES: dict[str, Any] = {
    "trial.analysis_counts": lambda: ((_printed(),), {"override": {"A": 25}}),
    "trial.arm_risks": lambda: ((_arms(),), {"level": 0.95}),
    "trial.beta_posterior": lambda: ((6, 49), dict(prior_a=1.0, prior_b=1.0, level=0.95)),
    "trial.consistent_event_counts": lambda: ((14.2, 49), {"decimals": 1}),
    "trial.difference_cdf": lambda: ((0.1, _posterior(25, 48), _posterior(7, 49)), {}),
    "trial.difference_quantile": lambda: ((0.5, _posterior(25, 48), _posterior(7, 49)), {}),
    "trial.event_count_readings": lambda: ((_printed(),), {}),
    "trial.fragility_index": lambda: ((1, 100, 9, 100), {"alpha": 0.05}),
    "trial.fragility_indices": lambda: ((_pairs(),), {"alpha": 0.05}),
    "trial.kaplan_meier_table": lambda: ((_sim_cohort(),), {"times": [6.0, 18.0]}),
    "trial.logrank_tests": lambda: ((_sim_cohort(),), {}),
    "trial.noninferiority_margin_table": lambda: ((0.12, [0.10]), dict(
        p_experimental=0.12, alpha=0.025, n_sims=200, seed=1)),
    "trial.noninferiority_power_closed_form": lambda: ((0.12, 0.12, 200, 0.10),
                                                       {"alpha": 0.025}),
    "trial.noninferiority_sample_size": lambda: ((0.12, 0.12, 0.10), dict(alpha=0.025,
                                                                          power=0.8)),
    "trial.numbers_at_risk": lambda: ((_sim_cohort(), [0.0, 6.0]), {}),
    "trial.pairwise_comparisons": lambda: ((_two_arms(),), {"method": "holm"}),
    "trial.prior_sensitivity": lambda: ((25, 48, 7, 49), dict(
        priors={"uniform": (1.0, 1.0)}, margins=[0.1, 0.2], with_interval=False)),
    "trial.risk_difference_posterior": lambda: ((25, 48, 7, 49), dict(
        prior_a=1.0, prior_b=1.0, margin=0.2, level=0.95)),
    "trial.sceptical_effect_posterior": lambda: ((25, 48, 7, 49), dict(
        prior_sd_log_or=0.35, margins=[0.1], level=0.95, nodes=20)),
    "trial.sceptical_prior_sd": lambda: ((2.0,), {"prob": 0.95}),
    "trial.sensitivity_to_count": lambda: ((_two_arms(), "B", [7]), {"margin": 0.2}),
    "trial.simulate_noninferiority_power": lambda: ((0.12, 0.12, [100, 200], 0.10), dict(
        alpha=0.025, n_sims=2000, seed=1)),
    "trial.simulate_relapse_times": lambda: ((pd.DataFrame({
        "arm": ["A"], "n": [12], "risk_18m": [0.5]}),), dict(horizon_months=18.0, seed=1)),
    "trial.smallest_denominator": lambda: ((14.2,), {"decimals": 1}),
    "trial.wins_analysis_counts": lambda: ((), {}),
}

#: Mutations that are valid input, with the reason: (function, target, label) -> reason.
#: Patterns are shell-style (``*`` matches anything).
VALID: dict[tuple[str, str, str], str] = {
    ("trial.prior_sensitivity", "priors", "unknown key"): "prior names are free labels",
    ("trial.prior_sensitivity", "priors[*][0]", "huge"): "an extreme prior is well defined",
    ("trial.analysis_counts", "override", "empty"): "an empty override overrides nothing",
    ("trial.simulate_relapse_times", "horizon_months", "huge"): "any positive horizon works",
    ("trial.numbers_at_risk", "times[0]", "huge"): "nobody is at risk after the last "
    "follow-up time: 0 is the right count",
    ("trial.*", "cohort['time_months'] row 0", "huge"): "a long follow-up time is valid",
    ("trial.noninferiority_margin_table", "p_experimental", "None"): "None is the default: "
    "the experimental risk equals the control risk",
    ("trial.sceptical_prior_sd", "or_bound", "huge"): "a bound of 10^12 on the odds ratio "
    "gives a wide but finite SD (about 14)",
}

#: Public classes that are results, not input a caller builds (not fuzzed), with the
#: reason.
NOT_INPUT: dict[str, str] = {
    "trial.BetaPosterior": "a result igg4lib builds and returns",
    "trial.DifferencePosterior": "a result igg4lib builds and returns",
    "trial.EffectPriorPosterior": "a result igg4lib builds and returns",
    "trial.EventCountReadings": "a result igg4lib builds and returns",
    "trial.NonInferiorityPower": "a result igg4lib builds and returns",
}
