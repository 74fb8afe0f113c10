"""Example calls of ``igg4lib.synthesis`` for the API fuzz test (test_api_fuzz.py)."""

from __future__ import annotations

from typing import Any

import pandas as pd


def _trials() -> pd.DataFrame:
    """The docstring example of ``trial_effects``: two trials' counts."""
    return pd.DataFrame({"label": ["A", "B"], "events_treated": [7, 6],
                         "n_treated": [30, 33], "events_control": [11, 14],
                         "n_control": [19, 33]})


def _effects() -> pd.DataFrame:
    """The columns ``pool_risk_ratios`` reads from a table of ``trial_effects``."""
    from igg4lib import synthesis

    return synthesis.trial_effects(_trials())[["label", "log_rr", "var_log_rr"]]


def _grade() -> tuple[pd.DataFrame, pd.DataFrame]:
    """The book's GRADE questions and judgements, the columns the function reads."""
    from igg4lib import data

    questions = data.load("grade_questions")[["question", "design", "not_graded"]]
    judgements = data.load("grade_judgements")[["question", "domain", "downgrade", "reason"]]
    return questions, judgements


#: One valid call per public function: qualified name -> () -> (args, kwargs); ``None`` for
#: a function that is not called (with the reason in a comment).
EXAMPLES: dict[str, Any] = {
    "synthesis.trial_effect": lambda: (("Wang 2020", 6, 33, 14, 33), {"level": 0.95}),
    "synthesis.trial_effects": lambda: ((_trials(),), {"level": 0.95}),
    "synthesis.random_effects": lambda: (([-0.9, -0.2, -0.85], [0.1, 0.05, 0.2]), {
        "method": "DL", "labels": ["a", "b", "c"], "level": 0.95}),
    "synthesis.pool_risk_ratios": lambda: ((_effects(),), {"method": "DL", "level": 0.95}),
    "synthesis.absolute_effect": lambda: ((0.579, 0.40, 0.19, 0.86), {"per": 1000}),
    "synthesis.optimal_information_size": lambda: ((0.52,), {"rrr": 0.25, "alpha": 0.05,
                                                             "power": 0.8}),
    "synthesis.imprecision_levels": lambda: ((0.19, 0.84, 49, 200), {}),
    "synthesis.certainty": lambda: (("randomised", {"risk of bias": 1, "imprecision": 1}),
                                    {"upgrades": 0}),
    "synthesis.summary_of_findings": lambda: (_grade(), {}),
}

#: Mutations that are valid input, with the reason: (function, target, label) -> reason.
#: Patterns are shell-style (``*`` matches anything).
VALID: dict[tuple[str, str, str], str] = {
    ("synthesis.trial_effect", "label", "unknown value"): "any non-empty text names a trial",
    ("synthesis.random_effects", "labels[0]", "unknown value"):
        "any text names a trial",
    ("synthesis.random_effects", "estimates[0]", "negative"):
        "an estimate (a log ratio, a mean difference) may be any finite number",
    ("synthesis.pool_risk_ratios", "effects['log_rr'] row 0", "negative"):
        "a negative log risk ratio is a ratio below 1",
    ("synthesis.random_effects", "estimates[0]", "huge"):
        "estimates may be on any scale; one far from the others is pooled with tau-squared "
        "to match (results beyond floating-point range are refused)",
    ("synthesis.random_effects", "variances[0]", "huge"):
        "a very imprecise trial has a very large variance and almost no weight",
    ("synthesis.pool_risk_ratios", "effects['var_log_rr'] row 0", "huge"):
        "a very imprecise trial has a very large variance and almost no weight",
    ("synthesis.absolute_effect", "rr_high", "huge"):
        "an upper limit of a ratio can be very large with sparse counts; the risk it implies "
        "is capped at 1",
    ("synthesis.absolute_effect", "per", "huge"):
        "an absolute effect per any number of patients is well-defined arithmetic",
    ("synthesis.imprecision_levels", "patients", "huge"):
        "any number of patients can be compared with any information size",
    ("synthesis.imprecision_levels", "ois_patients", "huge"):
        "any number of patients can be compared with any information size",
    ("synthesis.imprecision_levels", "rr_high", "huge"):
        "an upper limit of a ratio can be very large with sparse counts",
    ("synthesis.certainty", "downgrades", "empty"):
        "no downgrade in any domain is a legitimate judgement: the certainty stays where "
        "the design starts",
    ("synthesis.summary_of_findings", "questions['not_graded']", "missing column"):
        "the column is optional: without it every question is graded, as every book "
        "question is",
    ("synthesis.summary_of_findings", "questions['not_graded'] row 0", "NaN"):
        "a missing not_graded text means the question is graded (row 0 is graded already)",
}

#: Public classes that are results, not input a caller builds (not fuzzed), with the
#: reason.
NOT_INPUT: dict[str, str] = {
    "synthesis.AbsoluteEffect": "a result igg4lib builds and returns",
    "synthesis.InformationSize": "a result igg4lib builds and returns",
    "synthesis.MetaAnalysis": "a result igg4lib builds and returns",
    "synthesis.TrialEffect": "a result igg4lib builds and returns "
    "(from trial_effect; pool_risk_ratios checks each one it is given)",
}
