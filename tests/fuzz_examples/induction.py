"""Example calls of ``igg4lib.induction`` for the API fuzz test (test_api_fuzz.py)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ._common import _assessed, _frame


def _outcome_columns() -> pd.DataFrame:
    """The columns of an assessed cohort that :func:`igg4lib.induction.outcome_table` reads."""
    from igg4lib.induction import GOALS

    return _assessed()[["treatment", *GOALS, "success"]]


def _recovered() -> pd.DataFrame:
    """The columns ``compare_with_published`` compares, from its docstring example (its
    optional columns are checked in tests/test_induction.py)."""
    return pd.DataFrame({"treatment": ["GC", "GC+IM"],
                         "label": ["Failure of remission induction"] * 2, "count": [16, 9]})


#: Columns of Table 2 that ``baseline_balance`` reads for a yes/no row.
_BALANCE_COLUMNS = ["section", "label", "statistic", *(f"{p}_{c}" for p in ("gc", "gcim")
                                                       for c in ("printed", "count", "group_size"))]
#: Columns of Table 2 that ``outcome_family`` reads.
_FAMILY_COLUMNS = ["section", "label", "gc_count", "gc_group_size", "gcim_count",
                   "gcim_group_size", "p_printed"]

#: One valid call per public function: qualified name -> () -> (args, kwargs); ``None`` for
#: a function that is not called (with the reason in a comment).
EXAMPLES: dict[str, Any] = {
    "induction.assess_cohort": lambda: ((pd.DataFrame({
        "ri_baseline": [12, 12], "ri_month6": [6, 7], "gc_dose_mg_per_day_month6": [10.0, 12.5],
        "relapsed_by_month6": [False, True], "treatment": ["GC", "GC"]}),),
        {"keep": ["treatment"]}),
    "induction.assess_induction": lambda: ((20.0, 10.0, 10.0, False), {}),
    "induction.baseline_balance": lambda: ((_frame(
        "induction_by_treatment", _BALANCE_COLUMNS,
        where=("label", ["Allergy history"])),),
        {"denominators": {"Allergy history": (77, 136)}}),
    "induction.compare_with_published": lambda: ((_recovered(), _frame(
        "induction_by_treatment", ["label", "gc_count", "gcim_count"],
        where=("label", ["Failure of remission induction"]))), {}),
    "induction.glucocorticoid_equivalents": lambda: ((), {}),
    "induction.outcome_family": lambda: ((_frame(
        "induction_by_treatment", _FAMILY_COLUMNS,
        where=("section", ["Outcomes at month 6"]), rows=slice(0, 2)),), {}),
    "induction.outcome_table": lambda: ((_outcome_columns(),), {"group": "treatment"}),
    "induction.prednisone_equivalent": lambda: ((8.0, "methylprednisolone"), {}),
    "induction.protocol": lambda: (("goal_prednisone_max_mg",), {}),
    "induction.to_prednisone_equivalent": lambda: (
        (pd.Series([8.0, 7.5]), pd.Series(["methylprednisolone", "prednisone"])), {}),
}

#: Mutations that are valid input, with the reason: (function, target, label) -> reason.
#: Patterns are shell-style (``*`` matches anything).
VALID: dict[tuple[str, str, str], str] = {
    ("induction.assess_cohort", "keep", "empty"): "no column is copied to the result",
    ("induction.assess_cohort", "frame['ri_*'] row 0", "fraction"): "a responder index is read "
    "as a real number (assess_induction takes 10.5 as well)",
    ("induction.assess_cohort", "frame['treatment'] row 0", "*"): "a column named by keep is "
    "copied to the result as it is, never read",
    ("induction.outcome_table", "assessed['treatment'] row 0", "number"): "a group may be "
    "labelled by a number (arm 1, arm 2)",
    ("induction.baseline_balance", "denominators", "empty"): "no row's denominator is replaced",
}

#: Public classes that are results, not input a caller builds (not fuzzed), with the
#: reason.
NOT_INPUT: dict[str, str] = {
    "induction.InductionAssessment": "a result igg4lib builds and returns (from assess_induction)",
}
