"""The published data defend themselves after a manifest rewrite: they must match the
reviewed pins of ``tests/fixtures/published_pins.json`` (see :mod:`tests.pins`: the row
count and title of each data set, each source's title, and each row's source, location and
printed text).  Each of four tampers that a regenerated manifest lets through fails here."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pins


def _pinned() -> dict:
    return json.loads(pins.FIXTURE.read_text(encoding="utf-8"))["data_sets"]


def test_the_published_data_match_their_reviewed_pins():
    found = pins.differences(_pinned(), pins.pins_of(pins.ROOT / "data" / "published"))
    assert not found, ("the published data differ from their reviewed pins; after review, "
                       f"regenerate them with `{pins.WRITE_COMMAND}`:\n" + "\n".join(found))


def test_the_fixture_says_what_it_pins():
    fixture = json.loads(pins.FIXTURE.read_text(encoding="utf-8"))
    assert "number of rows" in fixture["about"] and pins.WRITE_COMMAND in fixture["about"]
    assert all(d["rows"] == len(d["row_pins"]) > 0 for d in fixture["data_sets"].values())


def _rows(path: Path) -> list[list[str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))


def _write(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def _tamper_printed_and_value(published: Path) -> None:
    path = published / "induction_baseline.csv"
    rows = _rows(path)
    printed, count = rows[0].index("printed"), rows[0].index("count")
    row = next(r for r in rows[1:] if r[printed] == "148 male")
    row[printed], row[count] = "149 male", "149"
    _write(path, rows)


def _tamper_delete_row(published: Path) -> None:
    path = published / "wins_trial_arms.csv"
    _write(path, _rows(path)[:-1])


def _tamper_location(published: Path) -> None:
    path = published / "induction_risk_factors.csv"
    rows = _rows(path)
    rows[1][rows[0].index("location")] = "Table 4"
    _write(path, rows)


def _tamper_source_title(published: Path) -> None:
    path = published / "wins_trial_arms.resource.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    descriptor["sources"][0]["title"] += " (corrected)"
    path.write_text(json.dumps(descriptor, indent=2), encoding="utf-8")


@pytest.mark.parametrize(("tamper", "expected"), [
    (_tamper_printed_and_value, "induction_baseline: pinned row ['wang2018', 'Results text', "
                                "'148 male',"),
    (_tamper_delete_row, "wins_trial_arms: 2 rows; pinned 3"),
    (_tamper_location, "induction_risk_factors: row ['wang2018', 'Table 4'"),
    (_tamper_source_title, "wins_trial_arms: source titles"),
])
def test_each_tamper_fails_against_the_pins(tamper, expected, data_copy):
    from igg4lib import data

    tamper(data_copy / "published")
    data._descriptors.cache_clear()
    data.write_manifest()  # the manifest rewritten, as after any edit: the data still load
    assert data.manifest_text() == (data_copy / "datapackage.json").read_text(encoding="utf-8")
    for name in ("induction_baseline", "wins_trial_arms", "induction_risk_factors"):
        data.load(name)
    found = pins.differences(_pinned(), pins.pins_of(data_copy / "published"))
    assert any(line.startswith(expected) for line in found), found
