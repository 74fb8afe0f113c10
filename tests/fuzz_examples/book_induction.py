"""Example calls of ``igg4lib.book.induction`` for the API fuzz test (tests/test_api_fuzz.py).

The frames are what the chapter passes (``chapters/induction.md``), cut to the columns each
table reads and to a few rows, so that every mutated column and cell is one the table uses.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import pandas as pd

from ._common import _assessed, _frame

#: Columns of Table 2 that ``outcomes_table`` reads (its outcome rows only).
_OUTCOME_COLUMNS = ["section", "label", "gc_count", "gc_group_size", "gcim_count",
                    "gcim_group_size", "p_printed"]
_OUTCOMES = ("section", ["Outcomes at month 6"])


def _table2_outcomes(columns: list[str]) -> pd.DataFrame:
    return _frame("induction_by_treatment", columns, where=_OUTCOMES)


@cache
def _ledger_checks() -> pd.DataFrame:
    """The evidence ledger's checks of the outcome p-values (the rows the chapter shows)."""
    from igg4lib import ledger

    led = ledger.build_ledger()
    labels = _table2_outcomes(["label"])["label"]
    rows = led[led["quantity"].isin(labels + ": p-value")]
    return rows[["quantity", "printed", "recomputed", "method", "agrees"]].reset_index(
        drop=True)


def _assessed_examples() -> pd.DataFrame:
    from igg4lib import induction
    from igg4lib.book.induction import goal_examples

    ex = goal_examples()
    return induction.assess_cohort(ex, keep=list(ex.columns)).drop(columns=list(
        induction.GOALS))  # the table shows failed_goals, not the three goal columns


def _synthetic() -> pd.DataFrame:
    return _frame("synthetic_induction_cohort", [
        "patient_id", "treatment", "ri_baseline", "ri_month6", "gc_agent_month6",
        "gc_agent_dose_mg_per_day_month6", "relapsed_by_month6"], rows=slice(0, 6))


def _compared() -> pd.DataFrame:
    from igg4lib import induction

    compared = induction.compare_with_published(
        induction.outcome_table(_assessed()), _frame("induction_by_treatment"))
    return compared[["treatment", "label", "count", "percent", "published", "match"]]


@cache
def _balance() -> pd.DataFrame:
    from igg4lib import induction

    balance = induction.baseline_balance(_frame("induction_by_treatment"))
    return balance[["section", "label", "gc", "gcim", "smd", "method"]].head(10)


def _family() -> pd.DataFrame:
    from igg4lib import induction

    return induction.outcome_family(_table2_outcomes(_OUTCOME_COLUMNS))


#: One valid call per public function: qualified name -> () -> (args, kwargs); ``None`` for
#: a function that is not called (with the reason in a comment).
EXAMPLES: dict[str, Any] = {
    "book.induction.assessment_table": lambda: ((_assessed_examples(),), {}),
    "book.induction.balance_table": lambda: ((_balance(),), {"rows": 8}),
    "book.induction.equivalents_table": lambda: ((), {}),
    "book.induction.facts": lambda: ((), {}),
    "book.induction.failed_goals_table": lambda: ((_assessed()[
        ["treatment", "failed_goals", "success"]],), {}),
    "book.induction.goal_examples": lambda: ((), {}),
    "book.induction.outcome_checks_table": lambda: ((
        _ledger_checks(), _table2_outcomes(["section", "label"])), {}),
    "book.induction.outcome_family_table": lambda: ((_family(),), {}),
    "book.induction.outcomes_table": lambda: ((_table2_outcomes(_OUTCOME_COLUMNS),), {}),
    "book.induction.recovered_table": lambda: ((_compared(),), {}),
    "book.induction.regimens_table": lambda: ((_frame(
        "induction_regimens", ["agent", "label", "patients"]),), {}),
    "book.induction.synthetic_table": lambda: ((_synthetic(),), {"rows": 5}),
}

#: Mutations that are valid input, with the reason: (function, target, label) -> reason.
#: Patterns are shell-style (``*`` matches anything).
VALID: dict[tuple[str, str, str], str] = {
    ("book.induction.*", "*['ri_*'] row 0", "fraction"): "a responder index is read as a real "
    "number (induction.assess_cohort takes 10.5 as well)",
    ("book.induction.balance_table", "balance['smd'] row 0", "negative"): "a standardised "
    "difference is negative when the GC+IM group has more of a feature",
    ("book.induction.balance_table", "balance['smd'] row 0", "huge"): "a standardised "
    "difference has no upper bound (groups with almost no spread)",
    ("book.induction.balance_table", "balance['smd'] row 0", "+inf"): "an infinite "
    "standardised difference: the groups differ and neither has any spread (printed as such)",
}

#: Public classes that are results, not input a caller builds (not fuzzed), with the
#: reason.
NOT_INPUT: dict[str, str] = {
}
