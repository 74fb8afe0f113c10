"""Tables for people: one helper that every chapter table goes through.

:func:`table` turns a tidy result frame into what a reader should see: column names in words
(with units), numbers rounded to what the data support, p-values as "< 0.001" (never
"0.000"), no bare 0..n index, and a caption that says what the table is (and, for invented
data, that it is SYNTHETIC or SIMULATED). Formatting rules come from
:mod:`igg4lib.book.format`, so prose and tables print a number the same way; a missing value
prints as "–" in every column.

>>> import pandas as pd
>>> frame = pd.DataFrame({"label": ["A", "B"], "p_fisher": [0.00004, 0.0317],
...                       "rd": [0.1234, -0.05]})
>>> shown = table(frame, {"label": "Comparison", "p_fisher": "p (Fisher)",
...                       "rd": "Risk difference (points)"},
...               caption="Two comparisons", formats={"p_fisher": "p", "rd": "points"},
...               index="label")
>>> shown.data.index.name, list(shown.data.columns)
('Comparison', ['p (Fisher)', 'Risk difference (points)'])
>>> shown.data.iloc[0].tolist()
['< 0.001', '+12.3']
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable, Mapping, Sequence
from numbers import Real
from typing import Annotated, Any, Literal

import annotated_types as at
import pandas as pd
import pandera.pandas as pa
from pandas.io.formats.style import Styler

from igg4lib._validation import Frame, InvalidArgument, Text, frame_schema, validated
from igg4lib.book import format as fmt

__all__ = ["FORMATS", "LABELS", "table"]

#: Named formats: how a column of numbers reads in a table.
FORMATS: dict[str, Callable[[object], str]] = {
    "p": lambda v: fmt.p_value(float(v)),
    "probability": lambda v: fmt.probability(float(v)),
    "percent": lambda v: fmt.percentage(float(v), 1),  # a proportion 0..1 shown as %
    "pct": lambda v: f"{float(v):.1f}%",  # already a percentage
    "points": lambda v: fmt.signed(float(v), 1, scale=100),  # a difference of proportions
    "ratio": lambda v: f"{float(v):.2f}",
    "1dp": lambda v: f"{float(v):.1f}",
    "2dp": lambda v: f"{float(v):.2f}",
    "3dp": lambda v: f"{float(v):.3f}",
    "int": lambda v: f"{int(v):,}",
}

#: The name of a format of :data:`FORMATS`.
FormatName = Literal["p", "probability", "percent", "pct", "points", "ratio", "1dp", "2dp",
                     "3dp", "int"]

#: Labels that mark invented data; a caption of such a table must carry one of them.
LABELS = ("SYNTHETIC", "SIMULATED")

#: A heading in words: a non-empty string.
Heading = Annotated[Text, at.MinLen(1)]
#: What a missing value prints as, in every column.
MISSING = "–"


def _real(value: object) -> bool:
    return (isinstance(value, Real) and not isinstance(value, bool)
            and math.isfinite(float(value)))


def _values(test: Callable[[object], bool], expected: str) -> pa.Check:
    """A check of every non-missing value of a column (object columns included)."""
    return pa.Check(lambda s: s[s.notna()].map(test).astype(bool), error=expected)


#: What the values of a column with a named format must be (missing values print as "–").
_FORMAT_CHECKS: dict[str, pa.Check] = {
    **{name: _values(lambda v: _real(v) and 0 <= float(v) <= 1, "a number from 0 to 1")
       for name in ("p", "probability", "percent")},
    "points": _values(lambda v: _real(v) and -1 <= float(v) <= 1,
                      "a difference of proportions, from -1 to 1"),
    **{name: _values(_real, "a finite number") for name in ("pct", "ratio", "1dp", "2dp", "3dp")},
    "int": _values(lambda v: _real(v) and float(v).is_integer(), "a whole number"),
}


def _index_columns(index: str | Sequence[str] | None,
                   columns: Mapping[str, str]) -> list[str]:
    """The frame's columns that ``index`` names (by column name or by heading)."""
    keys = [index] if isinstance(index, str) else list(index or [])
    by_heading = {heading: column for column, heading in columns.items()}
    return [k if k in columns else by_heading.get(k, k) for k in keys]


def _frame_schema(arguments: Mapping[str, Any]) -> pa.DataFrameSchema:
    """The frame must hold the values each named format can print and a label in every row
    of the index columns (it may have no rows: a table of changes can be empty); a missing
    column is reported by :func:`table` against the argument that names it."""
    frame, columns = arguments["frame"], arguments["columns"]
    formats = arguments["formats"] or {}
    present = set(frame.columns)
    checks: dict[str, list[pa.Check]] = {}
    for column, spec in formats.items():
        if column in present and isinstance(spec, str):
            checks.setdefault(column, []).append(_FORMAT_CHECKS[spec])
    labels = {c for c in _index_columns(arguments["index"], columns) if c in present}
    return frame_schema({
        column: pa.Column(None, checks=checks.get(column, []), nullable=column not in labels)
        for column in sorted(set(checks) | labels, key=str)
    }, min_rows=0)


def _formatter(spec: str | Callable[[object], str]) -> Callable[[object], str]:
    rule = spec if callable(spec) else FORMATS[spec]

    def safe(v: object) -> str:
        if v is None or (isinstance(v, float) and pd.isna(v)):
            return MISSING
        return rule(v)

    return safe


class BookTable(Styler):
    """A Styler whose row-label headings sit in the column-heading row.

    pandas writes a named index as a second header row that holds only the index names and
    leaves an empty heading cell above every column (and an empty corner cell above the row
    labels): a screen reader announces blanks, and the table is one row taller than its
    content.  Here each index name moves into the corner cell above its row labels, and
    the second row goes.  Tables with several levels of column headings keep pandas' rows.
    """

    def __repr__(self) -> str:
        # The plain-text form a notebook stores beside the HTML: the caption, not an address.
        return f"<table: {self.caption}>" if self.caption else "<table>"

    def _translate(self, *args: Any, **kwargs: Any) -> dict:
        d = super()._translate(*args, **kwargs)
        head = d.get("head", [])
        if len(head) != 2:
            return d
        headings, names = head
        named = [c for c in names
                 if "index_name" in str(c.get("class", "")) and c.get("is_visible", True)]
        corner = [i for i, c in enumerate(headings)
                  if str(c.get("class", "")).split()[:1] == ["blank"] and c.get("is_visible", True)]
        if not named or len(named) != len(corner):
            return d
        for position, cell in zip(corner, named, strict=True):
            headings[position] = cell
        d["head"] = [headings]
        return d


def _refuse(argument: str, expected: str) -> InvalidArgument:
    return InvalidArgument(f"table: argument {argument!r} {expected}")


@validated(frames={"frame": _frame_schema})
def table(
    frame: Frame,
    columns: Annotated[Mapping[Text, Heading], at.MinLen(1)],
    *,
    caption: Text,
    formats: Mapping[Text, FormatName | Callable[[Any], str]] | None = None,
    index: Text | Annotated[Sequence[Text], at.MinLen(1)] | None = None,
    label: Literal["SYNTHETIC", "SIMULATED"] | None = None,
) -> Styler:
    """A reader's table: chosen columns renamed, values formatted, a caption, no bare index.

    Parameters
    ----------
    frame
        The result to show (it may have no rows).
    columns
        Column name -> heading in words (with units), in the order to show them; columns
        not named are left out.
    caption
        What the table shows; for invented data it must contain "SYNTHETIC" or
        "SIMULATED", or pass ``label``.
    formats
        Column name -> a named format of :data:`FORMATS` or a function of one value.  The
        values of a column with a named format must be numbers that format can print (from 0
        to 1 for ``"p"``, ``"probability"`` and ``"percent"``, from -1 to 1 for ``"points"``,
        whole numbers for ``"int"``); a missing value prints as "–" in every column.
    index
        Column(s) to show as row labels (by column name or by heading), with a label in every
        row; without it the 0..n index is hidden.
    label
        "SYNTHETIC" or "SIMULATED": prefixed to the caption and to the row-label heading so
        that the label travels with the table.
    """
    if not caption.strip():
        raise _refuse("caption", f"got {caption!r}; expected a non-empty string saying what "
                                 "the table shows")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise _refuse("columns", f"names {missing}, which are not columns of argument 'frame' "
                                 f"(its columns: {list(frame.columns)})")
    formats = dict(formats or {})
    unknown = [c for c in formats if c not in columns]
    if unknown:
        raise _refuse("formats", f"names {unknown}, which are not shown; expected names of "
                                 f"argument 'columns' ({list(columns)})")
    keys = _index_columns(index, columns)
    unknown = [k for k in keys if k not in columns]
    if unknown:
        raise _refuse("index", f"names {unknown}; expected names or headings of argument "
                               f"'columns' ({list(columns)})")
    if label:
        caption = f"{label}. {caption}"
    shown = frame.loc[:, list(columns)].copy()
    for column, spec in formats.items():
        shown[column] = shown[column].map(_formatter(spec))
    shown = shown.rename(columns=dict(columns))
    if keys:
        shown = shown.set_index([columns[k] for k in keys])
        if label:
            shown.index.names = [f"{n} ({label})" for n in shown.index.names]
        styler = BookTable(shown)
    else:
        styler = BookTable(shown).hide(axis="index")
    styler = styler.format(na_rep=MISSING)
    # A fixed id (from the caption) instead of pandas' random one keeps outputs reproducible.
    uid = hashlib.sha256(caption.encode("utf-8")).hexdigest()[:10]
    # The theme's table styles (padding, borders, the phone layout) key on "dataframe".
    return styler.set_caption(caption).set_uuid(uid).set_table_attributes('class="dataframe"')
