"""Example calls of ``igg4lib.book.forensics`` for the API fuzz test (tests/test_api_fuzz.py).

The tables get what ``chapters/forensics.md`` passes them (results of igg4lib.reconstruct,
igg4lib.riskcohort and igg4lib.risk), computed once; the slow ones on fewer rows or
resamples.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import pandas as pd


@cache
def _solutions() -> pd.DataFrame:
    """The Fig 3c search over the patients with measured eosinophils (one solution)."""
    from igg4lib import reconstruct
    from igg4lib.book import forensics

    pcts, p_text = forensics.fig3c_inputs()
    return reconstruct.risk_count_groups(pcts, n_total=66, n_events=15, p_printed=p_text)


@cache
def _two_by_two() -> pd.DataFrame:
    from igg4lib import reconstruct

    return reconstruct.tables_from_odds_ratio(3.39, 1.05, 10.99, n_total=77, n_events=16,
                                              n_exposed=35)


@cache
def _binary_rows() -> pd.DataFrame:
    """A recovered row, a row without a table and a row with missing patients."""
    from igg4lib import riskcohort as rc

    return rc.binary_row_reconstructions().iloc[[0, 7, 10]].reset_index(drop=True)


@cache
def _targets(measured_only: bool = True) -> Any:
    from igg4lib import riskcohort as rc

    return rc.published_targets(groups_measured_only=measured_only)


@cache
def _analysis() -> pd.DataFrame:
    from igg4lib import data
    from igg4lib import riskcohort as rc

    return rc.analysis_frame(data.load("synthetic_gc_risk_cohort"))


@cache
def _checks() -> pd.DataFrame:
    from igg4lib import data
    from igg4lib import riskcohort as rc

    return rc.check_cohort(data.load("synthetic_gc_risk_cohort"), _targets())


@cache
def _refit() -> pd.DataFrame:
    from igg4lib import riskcohort as rc

    return rc.table3_refit(_analysis())


@cache
def _fit() -> pd.DataFrame:
    from igg4lib import risk
    from igg4lib.book import forensics

    return risk.logistic_odds_ratios(_analysis(), "failure", forensics.FOUR)


@cache
def _summary() -> pd.DataFrame:
    from igg4lib import risk
    from igg4lib.book import forensics

    boot = risk.bootstrap_logistic(_analysis(), "failure", forensics.FOUR, n_boot=20,
                                   seed=2018)
    return risk.summarise_bootstrap(boot)


def _bounds() -> pd.DataFrame:
    from igg4lib import riskcohort as rc

    return rc.factor_instance_bounds(_targets(False))


#: One valid call per public function: qualified name -> () -> (args, kwargs); ``None`` for
#: a function that is not called (with the reason in a comment).
def _only(frame: pd.DataFrame, *columns: str) -> pd.DataFrame:
    """The columns a table reads (the others are not fuzzed: the table does not show them)."""
    return frame.loc[:, list(columns)].copy()


_CELLS = ("a", "b", "c", "d")
_P_SHOWN = ("p_fisher_2x2", "p_yates_2x2", "p_chi2_2x2")
_GROUP_COUNTS = ("n_0", "f_0", "n_1", "f_1", "n_2", "f_2", "n_3-4", "f_3-4")
_MATCHES = tuple(f"matches_{t}" for t in ("fisher_2x2", "yates_2x2", "chi2_2x2", "chi2_kx2",
                                          "ffh_kx2", "trend", "linear_by_linear"))

EXAMPLES: dict[str, Any] = {
    "book.forensics.binary_rows_table": lambda: ((_only(
        _binary_rows(), "group", "label", "patients", "failures", *_CELLS, "printed",
        "recomputed", "status"),), {}),
    "book.forensics.bootstrap_table": lambda: ((_only(
        _summary(), "predictor", "median", "p2_5", "p97_5", "problem_share"),), {}),
    "book.forensics.cohort_checks_table": lambda: ((_checks().copy(),), {}),
    # a few seconds once (the integer programs of the synthetic cohort and a 200-resample
    # bootstrap, then cached); the one mutation, an unknown argument, is refused at once
    "book.forensics.facts": lambda: ((), {}),
    "book.forensics.fig3c_inputs": lambda: ((), {}),
    "book.forensics.fig3c_solutions_table": lambda: (
        ({"eosinophils measured": _only(_solutions(), *_GROUP_COUNTS, *_P_SHOWN)},),
        {"p_printed": "0.001"}),
    "book.forensics.instance_table": lambda: ((_bounds(),), {}),
    "book.forensics.levels_table": lambda: ((_targets(),), {}),
    "book.forensics.matching_tests": lambda: ((_only(_solutions(), *_MATCHES),), {}),
    "book.forensics.multivariable_table": lambda: ((_only(
        _fit(), "predictor", "odds_ratio", "ci_low", "ci_high", "p_value"),), {}),
    "book.forensics.refit_table": lambda: ((_refit().copy(),), {}),
    "book.forensics.two_by_two_table": lambda: ((_only(
        _two_by_two(), *_CELLS, "odds_ratio", "ci_low", "ci_high"),),
                                                {"exposure": "dacryoadenitis"}),
}

#: Mutations that are valid input, with the reason: (function, target, label) -> reason.
#: Patterns are shell-style (``*`` matches anything).
_NO_SOLUTION = "a search may find no solution (the strict reading of Fig 3c over all patients)"

VALID: dict[tuple[str, str, str], str] = {
    ("book.forensics.matching_tests", "solutions", "empty frame"):
        _NO_SOLUTION + ": answered 'no solution'",
    ("book.forensics.fig3c_solutions_table", "solutions['eosinophils measured']",
     "empty frame"): _NO_SOLUTION + ": it adds no row",
    ("book.forensics.fig3c_solutions_table", "solutions", "unknown key"):
        "any words name the patients a search was made over",
    ("book.forensics.two_by_two_table", "tables", "empty frame"):
        "a search may find no 2x2 table that fits: the table then has no rows",
    ("book.forensics.two_by_two_table", "exposure", "unknown value"):
        "any words name the finding",
    ("book.forensics.multivariable_table", "fit['ci_high'] row 0", "huge"):
        "under near-separation the upper Wald limit of an adjusted odds ratio is a huge "
        "finite number (complete separation gives inf, which is refused)",
    ("book.forensics.bootstrap_table", "summary['p97_5'] row 0", "huge"):
        "resamples with separation give huge odds ratios: the chapter's own 97.5th "
        "percentile for five or more organs is about 6 × 10^19 (printed as a power of ten)",
}

#: Public classes that are results, not input a caller builds (not fuzzed), with the
#: reason.
NOT_INPUT: dict[str, str] = {
}
