"""Example calls of ``igg4lib.plots.diagnosis`` for the API fuzz test (test_api_fuzz.py)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ._common import _scored

#: True while the module's public functions are not all behind the validation layer: its
#: fuzz run is then expected to fail and is not run.
PENDING = True

#: One valid call per public function: qualified name -> () -> (args, kwargs); ``None`` for
#: a function that is not called (with the reason in a comment).
EXAMPLES: dict[str, Any] = {
    "plots.diagnosis.men_share": lambda: ((pd.DataFrame({
        "label": ["A", "B"], "setting": ["claims database", "cohort"], "patients": [10, 20],
        "percent_men": [40.0, 50.0], "ci_low": [16.8, 29.9], "ci_high": [68.7, 70.1]}),),
        {"title": "Share of men"}),
    "plots.diagnosis.organ_involvement": lambda: (
        (pd.DataFrame({"organ": ["a", "b"], "percent": [20.0, 55.0]}),), {"title": "Organs"}),
    "plots.diagnosis.points_stack": lambda: ((_scored(),), {}),
}

#: Mutations that are valid input, with the reason: (function, target, label) -> reason.
#: Patterns are shell-style (``*`` matches anything).
VALID: dict[tuple[str, str, str], str] = {

}
