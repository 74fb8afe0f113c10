"""Example calls of ``igg4lib.book.background`` for the API fuzz test (tests/test_api_fuzz.py)."""

from __future__ import annotations

from functools import cache
from typing import Any

import pandas as pd

from ._common import _load


@cache
def _men() -> pd.DataFrame:
    """The chapter's three populations (epidemiology.men_by_population)."""
    from igg4lib import epidemiology

    return epidemiology.men_by_population(_load("induction_baseline"), _load("epidemiology_sex"))


def _organs() -> pd.DataFrame:
    """The first rows of the chapter's organ table (epidemiology.organ_involvement)."""
    from igg4lib import epidemiology

    return epidemiology.organ_involvement(_load("induction_baseline")).head(4)


def _men_shown() -> pd.DataFrame:
    """The columns of the share-of-men frame that men_table reads."""
    return _men()[["label", "patients", "men", "percent_men", "ci_low", "ci_high",
                   "count_from"]].copy()


def _gaps() -> pd.DataFrame:
    from igg4lib import epidemiology

    return epidemiology.men_share_differences(_men())


@cache
def _visits() -> tuple[Any, Any]:
    from igg4lib.book import background

    return background.ri_example()


#: One valid call per public function: qualified name -> () -> (args, kwargs); ``None`` for
#: a function that is not called (with the reason in a comment).
EXAMPLES: dict[str, Any] = {
    "book.background.facts": lambda: ((), {}),
    "book.background.men_table": lambda: ((_men_shown(),), {}),
    "book.background.organs_table": lambda: ((_organs(),), {}),
    "book.background.ri_change_table": lambda: (_visits(), {}),
    "book.background.ri_example": lambda: ((), {}),
    "book.background.ri_scale_table": lambda: ((), {}),
    # the share-of-men frame: only the two columns share_gaps_table reads
    "book.background.share_gaps_table": lambda: ((_gaps(), _men()[["source", "label"]].copy()),
                                                 {}),
}

#: Mutations that are valid input, with the reason: (function, target, label) -> reason.
#: Patterns are shell-style (``*`` matches anything).
VALID: dict[tuple[str, str, str], str] = {
    ("book.background.share_gaps_table", "gaps['ci_low'] row 0", "negative"): "a lower bound "
    "of -1 point is a difference like any other (the interval still contains its estimate)",
}

#: Public classes that are results, not input a caller builds (not fuzzed), with the
#: reason.
NOT_INPUT: dict[str, str] = {
}
