"""Example calls of ``igg4lib.plots.trial`` for the API fuzz test (test_api_fuzz.py)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ._common import _sim_cohort


def _curve() -> pd.DataFrame:
    """The columns of trial.prior_sensitivity that posterior_panels draws (every column of
    the example is read, so a bad cell anywhere must be refused)."""
    from igg4lib import trial

    table = trial.prior_sensitivity(25, 48, 7, 49, priors={"uniform": (1.0, 1.0)},
                                    margins=[0.0, 0.1], with_interval=False)
    return table[["prior", "margin", "prob_exceeds_margin"]]


#: One valid call per public function: qualified name -> () -> (args, kwargs); ``None`` for
#: a function that is not called (with the reason in a comment).
EXAMPLES: dict[str, Any] = {
    "plots.trial.arm_colour": lambda: (("keep GC+IM",), {"position": 1}),
    "plots.trial.consort_flow": lambda: ((pd.DataFrame({
        "arm": ["withdraw GC+IM", "keep GC+IM"], "n": [48, 49], "events": [25, 6],
        "printed": ["52.1%", "12.2%"]}),), {}),
    "plots.trial.posterior_panels": lambda: (
        ({"A": (26.0, 24.0), "B": (8.0, 43.0)}, _curve()), {}),
    "plots.trial.power_curve": lambda: ((pd.DataFrame({
        "n_per_arm": [100, 200], "power_simulated": [0.5, 0.8], "mc_standard_error": [0.01, 0.01],
        "power_closed_form": [0.51, 0.79], "n_sims": [2000, 2000]}),), {"target": 0.8}),
    "plots.trial.relapse_by_arm": lambda: ((pd.DataFrame({
        "arm": ["A", "B"], "relapse_pct": [52.1, 14.2], "ci_low_pct": [38.3, 7.1],
        "ci_high_pct": [65.6, 26.7]}),), {}),
    "plots.trial.simulated_kaplan_meier": lambda: ((_sim_cohort(),), {"horizon_months": 18.0}),
}

#: Mutations that are valid input, with the reason: (function, target, label) -> reason.
#: Patterns are shell-style (``*`` matches anything).
VALID: dict[tuple[str, str, str], str] = {
    ("plots.trial.arm_colour", "label", "unknown value"): "any arm label gets a colour of the "
    "palette by its position",
    ("plots.trial.arm_colour", "position", "huge"): "a position cycles through the palette",
    ("plots.trial.simulated_kaplan_meier", "cohort['time_months'] row 0", "huge"): "a long "
    "follow-up time is valid: the curve goes on beyond the horizon, outside the axes",
    ("plots.trial.posterior_panels", "posteriors", "unknown key"): "arm labels are free text: "
    "another arm is another curve",
}

#: Public classes that are results, not input a caller builds (not fuzzed), with the
#: reason.
NOT_INPUT: dict[str, str] = {
}
