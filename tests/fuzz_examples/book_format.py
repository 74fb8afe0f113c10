"""Example calls of ``igg4lib.book.format`` for the API fuzz test (test_api_fuzz.py)."""

from __future__ import annotations

from typing import Any

import pandas as pd  # noqa: F401

#: One valid call per public function: qualified name -> () -> (args, kwargs); ``None`` for
#: a function that is not called (with the reason in a comment).
EXAMPLES: dict[str, Any] = {
    "book.format.count_of": lambda: ((25, 48), {}),
    "book.format.interval": lambda: ((-0.1187, 0.1603), dict(digits=1, scale=100.0,
                                                             unit=" points")),
    "book.format.number": lambda: ((2.349, 2), {}),
    "book.format.p_clause": lambda: ((0.0317,), {"digits": 3}),
    "book.format.p_value": lambda: ((0.0004,), {"digits": 3}),
    "book.format.percent": lambda: ((7, 49, 2), {}),
    "book.format.percentage": lambda: ((0.125, 1), {}),
    "book.format.probability": lambda: ((0.99996,), {"digits": 3}),
    "book.format.ratio_interval": lambda: ((0.00011, 566.06), {"digits": 2}),
    "book.format.signed": lambda: ((0.0389,), dict(digits=1, scale=100.0)),
    "book.format.thousands": lambda: ((1879,), {}),
}

#: Mutations that are valid input, with the reason: (function, target, label) -> reason.
#: Patterns are shell-style (``*`` matches anything).
VALID: dict[tuple[str, str, str], str] = {
    ("book.format.number", "value", "negative"): "a plain number may be below zero",
    ("book.format.number", "value", "huge"): "a finite number of any size prints exactly",
    ("book.format.signed", "value", "negative"): "a difference may be negative (it prints "
                                                 "with a minus sign)",
    ("book.format.signed", "value", "huge"): "a finite difference of any size prints exactly",
    ("book.format.interval", "low", "negative"): "an interval may reach below zero",
    ("book.format.interval", "high", "huge"): "a wide interval (low below high) is still "
                                              "an interval",
    ("book.format.interval", "unit", "unknown value"): "any text may follow the interval as "
                                                       "its unit",
    ("book.format.*", "scale", "huge"): "any positive factor scales a finite number to a "
                                        "finite number (an infinite product is refused)",
    ("book.format.ratio_interval", "high", "huge"): "a ratio's upper bound may be huge (it "
                                                    "prints as a whole number)",
    ("book.format.thousands", "value", "huge"): "a count of any size prints with separators",
    ("book.format.percent", "total", "huge"): "7 of 10^12 is a small but exact percentage",
    ("book.format.count_of", "total", "huge"): "7 of 10^12 is a count and its denominator",
}

#: Public classes that are results, not input a caller builds (not fuzzed), with the
#: reason.
NOT_INPUT: dict[str, str] = {
}
