"""Example calls of ``igg4lib.risk`` for the API fuzz test (test_api_fuzz.py)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from igg4lib import risk

from ._common import _groups


def _risk_groups() -> pd.DataFrame:
    """The columns of the group table that failure_risk and the calculators read."""
    return _groups()[["group", "n_patients", "failures", "risk", "ci_low", "ci_high"]]


#: One valid call per public function: qualified name -> () -> (args, kwargs); ``None`` for
#: a function that is not called (with the reason in a comment).
EXAMPLES: dict[str, Any] = {
    "risk.RiskCutoffs": lambda: ((), dict(eosinophils_above_1e9_per_l=0.5, ri_above=18,
                                          organs_at_least=5)),
    "risk.all_combinations": lambda: ((_risk_groups(),), {"threshold": 3}),
    "risk.auc_delong": lambda: (([0, 1, 1, 2, 3, 0, 0, 1], [0, 0, 1, 1, 1, 0, 1, 0]),
                                {"level": 0.95}),
    "risk.bootstrap_logistic": lambda: ((pd.DataFrame({
        "y": [1, 0, 1, 0, 0, 0, 1, 0] * 3, "x": [1, 1, 0, 0, 1, 0, 1, 0] * 3}), "y",
        {"x": None}), {"n_boot": 3, "seed": 1}),
    "risk.calculator_html": lambda: ((_risk_groups(),), {"threshold": 3,
                                                         "cutoffs": risk.DEFAULT_CUTOFFS,
                                                         "prefix": "risk-calc"}),
    "risk.calculator_widget": lambda: ((_risk_groups(),), {"threshold": 3}),
    "risk.calibration_table": lambda: ((pd.DataFrame({
        "g": [0, 0, 1, 1], "p": [0.1, 0.1, 0.6, 0.6], "y": [0, 0, 1, 0]}),),
        {"predicted": "p", "outcome": "y", "group": "g"}),
    "risk.count_group": lambda: ((3,), {}),
    "risk.events_per_variable": lambda: ((16, 4), {}),
    "risk.failure_risk": lambda: ((4, _risk_groups()), {}),
    "risk.grouped_auc": lambda: ((_groups()[["min_count", "n_patients", "failures"]],),
                                 {"level": 0.95}),
    "risk.logistic_odds_ratios": lambda: ((pd.DataFrame({
        "y": [1, 0] * 10 + [0] * 10, "x": [1, 1, 0, 0] * 5 + [0] * 10}), "y", {"x": None}),
        {"level": 0.95}),
    "risk.risk_factor_count": lambda: ((), dict(eosinophil_pct=3.0, leukocytes_1e9_per_l=6.0,
                                                ri=10, n_organs=2, dacryoadenitis=False)),
    "risk.risk_factors": lambda: ((), dict(eosinophil_pct=10.0, leukocytes_1e9_per_l=5.0,
                                           ri=18, n_organs=4, dacryoadenitis=True)),
    "risk.risk_groups_table": lambda: (({"0": 36, "1": 21, "2": 13, "3-4": 7},
                                        {"0": 3, "1": 3, "2": 5, "3-4": 5}), {}),
    "risk.rule_performance": lambda: ((_groups()[["group", "min_count", "max_count",
                                                  "n_patients", "failures"]],),
                                      {"threshold": 3}),
    "risk.score_frame": lambda: ((pd.DataFrame({
        "eosinophil_pct": [12.0, 3.0], "leukocytes_1e9_per_l": [6.0, 5.0], "ri": [21, 9],
        "n_organs": [6, 2], "dacryoadenitis": [True, False]}),),
        {"missing_eosinophils": "raise"}),
    "risk.summarise_bootstrap": lambda: ((pd.DataFrame({
        "replicate": [0, 1, 2], "predictor": ["x"] * 3, "level": ["yes"] * 3,
        "odds_ratio": [1.0, 2.0, 4.0], "problem": [False, True, False]}),), {}),
    "risk.treatment_advice": lambda: ((2,), {"threshold": 3}),
}

_COMPLETE_CASES = ("rows with a missing outcome or predictor are dropped (complete cases, "
                   "documented); the number used is reported in n_patients")
_ANY_SCORE = "a score may be any finite number: only the order of the scores matters"
_GROUP_LABEL = "the group column holds labels: any finite number names a group"

#: Mutations that are valid input, with the reason: (function, target, label) -> reason.
#: Patterns are shell-style (``*`` matches anything).
VALID: dict[tuple[str, str, str], str] = {
    ("risk.auc_delong", "score[0]", "fraction"): _ANY_SCORE,
    ("risk.auc_delong", "score[0]", "negative"): _ANY_SCORE,
    ("risk.auc_delong", "score[0]", "huge"): _ANY_SCORE,
    ("risk.auc_delong", "outcome[0]", "True"): "True is an event, as 1 is (documented)",
    ("risk.logistic_odds_ratios", "frame[*] row 0", "NaN"): _COMPLETE_CASES,
    ("risk.bootstrap_logistic", "frame[*] row 0", "NaN"): _COMPLETE_CASES,
    ("risk.calibration_table", "frame['g'] row 0", "negative"): _GROUP_LABEL,
    ("risk.calibration_table", "frame['g'] row 0", "huge"): _GROUP_LABEL,
    ("risk.calibration_table", "frame['g'] row 0", "fraction"): _GROUP_LABEL,
    ("risk.summarise_bootstrap", "boot['odds_ratio'] row 0", "NaN"):
        "a failed fit's odds ratio is missing, as bootstrap_logistic records it; it is left "
        "out of the percentiles and counted in the problem share",
    ("risk.summarise_bootstrap", "boot['odds_ratio'] row 0", "+inf"):
        "separation gives an infinite odds ratio, as bootstrap_logistic records it",
    ("risk.summarise_bootstrap", "boot['odds_ratio'] row 0", "huge"):
        "near-separation gives odds ratios of this size",
}

#: Public classes that are results, not input a caller builds (not fuzzed), with the
#: reason.
NOT_INPUT: dict[str, str] = {
    "risk.AreaUnderCurve": "a result igg4lib builds and returns",
    "risk.FailureRisk": "a result igg4lib builds and returns",
    "risk.RiskFactors": "a result igg4lib builds and returns",
    "risk.RulePerformance": "a result igg4lib builds and returns",
    "risk.TreatmentAdvice": "a result igg4lib builds and returns",
}
