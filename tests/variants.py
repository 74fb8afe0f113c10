"""Valid variants of a valid call, and a comparison of answers that ignores row order.

Shared by the row-order property test (``tests/test_row_order.py``), the CSV round-trip
test and the API fuzz test (``tests/fuzz_api.py``, which counts a refusal of any of these
variants as a false refusal).  Each variant changes one argument into another form of the
same valid input: rows reversed or shuffled, a numpy or pandas form of a sequence, a numpy
scalar for a number, extra columns.  :func:`canonical` turns an answer into something that
compares equal whatever the order of the rows of a table in it.
"""

from __future__ import annotations

import dataclasses
import inspect
import math
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

#: Relative tolerance of numbers compared between a call and its variant (sums taken in
#: another order differ in the last bits).
RTOL = 1e-9

#: Function -> why its answer may change with the order of the rows (its docstring says so).
ORDER_IS_MEANING: dict[str, str] = {
    "epidemiology.men_share_differences": "the order of the rows orients each pair (earlier "
    "minus later), labelled in the answer",
    "trial.pairwise_comparisons": "the order of the rows orients each pair (arm_1 minus "
    "arm_2), labelled in the answer",
    "trial.logrank_tests": "the order of the rows names each pair 'A vs B'; the statistics "
    "do not change",
    "trial.sensitivity_to_count": "the default reference is the arm of the first row",
    "synthesis.pool_risk_ratios": "the studies keep the order of the rows (a forest plot's "
    "order); the pooled estimate does not change",
    "plots.trial.consort_flow": "the arms are numbered Group 1, 2, ... in the order of the "
    "rows",
    "plots.trial.relapse_by_arm": "the arms are numbered Group 1, 2, ... in the order of the "
    "rows",
    "risk.bootstrap_logistic": "the seeded resamples draw rows by position",
    "riskcohort.patients_from_cells": "the seeded generator draws patients cell by cell in "
    "the order of the rows",
    "book.diagnosis.changed_verdicts": "checked: after lists the vignettes of before in the "
    "same order (refused otherwise)",
    "book.wins.logrank_table": "checked: the global test first, then one row per pair "
    "(refused otherwise)",
}


@dataclass(frozen=True)
class Variant:
    """One valid variant of a call: ``target`` is the argument that was changed."""

    argument: str
    target: str
    label: str
    args: tuple[Any, ...]
    kwargs: dict[str, Any]


def _permutations(frame: pd.DataFrame) -> list[tuple[str, pd.DataFrame]]:
    if len(frame) < 2:
        return []
    reverse = frame.iloc[::-1].reset_index(drop=True)
    order = np.random.default_rng(len(frame)).permutation(len(frame))
    if list(order) == list(range(len(frame))):
        order = order[::-1]
    out = [("rows reversed", reverse.copy())]
    if len(frame) > 2:
        out.append(("rows shuffled", frame.iloc[order].reset_index(drop=True).copy()))
    for _, shown in out:
        shown.attrs = dict(frame.attrs)
    return out


def row_orders(value: object) -> list[tuple[str, str, object]]:
    """``(where, label, value)``: the frame (or a frame in a mapping) with its rows in another
    order, index renumbered (as after ``read_csv``)."""
    if isinstance(value, pd.DataFrame):
        return [("", label, df) for label, df in _permutations(value)]
    if isinstance(value, Mapping) and value and all(isinstance(v, pd.DataFrame)
                                                    for v in value.values()):
        key = next(iter(value))
        return [(f"[{key!r}]", label, {**value, key: df})
                for label, df in _permutations(value[key])]
    return []


def _sequence_forms(value: object) -> list[tuple[str, object]]:
    if not isinstance(value, list | tuple) or not value or isinstance(value, str):
        return []
    kinds = {type(v) for v in value}
    if not (kinds <= {int} or kinds <= {float, int} or kinds <= {str}) or bool in kinds:
        return []
    array = np.array(value)
    frozen = np.array(value)
    frozen.setflags(write=False)
    return [("numpy array", array), ("read-only array", frozen),
            ("pandas Series", pd.Series(list(value), index=range(10, 10 + len(value))))]


def _scalar_forms(value: object) -> list[tuple[str, object]]:
    if isinstance(value, bool):
        return [("numpy bool", np.bool_(value))]
    if isinstance(value, int) and -2**63 <= value < 2**63:
        return [("numpy int64", np.int64(value))]
    if isinstance(value, float):
        return [("numpy float64", np.float64(value))]
    return []


def other_forms(value: object) -> list[tuple[str, str, object]]:
    """``(where, label, value)``: the same value in a numpy or pandas form."""
    out = [("", label, v) for label, v in _scalar_forms(value)]
    out += [("", label, v) for label, v in _sequence_forms(value)]
    if isinstance(value, Mapping) and value and not isinstance(value, pd.DataFrame):
        key = next(iter(value))
        for where, label, form in other_forms(value[key]):
            out.append((f"[{key!r}]{where}", label, {**value, key: form}))
    return out


def csv_round_trip(value: object) -> list[tuple[str, str, object]]:
    """The frame written with ``to_csv`` and read back with :func:`igg4lib.data.read_result`
    (attrs, which a CSV file does not hold, carried over)."""
    import io
    import tempfile
    from pathlib import Path

    from igg4lib import data

    if not isinstance(value, pd.DataFrame) or not len(value.columns):
        return []
    if value.attrs.get("name") in data.names():
        return []  # a data set: it is read back with data.load, which knows its schema
    if not all(isinstance(c, str) for c in value.columns):
        return []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "result.csv"
        buffer = io.StringIO()
        value.to_csv(buffer)
        path.write_text(buffer.getvalue(), encoding="utf-8")
        back = data.read_result(path)
    back.attrs = dict(value.attrs)
    return [("", "CSV round trip", back)]


def extra_column(value: object) -> list[tuple[str, str, object]]:
    """The frame with one more column no function reads."""
    if isinstance(value, pd.DataFrame) and "no_such_column_x" not in value:
        out = value.assign(no_such_column_x="extra")
        out.attrs = dict(value.attrs)
        return [("", "extra column", out)]
    return []


def variants(func: Callable[..., Any], args: tuple, kwargs: dict,
             kinds: tuple[Callable[[object], list[tuple[str, str, object]]], ...]
             ) -> Iterator[Variant]:
    """Every one-argument variant of the call, of the kinds given."""
    signature = inspect.signature(func)
    bound = signature.bind(*args, **kwargs)
    bound.apply_defaults()
    for name, param in signature.parameters.items():
        if param.kind in (param.VAR_POSITIONAL, param.VAR_KEYWORD):
            continue
        for kind in kinds:
            for where, label, value in kind(bound.arguments[name]):
                changed = dict(bound.arguments)
                changed[name] = value
                call_args, call_kwargs = split(signature, changed)
                yield Variant(name, name + where, label, call_args, call_kwargs)


def split(signature: inspect.Signature, arguments: dict[str, Any]) -> tuple[tuple, dict]:
    args: list[Any] = []
    kwargs: dict[str, Any] = {}
    for name, param in signature.parameters.items():
        if param.kind is param.POSITIONAL_ONLY:
            args.append(arguments[name])
        else:
            kwargs[name] = arguments[name]
    return tuple(args), kwargs


# --------------------------------------------------------------------------- comparing


def _cell(value: object) -> object:
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float):
        if math.isnan(value):
            return ("nan",)
        if math.isinf(value) or value == 0:
            return value
        return float(f"{value:.10g}")
    if value is None or value is pd.NA or value is pd.NaT:
        return ("nan",)
    if isinstance(value, list | tuple | np.ndarray):
        return tuple(_cell(v) for v in value)
    return value


def _rows(frame: pd.DataFrame) -> list[tuple[object, ...]]:
    flat = frame.reset_index() if not isinstance(frame.index, pd.RangeIndex) else frame
    rows = [tuple(_cell(v) for v in row) for row in flat.itertuples(index=False)]
    return sorted(rows, key=repr)


def canonical(value: object) -> object:
    """A form of an answer that is equal for answers that differ only in the order of the rows
    of their tables (numbers to 10 significant digits)."""
    from pandas.io.formats.style import Styler

    if isinstance(value, Styler):
        return ("Styler", value.caption, tuple(map(str, value.data.columns)),
                _rows(value.data))
    if isinstance(value, pd.DataFrame):
        return ("DataFrame", tuple(map(str, value.columns)), _rows(value))
    if isinstance(value, pd.Series):  # a row label as name (a row of a table) is no answer
        name = None if isinstance(value.name, int | np.integer) else value.name
        return ("Series", name, _rows(value.to_frame(name="value").T.reset_index(drop=True)))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return (type(value).__name__,
                tuple((f.name, canonical(getattr(value, f.name)))
                      for f in dataclasses.fields(value)))
    if isinstance(value, Mapping):
        return ("Mapping", sorted(((repr(k), canonical(v)) for k, v in value.items()),
                                  key=repr))
    if isinstance(value, list | tuple):
        return tuple(canonical(v) for v in value)
    if type(value).__module__.startswith("ipywidgets"):
        return ("widget", repr(value))
    if _is_figure(value):
        return ("Figure", _figure_texts(value))
    return _cell(value)


def _is_figure(value: object) -> bool:
    from matplotlib.figure import Figure

    return isinstance(value, Figure)


def _figure_texts(figure: Any) -> tuple[str, ...]:
    """Every text a figure shows (titles, labels, tick labels, annotations), sorted."""
    from matplotlib.text import Text

    texts = [t.get_text() for t in figure.findobj(Text) if t.get_visible() and t.get_text()]
    return tuple(sorted(texts))
