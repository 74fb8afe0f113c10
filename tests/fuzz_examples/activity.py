"""Example calls of ``igg4lib.activity`` for the API fuzz test (test_api_fuzz.py)."""

from __future__ import annotations

from typing import Any

import pandas as pd  # noqa: F401

#: One valid call per public function: qualified name -> () -> (args, kwargs); ``None`` for
#: a function that is not called (with the reason in a comment).
EXAMPLES: dict[str, Any] = {
    "activity.assess_change": lambda: ((12.0, 6.0), {}),
    "activity.percent_change": lambda: ((14.0, 6.0), {}),
    "activity.response_rules": lambda: ((), {}),
    "activity.responder_index": lambda: (
        ({"pancreas": 2, "kidney": 3},), {"urgent": ["kidney"], "serum_igg4_score": 2}),
}

#: Mutations that are valid input, with the reason: (function, target, label) -> reason.
#: Patterns are shell-style (``*`` matches anything).
VALID: dict[tuple[str, str, str], str] = {
    ("activity.responder_index", "organ_scores", "unknown key"): "organ/site names are free "
    "text (the instrument's list of domains is not fixed in the book)",
    ("activity.responder_index", "urgent", "empty"): "no organ is urgent",
}

#: Public classes that are results, not input a caller builds (not fuzzed), with the
#: reason.
NOT_INPUT: dict[str, str] = {
    "activity.ResponderIndex": "a result igg4lib builds and returns (from responder_index)",
    "activity.ResponseAssessment": "a result igg4lib builds and returns (from assess_change)",
}
