"""The argument types and checks shared by every public function of igg4lib.

Every public function declares what it accepts in its signature, with the constrained types
below, and is wrapped by :func:`validated`: pydantic checks each argument when the function
is called, pandera checks each DataFrame argument against a schema (required columns, column
types, ranges, cross-column rules), and declared rules relate arguments to each other
(``x <= n``).  Whichever layer refuses a call raises :class:`InvalidArgument`, which is both a
``ValueError`` and a ``TypeError`` and whose message names the function, the argument (and
for a DataFrame the column and row), the value received and what was expected, in plain
words.

The types are deliberately strict: a count is an ``int`` (or numpy integer), never ``True``,
``16.0`` or ``"16"``; a flag is ``True`` or ``False`` (or a numpy bool), never ``"False"``,
``0``/``1`` or NaN; a real number is finite unless a type says otherwise.

>>> @validated(rules=[Rule("x", lambda a: a["x"] <= a["n"], "at most n ({n})")])
... def share(x: Count, n: PositiveCount) -> float:
...     return x / n
>>> share(3, 4)
0.75
>>> share(5, 4)
Traceback (most recent call last):
...
igg4lib._validation.InvalidArgument: share: argument 'x' got 5; expected at most n (4)
>>> share("3", 4)
Traceback (most recent call last):
...
igg4lib._validation.InvalidArgument: share: argument 'x' got '3' (str); expected a whole number

The ecosystem's own forms are accepted: wherever a sequence is declared (``Sequence[...]``,
``list[...]``, ``tuple[...]``), a one-dimensional numpy array (read-only too), a pandas
Series or a pandas Index is accepted as the sequence of its values (a Series' index is
ignored: the values are taken in the order of the rows); their elements are checked like
those of a list, so a NaN in a Series of counts is refused as it would be in a list.  A
numpy scalar is accepted wherever the Python number (or bool) it holds is.

>>> import numpy as np
>>> share(np.int64(3), np.int64(4))
0.75
"""

from __future__ import annotations

import functools
import inspect
import itertools
import math
import numbers
import os
import typing
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Annotated, Any

import annotated_types as at
import numpy as np
import pandas as pd
import pandera.pandas as pa
from pydantic import AllowInfNan, BeforeValidator, ConfigDict, InstanceOf, Strict, ValidationError
from pydantic import validate_call as _validate_call

__all__ = [
    "MAX_EXACT_TOTAL",
    "MAX_PATIENTS",
    "MAX_SEARCH_TOTAL",
    "MAX_SIMULATIONS",
    "Count",
    "Decimals",
    "ExactPatients",
    "FiniteFloat",
    "Frame",
    "InvalidArgument",
    "Level",
    "NonNegativeFloat",
    "NumpyScalars",
    "OpenProbability",
    "Patients",
    "Percent",
    "PositiveCount",
    "PositiveFloat",
    "PositivePatients",
    "Probability",
    "Rule",
    "Seed",
    "Simulations",
    "StrictFlag",
    "Text",
    "Whole",
    "count_column",
    "flag_column",
    "frame_schema",
    "real_column",
    "rows_at_most",
    "rows_ordered",
    "text_column",
    "validated",
]

#: Largest number of patients in one group or table any function accepts (exact tests and
#: intervals stay quick below it).
MAX_PATIENTS = 1_000_000
#: Largest number of patients an exact test or an exhaustive table search accepts; beyond it
#: the enumeration would run for minutes.
MAX_EXACT_TOTAL = 10_000
#: Largest total a search over margins (every table of every size up to it) accepts.
MAX_SEARCH_TOTAL = 2_000
#: Largest number of simulated trials, bootstrap resamples or posterior draws in one call.
MAX_SIMULATIONS = 2_000_000


#: Set the environment variable ``IGG4LIB_NO_VALIDATION=1`` (before importing igg4lib) to
#: call every public function without the checks, to measure what they cost
#: (``python3 tasks.py bench``); never for analysis: bad input then fails obscurely or not
#: at all.  Each wrapped function also keeps the unchecked one as ``__wrapped__``.
BYPASS = os.environ.get("IGG4LIB_NO_VALIDATION", "") not in ("", "0")


class InvalidArgument(TypeError, ValueError):
    """A public function of igg4lib refused its input.

    Both a ``TypeError`` and a ``ValueError``: the message says which argument (and, for a
    DataFrame, which column and row) was refused and what was expected.
    """


# --------------------------------------------------------------------------- scalar types


def _plain_number(value: object) -> object:
    """Turn numpy scalars into Python ones; leave everything else to the strict checks."""
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return float(value)
    return value


_numpy = BeforeValidator(_plain_number)
#: Put first in an ``Annotated`` number type of a module's own: numpy scalars become the
#: Python number they hold before the strict checks.
NumpyScalars = _numpy

#: A whole number (``int`` or numpy integer; not a bool, a float or a string).
Whole = Annotated[int, _numpy, Strict()]
#: A count: a whole number >= 0.
Count = Annotated[int, _numpy, Strict(), at.Ge(0)]
#: A count of at least 1 (a group size, a number of patients).
PositiveCount = Annotated[int, _numpy, Strict(), at.Ge(1)]
#: A number of patients (or events among them): a count up to :data:`MAX_PATIENTS`.
Patients = Annotated[int, _numpy, Strict(), at.Ge(0), at.Le(MAX_PATIENTS)]
#: A group size: a number of patients from 1 to :data:`MAX_PATIENTS`.
PositivePatients = Annotated[int, _numpy, Strict(), at.Ge(1), at.Le(MAX_PATIENTS)]
#: A number of patients in an exact test or an enumeration: a count up to
#: :data:`MAX_EXACT_TOTAL`.
ExactPatients = Annotated[int, _numpy, Strict(), at.Ge(0), at.Le(MAX_EXACT_TOTAL)]
#: A percentage in [0, 100].
Percent = Annotated[float, _numpy, Strict(), AllowInfNan(False), at.Ge(0), at.Le(100)]
#: Decimal places of a printed number: 0 to 3 (searches over printed values grow tenfold
#: with each place).
Decimals = Annotated[int, _numpy, Strict(), at.Ge(0), at.Le(3)]
#: A number of simulated trials, resamples or draws: 1 to :data:`MAX_SIMULATIONS`.
Simulations = Annotated[int, _numpy, Strict(), at.Ge(1), at.Le(MAX_SIMULATIONS)]
#: A seed of a random generator: a whole number >= 0 (``None`` is refused).
Seed = Annotated[int, _numpy, Strict(), at.Ge(0), at.Le(2**63 - 1)]
#: A finite real number (``int``, ``float`` or numpy number; not a bool, a string, NaN or inf).
FiniteFloat = Annotated[float, _numpy, Strict(), AllowInfNan(False)]
#: A finite real number >= 0.
NonNegativeFloat = Annotated[float, _numpy, Strict(), AllowInfNan(False), at.Ge(0)]
#: A finite real number > 0.
PositiveFloat = Annotated[float, _numpy, Strict(), AllowInfNan(False), at.Gt(0)]
#: A probability in [0, 1].
Probability = Annotated[float, _numpy, Strict(), AllowInfNan(False), at.Ge(0), at.Le(1)]
#: A probability strictly between 0 and 1.
OpenProbability = Annotated[float, _numpy, Strict(), AllowInfNan(False), at.Gt(0), at.Lt(1)]
#: A confidence or credible level, strictly between 0 and 1 (e.g. 0.95).
Level = OpenProbability
#: ``True`` or ``False`` (or a numpy bool); never ``"False"``, 0/1 or NaN.
StrictFlag = Annotated[bool, _numpy, Strict()]
#: A string (not bytes, a number or None).
Text = Annotated[str, Strict()]
#: A pandas DataFrame (its columns are checked by the function's pandera schema).
Frame = InstanceOf[pd.DataFrame]


# --------------------------------------------------------------------------- messages

_EXPECTED = {
    "int_type": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "bool_type": "True or False",
    "string_type": "a string",
    "finite_number": "a finite number (not NaN or infinity)",
    "is_instance_of": "an instance of {class}",
    "dict_type": "a mapping (dict)",
    "list_type": "a list",
    "tuple_type": "a list or tuple",
    "iterable_type": "a list or tuple",
    "missing_argument": "a value (the argument is required)",
    "missing": "a value (the field is required)",
    "unexpected_keyword_argument": "no such argument",
    "multiple_argument_values": "one value only",
    "none_required": "None",
    "sequence_str": "a list or tuple (not a single string)",
    "string_too_short": "a non-empty string",
    "too_short": "at least {min_length} item(s)",
    "too_long": "at most {max_length} item(s)",
    "greater_than_equal": "a value >= {ge}",
    "greater_than": "a value > {gt}",
    "less_than_equal": "a value <= {le}",
    "less_than": "a value < {lt}",
}


def _describe(value: object) -> str:
    text = repr(value)
    if len(text) > 60:
        text = text[:57] + "..."
    if isinstance(value, str | bool) or value is None:
        return f"{text} ({type(value).__name__})" if isinstance(value, str) else text
    if isinstance(value, numbers.Number | np.generic):
        return text
    return f"{text} ({type(value).__name__})" if len(text) < 30 else f"a {type(value).__name__}"


def _expected(error: Mapping[str, Any]) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "is_instance_of" and str(ctx.get("class")) == "Sequence":
        return "a list, tuple, one-dimensional numpy array or pandas Series"
    if kind in _EXPECTED:
        try:
            return _EXPECTED[kind].format(**ctx)
        except (KeyError, IndexError):
            return _EXPECTED[kind]
    message = str(error["msg"])
    for prefix in ("Input should be ", "Value error, "):
        if message.startswith(prefix):
            message = message[len(prefix) :]
    return message


_TAGS = {"int", "float", "str", "bool", "list", "tuple", "dict", "none", "set", "frozenset"}


def _argument_name(loc: tuple[Any, ...], names: Sequence[str]) -> str:
    if not loc:
        return "?"
    head = loc[0]
    name = names[head] if isinstance(head, int) and head < len(names) else str(head)
    parts = []
    for part in loc[1:]:
        text = str(part)
        if part == "[key]" or text in _TAGS or any(c in text for c in "[]()-<>"):
            continue  # a tag pydantic adds for a union member or a validator, not a key
        parts.append(f"[{part!r}]")
    return name + "".join(parts)


def _from_pydantic(func: str, names: Sequence[str], exc: ValidationError) -> InvalidArgument:
    lines = []
    reported: set[object] = set()
    # of the errors of a union, the deepest says most (an element of a list, not the list)
    errors = sorted(exc.errors(include_url=False), key=lambda e: -len(e["loc"]))
    errors.sort(key=lambda e: names.index(e["loc"][0]) if e["loc"] and e["loc"][0] in names
                else (e["loc"][0] if e["loc"] and isinstance(e["loc"][0], int) else 0))
    for error in errors:
        if not error["loc"] or error["loc"][0] in reported or len(lines) == 3:
            continue
        reported.add(error["loc"][0])
        name = _argument_name(tuple(error["loc"]), names)
        if error["type"] == "missing_argument":
            lines.append(f"argument {name!r} is missing; it is required")
        elif error["type"] == "unexpected_keyword_argument":
            lines.append(f"got an unknown argument {name!r}; expected one of {', '.join(names)}")
        else:
            lines.append(
                f"argument {name!r} got {_describe(error['input'])}; expected {_expected(error)}"
            )
    return InvalidArgument(f"{func}: " + "; ".join(lines))


# --------------------------------------------------------------------------- DataFrames


def _non_missing(series: pd.Series) -> pd.Series:
    return series[series.notna()]


def _is_real_dtype(series: pd.Series) -> bool:
    if series.dtype == object and series.isna().all():
        return True  # only missing values (a column of None): left to ``nullable``
    return pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series)


def _is_real_value(value: object) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool | np.bool_)


def _number_checks(test: Callable[[pd.Series], pd.Series], expected: str) -> list[pa.Check]:
    """The checks of a column of numbers: its type (one check of the whole column), then
    ``test`` of every present value as a float, reporting each failing row (a value that is
    not a number fails too).  Missing values are left to the column's ``nullable``.

    Two checks per column, not one per condition: pandera's cost is per check, and the API
    fuzz test validates thousands of frames."""

    def values(series: pd.Series) -> pd.Series:
        present = series.notna()
        ok = pd.Series(True, index=series.index)
        if _is_real_dtype(series):
            ok[present] = test(series[present].astype("float64")).to_numpy(dtype=bool)
            return ok
        real = present & series.map(_is_real_value).astype(bool)
        ok[present & ~real] = False
        if real.any():
            ok[real] = test(series[real].astype("float64")).to_numpy(dtype=bool)
        return ok

    return [
        pa.Check(_is_real_dtype, element_wise=False, error=f"{expected} (column of numbers)"),
        pa.Check(values, error=expected),
    ]


def count_column(
    *,
    nullable: bool = False,
    minimum: int = 0,
    maximum: int | None = MAX_PATIENTS,
    required: bool = True,
) -> pa.Column:
    """A column of counts: whole numbers from ``minimum`` (to ``maximum``), no NaN unless
    ``nullable``."""
    expected = f"a whole number >= {minimum}" + (f" and <= {maximum}" if maximum else "")
    top = math.inf if maximum is None else maximum

    def test(values: pd.Series) -> pd.Series:
        return np.isfinite(values) & (values == np.floor(values)) & (values >= minimum) & (
            values <= top)

    return pa.Column(None, checks=_number_checks(test, expected), nullable=nullable,
                     required=required)


def real_column(
    *,
    nullable: bool = False,
    minimum: float | None = None,
    maximum: float | None = None,
    required: bool = True,
    infinite: bool = False,
) -> pa.Column:
    """A column of finite real numbers, optionally within [``minimum``, ``maximum``];
    ``infinite`` also allows +inf and -inf (never NaN, which is a missing value)."""
    bounds = []
    if minimum is not None:
        bounds.append(f">= {minimum:g}")
    if maximum is not None:
        bounds.append(f"<= {maximum:g}")
    expected = ("a number (or +/-inf)" if infinite else "a finite number") + (
        " " + " and ".join(bounds) if bounds else "")
    low = -math.inf if minimum is None else minimum
    high = math.inf if maximum is None else maximum

    def test(values: pd.Series) -> pd.Series:
        finite = ~np.isnan(values) if infinite else np.isfinite(values)
        return finite & (values >= low) & (values <= high)

    return pa.Column(None, checks=_number_checks(test, expected), nullable=nullable,
                     required=required)


def _is_flag(value: object) -> bool:
    return isinstance(value, bool | np.bool_)


def flag_column(*, nullable: bool = False, required: bool = True) -> pa.Column:
    """A column of True/False (bool dtype, nullable ``boolean`` or objects that are bools)."""
    check = pa.Check(
        lambda s: _non_missing(s).map(_is_flag).astype(bool),
        error="True or False",
    )
    return pa.Column(None, checks=[check], nullable=nullable, required=required)


def text_column(
    *,
    nullable: bool = False,
    isin: Sequence[str] | None = None,
    unique: bool = False,
    required: bool = True,
) -> pa.Column:
    """A column of strings, optionally from a fixed set of values, optionally unique."""
    checks = [pa.Check(lambda s: _non_missing(s).map(lambda v: isinstance(v, str)).astype(bool),
                       error="a string")]
    if isin is not None:
        allowed = list(isin)
        checks.append(pa.Check(lambda s: _non_missing(s).isin(allowed),
                               error=f"one of {', '.join(map(str, allowed))}"))
    return pa.Column(None, checks=checks, nullable=nullable, unique=unique, required=required)


def frame_schema(
    columns: Mapping[str, pa.Column],
    *,
    checks: Sequence[pa.Check] = (),
    min_rows: int = 1,
) -> pa.DataFrameSchema:
    """A schema of a DataFrame argument: the columns it needs (others are allowed) and
    frame-level rules; ``min_rows`` rows at least."""
    rules = [pa.Check(lambda df: len(df) >= min_rows, element_wise=False,
                      error=f"at least {min_rows} row(s)")] if min_rows else []
    return pa.DataFrameSchema(dict(columns), checks=[*rules, *checks], strict=False)


def rows_ordered(*chains: Sequence[str]) -> pa.Check:
    """Frame-level rule: the columns of each chain are in order in every row, e.g.
    ``("ci_low", "estimate", "ci_high")`` (an interval contains its estimate) or
    ``("q1", "median", "q3")``; one check for all chains.  A pair of columns in which either
    value is missing (or not a number) is left to the columns' own checks."""
    pairs = [pair for chain in chains for pair in itertools.pairwise(chain)]

    def test(df: pd.DataFrame) -> pd.Series | bool:
        ok = pd.Series(True, index=df.index)
        for small, large in pairs:
            if small not in df or large not in df:
                continue  # reported as a missing column
            a = pd.to_numeric(df[small], errors="coerce").astype("float64")
            b = pd.to_numeric(df[large], errors="coerce").astype("float64")
            ok &= (a <= b) | a.isna() | b.isna()
        return ok

    return pa.Check(test, error=" and ".join(" <= ".join(c) for c in chains) + " in every row")


def rows_at_most(small: str, large: str) -> pa.Check:
    """Frame-level rule: column ``small`` <= column ``large`` in every row (e.g. events <= n)."""
    return rows_ordered((small, large))


def _from_pandera(
    func: str, argument: str, exc: Exception, named_by: Mapping[str, str] | None = None
) -> InvalidArgument:
    cases = getattr(exc, "failure_cases", None)
    if not isinstance(cases, pd.DataFrame) or cases.empty:
        return InvalidArgument(f"{func}: argument {argument!r}: {exc}")
    missing = cases[cases["check"].astype(str) == "column_in_dataframe"]
    if not missing.empty:
        cases = missing
    lines: list[str] = []
    frame_lines: list[str] = []
    seen: set[tuple[str, object]] = set()
    for case in cases.to_dict(orient="records"):
        column = case.get("column")
        check = str(case.get("check"))
        value = case.get("failure_case")
        index = case.get("index")
        row = f", row {index!r}" if index is not None and index == index else ""
        if case.get("schema_context") == "DataFrameSchema" and check not in (
            "column_in_dataframe", "multiple_fields_uniqueness"
        ):
            if (check, index) in seen:
                continue
            seen.add((check, index))
            frame_lines.append(f"the frame{row}: expected {check}")
            continue
        where = f"column {column!r}" if column is not None and column == column else "the frame"
        where += row
        if check == "column_in_dataframe":
            by = (named_by or {}).get(str(value))
            lines.append(f"missing column {value!r}"
                         + (f" (the column named by argument {by!r})" if by else ""))
        elif check == "not_nullable":
            lines.append(f"{where}: a missing value (NaN/None); expected a value")
        elif check == "field_uniqueness":
            lines.append(f"{where}: {value!r} occurs twice; expected unique values")
        else:
            lines.append(f"{where}: got {_describe(value)}; expected {check}")
    lines += frame_lines
    more = len(lines) - 3
    lines = lines[:3]

    tail = f" (and {more} more)" if more > 0 else ""
    return InvalidArgument(f"{func}: argument {argument!r}: " + "; ".join(lines) + tail)


def check_frame(
    func: str,
    argument: str,
    frame: object,
    schema: pa.DataFrameSchema,
    named_by: Mapping[str, str] | None = None,
) -> None:
    """Validate ``frame`` against ``schema``; raise :class:`InvalidArgument` naming the
    argument, the column and the row."""
    if not isinstance(frame, pd.DataFrame):
        raise InvalidArgument(
            f"{func}: argument {argument!r} got {_describe(frame)}; expected a pandas DataFrame"
        )
    repeated = list(dict.fromkeys(frame.columns[frame.columns.duplicated()]))
    if repeated:  # e.g. after pd.concat(..., axis=1): every column read would be ambiguous
        raise InvalidArgument(
            f"{func}: argument {argument!r}: column(s) {', '.join(map(repr, repeated))} "
            "occur more than once; expected each column name once"
        )
    try:
        schema.validate(frame, lazy=True)
    except (pa.errors.SchemaErrors, pa.errors.SchemaError) as exc:
        raise _from_pandera(func, argument, exc, named_by) from None


# --------------------------------------------------------------------------- the decorator


@dataclass(frozen=True)
class Rule:
    """A rule relating arguments: ``test(arguments)`` must be true, else ``argument`` is
    refused with ``expected`` (formatted with the arguments, e.g. ``"at most n ({n})"``)."""

    argument: str
    test: Callable[[Mapping[str, Any]], bool]
    expected: str


def _takes_sequence(annotation: object) -> bool:
    """Whether a parameter is declared as a sequence (so an array or a Series stands for it)."""
    text = annotation if isinstance(annotation, str) else repr(annotation)
    return any(word in text for word in ("Sequence[", "list[", "tuple[")) and not any(
        word in text for word in ("Series", "ndarray", "Frame"))


def _array_like(value: object) -> bool:
    """A one-dimensional numpy array, pandas Series or pandas Index."""
    if isinstance(value, np.ndarray):
        return value.ndim == 1
    return isinstance(value, pd.Series | pd.Index)


FrameSchemas = Mapping[str, pa.DataFrameSchema | Callable[[Mapping[str, Any]], pa.DataFrameSchema]]


def validated(
    func: Callable[..., Any] | None = None,
    *,
    frames: FrameSchemas | None = None,
    rules: Sequence[Rule] = (),
    name: str | None = None,
) -> Any:
    """Wrap a public function so every call is checked before it runs.

    The arguments are checked against the annotations by :func:`pydantic.validate_call`; each
    DataFrame argument named in ``frames`` against its pandera schema (or the schema a
    callable builds from the other arguments, for column names passed as arguments); then
    each :class:`Rule`.  Any refusal raises :class:`InvalidArgument`, whose message starts
    with ``name`` (default: the function's name; a dataclass's checker passes the class's).
    """

    def wrap(inner: Callable[..., Any]) -> Callable[..., Any]:
        def capture(*args: Any, **kwargs: Any) -> tuple[tuple[Any, ...], dict[str, Any]]:
            return args, kwargs

        functools.update_wrapper(capture, inner)
        checked = _validate_call(
            config=ConfigDict(arbitrary_types_allowed=True), validate_return=False
        )(capture)
        signature = inspect.signature(inner)
        names = list(signature.parameters)
        label = name or inner.__name__
        schemas = dict(frames or {})

        sequences_of: list[set[str]] = []  # filled on the first call (aliases resolved)

        def sequence_parameters() -> set[str]:
            if not sequences_of:
                try:
                    hints = typing.get_type_hints(inner, include_extras=True)
                except Exception:  # an annotation that cannot be resolved: read it as text
                    hints = {}
                sequences_of.append({n for n, p in signature.parameters.items()
                                     if _takes_sequence(hints.get(n, p.annotation))})
            return sequences_of[0]

        @functools.wraps(inner)
        def call(*args: Any, **kwargs: Any) -> Any:
            if BYPASS:
                return inner(*args, **kwargs)
            try:
                bound = signature.bind(*args, **kwargs)
            except TypeError as exc:
                raise InvalidArgument(f"{label}: {exc}; expected arguments {names}") from None
            if any(_array_like(v) for v in bound.arguments.values()):
                for n in sequence_parameters():
                    if _array_like(bound.arguments.get(n)):
                        bound.arguments[n] = tuple(bound.arguments[n].tolist())
                args, kwargs = bound.args, bound.kwargs
            try:
                got_args, got_kwargs = checked(*args, **kwargs)
            except ValidationError as exc:
                raise _from_pydantic(label, names, exc) from None
            bound = signature.bind(*got_args, **got_kwargs)
            bound.apply_defaults()
            arguments = bound.arguments
            for argument, schema in schemas.items():
                value = arguments.get(argument)
                if value is None and signature.parameters[argument].default is None:
                    continue
                named_by = {}
                if not isinstance(schema, pa.DataFrameSchema):
                    schema = schema(arguments)
                    named_by = {v: k for k, v in arguments.items() if isinstance(v, str)}
                check_frame(label, argument, value, schema, named_by)
            for rule in rules:
                if not rule.test(arguments):
                    raise InvalidArgument(
                        f"{label}: argument {rule.argument!r} got "
                        f"{_describe(arguments.get(rule.argument))}; "
                        f"expected {rule.expected.format(**arguments)}"
                    )
            return inner(*bound.args, **bound.kwargs)

        call.__signature__ = signature  # type: ignore[attr-defined]
        return call

    return wrap if func is None else wrap(func)
