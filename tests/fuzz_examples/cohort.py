"""Example calls of ``igg4lib.cohort`` for the API fuzz test (test_api_fuzz.py)."""

from __future__ import annotations

from typing import Any

import pandas as pd  # noqa: F401

from ._common import tmp

#: One valid call per public function: qualified name -> () -> (args, kwargs); ``None`` for
#: a function that is not called (with the reason in a comment).
EXAMPLES: dict[str, Any] = {
    "cohort.margins": lambda: ((), {}),
    "cohort.implied_denominators": lambda: ((73, 53.7), {"decimals": 1, "n_max": 500}),
    "cohort.outcome_patterns": lambda: ((77,), {"ri_fail": 2, "relapse": 14, "taper_fail": 8,
                                               "failure": 16}),
    "cohort.synthetic_cohort": lambda: ((), {"seed": 7}),
    "cohort.synthetic_cohort_csv": lambda: ((), {"seed": 7}),
    "cohort.write_synthetic_cohort": lambda: ((tmp() / "cohort.csv",), {"seed": 7}),
}

#: Mutations that are valid input, with the reason: (function, target, label) -> reason.
#: Patterns are shell-style (``*`` matches anything).
VALID: dict[tuple[str, str, str], str] = {

}

#: Public classes that are results, not input a caller builds (not fuzzed), with the
#: reason.
NOT_INPUT: dict[str, str] = {
    "cohort.Margins": "a result igg4lib builds and returns (from margins(), read from data/)",
}
