"""How the book writes numbers in sentences and tables: one place for every format.

Every chapter's facts (:mod:`igg4lib.book`) are formatted here, so that a p-value is never
printed as ``0.000``, a percentage always carries the same number of decimals, an interval
always reads "low to high" and a difference always states its direction.

>>> p_value(0.0004), p_value(0.0317), p_value(1.0)
('< 0.001', '0.032', '1.000')
>>> p_clause(0.0004), p_clause(0.0317)
('p < 0.001', 'p = 0.032')
>>> percent(25, 48)
'52.1%'
>>> count_of(25, 48)
'25 of 48'
>>> interval(-0.1187, 0.1603, scale=100, unit=" points")
'-11.9 to 16.0 points'
>>> signed(0.0389, scale=100)
'+3.9'
>>> probability(0.99996)
'> 0.999'
"""

from __future__ import annotations

import math
from typing import Annotated

import annotated_types as at

from igg4lib._validation import (
    Count,
    FiniteFloat,
    PositiveCount,
    PositiveFloat,
    Probability,
    Rule,
    Text,
    Whole,
    validated,
)

__all__ = [
    "count_of",
    "interval",
    "number",
    "p_clause",
    "p_value",
    "percent",
    "percentage",
    "probability",
    "ratio_interval",
    "signed",
    "thousands",
]

#: Most decimal places a number in the book's prose or tables is written with.
MAX_DIGITS = 6

#: Decimal places of a printed number: 0 to :data:`MAX_DIGITS`.
Digits = Annotated[Whole, at.Ge(0), at.Le(MAX_DIGITS)]
#: Decimal places of a p-value or a probability: 1 to :data:`MAX_DIGITS` (with none, every
#: value would read "< 1" or "> 0").
ProbabilityDigits = Annotated[Whole, at.Ge(1), at.Le(MAX_DIGITS)]


def _finite_product(value: str, factor: str = "scale") -> Rule:
    """``value`` times ``scale`` must stay a finite number (no "+inf" in the prose)."""
    return Rule(value, lambda a: math.isfinite(a[value] * a[factor]),
                f"a value whose product with {factor} ({{{factor}}}) is finite")


def _events_at_most_total() -> Rule:
    return Rule("events", lambda a: a["events"] <= a["total"], "at most total ({total})")


@validated
def number(value: FiniteFloat, digits: Digits = 1) -> str:
    """A plain number to ``digits`` decimals (Python's rounding of the binary value).

    >>> number(2.349, 2), number(3, 0)
    ('2.35', '3')
    """
    return f"{value:.{digits}f}"


@validated
def thousands(value: Count) -> str:
    """A count (a whole number >= 0) with a thousands separator.

    >>> thousands(1879)
    '1,879'
    """
    return f"{value:,}"


@validated
def percentage(fraction: Probability, digits: Digits = 1) -> str:
    """A proportion (0 to 1) as a percentage with a percent sign.

    >>> percentage(0.125, 1)
    '12.5%'
    """
    return f"{100 * fraction:.{digits}f}%"


@validated(rules=[_events_at_most_total()])
def percent(events: Count, total: PositiveCount, digits: Digits = 1) -> str:
    """``events`` of ``total`` as a percentage.

    >>> percent(7, 49, 2)
    '14.29%'
    """
    return f"{100 * (events / total):.{digits}f}%"


@validated(rules=[_events_at_most_total()])
def count_of(events: Count, total: PositiveCount) -> str:
    """"x of n", the way the book writes a count and its denominator.

    >>> count_of(25, 48)
    '25 of 48'
    """
    return f"{events} of {total}"


@validated
def p_value(p: Probability, digits: ProbabilityDigits = 3) -> str:
    """A p-value to ``digits`` decimals; below the printable limit it reads "< 0.001".

    Never prints ``0.000``: a p-value is never zero.

    >>> p_value(0.0317), p_value(0.00004)
    ('0.032', '< 0.001')
    """
    floor = 10.0**-digits
    if p < floor:
        return f"< {floor:.{digits}f}"
    return f"{p:.{digits}f}"


@validated
def p_clause(p: Probability, digits: ProbabilityDigits = 3) -> str:
    """"p = 0.032" or "p < 0.001".

    >>> p_clause(0.0317)
    'p = 0.032'
    """
    text = p_value(p, digits)
    return f"p {text}" if text.startswith("<") else f"p = {text}"


@validated
def probability(p: Probability, digits: ProbabilityDigits = 3) -> str:
    """A probability that never rounds to certainty: "> 0.999" and "< 0.001" at the edges.

    >>> probability(0.99996), probability(0.5), probability(0.0)
    ('> 0.999', '0.500', '< 0.001')
    """
    edge = 10.0**-digits
    if p > 1 - edge:
        return f"> {1 - edge:.{digits}f}"
    if p < edge:
        return f"< {edge:.{digits}f}"
    return f"{p:.{digits}f}"


@validated(rules=[_finite_product("value")])
def signed(value: FiniteFloat, digits: Digits = 1, scale: PositiveFloat = 1.0) -> str:
    """A difference with an explicit sign ("+3.9", "-11.9"; zero prints as "0.0").

    ``scale`` multiplies the value first (100 turns a difference of proportions into
    percentage points).

    >>> signed(-0.1187, scale=100), signed(0.00001)
    ('-11.9', '0.0')
    """
    text = f"{value * scale:+.{digits}f}"
    return text[1:] if float(text) == 0 else text


@validated(rules=[
    Rule("low", lambda a: a["low"] <= a["high"], "at most high ({high})"),
    _finite_product("low"),
    _finite_product("high"),
])
def interval(
    low: FiniteFloat,
    high: FiniteFloat,
    digits: Digits = 1,
    scale: PositiveFloat = 1.0,
    unit: Text = "",
) -> str:
    """"low to high" (the book never writes an interval with a dash, which reads as minus).

    ``scale`` multiplies both ends (100 for percentage points); ``unit`` follows the
    interval as written (e.g. ``" points"``).

    >>> interval(0.2, 0.35, 0, scale=100, unit="%")
    '20 to 35%'
    """
    return f"{low * scale:.{digits}f} to {high * scale:.{digits}f}{unit}"


#: Ratio bounds at or above this are written as whole numbers (decimals there are noise).
RATIO_WHOLE_FROM = 100.0


@validated(rules=[Rule("low", lambda a: a["low"] <= a["high"], "at most high ({high})")])
def ratio_interval(low: PositiveFloat, high: PositiveFloat, digits: Digits = 2) -> str:
    """A ratio's interval, "low to high", without false precision at the extremes.

    A bound that would print as zero at ``digits`` decimals is written "below 0.01" (a
    ratio is never zero), and a bound of :data:`RATIO_WHOLE_FROM` or more as a whole number.

    >>> ratio_interval(0.00011, 566.06)
    'below 0.01 to 566'
    >>> ratio_interval(0.28, 0.71)
    '0.28 to 0.71'
    """
    def bound(x: float) -> str:
        if round(x, digits) == 0:
            return f"below {10.0 ** -digits:.{digits}f}"
        if x >= RATIO_WHOLE_FROM:
            return f"{x:.0f}"
        return f"{x:.{digits}f}"

    return f"{bound(low)} to {bound(high)}"
