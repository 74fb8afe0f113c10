"""Example calls of ``igg4lib.epidemiology`` for the API fuzz test (test_api_fuzz.py)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ._common import _frame

#: One valid call per public function: qualified name -> () -> (args, kwargs); ``None`` for
#: a function that is not called (with the reason in a comment).
EXAMPLES: dict[str, Any] = {
    "epidemiology.men_by_population": lambda: (
        (_frame("induction_baseline", ["label", "count", "printed"],
                where=("label", ["Male patients", "Female patients"])),
         _frame("epidemiology_sex", ["source", "label", "setting", "country", "patients",
                                     "printed", "share_of", "count", "percent"])), {}),
    "epidemiology.organ_involvement": lambda: ((pd.DataFrame({
        "section": ["Organ involvement, n (%)"] * 2 + ["Other"],
        "label": ["Kidney", "Pancreas", "Age"], "count": [10, 30, 50],
        "denominator": [100, 100, 100]}),), {}),
    "epidemiology.men_share_differences": lambda: (
        (pd.DataFrame({"source": ["a", "b"], "men": [30, 20], "patients": [40, 40]}),),
        {"level": 0.95}),
}

#: Mutations that are valid input, with the reason: (function, target, label) -> reason.
#: Patterns are shell-style (``*`` matches anything).
VALID: dict[tuple[str, str, str], str] = {
    ("epidemiology.men_by_population", "others", "empty frame"): "no other population: the "
    "table holds the PUMCH cohort alone",
    ("epidemiology.men_by_population", "others['percent'] row 0", "NaN"): "row 0 (yamada2017) "
    "prints a count, so its percent is missing already",
}

#: Public classes that are results, not input a caller builds (not fuzzed), with the
#: reason.
NOT_INPUT: dict[str, str] = {
}
