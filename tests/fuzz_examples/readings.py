"""Example calls of ``igg4lib.readings`` for the API fuzz test (test_api_fuzz.py)."""

from __future__ import annotations

from typing import Any

import pandas as pd  # noqa: F401

#: One valid call per public function: qualified name -> () -> (args, kwargs); ``None`` for
#: a function that is not called (with the reason in a comment).
EXAMPLES: dict[str, Any] = {
    "readings.account": lambda: (("retreatment-second-relapse",), {}),
    "readings.by_status": lambda: (("retreatment-second-relapse",), {}),
    "readings.adopted": lambda: (("wins-arm2-relapses",), {}),
    "readings.questions": lambda: ((), {}),
    "readings.readings_of": lambda: (("retreatment-second-relapse",), {}),
    "readings.table": lambda: ((), {}),
}

#: Mutations that are valid input, with the reason: (function, target, label) -> reason.
#: Patterns are shell-style (``*`` matches anything).
VALID: dict[tuple[str, str, str], str] = {

}

#: Public classes that are results, not input a caller builds (not fuzzed), with the
#: reason.
NOT_INPUT: dict[str, str] = {
    "readings.Reading": "a result igg4lib builds and returns "
    "(one row of data/published/readings.csv)",
}
