"""Load the book's data sets, validated against their declared schemas.

Every data set under ``data/`` is a CSV file with a Frictionless Data resource descriptor
beside it (``NAME.csv`` and ``NAME.resource.json``).  The descriptor holds the title, the
description, the sources (keys of ``references.bib``) and a Frictionless table schema: one
entry per column with its type, unit and constraints.  :func:`load` reads the CSV, turns that
schema into a :mod:`pandera` schema and validates the frame; any bad value raises
:class:`DataValidationError` naming the file, the column and the value.

``data/datapackage.json`` is the manifest of all resources (a Frictionless Data package)
with the SHA-256 of every file.  It is generated, never edited by hand::

    python -m igg4lib.data manifest

Reference: Frictionless Data specifications, https://specs.frictionlessdata.io/ (Data
Package, Data Resource, Table Schema).

Examples
--------
>>> from igg4lib import data
>>> "induction_by_treatment" in data.names()
True
>>> df = data.load("induction_by_treatment")
>>> df.attrs["synthetic"]
False
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import sys
import warnings
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Annotated, Any

import annotated_types as at
import pandas as pd

from igg4lib._validation import InvalidArgument, Text, validated

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    import pandera.pandas as pa

__all__ = [
    "DATA_DIR",
    "DataValidationError",
    "build_manifest",
    "catalogue",
    "describe",
    "dictionary",
    "load",
    "names",
    "path_of",
    "read_result",
    "schema",
    "write_manifest",
]


def _find_data_dir() -> Path:
    env = os.environ.get("IGG4LIB_DATA")
    if env:
        return Path(env).resolve()
    return (Path(__file__).resolve().parent.parent / "data").resolve()


#: Folder holding every data set (override with the ``IGG4LIB_DATA`` environment variable).
DATA_DIR: Path = _find_data_dir()
MANIFEST_NAME = "datapackage.json"
DESCRIPTOR_SUFFIX = ".resource.json"

# Frictionless field type -> pandas dtype the column is coerced to.
_DTYPES: dict[str, str] = {
    "string": "string",
    "integer": "Int64",
    "number": "float64",
    "boolean": "boolean",
}
_TRUE = {"true", "True", "TRUE", "1"}
_FALSE = {"false", "False", "FALSE", "0"}


class DataValidationError(ValueError):
    """A data file does not match its declared schema (names file, column and value)."""


@cache
def _descriptors() -> dict[str, tuple[Path, dict[str, Any]]]:
    found: dict[str, tuple[Path, dict[str, Any]]] = {}
    for desc_path in sorted(DATA_DIR.rglob(f"*{DESCRIPTOR_SUFFIX}")):
        descriptor = json.loads(desc_path.read_text(encoding="utf-8"))
        name = descriptor.get("name")
        if not name:
            raise DataValidationError(f"{desc_path}: descriptor has no 'name'")
        if name in found:
            raise DataValidationError(
                f"{desc_path}: data set name {name!r} is already used by {found[name][0]}"
            )
        expected = desc_path.name[: -len(DESCRIPTOR_SUFFIX)]
        if name != expected:
            raise DataValidationError(
                f"{desc_path}: 'name' is {name!r} but the file name says {expected!r}"
            )
        found[name] = (desc_path, descriptor)
    return found


@validated
def names() -> list[str]:
    """Return the names of every data set under ``data/``, sorted.

    >>> names() == sorted(names())
    True
    """
    return sorted(_descriptors())


def _lookup(name: str, caller: str = "data") -> tuple[Path, dict[str, Any]]:
    """The descriptor of data set ``name``; an unknown name is refused with the known ones
    (which data sets exist is read from ``data/``, so no signature can say it)."""
    try:
        return _descriptors()[name]
    except KeyError:
        raise InvalidArgument(
            f"{caller}: argument 'name' got {name!r}; expected the name of a data set, one "
            f"of: {', '.join(names())}"
        ) from None


@validated
def describe(name: Text) -> dict[str, Any]:
    """Return the resource descriptor (title, description, sources, schema) of a data set.

    >>> describe("induction_by_treatment")["sources"][0]["bibkey"]
    'wang2018'
    """
    return json.loads(json.dumps(_lookup(name, "describe")[1]))


@validated
def path_of(name: Text) -> Path:
    """Return the path of a data set's CSV file.

    >>> path_of("induction_by_treatment").name
    'induction_by_treatment.csv'
    """
    _, descriptor = _lookup(name, "path_of")
    return (DATA_DIR / descriptor["path"]).resolve()


def _checks(field: dict[str, Any]) -> list[pa.Check]:
    c = field.get("constraints", {})
    checks: list[pa.Check] = []
    if "minimum" in c:
        checks.append(pa.Check.ge(c["minimum"]))
    if "maximum" in c:
        checks.append(pa.Check.le(c["maximum"]))
    if "enum" in c:
        checks.append(pa.Check.isin(c["enum"]))
    if "pattern" in c:
        checks.append(pa.Check.str_matches(c["pattern"]))
    if "minLength" in c:
        checks.append(pa.Check.str_length(min_value=c["minLength"]))
    if field.get("type", "string") == "string":
        checks.append(_NO_SURROUNDING_SPACE)
    return checks


#: Every text cell of every data set is refused with a space (or tab, or line break) at
#: either end: labels are matched by their exact text ("Lung disease " is not "Lung
#: disease"), so a stray space would silently drop a row from a table built by label.
_NO_SURROUNDING_SPACE = pa.Check(
    lambda s: s.map(lambda v: not isinstance(v, str) or v == v.strip()).astype(bool),
    error="text without spaces at either end (a label is matched by its exact text)",
)


@validated
def schema(name: Text) -> pa.DataFrameSchema:
    """Build the :mod:`pandera` schema of a data set from its Frictionless table schema.

    >>> schema("induction_by_treatment").name
    'induction_by_treatment'
    """
    _, descriptor = _lookup(name, "schema")
    table = descriptor["schema"]
    columns: dict[str, pa.Column] = {}
    for field in table["fields"]:
        ftype = field.get("type", "string")
        if ftype not in _DTYPES:
            raise DataValidationError(
                f"data set {name!r}: field {field['name']!r} has type {ftype!r}; "
                f"expected one of {sorted(_DTYPES)}"
            )
        constraints = field.get("constraints", {})
        columns[field["name"]] = pa.Column(
            _DTYPES[ftype],
            checks=_checks(field),
            nullable=not constraints.get("required", False),
            unique=bool(constraints.get("unique", False)),
            coerce=True,
            description=field.get("description"),
            title=field.get("title"),
        )
    primary_key = table.get("primaryKey")
    if isinstance(primary_key, str):
        primary_key = [primary_key]
    return pa.DataFrameSchema(
        columns,
        strict=True,
        ordered=True,
        unique=primary_key or None,
        name=name,
        description=descriptor.get("title"),
    )


def _shown(path: Path) -> Path:
    """The path as error messages print it: relative to the project when it is inside it."""
    try:
        return path.relative_to(DATA_DIR.parent)
    except ValueError:
        return path


def _check_row_lengths(name: str, path: Path) -> None:
    """Every row must have as many fields as the header (an unquoted comma shifts columns)."""
    with path.open(newline="", encoding="utf-8") as handle:
        rows = csv.reader(handle)
        header = next(rows, None)
        if not header:
            raise DataValidationError(f"{_shown(path)} (data set {name!r}): the file is empty; "
                                      "expected a header row")
        for number, row in enumerate(rows, start=2):
            if row and len(row) != len(header):
                raise DataValidationError(
                    f"{_shown(path)} (data set {name!r}): row {number} of the file has "
                    f"{len(row)} fields; expected {len(header)}, one per column of the "
                    "header (quote any value that contains a comma)"
                )


def _read_raw(name: str) -> pd.DataFrame:
    path = path_of(name)
    descriptor = _lookup(name)[1]
    missing = descriptor["schema"].get("missingValues", [""])
    _check_row_lengths(name, path)
    frame = pd.read_csv(
        path,
        dtype=str,
        keep_default_na=False,
        na_values=missing,
        encoding="utf-8",
        index_col=False,
    )
    for field in descriptor["schema"]["fields"]:
        col = field["name"]
        if field.get("type") == "boolean" and col in frame:
            frame[col] = frame[col].map(
                lambda v: True if v in _TRUE else (False if v in _FALSE else v)
            )
    return frame


def _explain(name: str, exc: pa.errors.SchemaErrors) -> str:
    shown = _shown(path_of(name))
    lines = [f"{shown} does not match the schema of data set {name!r}:"]
    cases = exc.failure_cases
    for row in cases.head(20).itertuples(index=False):
        column = getattr(row, "column", None) or "(table)"
        check = getattr(row, "check", "")
        value = getattr(row, "failure_case", "")
        idx = getattr(row, "index", None)
        known = isinstance(idx, int | float) and not pd.isna(idx)
        where = f" (row {int(idx) + 2} of the file)" if known else ""
        if check == "not_nullable":
            lines.append(f"  column {column!r}: empty cell, but a value is required{where}")
        else:
            lines.append(f"  column {column!r}: value {value!r} fails {check}{where}")
    if len(cases) > 20:
        lines.append(f"  ... and {len(cases) - 20} more")
    return "\n".join(lines)


@validated
def load(name: Text) -> pd.DataFrame:
    """Load a data set as a validated :class:`pandas.DataFrame`.

    Parameters
    ----------
    name
        A name from :func:`names`.

    Returns
    -------
    pandas.DataFrame
        Columns typed by the schema.  ``df.attrs`` carries ``name``, ``title``,
        ``sources`` (bibliography keys) and ``synthetic`` (True for invented data).

    Raises
    ------
    ValueError
        For an unknown name (the message names the argument and lists the known ones).
    DataValidationError
        When the file breaks its schema; the message names file, column and value.

    >>> load("induction_by_treatment").attrs["sources"]
    ['wang2018']
    """
    descriptor = _lookup(name, "load")[1]
    raw = _read_raw(name)
    try:
        frame = schema(name).validate(raw, lazy=True)
    except pa.errors.SchemaErrors as exc:
        raise DataValidationError(_explain(name, exc)) from None
    frame = frame.reset_index(drop=True)
    frame.attrs = {
        "name": name,
        "title": descriptor.get("title", name),
        "sources": [s.get("bibkey") for s in descriptor.get("sources", [])],
        "synthetic": bool(descriptor.get("synthetic", False)),
    }
    return frame


@validated
def catalogue() -> pd.DataFrame:
    """Return one row per data set: name, kind (folder), title, rows, synthetic, sources.

    >>> list(catalogue().columns)
    ['name', 'kind', 'title', 'rows', 'synthetic', 'sources']
    """
    rows = []
    for name in names():
        frame = load(name)
        rows.append(
            {
                "name": name,
                "kind": Path(describe(name)["path"]).parts[0],
                "title": frame.attrs["title"],
                "rows": len(frame),
                "synthetic": frame.attrs["synthetic"],
                "sources": ", ".join(k for k in frame.attrs["sources"] if k),
            }
        )
    columns = ["name", "kind", "title", "rows", "synthetic", "sources"]
    return pd.DataFrame(rows, columns=columns)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@validated
def build_manifest() -> dict[str, Any]:
    """Return the Frictionless data package that describes every data set with its hash."""
    resources = []
    for name in names():
        _, descriptor = _lookup(name)
        path = path_of(name)
        resource = {
            "name": name,
            "path": descriptor["path"],
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "bytes": path.stat().st_size,
            "hash": f"sha256:{_sha256(path)}",
        }
        resource.update({k: v for k, v in descriptor.items() if k not in resource})
        resources.append(resource)
    return {
        "name": "igg4-rd-teaching-book-data",
        "title": "Data behind the IgG4-RD treatment-evidence teaching book",
        "description": (
            "Published aggregates transcribed with provenance (published/), reference tables "
            "(reference/) and generated synthetic teaching data (synthetic/). Generated by "
            "`python -m igg4lib.data manifest`; do not edit by hand."
        ),
        "licenses": [{"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0"}],
        "resources": resources,
    }


def manifest_text() -> str:
    """The manifest as it should be written to ``data/datapackage.json``."""
    return json.dumps(build_manifest(), indent=2, ensure_ascii=False) + "\n"


@validated
def write_manifest() -> Path:
    """(Re)write ``data/datapackage.json`` from the descriptors and the files' hashes."""
    _descriptors.cache_clear()
    target = DATA_DIR / MANIFEST_NAME
    target.write_text(manifest_text(), encoding="utf-8")
    return target


#: Columns of the data dictionary, in order (see :func:`dictionary`).
DICTIONARY_COLUMNS: tuple[str, ...] = (
    "dataset",
    "kind",
    "synthetic",
    "position",
    "column",
    "type",
    "unit",
    "required",
    "primary_key",
    "allowed_values",
    "description",
    "sources",
)


def _number_text(value: Any) -> str:
    """Print a constraint bound without a spurious ``.0`` (``0`` not ``0.0``)."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _allowed_values(constraints: dict[str, Any]) -> str:
    """Describe a field's constraints in words, e.g. ``'0 to 100'`` or ``'one of: GC, GC+IM'``.

    >>> _allowed_values({"minimum": 0, "maximum": 100})
    '0 to 100'
    >>> _allowed_values({"enum": ["GC", "GC+IM"], "required": True})
    'one of: GC, GC+IM'
    >>> _allowed_values({"minimum": 1})
    '≥ 1'
    >>> _allowed_values({})
    'any'
    """
    parts: list[str] = []
    if "enum" in constraints:
        parts.append("one of: " + ", ".join(str(v) for v in constraints["enum"]))
    low, high = constraints.get("minimum"), constraints.get("maximum")
    if low is not None and high is not None:
        parts.append(f"{_number_text(low)} to {_number_text(high)}")
    elif low is not None:
        parts.append(f"≥ {_number_text(low)}")
    elif high is not None:
        parts.append(f"≤ {_number_text(high)}")
    if "pattern" in constraints:
        parts.append(f"matches the pattern {constraints['pattern']}")
    if "minLength" in constraints:
        parts.append(f"at least {constraints['minLength']} characters")
    if constraints.get("unique"):
        parts.append("unique")
    return "; ".join(parts) if parts else "any"


@validated
def dictionary(datasets: Annotated[Sequence[Text], at.MinLen(1)] | None = None) -> pd.DataFrame:
    """Return the data dictionary: one row per column of every data set, from the schemas.

    Everything comes from the resource descriptors (``data/**/NAME.resource.json``), so the
    dictionary cannot drift from the files :func:`load` validates.

    Parameters
    ----------
    datasets
        Names of data sets to include (default: every one, in :func:`names` order).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`DICTIONARY_COLUMNS`: ``dataset``, ``kind`` (``published``,
        ``reference`` or ``synthetic``: the folder), ``synthetic`` (bool), ``position``
        (1-based column order in the CSV), ``column``, ``type`` (Frictionless type),
        ``unit`` (empty when the field is not a quantity), ``required`` and
        ``primary_key`` (bool), ``allowed_values`` (the constraints in words),
        ``description`` and ``sources`` (bibliography keys, comma-separated).

    Raises
    ------
    ValueError
        If ``datasets`` is not a non-empty list of names of data sets (the message names
        the argument and lists the known names).

    Reference: Frictionless Data Table Schema, https://specs.frictionlessdata.io/table-schema/

    >>> d = dictionary()
    >>> list(d.columns) == list(DICTIONARY_COLUMNS)
    True
    >>> bool((d.groupby("dataset")["position"].min() == 1).all())
    True
    """
    known = names()
    wanted = known if datasets is None else list(datasets)
    unknown = [n for n in wanted if n not in known]
    if unknown:
        raise InvalidArgument(
            f"dictionary: argument 'datasets' contains unknown data set(s) {unknown!r}; "
            f"expected names from: {', '.join(known)}"
        )
    rows: list[dict[str, Any]] = []
    for name in wanted:
        descriptor = describe(name)
        table = descriptor["schema"]
        primary_key = table.get("primaryKey") or []
        if isinstance(primary_key, str):
            primary_key = [primary_key]
        sources = ", ".join(s["bibkey"] for s in descriptor.get("sources", []) if s.get("bibkey"))
        for position, field in enumerate(table["fields"], start=1):
            constraints = field.get("constraints", {})
            rows.append(
                {
                    "dataset": name,
                    "kind": Path(descriptor["path"]).parts[0],
                    "synthetic": bool(descriptor.get("synthetic", False)),
                    "position": position,
                    "column": field["name"],
                    "type": field.get("type", "string"),
                    "unit": field.get("unit", ""),
                    "required": bool(constraints.get("required", False)),
                    "primary_key": field["name"] in primary_key,
                    "allowed_values": _allowed_values(constraints),
                    "description": field.get("description", ""),
                    "sources": sources,
                }
            )
    return pd.DataFrame(rows, columns=list(DICTIONARY_COLUMNS))


def _main(argv: list[str]) -> int:
    if argv[:1] == ["manifest"]:
        print(f"wrote {write_manifest()}")
        return 0
    if argv[:1] == ["check"]:
        for name in names():
            load(name)
        print(f"{len(names())} data sets match their schemas")
        return 0
    print("usage: python -m igg4lib.data [manifest|check]", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(_main(sys.argv[1:]))


# --------------------------------------------------------------------------- saved results

#: Columns :func:`read_result` keeps as text whatever they hold: text as printed in a source
#: ("0.292" is a printed p-value, not a number).
_TEXT_COLUMNS = ("printed", "recomputed")
_TEXT_SUFFIXES = ("_printed", "_text")
_TRUE_TEXT, _FALSE_TEXT = {"True"}, {"False"}


def _is_text_column(name: str) -> bool:
    return name in _TEXT_COLUMNS or name.endswith(_TEXT_SUFFIXES)


def _sequence_cell(text: str) -> tuple | None:
    """``"(1, 2)"``, ``"()"`` or ``"[0.5]"`` as the tuple ``to_csv`` wrote; else None."""
    import ast

    if (text[:1], text[-1:]) not in (("(", ")"), ("[", "]")):
        return None
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return None
    return tuple(value) if isinstance(value, tuple | list) else None


def _restore(name: str, cells: pd.Series) -> pd.Series:
    """One column read as text, back to the type ``to_csv`` wrote it from."""
    present = cells[cells != ""]
    if present.empty or _is_text_column(name):
        return cells.astype(object)
    if present.isin(_TRUE_TEXT | _FALSE_TEXT).all():
        flags = cells.map({"True": True, "False": False, "": pd.NA})
        return flags.astype(bool) if len(present) == len(cells) else flags.astype("boolean")
    sequences = present.map(_sequence_cell)
    if sequences.notna().all():
        return cells.map(lambda t: _sequence_cell(t) if t != "" else None).astype(object)
    numbers = pd.to_numeric(present, errors="coerce")
    if numbers.notna().all():
        whole = present.str.fullmatch(r"-?\d+").all()
        values = pd.to_numeric(cells.where(cells != "", None), errors="coerce")
        if whole:
            return values.astype("int64") if len(present) == len(cells) else \
                values.astype("Int64")
        return values.astype("float64")
    return cells.astype(object)  # text: an empty cell is the empty text


@validated
def read_result(path: Path | Text) -> pd.DataFrame:
    """Read back a result frame of igg4lib saved with ``DataFrame.to_csv``, types restored.

    ``pd.read_csv`` reads every cell as a number where it can and an empty tuple as NaN, so a
    saved result no longer matches what the functions that take it expect.  This reads every
    cell as written and restores each column: ``True``/``False`` as flags, ``(1, 2)``,
    ``()`` and ``[...]`` as tuples, whole numbers as integers (nullable ``Int64`` when a cell
    is empty), other numbers as floats, anything else as text, an empty cell as missing.
    Columns of printed text (``printed``, ``*_printed``, ``*_text``) stay text ("0.292" as
    printed).  The index written by ``to_csv`` (an unnamed first column) is restored; with
    ``index=False`` the rows are numbered from 0.

    >>> import tempfile, pandas as pd
    >>> frame = pd.DataFrame({"n": [3, 4], "p_printed": ["0.292", "<0.001"],
    ...                       "counts": [(1, 2), ()], "ok": [True, False]})
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     frame.to_csv(f"{folder}/result.csv")
    ...     back = read_result(f"{folder}/result.csv")
    >>> back.equals(frame.astype({"counts": object}))
    True
    """
    file = Path(path)
    if not file.is_file():
        raise InvalidArgument(f"read_result: argument 'path' got {str(path)!r}; expected a "
                              "CSV file written by DataFrame.to_csv")
    raw = pd.read_csv(file, dtype=str, keep_default_na=False, encoding="utf-8")
    first = str(raw.columns[0]) if len(raw.columns) else ""
    index = None
    if first == "" or first.startswith("Unnamed: 0"):
        index = _restore("", raw.pop(raw.columns[0]))
    frame = pd.DataFrame({c: _restore(str(c), raw[c]) for c in raw.columns}, index=raw.index)
    if index is not None:
        frame.index = pd.Index(index.to_numpy(), name=None)
        if pd.api.types.is_integer_dtype(frame.index) and list(frame.index) == list(
                range(len(frame))):
            frame.index = pd.RangeIndex(len(frame))
    return frame
