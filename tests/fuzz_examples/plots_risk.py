"""Example calls of ``igg4lib.plots.risk`` for the API fuzz test (test_api_fuzz.py)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ._common import _frame, _groups

_TABLE3_COLUMNS = ["section", "label", "group", "row_type", "odds_ratio", "ci_low", "ci_high"]


def _table3(labels: list[str]) -> pd.DataFrame:
    """Rows of Table 3 with these labels (both groups), in the order given: a small table
    whose first row is an estimate inside a section."""
    t3 = _frame("induction_risk_factors", _TABLE3_COLUMNS)
    rows = [t3.loc[t3["label"] == label] for label in labels]
    return pd.concat(rows, ignore_index=True)


#: One valid call per public function: qualified name -> () -> (args, kwargs); ``None`` for
#: a function that is not called (with the reason in a comment).
EXAMPLES: dict[str, Any] = {
    "plots.risk.forest_factors": lambda: ((_table3(
        ["Fourth quartile (median 21)", "Eosinophilia", "≥ 5", "Dacryoadenitis"]),), {}),
    "plots.risk.forest_table3": lambda: ((_table3(
        ["Fourth quartile (median 21)", "First quartile (median 7)",
         "Retroperitoneal fibrosis"]),), {"highlight": ["Fourth quartile (median 21)"]}),
    "plots.risk.risk_by_count": lambda: ((_groups()[["group", "n_patients", "failures", "risk",
                                                     "ci_low", "ci_high"]],),
                                         {"printed_pct": [8.0, 14.3, 38.5, 71.4],
                                          "title": "Groups"}),
}

#: Mutations that are valid input, with the reason: (function, target, label) -> reason.
#: Patterns are shell-style (``*`` matches anything).
VALID: dict[tuple[str, str, str], str] = {
    ("plots.risk.forest_table3", "highlight", "empty"): "no row in bold is the default",
    ("plots.risk.forest_table3", "table3['ci_high'] row 0", "huge"):
        "an upper limit of 10^12 is finite and contains its estimate (as under "
        "near-separation); the log axis extends to it",
    ("plots.risk.risk_by_count", "title", "unknown value"): "any text is a title",
}

#: Public classes that are results, not input a caller builds (not fuzzed), with the
#: reason.
NOT_INPUT: dict[str, str] = {
}
