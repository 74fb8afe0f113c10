"""Tables for people: one helper that every chapter table goes through.

:func:`table` turns a tidy result frame into what a reader should see: column names in words
(with units), numbers rounded to what the data support, p-values as "< 0.001" (never
"0.000"), no bare 0..n index, and a caption that says what the table is (and, for invented
data, that it is SYNTHETIC or SIMULATED). Formatting rules come from
:mod:`igg4lib.book.format`, so prose and tables print a number the same way.

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
from collections.abc import Callable, Mapping

import pandas as pd

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

#: Labels that mark invented data; a caption of such a table must carry one of them.
LABELS = ("SYNTHETIC", "SIMULATED")


def _formatter(spec: str | Callable[[object], str], column: str) -> Callable[[object], str]:
    if callable(spec):
        rule = spec
    elif spec in FORMATS:
        rule = FORMATS[spec]
    else:
        raise ValueError(
            f"formats[{column!r}] must be one of {sorted(FORMATS)} or a function, got {spec!r}"
        )

    def safe(v: object) -> str:
        if v is None or (isinstance(v, float) and pd.isna(v)):
            return "–"
        return rule(v)

    return safe


def table(
    frame: pd.DataFrame,
    columns: Mapping[str, str],
    *,
    caption: str,
    formats: Mapping[str, str | Callable[[object], str]] | None = None,
    index: str | list[str] | None = None,
    label: str | None = None,
) -> pd.io.formats.style.Styler:
    """A reader's table: chosen columns renamed, values formatted, a caption, no bare index.

    Parameters
    ----------
    frame
        The result to show.
    columns
        Column name -> heading in words (with units), in the order to show them; columns
        not named are left out.
    caption
        What the table shows; for invented data it must contain "SYNTHETIC" or
        "SIMULATED", or pass ``label``.
    formats
        Column name -> a named format of :data:`FORMATS` or a function of one value.
    index
        Column(s) to show as row labels (by their new headings); without it the 0..n index
        is hidden.
    label
        "SYNTHETIC" or "SIMULATED": prefixed to the caption and to the row-label heading so
        that the label travels with the table.
    """
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"frame must be a pandas DataFrame, got {type(frame).__name__}")
    if not isinstance(caption, str) or not caption.strip():
        raise ValueError("caption must be a non-empty string saying what the table shows")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"columns names {missing}, not in the frame {list(frame.columns)}")
    formats = dict(formats or {})
    unknown = [c for c in formats if c not in columns]
    if unknown:
        raise ValueError(f"formats names columns {unknown} that are not shown")
    if label is not None and label not in LABELS:
        raise ValueError(f"label must be one of {LABELS}, got {label!r}")
    if label:
        caption = f"{label}. {caption}"
    shown = frame.loc[:, list(columns)].copy()
    for column, spec in formats.items():
        shown[column] = shown[column].map(_formatter(spec, column))
    shown = shown.rename(columns=dict(columns))
    keys = [index] if isinstance(index, str) else list(index or [])
    if keys:
        renamed = [columns.get(k, k) for k in keys]
        shown = shown.set_index(renamed)
        if label:
            shown.index.names = [f"{n} ({label})" for n in shown.index.names]
        styler = shown.style
    else:
        styler = shown.style.hide(axis="index")
    # A fixed id (from the caption) instead of pandas' random one keeps outputs reproducible.
    uid = hashlib.sha256(caption.encode("utf-8")).hexdigest()[:10]
    # The theme's table styles (padding, borders, the phone layout) key on "dataframe".
    return styler.set_caption(caption).set_uuid(uid).set_table_attributes('class="dataframe"')
