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
from numbers import Integral, Real

__all__ = [
    "count_of",
    "interval",
    "number",
    "p_clause",
    "p_value",
    "percent",
    "percentage",
    "probability",
    "signed",
    "thousands",
]


def _finite(value: object, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, Real):
        raise TypeError(f"{name} must be a real number, got {value!r}")
    value = float(value)
    if not math.isfinite(value):
        raise ValueError(f"{name} must be finite, got {value!r}")
    return value


def _digits(digits: object) -> int:
    if isinstance(digits, bool) or not isinstance(digits, Integral) or not 0 <= digits <= 6:
        raise ValueError(f"digits must be an integer from 0 to 6, got {digits!r}")
    return int(digits)


def number(value: float, digits: int = 1) -> str:
    """A plain number to ``digits`` decimals (Python's rounding of the binary value).

    >>> number(2.349, 2), number(3, 0)
    ('2.35', '3')
    """
    return f"{_finite(value, 'value'):.{_digits(digits)}f}"


def thousands(value: int) -> str:
    """A whole number with a thousands separator.

    >>> thousands(1879)
    '1,879'
    """
    if isinstance(value, bool) or not isinstance(value, Integral):
        raise TypeError(f"value must be a whole number, got {value!r}")
    return f"{int(value):,}"


def percentage(fraction: float, digits: int = 1) -> str:
    """A proportion (0 to 1) as a percentage with a percent sign.

    >>> percentage(0.125, 1)
    '12.5%'
    """
    return f"{100 * _finite(fraction, 'fraction'):.{_digits(digits)}f}%"


def percent(events: int, total: int, digits: int = 1) -> str:
    """``events`` of ``total`` as a percentage.

    >>> percent(7, 49, 2)
    '14.29%'
    """
    for name, v in (("events", events), ("total", total)):
        if isinstance(v, bool) or not isinstance(v, Integral) or v < 0:
            raise ValueError(f"{name} must be a non-negative whole number, got {v!r}")
    if total == 0 or events > total:
        raise ValueError(f"need 0 <= events <= total and total > 0, got {events} of {total}")
    return percentage(events / total, digits)


def count_of(events: int, total: int) -> str:
    """"x of n", the way the book writes a count and its denominator."""
    percent(events, total)  # validates
    return f"{int(events)} of {int(total)}"


def p_value(p: float, digits: int = 3) -> str:
    """A p-value to ``digits`` decimals; below the printable limit it reads "< 0.001".

    Never prints ``0.000``: a p-value is never zero.
    """
    p = _finite(p, "p")
    if not 0 <= p <= 1:
        raise ValueError(f"p must lie in [0, 1], got {p!r}")
    digits = _digits(digits)
    if digits == 0:
        raise ValueError("digits must be at least 1 for a p-value")
    floor = 10.0**-digits
    if p < floor:
        return f"< {floor:.{digits}f}"
    return f"{p:.{digits}f}"


def p_clause(p: float, digits: int = 3) -> str:
    """"p = 0.032" or "p < 0.001"."""
    text = p_value(p, digits)
    return f"p {text}" if text.startswith("<") else f"p = {text}"


def probability(p: float, digits: int = 3) -> str:
    """A probability that never rounds to certainty: "> 0.999" and "< 0.001" at the edges."""
    p = _finite(p, "p")
    if not 0 <= p <= 1:
        raise ValueError(f"p must lie in [0, 1], got {p!r}")
    digits = _digits(digits)
    edge = 10.0**-digits
    if p > 1 - edge:
        return f"> {1 - edge:.{digits}f}"
    if p < edge:
        return f"< {edge:.{digits}f}"
    return f"{p:.{digits}f}"


def signed(value: float, digits: int = 1, scale: float = 1.0) -> str:
    """A difference with an explicit sign ("+3.9", "-11.9"; zero prints as "0.0")."""
    v = _finite(value, "value") * _finite(scale, "scale")
    text = f"{v:+.{_digits(digits)}f}"
    return text[1:] if float(text) == 0 else text


def interval(
    low: float, high: float, digits: int = 1, scale: float = 1.0, unit: str = ""
) -> str:
    """"low to high" (the book never writes an interval with a dash, which reads as minus)."""
    lo, hi = _finite(low, "low"), _finite(high, "high")
    if lo > hi:
        raise ValueError(f"low must not exceed high, got {low!r} > {high!r}")
    s = _finite(scale, "scale")
    d = _digits(digits)
    return f"{lo * s:.{d}f} to {hi * s:.{d}f}{unit}"
