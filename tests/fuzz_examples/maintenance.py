"""Example calls of ``igg4lib.maintenance`` for the API fuzz test (test_api_fuzz.py)."""

from __future__ import annotations

from typing import Any

#: One valid call per public function: qualified name -> () -> (args, kwargs); ``None`` for
#: a function that is not called (with the reason in a comment).  Most take no argument:
#: their only mutation is an unknown argument.
EXAMPLES: dict[str, Any] = {
    "maintenance.b_cell_meta": lambda: (("risk ratio",), {}),
    "maintenance.b_cell_pool": lambda: (("hazard ratio",), {}),
    "maintenance.b_cell_table": lambda: (("risk ratio",), {}),
    "maintenance.certainty_of": lambda: (("keep-im",), {}),
    "maintenance.imprecision_summary_table": lambda: ((), {}),
    "maintenance.comparisons": lambda: ((), {}),
    "maintenance.effects": lambda: ((), {}),
    "maintenance.effects_table": lambda: ((), {}),
    "maintenance.grade_details_table": lambda: ((), {}),
    "maintenance.grade_table": lambda: ((), {}),
    "maintenance.harm_effects": lambda: ((), {}),
    "maintenance.harms_table": lambda: ((), {}),
    "maintenance.imprecision_table": lambda: ((), {}),
    "maintenance.masamune_crude": lambda: ((), {}),
    "maintenance.naive_pool": lambda: (("any-maintenance",), {"method": "REML"}),
    "maintenance.pico_table": lambda: ((), {}),
    "maintenance.prisma_counts": lambda: ((), {}),
    "maintenance.study_selection_table": lambda: ((), {}),
    "maintenance.reported_table": lambda: ((), {}),
    "maintenance.summary_of_findings": lambda: ((), {}),
}

#: Mutations that are valid input, with the reason: (function, target, label) -> reason.
#: Patterns are shell-style (``*`` matches anything).
VALID: dict[tuple[str, str, str], str] = {

}

#: Public classes that are results, not input a caller builds (not fuzzed), with the
#: reason.
NOT_INPUT: dict[str, str] = {
}
