"""Example calls of ``igg4lib.book.display`` for the API fuzz test (test_api_fuzz.py)."""

from __future__ import annotations

from typing import Any

import pandas as pd


def _comparisons() -> pd.DataFrame:
    return pd.DataFrame({"label": ["A", "B"], "p_fisher": [0.00004, 0.0317],
                         "rd": [0.1234, -0.05]})


#: One valid call per public function: qualified name -> () -> (args, kwargs); ``None`` for
#: a function that is not called (with the reason in a comment).
EXAMPLES: dict[str, Any] = {
    "book.display.table": lambda: ((_comparisons(), {
        "label": "Comparison", "p_fisher": "p (Fisher)", "rd": "Risk difference (points)"}), dict(
        caption="Two invented comparisons", formats={"p_fisher": "p", "rd": "points"},
        index="label", label="SYNTHETIC")),
}

#: Mutations that are valid input, with the reason: (function, target, label) -> reason.
#: Patterns are shell-style (``*`` matches anything).
VALID: dict[tuple[str, str, str], str] = {
    ("book.display.table", "frame", "empty frame"): "a table may have no rows (the vignettes "
                                                    "whose verdict changed can be none)",
    ("book.display.table", "frame[*] row 0", "NaN"): "a missing value is a table cell like any "
                                                     "other: it prints as a dash",
    ("book.display.table", "frame['label'] row 0", "number"): "a number is a fine row label "
                                                              "(an unformatted column is shown "
                                                              "as it is)",
    ("book.display.table", "frame['rd'] row 0", "negative"): "-1 is a difference of "
                                                             "proportions (-100 points)",
    ("book.display.table", "columns[*]", "unknown value"): "any words are a heading",
    ("book.display.table", "caption", "unknown value"): "any words are a caption",
    ("book.display.table", "formats", "empty"): "no formats: every column shown as it is",
    ("book.display.table", "index", "None"): "no row labels: the 0..n index is hidden",
    ("book.display.table", "label", "None"): "a table of published data carries no label",
}

#: Public classes that are results, not input a caller builds (not fuzzed), with the
#: reason.
NOT_INPUT: dict[str, str] = {
}
