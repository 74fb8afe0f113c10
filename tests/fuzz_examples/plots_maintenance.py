"""Example calls of ``igg4lib.plots.maintenance`` for the API fuzz test (test_api_fuzz.py)."""

from __future__ import annotations

from typing import Any

import pandas as pd

#: The columns the forest plot reads from ``maintenance.effects()``.
_COLUMNS = ["label", "risk_ratio", "rr_ci_low", "rr_ci_high", "events_treated", "n_treated",
            "events_control", "n_control", "follow_up_months"]


def _effects() -> pd.DataFrame:
    """Two rows of the book's per-comparison effects (two rows keep the fuzz run short)."""
    from igg4lib import maintenance

    return maintenance.effects()[_COLUMNS].iloc[:2].reset_index(drop=True)


def _pool() -> pd.DataFrame:
    """The columns the pooled forest plot reads from ``maintenance.b_cell_pool()``."""
    from igg4lib import maintenance

    return maintenance.b_cell_pool()[["label", "kind", "ratio", "ci_low", "ci_high"]]


#: One valid call per public function: qualified name -> () -> (args, kwargs); ``None`` for
#: a function that is not called (with the reason in a comment).
EXAMPLES: dict[str, Any] = {
    "plots.maintenance.forest_plot": lambda: ((_effects(),), {"title": "Relapse"}),
    "plots.maintenance.prisma_flow": lambda: (({"identified": 16, "context": 6,
                                                "randomised": 10, "excluded": 2,
                                                "registered": 3, "included": 5},),
                                              {"title": "Selection"}),
    "plots.maintenance.pooled_forest_plot": lambda: ((_pool(),), {"measure": "Hazard ratio",
                                                                  "title": "Flares"}),
}

#: Mutations that are valid input, with the reason: (function, target, label) -> reason.
#: Patterns are shell-style (``*`` matches anything).
VALID: dict[tuple[str, str, str], str] = {
    ("plots.maintenance.forest_plot", "title", "unknown value"): "any text is a title",
    ("plots.maintenance.forest_plot", "effects['follow_up_months']", "missing column"):
        "the follow-up is optional: without it a row shows its counts only",
    ("plots.maintenance.forest_plot", "effects['rr_ci_high'] row 0", "huge"):
        "an upper limit of a ratio can be very large with sparse counts; the log axis "
        "extends to it",
    ("plots.maintenance.pooled_forest_plot", "title", "unknown value"): "any text is a title",
    ("plots.maintenance.prisma_flow", "title", "unknown value"): "any text is a title",
    ("plots.maintenance.pooled_forest_plot", "measure", "unknown value"):
        "any text names the ratio on the axis",
    ("plots.maintenance.pooled_forest_plot", "pool['ci_high'] row 0", "huge"):
        "an interval beyond the axis is drawn to its edge with an arrow",
    ("plots.maintenance.pooled_forest_plot", "pool['ratio'] row 0", "huge"):
        "never reached: a ratio above its upper limit is refused first",
}

#: Public classes that are results, not input a caller builds (not fuzzed), with the
#: reason.
NOT_INPUT: dict[str, str] = {
}
