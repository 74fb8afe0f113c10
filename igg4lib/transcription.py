"""Every printed string the book shows is tied to the transcribed row it quotes.

A published figure is transcribed once, into a row of a data set under ``data/`` that names
its ``source`` and ``location``. Wherever else the book shows that figure as printed (a
reading's ``printed`` text in the data set ``readings``, a ledger row's ``printed`` value, a
figure quoted in the prose), the string must occur verbatim in such a row; a figure typed a
second time, or copied from another version of the paper, fails here rather than in print.

Verbatim means character for character, bounded by anything but a digit, so ``"7.27"`` is
found in ``"7.27 (2.05, 25.74)"`` while ``"7.2"`` and ``"1"`` are not found in ``"0.761"``.

>>> occurs_verbatim("52.9%", "9 patients (52.9%)")
True
>>> occurs_verbatim("7.13 (2.12-24.01)", "7.27 (2.05, 25.74)")
False
>>> untied_readings().empty and untied_ledger().empty
True

Reference: the data sets' own provenance (``data/**/*.resource.json``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache

import pandas as pd

from igg4lib import data
from igg4lib._validation import Frame, Text, frame_schema, text_column, validated

__all__ = [
    "OWN_DATA_SETS",
    "PART_SEPARATOR",
    "occurs_verbatim",
    "quoted_glue_keys",
    "quoting_rows",
    "transcribed_cells",
    "untied_ledger",
    "untied_quotes",
    "untied_readings",
]

#: Data sets that hold the book's own analysis of printed figures, not transcriptions.
OWN_DATA_SETS = ("readings", "ledger_explanations")
#: What separates the printed figures of a reading that rests on several of them.
PART_SEPARATOR = "; "


@validated
def occurs_verbatim(printed: Text, text: Text) -> bool:
    """Whether ``printed`` occurs in ``text`` character for character, not inside a number."""
    if not printed.strip():
        raise ValueError("occurs_verbatim: argument 'printed' got an empty string; expected "
                         "the printed figure")
    return re.search(r"(?<![\d.])" + re.escape(printed) + r"(?![\d])", text) is not None


@cache
def _cells() -> pd.DataFrame:
    rows = []
    for name in data.names():
        about = data.describe(name)
        if about.get("synthetic") or name in OWN_DATA_SETS:
            continue
        frame = data.load(name)
        if "source" not in frame:
            continue
        for i, row in frame.iterrows():
            for column, value in row.items():
                if column in ("source", "location") or pd.isna(value):
                    continue
                rows.append({
                    "dataset": name, "row": int(i), "source": str(row["source"]),
                    "location": str(row["location"]) if "location" in frame else "",
                    "column": str(column), "text": str(value),
                })
    return pd.DataFrame(rows, columns=["dataset", "row", "source", "location", "column",
                                       "text"])


@validated
def transcribed_cells() -> pd.DataFrame:
    """Every non-empty cell of every transcribed data set, one row each.

    Columns ``dataset``, ``row`` (position in the data set), ``source``, ``location``,
    ``column`` and ``text``. Synthetic data sets and the book's own analyses
    (:data:`OWN_DATA_SETS`) are left out.
    """
    return _cells().copy()


def _location_parts(location: str) -> list[str]:
    """'Tables 1 and 2' -> ['Table 1', 'Table 2']; 'Results text and Table 2' -> both."""
    m = re.fullmatch(r"Tables (\w+) and (\w+)", location)
    if m:
        return [f"Table {m[1]}", f"Table {m[2]}"]
    return [part.strip() for part in location.split(" and ")]


def _location_matches(wanted: str, found: str) -> bool:
    return any(found == part or found.startswith(part) for part in _location_parts(wanted))


@validated
def quoting_rows(
    printed: Text,
    source: Text | None = None,
    location: Text | None = None,
    dataset: Text | None = None,
) -> pd.DataFrame:
    """The transcribed cells in which ``printed`` occurs verbatim.

    Restricted, where given, to one ``source`` (a key of ``references.bib``), to rows whose
    ``location`` is the one given (or begins with it, or with one of its parts joined by
    "and": "Tables 1 and 2" covers rows of Table 1 and of Table 2), and to one ``dataset``.

    >>> rows = quoting_rows("7.27 (2.05, 25.74)", source="wang2018", location="Table 3")
    >>> rows["dataset"].tolist()
    ['induction_risk_factors']
    """
    cells = _cells()
    if dataset is not None:
        if dataset not in set(cells["dataset"]):
            raise ValueError(f"quoting_rows: argument 'dataset' got {dataset!r}; expected a "
                             f"transcribed data set, one of {sorted(set(cells['dataset']))}")
        cells = cells[cells["dataset"] == dataset]
    if source is not None:
        if source not in set(cells["source"]):
            raise ValueError(f"quoting_rows: argument 'source' got {source!r}; expected the "
                             f"key of a transcribed source, one of {sorted(set(cells['source']))}")
        cells = cells[cells["source"] == source]
    if location is not None:
        cells = cells[[_location_matches(location, loc) for loc in cells["location"]]]
    hit = pd.Series([occurs_verbatim(printed, text) for text in cells["text"]],
                    index=cells.index, dtype=bool)
    return cells[hit].reset_index(drop=True)


_READINGS = frame_schema({
    c: text_column() for c in ("reading", "source", "location", "printed", "transcribed_in")
})


@validated(frames={"frame": _READINGS})
def untied_readings(frame: Frame | None = None) -> pd.DataFrame:
    """Readings with a printed part found in no row of the data set they name.

    ``frame`` is the data set ``readings`` (by default the book's). Each part of ``printed``
    (split at :data:`PART_SEPARATOR`) must occur verbatim in a row of ``transcribed_in`` with
    the reading's ``source`` and ``location``. Returns one row per part not found
    (``reading``, ``part``, ``transcribed_in``); empty when every printed text is tied.
    """
    table = data.load("readings") if frame is None else frame
    sources, datasets = set(_cells()["source"]), set(_cells()["dataset"])
    out = []
    for r in table.itertuples():
        for part in str(r.printed).split(PART_SEPARATOR):
            known = r.source in sources and r.transcribed_in in datasets and part.strip()
            if not known or quoting_rows(part, source=r.source, location=r.location,
                                         dataset=r.transcribed_in).empty:
                out.append({"reading": r.reading, "part": part,
                            "transcribed_in": r.transcribed_in})
    return pd.DataFrame(out, columns=["reading", "part", "transcribed_in"])


_LEDGER = frame_schema({c: text_column() for c in ("check_id", "source", "location",
                                                   "printed")})


@validated(frames={"ledger": _LEDGER})
def untied_ledger(ledger: Frame | None = None) -> pd.DataFrame:
    """Ledger rows whose printed value occurs in no transcribed row of their source and location.

    ``ledger`` is a result of :func:`igg4lib.ledger.build_ledger` (by default the book's).
    Returns the rows not found (``check_id``, ``source``, ``location``, ``printed``).
    """
    if ledger is None:
        from igg4lib import ledger as _ledger

        ledger = _ledger.build_ledger()
    sources = set(_cells()["source"])
    bad = [
        r._asdict() for r in ledger[["check_id", "source", "location", "printed"]].itertuples(
            index=False)
        if r.source not in sources or not str(r.printed).strip()
        or quoting_rows(str(r.printed), source=r.source, location=r.location).empty
    ]
    return pd.DataFrame(bad, columns=["check_id", "source", "location", "printed"])


_QUOTE = re.compile(r"[\"“]([^\"”\n]*?\{glue(?::text)?\}`[^`]+`[^\"”\n]*?)[\"”]")
_GLUE = re.compile(r"\{glue(?::text)?\}`([^`:]+)(?::[^`]*)?`")


@validated
def quoted_glue_keys(text: Text) -> list[str]:
    """The glue keys a chapter's text shows as printed figures.

    A key inside quotation marks, or a key whose name ends in ``_printed``, in the order
    they first appear.

    >>> quoted_glue_keys('prints "{glue:text}`x`", {glue:text}`y` and {glue:text}`z_printed`')
    ['x', 'z_printed']
    """
    quoted = [key.strip() for m in _QUOTE.finditer(text) for key in _GLUE.findall(m[1])]
    named = [key.strip() for key in _GLUE.findall(text) if key.strip().endswith("_printed")]
    return list(dict.fromkeys(quoted + named))


@validated
def untied_quotes(text: Text, facts: Mapping) -> list[str]:
    """Glue keys quoted in ``text`` whose value occurs verbatim in no transcribed cell.

    ``facts`` maps glue keys to values (a chapter's ``igg4lib.book.<chapter>.facts()``); a
    quoted key without a value is reported too.
    """
    cells = _cells()["text"]
    bad = []
    for key in quoted_glue_keys(text):
        value = facts.get(key)
        if value is None or not any(occurs_verbatim(str(value), c) for c in cells):
            bad.append(key)
    return bad
