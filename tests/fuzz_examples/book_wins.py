"""Example calls of ``igg4lib.book.wins`` for the API fuzz test (tests/test_api_fuzz.py).

The inputs are what ``chapters/wins.md`` passes, built from ``igg4lib`` and ``data/``,
reduced to the columns each function reads (a column it does not read would be fuzzed
without effect); the expensive ones are computed once.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import pandas as pd

from ._common import _frame


@cache
def _counts() -> pd.DataFrame:
    from igg4lib import trial

    return trial.analysis_counts(_frame("wins_trial_arms"), readings=trial.WINS_READINGS)


@cache
def _pairs() -> pd.DataFrame:
    from igg4lib import trial

    return trial.pairwise_comparisons(_counts())


@cache
def _sensitivity() -> pd.DataFrame:
    from igg4lib import trial

    counts = _counts()
    return trial.sensitivity_to_count(counts, arm=counts.arm[1], counts=[6, 7, 8], margin=0.2)


@cache
def _cohort() -> pd.DataFrame:
    from igg4lib import trial

    counts = _counts()
    return trial.simulate_relapse_times(counts.assign(risk_18m=counts["events"] / counts["n"]))


@cache
def _posteriors() -> dict[float, Any]:
    from igg4lib import trial

    return {m: trial.risk_difference_posterior(25, 48, 7, 49, margin=m) for m in (0.0, 0.2)}


@cache
def _sceptical() -> list[Any]:
    from igg4lib import trial

    return [trial.sceptical_effect_posterior(
        25, 48, 7, 49, prior_sd_log_or=trial.sceptical_prior_sd(2.0), margins=(0.1, 0.2))]


def _columns(frame: pd.DataFrame, columns: list[str], rows: slice | None = None
             ) -> pd.DataFrame:
    out = frame[columns] if rows is None else frame[columns].iloc[rows]
    out = out.reset_index(drop=True).copy()
    out.attrs = dict(frame.attrs)
    return out


def _count_fits() -> pd.DataFrame:
    from igg4lib import trial

    fits = trial.event_count_readings(_frame("wins_trial_arms"))
    return _columns(fits, ["arm", "printed_pct", "n", "crude_counts",
                           "kaplan_meier_max_events"])


def _prior_sensitivity() -> pd.DataFrame:
    from igg4lib import trial

    table = trial.prior_sensitivity(25, 48, 7, 49, margins=(0.0, 0.1), with_interval=False)
    return _columns(table, ["prior", "margin", "prob_exceeds_margin"])


def _km() -> pd.DataFrame:
    from igg4lib import trial

    return _columns(trial.kaplan_meier_table(_cohort(), times=[6.0, 18.0]),
                    ["arm", "time_months", "relapse_free", "ci_low", "ci_high"])


def _logrank() -> pd.DataFrame:
    from igg4lib import trial

    return _columns(trial.logrank_tests(_cohort()), ["comparison", "chi2", "df", "p"])


def _margins() -> pd.DataFrame:
    from igg4lib import trial

    table = trial.noninferiority_margin_table(6 / 49, [0.1, 0.05], n_sims=2_000)
    return _columns(table, ["margin_points", "accepted_relapse_pct", "n_per_arm_80",
                            "n_total_80", "power_at_n80_SIMULATED"])


def _power() -> pd.DataFrame:
    from igg4lib import trial

    table = trial.simulate_noninferiority_power(6 / 49, 6 / 49, [100, 200], 0.1, n_sims=2_000)
    return _columns(table, ["n_per_arm", "power_simulated", "mc_standard_error",
                            "power_closed_form"])


_RD = ["arm_1", "arm_2", "risk_difference", "rd_ci_low", "rd_ci_high", "p_fisher_adjusted"]
_RR = ["arm_1", "arm_2", "risk_ratio", "rr_ci_low", "rr_ci_high", "nnt_text"]
_SENS = ["events", "difference", "risk_difference", "rd_ci_low", "rd_ci_high",
         "fragility_index", "prob_exceeds_margin"]

#: One valid call per public function: qualified name -> () -> (args, kwargs); ``None`` for
#: a function that is not called (with the reason in a comment).
EXAMPLES: dict[str, Any] = {
    # the chapter's facts, the sceptical posteriors and the design are computed once (cached)
    "book.wins.facts": lambda: ((), {}),
    "book.wins.group2_counts": lambda: ((), {}),
    "book.wins.sceptical_posteriors": lambda: ((), {}),
    "book.wins.noninferiority_design": lambda: ((), {}),
    "book.wins.registry_table": lambda: ((_frame(
        "wins_registry_criteria", ["item", "kind", "operator", "value", "unit"]),), {}),
    "book.wins.arms_table": lambda: ((_frame(
        "wins_trial_arms", ["arm", "label", "n_randomised", "relapse_printed"]),), {}),
    "book.wins.count_fits_table": lambda: ((_count_fits(),), {}),
    "book.wins.counts_table": lambda: ((_columns(_counts(), ["arm", "n", "events", "basis"]),), {}),
    "book.wins.pairs_table": lambda: ((_columns(_pairs(), _RD),), {}),
    "book.wins.ratios_table": lambda: ((_columns(_pairs(), _RR),), {}),
    "book.wins.sensitivity_table": lambda: ((_columns(_sensitivity(), _SENS),),
                                            {"with_fragility": True}),
    "book.wins.fragility_table": lambda: ((_columns(
        _pairs().assign(fragility_index=[9, 10, 0]), ["arm_1", "arm_2", "fragility_index"]),),
        {}),
    "book.wins.posterior_table": lambda: ((dict(_posteriors()),), {}),
    "book.wins.prior_table": lambda: ((_prior_sensitivity(),), {}),
    "book.wins.sceptical_table": lambda: ((list(_sceptical()),), {}),
    "book.wins.cohort_table": lambda: ((_columns(
        _cohort(), ["synthetic_patient_id", "arm", "time_months", "relapsed"], slice(0, 5)),),
        {}),
    "book.wins.km_table": lambda: ((_km(),), {}),
    "book.wins.logrank_table": lambda: ((_logrank(),), {}),
    "book.wins.margin_table": lambda: ((_margins(),), {}),
    "book.wins.power_table": lambda: ((_power(),), {}),
    "book.wins.prior_curves": lambda: ((25, 48, 7, 49), {"points": 3}),
}

#: Mutations that are valid input, with the reason: (function, target, label) -> reason.
#: Patterns are shell-style (``*`` matches anything).
VALID: dict[tuple[str, str, str], str] = {
    ("book.wins.count*_table", "*['arm'] row 0", "number"): "an arm label may be the group "
    "number itself (wins_trial_arms numbers its arms 1, 2, 3)",
    ("book.wins.registry_table", "criteria['operator'] row 0", "NaN"): "a criterion with no "
    "threshold (a missing operator) reads \"any\", as the registry's relapse criterion does",
    ("book.wins.registry_table", "criteria['value'] row 0", "huge"): "a threshold has no upper "
    "bound the table could know: it is printed as given",
    ("book.wins.*_table", "*['rd_ci_low'] row 0", "negative"): "-1 is a difference of "
    "proportions (-100 points): a wide interval may reach it, and it still contains its "
    "estimate",
    ("book.wins.ratios_table", "pairs['rr_ci_high'] row 0", "huge"): "a risk ratio has no upper "
    "bound: the upper limit of a wide interval is printed as it is",
    ("book.wins.logrank_table", "tests['chi2'] row 0", "huge"): "a chi-square statistic has no "
    "upper bound",
    ("book.wins.*_table", "*['time_months'] row 0", "huge"): "a follow-up time has no upper "
    "bound the table could know (trial.kaplan_meier_table accepts any time >= 0): it is "
    "printed as given",
}

#: Public classes that are results, not input a caller builds (not fuzzed), with the
#: reason.
NOT_INPUT: dict[str, str] = {
}
