"""Example calls of ``igg4lib.transcription`` for the API fuzz test (test_api_fuzz.py)."""

from __future__ import annotations

from typing import Any

import pandas as pd

#: One valid call per public function: qualified name -> () -> (args, kwargs); ``None`` for
#: a function that is not called (with the reason in a comment).
EXAMPLES: dict[str, Any] = {
    "transcription.occurs_verbatim": lambda: (("52.9%", "9 patients (52.9%)"), {}),
    "transcription.transcribed_cells": lambda: ((), {}),
    "transcription.quoting_rows": lambda: (
        ("7.27 (2.05, 25.74)",), {"source": "wang2018", "location": "Table 3",
                                  "dataset": "induction_risk_factors"}),
    "transcription.untied_readings": lambda: ((pd.DataFrame({
        "reading": ["x"], "source": ["wang2018"], "location": ["Table 3"],
        "printed": ["7.27 (2.05, 25.74)"], "transcribed_in": ["induction_risk_factors"]}),),
        {}),
    "transcription.untied_ledger": lambda: ((pd.DataFrame({
        "check_id": ["x"], "source": ["wang2018"], "location": ["Table 2"],
        "printed": ["0.008"]}),), {}),
    "transcription.quoted_glue_keys": lambda: (('prints "{glue:text}`x_printed`"',), {}),
    "transcription.untied_quotes": lambda: (
        ('prints "{glue:text}`x_printed`"', {"x_printed": "52.9%"}), {}),
}

#: Mutations that are valid input, with the reason: (function, target, label) -> reason.
#: Patterns are shell-style (``*`` matches anything).
VALID: dict[tuple[str, str, str], str] = {
    ("transcription.occurs_verbatim", "*", "unknown value"):
        "any text may be searched for any figure; the answer is then False",
    ("transcription.quoted_glue_keys", "text", "unknown value"):
        "any text may be scanned; a text with no quoted glue gives an empty list",
    ("transcription.quoting_rows", "printed", "unknown value"):
        "a figure found nowhere gives an empty result, which is the answer",
    ("transcription.quoting_rows", "location", "unknown value"):
        "a location is matched by its beginning; one found nowhere gives an empty result",
    ("transcription.quoting_rows", "*", "None"): "the filters are optional",
    ("transcription.untied_quotes", "text", "unknown value"):
        "any text may be scanned; a text with no quoted glue has nothing untied",
    ("transcription.untied_quotes", "facts*", "*"):
        "any mapping of glue keys: a quoted key without a value, or a value found in no "
        "transcription, is reported as untied, which is the answer",
}

#: Public classes that are results, not input a caller builds (not fuzzed), with the
#: reason.
NOT_INPUT: dict[str, str] = {}
