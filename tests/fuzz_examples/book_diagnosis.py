"""Example calls of ``igg4lib.book.diagnosis`` for the API fuzz test (tests/test_api_fuzz.py)."""

from __future__ import annotations

from functools import cache
from typing import Any

import pandas as pd

from ._common import _frame, _load

#: The columns of a scoring (criteria.score_vignettes) that changed_verdicts reads.
_SCORING = ["vignette_id", "total_points", "entry_criterion_met", "exclusions_fired",
            "classified", "cdc_2011", "cdc_2020"]


@cache
def _scored(uln_mg_dl: float) -> pd.DataFrame:
    """The chapter's synthetic vignettes scored with an upper limit of normal."""
    from igg4lib import criteria

    return criteria.score_vignettes(_load("synthetic_vignettes"), uln_mg_dl=uln_mg_dl)


@cache
def _uncertainty() -> pd.DataFrame:
    from igg4lib import criteria

    return criteria.weight_uncertainty(_load("synthetic_vignettes"))


def _weights() -> pd.DataFrame:
    """The first items of the weights table, the columns weights_table reads."""
    from igg4lib import criteria

    return criteria.weights()[["domain_label", "item_label", "points", "status"]].head(4).copy()


def _categories() -> pd.DataFrame:
    """The rows of induction_baseline cohort_categories_table reads."""
    return _frame("induction_baseline", ["section", "label", "count", "denominator", "printed"],
                  where=("section", ["Diagnosis, n (%)"]))


def _uncertainty_rows() -> pd.DataFrame:
    """The first vignettes, the columns uncertainty_table reads."""
    return _uncertainty()[["vignette_id", "total_points", "margin_points", "uncertain_domains",
                           "rests_on_uncertain", "safe_error_points"]].head(4).copy()


def _note_row() -> pd.Series:
    """V4's row of weight_uncertainty (as facts passes it), the fields uncertainty_note
    reads."""
    row = _uncertainty().set_index("vignette_id").loc["V4"]
    return row[["rests_on_uncertain", "uncertain_domains", "safe_error_points"]].copy()


def _result() -> Any:
    from igg4lib import criteria

    return criteria.classify_acr_eular(criteria.AcrEularCase(
        entry_criterion_met=True, pancreas_biliary="pancreas_and_biliary"))


#: One valid call per public function: qualified name -> () -> (args, kwargs); ``None`` for
#: a function that is not called (with the reason in a comment).
EXAMPLES: dict[str, Any] = {
    "book.diagnosis.changed_verdicts": lambda: (
        (_scored(135.0)[_SCORING].copy(), _scored(201.0)[_SCORING].copy()),
        {"names": ("the default ULN", "a ULN of 201 mg/dL")}),
    "book.diagnosis.cohort_categories_table": lambda: ((_categories(),), {}),
    "book.diagnosis.facts": lambda: ((), {}),
    "book.diagnosis.result_table": lambda: ((_result(), "Example"), {}),
    "book.diagnosis.uncertainty_note": lambda: ((_note_row(),), {}),
    "book.diagnosis.uncertainty_table": lambda: ((_uncertainty_rows(),), {}),
    "book.diagnosis.verdicts_table": lambda: ((_scored(135.0)[["title", *_SCORING]].copy(),),
                                              {}),
    "book.diagnosis.weights_table": lambda: ((_weights(),), {}),
}

#: Mutations that are valid input, with the reason: (function, target, label) -> reason.
#: Patterns are shell-style (``*`` matches anything).
VALID: dict[tuple[str, str, str], str] = {
    ("book.diagnosis.result_table", "name", "unknown value"): "any words name a case",
    ("book.diagnosis.changed_verdicts", "names[0]", "unknown value"): "any words name a "
    "scoring",
}

#: Public classes that are results, not input a caller builds (not fuzzed), with the
#: reason.
NOT_INPUT: dict[str, str] = {
}
