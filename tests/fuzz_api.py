"""Engine of the API fuzz test: mutate one argument of a valid call at a time and classify.

Given a function and one valid call of it, :func:`mutations` derives invalid calls by
replacing one argument (or one key or element of a mapping or sequence, or one column or
cell of a DataFrame) with a value from a catalogue of bad input chosen by the kind of the
valid value: wrong type, the string ``'False'``, NaN, plus or minus infinity, a negative
number, a fraction where a count goes, a huge size, ``None``, an empty container, an
unknown key, a missing or duplicated column.  :func:`run_call` makes the call under a time
bound and classifies what happened:

``refused``
    a ``ValueError``/``TypeError`` whose message names the argument;
``valid``
    an answer, for a mutation the test lists as valid input (with the reason);
``obscure``
    any other exception, or a ``ValueError``/``TypeError`` that does not name the argument;
``silent``
    an answer to input not listed as valid;
``hang``
    no answer within the time bound.
"""

from __future__ import annotations

import fnmatch
import math
import re
import signal
import time
import warnings
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

import numpy as np
import pandas as pd

#: Seconds a single call may take before it counts as a hang.
TIME_BOUND_S = 5.0
HUGE = 10**12
OUTCOMES = ("refused", "valid", "obscure", "silent", "hang", "false_refusal")
#: Labels of the edge mutations: valid by type at the extremes of floating point, or a
#: label that looks like a known one.  A refusal naming the argument and a finite answer
#: are both right; an answer with more NaN or infinity than the example's is silent.
EDGE_LABELS = ("subnormal", "huge float", "look-alike label")


@dataclass(frozen=True)
class Mutation:
    """One invalid call: ``target`` is the argument (with key/column/row) that was changed."""

    argument: str
    target: str
    label: str
    args: tuple[Any, ...]
    kwargs: dict[str, Any]


@dataclass
class Tally:
    """Outcomes of a fuzz run."""

    functions: int = 0
    calls: int = 0
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(OUTCOMES, 0))
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def add(self, other: Tally) -> None:
        self.functions += other.functions
        self.calls += other.calls
        for key in OUTCOMES:
            self.counts[key] += other.counts[key]
        self.problems.extend(other.problems)
        self.seconds += other.seconds

    def as_dict(self) -> dict[str, Any]:
        return {"functions": self.functions, "calls": self.calls, **self.counts,
                "seconds": round(self.seconds, 2)}


# --------------------------------------------------------------------------- catalogue


def _scalar_bad(value: object) -> list[tuple[str, object]]:
    if isinstance(value, bool | np.bool_):
        return [("'False'", "False"), ("1", 1), ("0", 0), ("NaN", math.nan), ("None", None)]
    if isinstance(value, int | np.integer):
        return [("'False'", "False"), ("digits as text", str(value)), ("True", True),
                ("fraction", int(value) + 0.5), ("NaN", math.nan), ("+inf", math.inf),
                ("negative", -1), ("huge", HUGE), ("None", None)]
    if isinstance(value, float | np.floating):
        return [("'False'", "False"), ("digits as text", str(value)), ("True", True),
                ("NaN", math.nan), ("+inf", math.inf), ("-inf", -math.inf),
                ("negative", -abs(float(value)) - 1.0), ("huge", float(HUGE)), ("None", None),
                ("subnormal", 5e-324), ("huge float", 1e308)]
    if isinstance(value, str):
        out: list[tuple[str, object]] = [("wrong type", 1), ("None", None),
                                         ("unknown value", "no_such_value")]
        if value:
            out.append(("look-alike label", value + " "))
        return out
    if isinstance(value, PurePath):  # only a wrong type: any other path would be written to
        return [("wrong type", 1)]
    return [("wrong type", "False")]


def _cell_bad(series: pd.Series) -> list[tuple[str, object]]:
    if pd.api.types.is_bool_dtype(series):
        return [("'False'", "False"), ("1", 1), ("NaN", math.nan)]
    if pd.api.types.is_numeric_dtype(series):
        bad: list[tuple[str, object]] = [("'False'", "False"), ("NaN", math.nan),
                                         ("negative", -1), ("+inf", math.inf),
                                         ("huge", float(HUGE))]
        if pd.api.types.is_integer_dtype(series):
            bad.append(("fraction", 0.5))
        return bad
    sample = series.dropna()
    if len(sample) and all(isinstance(v, bool | np.bool_) for v in sample):
        return [("'False'", "False"), ("1", 1), ("NaN", math.nan)]
    return [("NaN", math.nan), ("number", 1)]


def _set_cell(frame: pd.DataFrame, column: str, bad: object) -> pd.DataFrame:
    out = frame.copy()
    col = out[column]
    numeric_bad = isinstance(bad, float | int) and not isinstance(bad, bool)
    if numeric_bad and pd.api.types.is_numeric_dtype(col) and not pd.api.types.is_bool_dtype(col):
        if isinstance(bad, float) and not pd.api.types.is_float_dtype(col):
            out[column] = col.astype("float64")
    else:
        out[column] = col.astype(object)
    out.iloc[0, out.columns.get_loc(column)] = bad
    return out


def _frame_bad(frame: pd.DataFrame) -> list[tuple[str, str, object]]:
    out: list[tuple[str, str, object]] = [
        ("", "wrong type", "False"),
        ("", "empty frame", frame.iloc[0:0].copy()),
    ]
    if len(frame.columns):
        first = frame.columns[0]
        out.append((f"[{first!r}]", "duplicated column",
                    pd.concat([frame, frame[[first]]], axis=1)))
    for column in frame.columns:
        out.append((f"[{column!r}]", "missing column", frame.drop(columns=[column])))
        if len(frame):
            for label, bad in _cell_bad(frame[column]):
                out.append((f"[{column!r}] row 0", label, _set_cell(frame, column, bad)))
    return out


def _series_bad(series: pd.Series) -> list[tuple[str, str, object]]:
    out: list[tuple[str, str, object]] = [("", "wrong type", "False"),
                                          ("", "empty", series.iloc[0:0].copy())]
    for label, bad in _cell_bad(series):
        changed = series.astype(object).copy()
        changed.iloc[0] = bad
        out.append(("[0]", label, changed))
    return out


def bad_values(value: object) -> list[tuple[str, str, object]]:
    """``(where inside the argument, label, bad value)`` for a valid ``value``."""
    if isinstance(value, pd.DataFrame):
        return _frame_bad(value)
    if isinstance(value, pd.Series):
        return _series_bad(value)
    if isinstance(value, Mapping):
        out: list[tuple[str, str, object]] = [("", "wrong type", "False"), ("", "empty", {})]
        if value:
            key = next(iter(value))
            out.append(("", "unknown key", {**value, "no_such_key": value[key]}))
            for where, label, bad in bad_values(value[key]):
                changed = dict(value)
                changed[key] = bad
                out.append((f"[{key!r}]{where}", label, changed))
        return out
    if isinstance(value, list | tuple) and not isinstance(value, str):
        out = [("", "wrong type", "False"), ("", "empty", type(value)())]
        if value:
            for where, label, bad in bad_values(value[0]):
                changed = list(value)
                changed[0] = bad
                out.append((f"[0]{where}", label, type(value)(changed)))
        return out
    return [("", label, bad) for label, bad in _scalar_bad(value)]


def mutations(func: Callable[..., Any], args: tuple, kwargs: dict) -> Iterator[Mutation]:
    """Every one-argument mutation of the valid call ``func(*args, **kwargs)``."""
    import inspect

    signature = inspect.signature(func)
    bound = signature.bind(*args, **kwargs)
    bound.apply_defaults()
    for name, param in signature.parameters.items():
        if param.kind in (param.VAR_POSITIONAL, param.VAR_KEYWORD):
            continue
        for where, label, bad in bad_values(bound.arguments[name]):
            changed = dict(bound.arguments)
            changed[name] = bad
            call_args, call_kwargs = _split(signature, changed)
            yield Mutation(name, name + where, label, call_args, call_kwargs)
    yield Mutation("no_such_argument", "no_such_argument", "unknown argument", tuple(args),
                   {**kwargs, "no_such_argument": 1})


def _split(signature: Any, arguments: dict[str, Any]) -> tuple[tuple, dict]:
    args: list[Any] = []
    kwargs: dict[str, Any] = {}
    for name, param in signature.parameters.items():
        if param.kind in (param.POSITIONAL_ONLY,):
            args.append(arguments[name])
        else:
            kwargs[name] = arguments[name]
    return tuple(args), kwargs


# --------------------------------------------------------------------------- running


class _Timeout(Exception):
    pass


def _alarm(signum: int, frame: object) -> None:
    raise _Timeout


@dataclass(frozen=True)
class Expected:
    """The answer to the example: its canonical form and its count of NaN and infinities."""

    name: str
    canonical: object
    non_finite: int


def _non_finite(answer: object) -> int:
    """How many NaN or infinite numbers an answer holds (in its tables too)."""
    import variants

    count = 0

    def walk(value: object) -> None:
        nonlocal count
        if value == ("nan",):
            count += 1
        elif isinstance(value, tuple | list):
            for item in value:
                walk(item)
        elif isinstance(value, float) and not math.isfinite(value):
            count += 1

    walk(variants.canonical(answer))
    return count


def run_call(func: Callable[..., Any], mutation: Mutation, expected: Expected | None = None
             ) -> tuple[str, str]:
    """Make the call within :data:`TIME_BOUND_S`; return (outcome before listing, detail).

    With ``expected`` (the answer to the example), an answer is checked: to an edge
    mutation, no more NaN or infinities than the example's; to a variant in another row
    order (unless the order is the function's meaning), the same answer; the detail says
    what differs."""
    import variants

    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, TIME_BOUND_S)
    detail = ""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            answer = func(*mutation.args, **mutation.kwargs)
        if expected is not None:
            if mutation.label in EDGE_LABELS and _non_finite(answer) > expected.non_finite:
                detail = "an answer with NaN or infinity from finite input"
            elif (mutation.label.startswith("rows ")
                  and expected.name not in variants.ORDER_IS_MEANING
                  and variants.canonical(answer) != expected.canonical):
                detail = "another answer from the same rows in another order"
    except _Timeout:
        return "hang", f"no answer within {TIME_BOUND_S:g} s"
    except (ValueError, TypeError) as exc:
        if names(mutation.argument, str(exc)):
            if (expected is not None and mutation.label.startswith("rows ")
                    and expected.name in variants.ORDER_IS_MEANING):
                return "answer", ""  # the order is the meaning, checked and refused
            return "refused", str(exc)
        return "obscure", f"{type(exc).__name__} not naming {mutation.argument!r}: {exc}"
    except Exception as exc:
        return "obscure", f"{type(exc).__name__}: {exc}"
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        _close_figures()
    return "answer", detail


def names(argument: str, message: str) -> bool:
    """Whether ``message`` names ``argument`` as a word (``n`` in "n must be", not "non-int")."""
    pattern = rf"(?<![A-Za-z0-9_]){re.escape(argument)}(?![A-Za-z0-9_])"
    return re.search(pattern, message) is not None


def _close_figures() -> None:
    import matplotlib.pyplot as plt

    plt.close("all")


def listed_reason(valid: Mapping[tuple[str, str, str], str], name: str, mutation: Mutation
                  ) -> str | None:
    """The reason a mutation is valid input, if the list of valid input has one."""
    def plain(text: str) -> str:  # brackets are literal here, not character classes
        return text.replace("[", "<").replace("]", ">")

    for (func_pat, target_pat, label_pat), reason in valid.items():
        if (fnmatch.fnmatchcase(name, func_pat)
                and fnmatch.fnmatchcase(plain(mutation.target), plain(target_pat))
                and fnmatch.fnmatchcase(mutation.label, label_pat)):
            return reason
    return None


def fuzz_function(name: str, func: Callable[..., Any], args: tuple, kwargs: dict,
                  valid: Mapping[tuple[str, str, str], str]) -> Tally:
    """Fuzz one function from one valid call; the valid call itself must answer."""
    tally = Tally(functions=1)
    start = time.perf_counter()
    import variants

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        answer = func(*args, **kwargs)  # the example must be valid
    example = Expected(name, variants.canonical(answer), _non_finite(answer))
    _close_figures()
    for mutation in mutations(func, args, kwargs):
        tally.calls += 1
        outcome, detail = run_call(func, mutation, expected=example)
        if outcome == "answer":
            if mutation.label in EDGE_LABELS:
                outcome = "valid" if not detail else "silent"
            else:
                outcome = "valid" if listed_reason(valid, name, mutation) else "silent"
        tally.counts[outcome] += 1
        if outcome in ("obscure", "silent", "hang"):
            tally.problems.append(
                f"{outcome}: {name} {mutation.target} = {mutation.label}"
                + (f" -> {detail[:160]}" if detail else "")
            )
    for variant in valid_variants(name, func, args, kwargs):
        tally.calls += 1
        outcome, detail = run_call(func, variant, expected=example)
        if outcome == "answer":
            outcome = "valid" if not detail else "silent"
        elif outcome == "refused":
            outcome = "false_refusal"
        tally.counts[outcome] += 1
        if outcome != "valid":
            tally.problems.append(f"{outcome}: {name} {variant.target} = {variant.label}"
                                  + (f" -> {detail[:160]}" if detail else ""))
    tally.seconds = time.perf_counter() - start
    return tally


def valid_variants(name: str, func: Callable[..., Any], args: tuple, kwargs: dict
                   ) -> Iterator[Mutation]:
    """The valid variants of the example (:mod:`variants`): numpy scalars, arrays, read-only
    arrays and Series for sequences, rows reversed and shuffled, an extra column and a CSV
    round trip of each frame.  Each must be answered; a refusal is a false refusal.  Where
    the order of the rows is the meaning (``variants.ORDER_IS_MEANING``), a refusal of rows
    in another order naming the argument is right, and any answer is accepted."""
    import variants

    kinds = (variants.other_forms, variants.row_orders, variants.extra_column,
             variants.csv_round_trip)
    for v in variants.variants(func, args, kwargs, kinds):
        yield Mutation(v.argument, v.target, v.label, v.args, v.kwargs)


def summary_line(tally: Tally) -> str:
    c = tally.counts
    return (
        f"API fuzz: {tally.functions} public functions and constructors, {tally.calls} "
        f"invalid calls and valid variants: "
        f"{c['refused']} refused naming the argument, {c['valid']} listed as valid input, "
        f"{c['obscure']} obscure, {c['silent']} silent, {c['hang']} hangs, "
        f"{c['false_refusal']} false refusals of valid variants ({tally.seconds:.1f} s)"
    )


def public_functions(module: Any) -> list[tuple[str, Callable[..., Any]]]:
    """``(qualified name, function)`` for every function in ``module.__all__`` (any callable
    that is not a class, so a function wrapped by ``functools.cache`` counts too)."""
    import inspect

    return [(f"{module.__name__.removeprefix('igg4lib.')}.{name}", getattr(module, name))
            for name in module.__all__
            if callable(getattr(module, name)) and not inspect.isclass(getattr(module, name))]


def public_classes(module: Any) -> list[tuple[str, type]]:
    """``(qualified name, class)`` for every class in ``module.__all__``: a class a caller
    builds by hand is fuzzed through its constructor like a function."""
    import inspect

    return [(f"{module.__name__.removeprefix('igg4lib.')}.{name}", getattr(module, name))
            for name in module.__all__ if inspect.isclass(getattr(module, name))]

