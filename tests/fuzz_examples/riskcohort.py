"""Example calls of ``igg4lib.riskcohort`` for the API fuzz test (test_api_fuzz.py)."""

from __future__ import annotations

from typing import Any

import pandas as pd  # noqa: F401

from ._common import _frame, _small_patients, _small_solution, _small_targets, tmp

#: True while the module's public functions are not all behind the validation layer: its
#: fuzz run is then expected to fail and is not run.
PENDING = True

#: One valid call per public function: qualified name -> () -> (args, kwargs); ``None`` for
#: a function that is not called (with the reason in a comment).
EXAMPLES: dict[str, Any] = {
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
    "riskcohort.format_like": lambda: ((9.6667, "9.67"), {}),
    "riskcohort.patients_from_cells": lambda: ((_small_solution().cells,), {"seed": 5}),
    "riskcohort.published_targets": lambda: ((), {"groups_measured_only": True}),
    "riskcohort.ri_quartile": lambda: ((14,), {}),
    "riskcohort.solve_cells": lambda: ((_small_targets(),), {}),
    "riskcohort.write_cohort": lambda: ((_small_patients(), _small_solution(), tmp() / "rc"),
                                        {"groups_measured_only": True}),
}

#: Mutations that are valid input, with the reason: (function, target, label) -> reason.
#: Patterns are shell-style (``*`` matches anything).
VALID: dict[tuple[str, str, str], str] = {

}
