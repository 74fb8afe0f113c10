"""Example calls of ``igg4lib.stats`` for the API fuzz test (test_api_fuzz.py)."""

from __future__ import annotations

from typing import Any

import pandas as pd  # noqa: F401

#: One valid call per public function: qualified name -> () -> (args, kwargs); ``None`` for
#: a function that is not called (with the reason in a comment).
EXAMPLES: dict[str, Any] = {
    "stats.compare_proportions": lambda: ((16, 77, 10, 138), dict(
        level=0.95, rd_method="newcombe", zero_cell_correction=False)),
    "stats.odds_ratio_ci": lambda: ((16, 61, 10, 128), dict(level=0.95,
                                                           zero_cell_correction=False)),
    "stats.wilson_ci": lambda: ((16, 77), {"level": 0.95}),
}

#: Mutations that are valid input, with the reason: (function, target, label) -> reason.
#: Patterns are shell-style (``*`` matches anything).
VALID: dict[tuple[str, str, str], str] = {

}

#: Public classes that are results, not input a caller builds (not fuzzed), with the
#: reason.
NOT_INPUT: dict[str, str] = {
    "stats.NumberNeededToTreat": "a result igg4lib builds and returns",
    "stats.OddsRatio": "a result igg4lib builds and returns",
    "stats.Proportion": "a result igg4lib builds and returns",
    "stats.ProportionComparison": "a result igg4lib builds and returns",
}
