"""Example calls of ``igg4lib.riskcohort`` for the API fuzz test (test_api_fuzz.py)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ._common import _frame, _small_patients, _small_solution, _small_targets, tmp


def _analysis() -> pd.DataFrame:
    """The columns of the synthetic cohort's analysis frame that table3_refit fits."""
    from igg4lib import riskcohort as rc

    return rc.analysis_frame(_frame("synthetic_gc_risk_cohort"))[
        ["failure", "eosinophilia", "ri_quartile", "organ_band", "dacryoadenitis"]]


#: One valid call per public function: qualified name -> () -> (args, kwargs); ``None`` for
#: a function that is not called (with the reason in a comment).
EXAMPLES: dict[str, Any] = {
    "riskcohort.CohortTargets": lambda: ((), dict(
        eosinophilia={"yes": (2, 1), "no": (2, 0), "missing": (0, 0)},
        ri_quartile={1: (1, 0), 2: (1, 0), 3: (1, 0), 4: (1, 1)},
        organs={"1-2": (2, 0), "3-4": (1, 0), ">=5": (1, 1)},
        dacryoadenitis={False: (2, 0), True: (2, 1)},
        groups={"0": (1, 0), "1": (2, 0), "2": (0, 0), "3-4": (1, 1)})),
    "riskcohort.analysis_frame": lambda: ((_frame("synthetic_gc_risk_cohort",
                                                  rows=slice(0, 6)),), {}),
    "riskcohort.binary_row_reconstructions": lambda: ((), {"max_missing": 5}),
    "riskcohort.build_cohort": lambda: ((_small_targets(),), {"seed": 5}),
    "riskcohort.category_tables": lambda: (
        ({"3-4": (2.86, 0.69, 11.93), ">=5": (9.67, 1.74, 53.84)},),
        dict(reference="1-2", n_total=77, n_events=16, sizes={"1-2": 32, "3-4": 35, ">=5": 10})),
    "riskcohort.check_cohort": lambda: ((_small_patients(), _small_targets()), {}),
    "riskcohort.cohort_descriptor": lambda: ((_small_solution(),),
                                             {"groups_measured_only": True}),
    "riskcohort.factor_instance_bounds": lambda: ((_small_targets(),), {}),
    "riskcohort.fig3c_groups": lambda: ((), {"groups_measured_only": True}),
    "riskcohort.format_like": lambda: ((9.6667, "9.67"), {}),
    "riskcohort.patients_from_cells": lambda: ((_small_solution().cells,), {"seed": 5}),
    "riskcohort.published_targets": lambda: ((), {"groups_measured_only": True}),
    "riskcohort.ri_quartile": lambda: ((14,), {}),
    "riskcohort.solve_cells": lambda: ((_small_targets(),), {}),
    # table3 is the published data set by default (its schema has a unit test)
    "riskcohort.table3_refit": lambda: ((_analysis(),), {}),
    "riskcohort.write_cohort": lambda: ((_small_patients(), _small_solution(), tmp() / "rc"),
                                        {"groups_measured_only": True}),
}

#: Mutations that are valid input, with the reason: (function, target, label) -> reason.
#: Patterns are shell-style (``*`` matches anything).
_NOT_MEASURED = ("a missing eosinophil percentage or leukocyte count means eosinophils were "
                 "not measured: counted as no eosinophilia and flagged, as the score does")
_NO_IDS = "check_cohort counts patients and does not read their identifiers"

VALID: dict[tuple[str, str, str], str] = {
    ("riskcohort.*", "patients['eosinophil_pct'] row 0", "NaN"): _NOT_MEASURED,
    ("riskcohort.*", "patients['leukocytes_1e9_per_l'] row 0", "NaN"): _NOT_MEASURED,
    ("riskcohort.check_cohort", "patients['patient_id']", "missing column"): _NO_IDS,
    ("riskcohort.check_cohort", "patients['patient_id'] row 0", "*"): _NO_IDS,
    ("riskcohort.category_tables", "estimates", "unknown key"):
        "level names are free text; the printed sizes leave no patients for an extra level, "
        "so the empty result is right",
    ("riskcohort.category_tables", "sizes", "empty"):
        "an empty mapping means no size is printed (as None): every size is searched",
    ("riskcohort.format_like", "value", "negative"):
        "any finite number can be formatted like a printed one",
    ("riskcohort.format_like", "value", "huge"):
        "any finite number can be formatted like a printed one",
    ("riskcohort.table3_refit", "analysis['eosinophilia'] row 0", "NaN"):
        "a patient without a measured eosinophil count drops out of the eosinophilia fit "
        "(complete cases, as in the paper); the column is nullable by design",
}

#: Public classes that are results, not input a caller builds (not fuzzed), with the
#: reason.
NOT_INPUT: dict[str, str] = {
    "riskcohort.CohortSolution": "a result igg4lib builds and returns "
    "(from solve_cells; checks its fields when made)",
}
