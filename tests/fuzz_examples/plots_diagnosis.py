"""Example calls of ``igg4lib.plots.diagnosis`` for the API fuzz test (test_api_fuzz.py)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ._common import _scored


def _one_scored() -> pd.DataFrame:
    """One scored vignette with only the columns points_stack reads (a quick example)."""
    from igg4lib.criteria import DOMAINS

    columns = ["vignette_id", "title", *DOMAINS, "total_points", "classified", "reason"]
    frame = _scored().iloc[:1][columns].copy()
    frame.attrs = {}
    return frame


def _one_uncertainty() -> pd.DataFrame:
    return pd.DataFrame({"vignette_id": ["V1"], "rests_on_uncertain": [True]})

#: One valid call per public function: qualified name -> () -> (args, kwargs); ``None`` for
#: a function that is not called (with the reason in a comment).
EXAMPLES: dict[str, Any] = {
    "plots.diagnosis.men_share": lambda: ((pd.DataFrame({
        "label": ["A", "B"], "setting": ["claims database", "cohort"], "patients": [10, 20],
        "percent_men": [40.0, 50.0], "ci_low": [16.8, 29.9], "ci_high": [68.7, 70.1]}),),
        {"title": "Share of men"}),
    "plots.diagnosis.organ_involvement": lambda: (
        (pd.DataFrame({"organ": ["a", "b"], "percent": [20.0, 55.0]}),), {"title": "Organs"}),
    "plots.diagnosis.points_stack": lambda: ((_one_scored(), _one_uncertainty()), {}),
}

#: Mutations that are valid input, with the reason: (function, target, label) -> reason.
#: Patterns are shell-style (``*`` matches anything).
VALID: dict[tuple[str, str, str], str] = {
    ("plots.diagnosis.*", "title", "unknown value"): "a title is free text",
    ("plots.diagnosis.points_stack", "uncertainty", "empty frame"): "no verdict is marked "
    "as resting on unconfirmed weights",
}

#: Public classes that are results, not input a caller builds (not fuzzed), with the
#: reason.
NOT_INPUT: dict[str, str] = {
}
