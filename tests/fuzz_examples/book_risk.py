"""Example calls of ``igg4lib.book.risk`` for the API fuzz test (tests/test_api_fuzz.py).

The tables get what ``chapters/risk.md`` passes them: the reference table of cut-offs and the
Fig 3c groups of igg4lib.riskcohort.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import pandas as pd

from ._common import _frame


@cache
def _groups() -> pd.DataFrame:
    from igg4lib import riskcohort as rc

    return rc.fig3c_groups()


#: One valid call per public function: qualified name -> () -> (args, kwargs); ``None`` for
#: a function that is not called (with the reason in a comment).
EXAMPLES: dict[str, Any] = {
    # the cut-off table without its column of reasoning, which the table does not show
    "book.risk.cutoffs_table": lambda: ((_frame("induction_risk_cutoffs", columns=[
        "factor", "field", "value", "unit", "status", "source", "location", "printed"]),), {}),
    # Table 3: the columns that find the rows (the rows are returned whole)
    "book.risk.factor_rows": lambda: ((_frame("induction_risk_factors",
                                              columns=["group", "section", "label"]),), {}),
    "book.risk.facts": lambda: ((), {}),
    # the Fig 3c groups without max_count, which the table does not read
    "book.risk.score_table": lambda: ((_groups().drop(columns="max_count"),),
                                      {"threshold": 3}),
}

#: Mutations that are valid input, with the reason: (function, target, label) -> reason.
#: Patterns are shell-style (``*`` matches anything).
VALID: dict[tuple[str, str, str], str] = {
    ("book.risk.factor_rows", "table3['section'] row 0", "NaN"):
        "a row outside a section has no section (row 0, male sex, has none in Table 3)",
}

#: Public classes that are results, not input a caller builds (not fuzzed), with the
#: reason.
NOT_INPUT: dict[str, str] = {
}
