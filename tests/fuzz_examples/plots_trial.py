"""Example calls of ``igg4lib.plots.trial`` for the API fuzz test (test_api_fuzz.py)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ._common import _curve, _sim_cohort

#: True while the module's public functions are not all behind the validation layer: its
#: fuzz run is then expected to fail and is not run.
PENDING = True

#: One valid call per public function: qualified name -> () -> (args, kwargs); ``None`` for
#: a function that is not called (with the reason in a comment).
EXAMPLES: dict[str, Any] = {
    "plots.trial.arm_colour": lambda: (("keep GC+IM",), {"position": 1}),
    "plots.trial.consort_flow": lambda: ((pd.DataFrame({
        "arm": ["withdraw GC+IM", "keep GC+IM"], "n": [48, 49], "events": [25, 6],
        "printed": ["52.1%", "12.2%"]}),), {}),
    "plots.trial.posterior_panels": lambda: (
        ({"A": (26.0, 24.0), "B": (8.0, 43.0)}, _curve()), {"margin_grid": [0.0, 0.1]}),
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

}
