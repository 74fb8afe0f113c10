"""The book's one statement of every inference it draws about an ambiguous published number.

Some published numbers admit more than one reading: a percentage that no whole count of the
arm produces (WInS group 2), group sizes the paper never prints (Fig 3c), a denominator the
text leaves implicit, a test the paper does not name. The data set ``readings`` holds, for
each such *question*, every reading the book considered, with its status:

``adopted``
    the one reading the book's analyses use (exactly one per question);
``alternative``
    allowed by the evidence but not used;
``ruled out``
    contradicted by a computation, with the reason.

Chapters, the evidence ledger and its explanations all draw their account from here, so no
two pages can tell the story differently; ``tests/test_readings.py`` pins each count to the
computation that supports it.

>>> r = adopted("wins-arm2-relapses")
>>> r.events, r.n, r.status
(7, 49, 'adopted')
>>> [x.status for x in readings_of("retreatment-second-relapse")]
['adopted', 'ruled out']
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import pandas as pd

from igg4lib import data
from igg4lib._validation import InvalidArgument, Text, validated

__all__ = [
    "STATUSES",
    "Reading",
    "account",
    "adopted",
    "by_status",
    "questions",
    "readings_of",
    "table",
]

STATUSES = ("adopted", "alternative", "ruled out")


@dataclass(frozen=True)
class Reading:
    """One reading of an ambiguous published number."""

    question: str
    reading: str
    status: str
    source: str
    location: str
    printed: str
    events: int | None
    n: int | None
    value: str
    statement: str
    reasoning: str


@cache
def _frame() -> pd.DataFrame:
    frame = data.load("readings")
    bad = []
    for question, rows in frame.groupby("question", sort=False):
        n_adopted = int((rows["status"] == "adopted").sum())
        if n_adopted != 1:
            bad.append(f"{question!r} has {n_adopted} adopted readings")
    if bad:
        raise ValueError("every question needs exactly one adopted reading: " + "; ".join(bad))
    return frame


@validated
def table() -> pd.DataFrame:
    """Every reading, one row each (a copy of the data set ``readings``)."""
    return _frame().copy()


@validated
def questions() -> list[str]:
    """The question identifiers, in the order of the data set."""
    return list(dict.fromkeys(_frame()["question"]))


def _reading(row: pd.Series) -> Reading:
    def whole(v: object) -> int | None:
        return None if pd.isna(v) else int(v)

    return Reading(
        question=str(row["question"]),
        reading=str(row["reading"]),
        status=str(row["status"]),
        source=str(row["source"]),
        location=str(row["location"]),
        printed=str(row["printed"]),
        events=whole(row["events"]),
        n=whole(row["n"]),
        value="" if pd.isna(row["value"]) else str(row["value"]),
        statement=str(row["statement"]),
        reasoning=str(row["reasoning"]),
    )


def _unknown(function: str, question: str) -> InvalidArgument:
    return InvalidArgument(
        f"{function}: argument 'question' got {question!r}, an unknown question; expected "
        f"one of {questions()}"
    )


def _readings_of(question: str, function: str) -> list[Reading]:
    rows = _frame()[_frame()["question"] == question]
    if rows.empty:
        raise _unknown(function, question)
    found = [_reading(r) for _, r in rows.iterrows()]
    return sorted(found, key=lambda r: STATUSES.index(r.status))


@validated
def readings_of(question: Text) -> list[Reading]:
    """Every reading of ``question``: the adopted one first, then alternatives, then ruled out.

    ``question`` is one of :func:`questions`.

    >>> [r.status for r in readings_of("retreatment-second-relapse")]
    ['adopted', 'ruled out']
    """
    return _readings_of(question, "readings_of")


@validated
def adopted(question: Text) -> Reading:
    """The reading the book's analyses use for ``question`` (one of :func:`questions`)."""
    return _readings_of(question, "adopted")[0]


@validated
def account(question: Text) -> str:
    """The whole account of ``question`` in prose, as every page gives it.

    The adopted statement and its reasoning, then each other reading with its status.

    >>> account("retreatment-second-relapse").startswith("52.9% is 9 of the 17")
    True
    """
    first, *others = _readings_of(question, "account")
    parts = [f"{first.statement} {first.reasoning}"]
    for other in others:
        label = "Alternative" if other.status == "alternative" else "Ruled out"
        parts.append(f"{label}: {other.statement} {other.reasoning}")
    return " ".join(parts)


@validated
def by_status(question: Text) -> dict[str, str]:
    """The account of ``question`` as one line per status, for a page to show as a list.

    Keys are the statuses present (``"adopted"`` first, then ``"alternative"`` and
    ``"ruled out"``); each value joins the statement and reasoning of every reading with that
    status. A page writes the status in its own words ("Adopted:", "Ruled out:") before each
    line, so the line itself is the data set's text, verbatim.

    >>> list(by_status("retreatment-second-relapse"))
    ['adopted', 'ruled out']
    >>> by_status("retreatment-second-relapse")["ruled out"]
    '52.9% as 9 of the 21 patients with follow-up after re-treatment. 9 of 21 is 42.9%, not 52.9%.'
    """
    out: dict[str, str] = {}
    for r in _readings_of(question, "by_status"):
        text = f"{r.statement} {r.reasoning}"
        out[r.status] = f"{out[r.status]} {text}" if r.status in out else text
    return out
