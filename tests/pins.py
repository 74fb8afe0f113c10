"""Pins of the published data sets, kept apart from the data and reviewed by a person.

The manifest (``data/datapackage.json``) records a hash of each file, so it catches any
change, but it is rewritten by ``python3 tasks.py manifest`` with every change, reviewed
or not.  These pins do not change with it: ``tests/fixtures/published_pins.json`` records,
for every data set in ``data/published``,

- its number of rows (a deleted or added row fails);
- its title and the title of each of its sources, from its ``*.resource.json`` (a
  changed title fails);
- for each row, its ``source`` (bibliography key), its ``location`` in the source (its
  address: table, figure, page or section) and every cell of its columns of printed text
  (``printed`` and ``*_printed``), exactly as transcribed; a changed address, or a printed
  string changed together with the number parsed from it, fails.

Rows are compared as a multiset (their order in the file is not pinned).  After a change
to the published data has been reviewed, regenerate the fixture from the repository root
with::

    .venv/bin/python -m tests.pins --write

and review its diff (``git diff tests/fixtures/published_pins.json``) before committing.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "published_pins.json"
#: The command that rewrites the fixture (printed by a failing test).
WRITE_COMMAND = ".venv/bin/python -m tests.pins --write"
ABOUT = (
    "Reviewed pins of data/published: for each data set its number of rows, its title, "
    "the title of each source, and for each row its source key, its location in the source and its "
    "printed text (columns 'printed' and '*_printed'). Rows are compared as a multiset. "
    f"Regenerate after review with: {WRITE_COMMAND}"
)


def _printed_columns(header: list[str]) -> list[str]:
    return [c for c in header if c == "printed" or c.endswith("_printed")]


def pins_of(published: Path) -> dict[str, object]:
    """The pins of every data set in the folder ``published`` (CSV files and descriptors)."""
    out: dict[str, object] = {}
    for path in sorted(published.glob("*.csv")):
        name = path.stem
        with path.open(newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            header = list(reader.fieldnames or [])
            rows = list(reader)
        printed = _printed_columns(header)
        descriptor_path = path.with_name(f"{name}.resource.json")
        descriptor = (json.loads(descriptor_path.read_text(encoding="utf-8"))
                      if descriptor_path.exists() else {})
        row_pins = sorted(
            [row.get("source", ""), row.get("location", ""), *(row.get(c, "") for c in printed)]
            for row in rows)
        out[name] = {
            "rows": len(rows),
            "title": descriptor.get("title"),
            "sources": {str(s.get("bibkey")): s.get("title")
                        for s in descriptor.get("sources", [])},
            "columns": ["source", "location", *printed],
            "row_pins": row_pins,
        }
    return out


def differences(pinned: dict[str, object], current: dict[str, object]) -> list[str]:
    """Every way ``current`` departs from ``pinned``, in words (empty when they agree)."""
    out: list[str] = []
    for name in sorted(set(pinned) | set(current)):
        if name not in current:
            out.append(f"{name}: the data set is pinned but no longer exists")
            continue
        if name not in pinned:
            out.append(f"{name}: a new data set, not yet pinned")
            continue
        old, new = pinned[name], current[name]
        if old["rows"] != new["rows"]:
            out.append(f"{name}: {new['rows']} rows; pinned {old['rows']}")
        if old["title"] != new["title"]:
            out.append(f"{name}: title {new['title']!r}; pinned {old['title']!r}")
        if old["sources"] != new["sources"]:
            out.append(f"{name}: source titles {new['sources']}; pinned {old['sources']}")
        if old["columns"] != new["columns"]:
            out.append(f"{name}: columns of printed text {new['columns']}; pinned "
                       f"{old['columns']}")
            continue
        before = Counter(tuple(r) for r in old["row_pins"])
        after = Counter(tuple(r) for r in new["row_pins"])
        for row in sorted((before - after).elements()):
            out.append(f"{name}: pinned row {list(row)} is gone or changed")
        for row in sorted((after - before).elements()):
            out.append(f"{name}: row {list(row)} is not pinned")
    return out


def _dump(current: dict[str, object]) -> str:
    """The fixture as JSON with one line per row, so that a review reads its diff by row."""
    def line(value: object) -> str:
        return json.dumps(value, ensure_ascii=False)

    parts = []
    for name, pins in current.items():
        rows = ",\n".join(f"    {line(r)}" for r in pins["row_pins"])
        parts.append(
            f"  {line(name)}: {{\n   \"rows\": {pins['rows']},\n   \"title\": "
            f"{line(pins['title'])},\n   \"sources\": {line(pins['sources'])},\n"
            f"   \"columns\": {line(pins['columns'])},\n   \"row_pins\": [\n{rows}\n   ]\n  }}")
    return (f"{{\n \"about\": {line(ABOUT)},\n \"data_sets\": {{\n" + ",\n".join(parts)
            + "\n }\n}\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true",
                        help="rewrite tests/fixtures/published_pins.json from data/published "
                             "(after review)")
    args = parser.parse_args(argv)
    current = pins_of(ROOT / "data" / "published")
    if args.write:
        FIXTURE.parent.mkdir(parents=True, exist_ok=True)
        FIXTURE.write_text(_dump(current), encoding="utf-8")
        print(f"wrote {FIXTURE.relative_to(ROOT)}: {len(current)} data sets, "
              f"{sum(d['rows'] for d in current.values())} rows")
        return 0
    pinned = json.loads(FIXTURE.read_text(encoding="utf-8"))["data_sets"]
    found = differences(pinned, current)
    print("\n".join(found) if found else "the published data match their pins")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
