"""Example calls of ``igg4lib.plots.induction`` for the API fuzz test (test_api_fuzz.py)."""

from __future__ import annotations

from typing import Any

import pandas as pd  # noqa: F401

from ._common import _frame

#: One valid call per public function: qualified name -> () -> (args, kwargs); ``None`` for
#: a function that is not called (with the reason in a comment).
EXAMPLES: dict[str, Any] = {
    "plots.induction.flow_figure": lambda: ((_frame(
        "induction_by_treatment", ["label", "gc_count", "gc_group_size", "gcim_count",
                                   "gcim_group_size"],
        where=("label", ["Failure of remission induction", "RI reduction <50%", "Relapse",
                         "Failure of GC tapering"])),), {}),
    "plots.induction.month6_serology_figure": lambda: ((_frame(
        "induction_month6_serology", ["label", "unit", "outcome", "median", "q1", "q3",
                                      "p_printed"], rows=slice(0, 2)),), {}),
    "plots.induction.organ_failure_figure": lambda: ((_frame(
        "induction_organ_failure", ["group", "label", "failures", "patients"],
        rows=slice(0, 3)),), {"level": 0.95}),
}

#: Mutations that are valid input, with the reason: (function, target, label) -> reason.
#: Patterns are shell-style (``*`` matches anything).
VALID: dict[tuple[str, str, str], str] = {

}

#: Public classes that are results, not input a caller builds (not fuzzed), with the
#: reason.
NOT_INPUT: dict[str, str] = {
}
