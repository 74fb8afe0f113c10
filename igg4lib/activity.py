"""The IgG4-RD Responder Index (RI): scoring a visit and comparing two visits.

The RI scores each involved organ or site from 0 to 3 (0 = normal or resolved, 1 = improved,
2 = persistent or unchanged, 3 = new, recurrent or worse despite treatment); an organ whose
involvement is *urgent* (needing treatment now to prevent damage) counts double; the serum
IgG4 concentration contributes its own item; the RI is the sum.  Trials then read a change
between two visits against a rule:

- a fall of at least 50% from baseline (the remission-induction goal in Wang et al. 2018);
- a fall of at least 2 points (the response definition of the open-label rituximab trial);
- an RI below 2 as *stable* disease (the entry condition of the WInS trial).

Parts of the published scoring could not be confirmed against the instrument's own text for
this book (the meaning of each organ score, the exact list of organ/site domains, the
doubling rule and the scale of the serum IgG4 item), so they are parameters with documented
defaults rather than constants: ``urgent_multiplier`` (2), ``serum_igg4_max`` (3, the same
0-3 scale as organs) and ``serum_igg4_weight`` (1).  The three response rules and the size
of the revised instrument were read in the sources and are in the data set
``background_responder_index`` (:func:`response_rules`); the defaults of
:func:`assess_change` are pinned to it by tests.

References: Carruthers MN et al. Int J Rheumatol 2012;2012:259408 (development);
Wallace ZS et al. Arthritis Care Res 2018;70:1671-1678 (revision and validation).

Examples
--------
>>> ri = responder_index({"pancreas": 2, "bile ducts": 3}, urgent=["bile ducts"],
...                      serum_igg4_score=2)
>>> ri.total
10
>>> assess_change(ri.total, 4).label
'response (fall >= 50%)'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Annotated

import annotated_types as at
import pandas as pd
from pydantic import Strict

from igg4lib._validation import (
    Count,
    InvalidArgument,
    NonNegativeFloat,
    NumpyScalars,
    Rule,
    Text,
    validated,
)

__all__ = [
    "ORGAN_SCORE_MEANING",
    "ResponderIndex",
    "ResponseAssessment",
    "assess_change",
    "percent_change",
    "responder_index",
    "response_rules",
]

#: Meaning of each organ/site activity score: a teaching model taken from secondary
#: descriptions of the RI, not read in the instrument's own text.
ORGAN_SCORE_MEANING: Mapping[int, str] = MappingProxyType(
    {
        0: "normal or resolved",
        1: "improved",
        2: "persistent or unchanged",
        3: "new, recurrent or worse despite treatment",
    }
)


@validated
def response_rules() -> pd.DataFrame:
    """The RI rules and counts of the sources, as printed (data set ``background_responder_index``).

    >>> rules = response_rules().set_index("rule")
    >>> float(rules.loc["induction_goal", "value"]), rules.loc["wins_stable", "comparator"]
    (50.0, '<')
    """
    from igg4lib import data

    return data.load("background_responder_index")


#: An activity score of one organ or site: 0 to 3.
OrganScore = Annotated[int, NumpyScalars, Strict(), at.Ge(0), at.Le(3)]
#: A small whole-number weight or scale of the instrument: 0 to 10.
Weight = Annotated[Count, at.Le(10)]
#: An RI value: a finite number from 0 to 1000 (the instrument's totals are far below).
RiValue = Annotated[NonNegativeFloat, at.Le(1000)]
#: Smallest baseline RI a percentage change is computed from: the RI is a sum of whole
#: points, so a positive baseline below it is a typing error (and a change from a tiny one
#: overflows).
MIN_RI_BASELINE = 0.01
#: A threshold in percent: 0 to 100.
Threshold = Annotated[NonNegativeFloat, at.Le(100)]


@dataclass(frozen=True)
class ResponderIndex:
    """An RI for one visit.

    Attributes
    ----------
    organ_points
        Points contributed by each organ/site (score, doubled when urgent).
    urgent
        The organs/sites scored as urgent.
    serum_igg4_points
        Points from the serum IgG4 item (score x ``serum_igg4_weight``).
    total
        Sum of organ points and serum IgG4 points.
    """

    organ_points: Mapping[str, int]
    urgent: tuple[str, ...]
    serum_igg4_points: int
    total: int


@validated(rules=[
    Rule("serum_igg4_score", lambda a: a["serum_igg4_score"] <= a["serum_igg4_max"],
         "a score from 0 to serum_igg4_max ({serum_igg4_max})"),
    Rule("urgent", lambda a: set(a["urgent"]) <= set(a["organ_scores"]),
         "names among the organs scored in organ_scores"),
])
def responder_index(
    organ_scores: Mapping[Annotated[Text, at.MinLen(1)], OrganScore],
    *,
    urgent: Sequence[Text] = (),
    serum_igg4_score: Weight = 0,
    urgent_multiplier: Annotated[Weight, at.Ge(1)] = 2,
    serum_igg4_max: Weight = 3,
    serum_igg4_weight: Weight = 1,
) -> ResponderIndex:
    """Score one visit with the IgG4-RD Responder Index.

    Parameters
    ----------
    organ_scores
        Organ or site name -> activity score 0-3 (see :data:`ORGAN_SCORE_MEANING`).  List
        only the organs assessed; an empty mapping scores 0.
    urgent
        Names (keys of ``organ_scores``) whose involvement is urgent; their score is
        multiplied by ``urgent_multiplier``.
    serum_igg4_score
        Score of the serum IgG4 item, 0 to ``serum_igg4_max``.
    urgent_multiplier
        Factor for urgent organs: 2 by default, a documented assumption (the sources read
        say only that urgent manifestations are weighted more heavily).
    serum_igg4_max, serum_igg4_weight
        Scale and weight of the serum IgG4 item: documented assumptions (see module notes).

    Returns
    -------
    ResponderIndex

    Raises
    ------
    ValueError
        For a score outside 0-3, an empty organ name, or an urgent organ that is not scored.

    Reference: Wallace ZS et al. Arthritis Care Res 2018;70:1671-1678.

    >>> responder_index({"submandibular glands": 2, "kidney": 3}, urgent=["kidney"]).total
    8
    """
    if isinstance(urgent, str):
        raise InvalidArgument(
            f"responder_index: argument 'urgent' got the string {urgent!r}; expected a list "
            "of organ names"
        )
    urgent_set = set(urgent)
    multiplier, igg4, weight = urgent_multiplier, serum_igg4_score, serum_igg4_weight
    points: dict[str, int] = {}
    for name, score in organ_scores.items():
        points[name] = score * (multiplier if name in urgent_set else 1)
    serum_points = igg4 * weight
    return ResponderIndex(
        organ_points=MappingProxyType(points),
        urgent=tuple(sorted(urgent_set)),
        serum_igg4_points=serum_points,
        total=sum(points.values()) + serum_points,
    )


@validated
def percent_change(baseline: Annotated[RiValue, at.Ge(MIN_RI_BASELINE)],
                   follow_up: RiValue) -> float:
    """Percentage change of the RI from ``baseline`` to ``follow_up`` (negative = fall).

    ``baseline`` is at least :data:`MIN_RI_BASELINE` (no change is defined from 0).

    >>> round(percent_change(14, 6), 1)
    -57.1
    """
    base, later = baseline, follow_up
    return 100.0 * (later - base) / base


@dataclass(frozen=True)
class ResponseAssessment:
    """How a change in RI between two visits reads under the rules the sources use.

    Attributes
    ----------
    baseline, follow_up
        The two RI values.
    change_points
        ``follow_up - baseline``.
    percent_change
        Percentage change from baseline (negative = fall).
    fall_at_least_50pct
        True when the RI fell by 50% or more (remission-induction goal, Wang 2018).
    fall_at_least_2_points
        True when the RI fell by 2 points or more (rituximab trial response).
    stable_at_follow_up
        True when the follow-up RI is below ``stable_below`` (WInS entry condition).
    label
        ``'response (fall >= 50%)'``, ``'partial fall (< 50%)'``, ``'no fall'`` or
        ``'worse'``.
    """

    baseline: float
    follow_up: float
    change_points: float
    percent_change: float
    fall_at_least_50pct: bool
    fall_at_least_2_points: bool
    stable_at_follow_up: bool
    label: str


@validated
def assess_change(
    baseline: Annotated[RiValue, at.Ge(MIN_RI_BASELINE)],
    follow_up: RiValue,
    *,
    fall_threshold_pct: Threshold = 50.0,
    fall_threshold_points: RiValue = 2.0,
    stable_below: RiValue = 2.0,
) -> ResponseAssessment:
    """Read the change between two RI values against the response rules of the sources.

    Parameters
    ----------
    baseline, follow_up
        RI at the two visits (>= 0; ``baseline`` > 0).
    fall_threshold_pct
        Fall (in % of baseline) that counts as response: 50 (Wang 2018).
    fall_threshold_points
        Fall in points that counts as response in the rituximab trial: 2.
    stable_below
        RI below which disease is called stable (WInS): 2.

    >>> a = assess_change(12, 6)
    >>> a.percent_change, a.label
    (-50.0, 'response (fall >= 50%)')
    >>> assess_change(12, 13).label
    'worse'
    """
    pct = percent_change(baseline, follow_up)
    change = float(follow_up) - float(baseline)
    fall_50 = -pct >= fall_threshold_pct
    if fall_50:
        label = f"response (fall >= {fall_threshold_pct:g}%)"
    elif change < 0:
        label = f"partial fall (< {fall_threshold_pct:g}%)"
    elif change == 0:
        label = "no fall"
    else:
        label = "worse"
    return ResponseAssessment(
        baseline=float(baseline),
        follow_up=float(follow_up),
        change_points=change,
        percent_change=pct,
        fall_at_least_50pct=fall_50,
        fall_at_least_2_points=-change >= fall_threshold_points,
        stable_at_follow_up=float(follow_up) < stable_below,
        label=label,
    )
