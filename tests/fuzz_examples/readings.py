"""Example calls of ``igg4lib.readings`` for the API fuzz test (test_api_fuzz.py)."""

from __future__ import annotations

from typing import Any

import pandas as pd  # noqa: F401

#: True while the module's public functions are not all behind the validation layer: its
#: fuzz run is then expected to fail and is not run.
PENDING = False

#: One valid call per public function: qualified name -> () -> (args, kwargs); ``None`` for
#: a function that is not called (with the reason in a comment).
EXAMPLES: dict[str, Any] = {
    "readings.account": lambda: (("retreatment-second-relapse",), {}),
    "readings.adopted": lambda: (("wins-arm2-relapses",), {}),
    "readings.questions": lambda: ((), {}),
    "readings.readings_of": lambda: (("retreatment-second-relapse",), {}),
    "readings.table": lambda: ((), {}),
}

#: Mutations that are valid input, with the reason: (function, target, label) -> reason.
#: Patterns are shell-style (``*`` matches anything).
VALID: dict[tuple[str, str, str], str] = {

}
