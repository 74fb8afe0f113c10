"""Example calls of ``igg4lib.reconstruct`` for the API fuzz test (test_api_fuzz.py)."""

from __future__ import annotations

from typing import Any

import pandas as pd  # noqa: F401

#: One valid call per public function: qualified name -> () -> (args, kwargs); ``None`` for
#: a function that is not called (with the reason in a comment).
EXAMPLES: dict[str, Any] = {
    "reconstruct.cochran_armitage_p": lambda: (([2, 3, 5, 6], [25, 21, 13, 8]),
                                               {"scores": [0.0, 1.0, 2.0, 3.0]}),
    "reconstruct.fisher_freeman_halton_p": lambda: (([3, 5, 6], [20, 13, 8]), {}),
    "reconstruct.percent_matches": lambda: ((16, 77, "20.8%"), {}),
    "reconstruct.risk_count_groups": lambda: ((("8%", "14.3%", "38.5%", "71.4%"),), dict(
        n_total=77, n_events=16, p_printed="0.001", split=2, labels=("0", "1", "2", "3-4"))),
    "reconstruct.search_margins": lambda: ((7.27, 2.05, 25.74), dict(
        max_total=70, max_events=16, min_total=65, n_exposed=None, decimals=2)),
    "reconstruct.table3_binary_rows": lambda: ((), {"max_missing": 5}),
    "reconstruct.tables_from_category_odds_ratios": lambda: (
        ([32, 35, 10], 16, [(2.86, 0.69, 11.93), (9.67, 1.74, 53.84)]), {"decimals": 2}),
    "reconstruct.tables_from_odds_ratio": lambda: ((3.39, 1.05, 10.99), dict(
        n_total=77, n_events=16, n_exposed=35, decimals=2)),
}

#: Mutations that are valid input, with the reason: (function, target, label) -> reason.
#: Patterns are shell-style (``*`` matches anything).
VALID: dict[tuple[str, str, str], str] = {
    ("reconstruct.cochran_armitage_p", "scores[0]", "negative"):
        "scores are any finite numbers: a first score of -1 is a valid spacing of the groups",
    ("reconstruct.cochran_armitage_p", "scores[0]", "huge"):
        "scores are any finite numbers: a distant first score is an unusual but well-defined "
        "spacing of the groups",
    ("reconstruct.risk_count_groups", "labels[0]", "unknown value"):
        "labels are free text that only name the result's columns",
    ("reconstruct.tables_from_odds_ratio", "ci_high", "huge"):
        "a printed upper limit can be very large (sparse tables); no table reaches 10^12, so "
        "the empty result is the right answer",
    ("reconstruct.search_margins", "ci_high", "huge"):
        "a printed upper limit can be very large (sparse tables); no table reaches 10^12, so "
        "the empty result is the right answer",
    ("reconstruct.tables_from_odds_ratio", "n_exposed", "None"):
        "None (the default) means the exposed-group size is not printed: every size is tried",
    ("reconstruct.search_margins", "min_total", "None"):
        "None (the default) searches max_total alone",
}

#: Public classes that are results, not input a caller builds (not fuzzed), with the
#: reason.
NOT_INPUT: dict[str, str] = {
}
