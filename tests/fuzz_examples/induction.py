"""Example calls of ``igg4lib.induction`` for the API fuzz test (test_api_fuzz.py)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ._common import _assessed

#: True while the module's public functions are not all behind the validation layer: its
#: fuzz run is then expected to fail and is not run.
PENDING = True

#: One valid call per public function: qualified name -> () -> (args, kwargs); ``None`` for
#: a function that is not called (with the reason in a comment).
EXAMPLES: dict[str, Any] = {
    "induction.assess_cohort": lambda: ((pd.DataFrame({
        "ri_baseline": [12, 12], "ri_month6": [6, 7], "gc_dose_mg_per_day_month6": [10.0, 12.5],
        "relapsed_by_month6": [False, True], "treatment": ["GC", "GC"]}),),
        {"keep": ["treatment"]}),
    "induction.assess_induction": lambda: ((20.0, 10.0, 10.0, False), {}),
    "induction.glucocorticoid_equivalents": lambda: ((), {}),
    "induction.outcome_table": lambda: ((_assessed(),), {"group": "treatment"}),
    "induction.prednisone_equivalent": lambda: ((8.0, "methylprednisolone"), {}),
    "induction.to_prednisone_equivalent": lambda: (
        (pd.Series([8.0, 7.5]), pd.Series(["methylprednisolone", "prednisone"])), {}),
}

#: Mutations that are valid input, with the reason: (function, target, label) -> reason.
#: Patterns are shell-style (``*`` matches anything).
VALID: dict[tuple[str, str, str], str] = {

}
