"""Example calls of ``igg4lib.trial`` for the API fuzz test (test_api_fuzz.py)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ._common import _arms, _sim_cohort

#: True while the module's public functions are not all behind the validation layer: its
#: fuzz run is then expected to fail and is not run.
PENDING = True

#: One valid call per public function: qualified name -> () -> (args, kwargs); ``None`` for
#: a function that is not called (with the reason in a comment).
EXAMPLES: dict[str, Any] = {
    "trial.analysis_counts": lambda: ((pd.DataFrame({
        "label": ["A", "B"], "n_randomised": [48, 49], "relapse_percent": [52.1, 14.2]}),),
        {"override": {"A": 25}}),
    "trial.beta_posterior": lambda: ((6, 49), dict(prior_a=1.0, prior_b=1.0, level=0.95)),
    "trial.consistent_event_counts": lambda: ((14.2, 49), {"decimals": 1}),
    "trial.fragility_index": lambda: ((1, 100, 9, 100), {"alpha": 0.05}),
    "trial.kaplan_meier_table": lambda: ((_sim_cohort(),), {"times": [6.0, 18.0]}),
    "trial.logrank_tests": lambda: ((_sim_cohort(),), {}),
    "trial.noninferiority_power_closed_form": lambda: ((0.12, 0.12, 200, 0.10),
                                                       {"alpha": 0.025}),
    "trial.noninferiority_sample_size": lambda: ((0.12, 0.12, 0.10), dict(alpha=0.025,
                                                                          power=0.8)),
    "trial.pairwise_comparisons": lambda: ((_arms(),), {"method": "holm"}),
    "trial.prior_sensitivity": lambda: ((25, 48, 7, 49), dict(
        priors={"uniform": (1.0, 1.0)}, margins=[0.0, 0.1], seed=1)),
    "trial.risk_difference_posterior": lambda: ((25, 48, 7, 49), dict(
        prior_a=1.0, prior_b=1.0, margin=0.2, level=0.95, draws=2000, seed=1)),
    "trial.sensitivity_to_count": lambda: ((_arms(), "B", [6, 7, 8]), {"margin": 0.2}),
    "trial.simulate_noninferiority_power": lambda: ((0.12, 0.12, [100, 200], 0.10), dict(
        alpha=0.025, n_sims=2000, seed=1)),
    "trial.simulate_relapse_times": lambda: ((pd.DataFrame({
        "arm": ["A"], "n": [12], "risk_18m": [0.5]}),), dict(horizon_months=18.0, seed=1)),
    "trial.smallest_denominator": lambda: ((14.2,), {"decimals": 1}),
}

#: Mutations that are valid input, with the reason: (function, target, label) -> reason.
#: Patterns are shell-style (``*`` matches anything).
VALID: dict[tuple[str, str, str], str] = {
    ("trial.prior_sensitivity", "priors", "unknown key"): "prior names are free labels",
    ("trial.prior_sensitivity", "priors[*][0]", "huge"): "an extreme prior is well defined",
    ("trial.analysis_counts", "override", "empty"): "an empty override overrides nothing",
    ("trial.simulate_relapse_times", "horizon_months", "huge"): "any positive horizon works",
    ("trial.kaplan_meier_table", "times[0]", "huge"): "a time after the last event is "
    "answered with the last estimate",
    ("trial.*", "cohort['time_months'] row 0", "huge"): "a long follow-up time is valid",
}
