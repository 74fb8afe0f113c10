"""Example calls of ``igg4lib.ledger`` for the API fuzz test (test_api_fuzz.py)."""

from __future__ import annotations

from typing import Any

import pandas as pd  # noqa: F401

from ._common import _ledger_rows

#: One valid call per public function: qualified name -> () -> (args, kwargs); ``None`` for
#: a function that is not called (with the reason in a comment).
EXAMPLES: dict[str, Any] = {
    "ledger.build_ledger": lambda: ((), {}),
    "ledger.explanations": lambda: ((), {}),
    "ledger.fig3c_solutions": lambda: ((), {}),
    "ledger.fig3c_tests": lambda: ((), {}),
    "ledger.male_counts": lambda: ((), {}),
    "ledger.summary": lambda: ((_ledger_rows(),), {}),
    "ledger.table2_organ_count_tests": lambda: ((), {}),
    "ledger.table2_tests": lambda: ((), {}),
    "ledger.unexplained": lambda: ((_ledger_rows(),), {}),
}

#: Mutations that are valid input, with the reason: (function, target, label) -> reason.
#: Patterns are shell-style (``*`` matches anything).
VALID: dict[tuple[str, str, str], str] = {

}

#: Public classes that are results, not input a caller builds (not fuzzed), with the
#: reason.
NOT_INPUT: dict[str, str] = {
}
