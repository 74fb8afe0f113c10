"""igg4lib.data: schema-validated loading, clear errors, the synthetic label and the manifest."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from igg4lib import data

DESCRIPTOR = {
    "name": "toy_counts",
    "path": "published/toy_counts.csv",
    "title": "Toy counts",
    "description": "A small table for testing the loader.",
    "synthetic": False,
    "sources": [{"title": "Test", "bibkey": "wang2018"}],
    "schema": {
        "fields": [
            {"name": "label", "type": "string", "constraints": {"required": True, "unique": True}},
            {"name": "printed", "type": "string"},
            {
                "name": "count",
                "type": "integer",
                "unit": "patients",
                "constraints": {"required": True, "minimum": 0},
            },
            {
                "name": "percent",
                "type": "number",
                "unit": "%",
                "constraints": {"minimum": 0, "maximum": 100},
            },
            {"name": "group", "type": "string", "constraints": {"enum": ["GC", "GC+IM"]}},
            {"name": "reference", "type": "boolean"},
        ],
        "primaryKey": ["label"],
        "missingValues": [""],
    },
}
GOOD_CSV = (
    "label,printed,count,percent,group,reference\n"
    "male,NA,40,51.9,GC,false\n"
    "female,37 (48.1),37,,GC+IM,true\n"
)


@pytest.fixture
def toy_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    (tmp_path / "published").mkdir()

    def write(csv: str = GOOD_CSV, descriptor: dict | None = None) -> Path:
        desc = descriptor or DESCRIPTOR
        (tmp_path / "published" / "toy_counts.csv").write_text(csv)
        (tmp_path / "published" / "toy_counts.resource.json").write_text(json.dumps(desc))
        data._descriptors.cache_clear()
        return tmp_path

    monkeypatch.setattr(data, "DATA_DIR", tmp_path)
    data._descriptors.cache_clear()
    yield write
    data._descriptors.cache_clear()


def test_load_types_and_attrs(toy_dir) -> None:
    toy_dir()
    df = data.load("toy_counts")
    assert data.names() == ["toy_counts"]
    assert str(df["count"].dtype) == "Int64"
    assert df["percent"].dtype == "float64"
    assert df.loc[0, "printed"] == "NA"  # printed "NA" stays text, it is not missing
    assert pd.isna(df.loc[1, "percent"])
    assert bool(df.loc[1, "reference"]) is True
    assert df.attrs == {
        "name": "toy_counts",
        "title": "Toy counts",
        "sources": ["wang2018"],
        "synthetic": False,
    }


@pytest.mark.parametrize(
    ("csv", "column", "value"),
    [
        (GOOD_CSV.replace(",40,", ",forty,"), "count", "forty"),
        (GOOD_CSV.replace(",40,", ",-4,"), "count", "-4"),
        (GOOD_CSV.replace("51.9", "151.9"), "percent", "151.9"),
        (GOOD_CSV.replace(",GC,", ",IM,"), "group", "IM"),
        (GOOD_CSV.replace(",40,", ",,"), "count", "empty cell"),
        (GOOD_CSV.replace("female", "male"), "label", "male"),
    ],
)
def test_bad_value_is_named(toy_dir, csv: str, column: str, value: str) -> None:
    toy_dir(csv)
    with pytest.raises(data.DataValidationError) as err:
        data.load("toy_counts")
    message = str(err.value)
    assert "toy_counts.csv" in message
    assert f"column '{column}'" in message
    assert value in message


def test_unexpected_column_is_refused(toy_dir) -> None:
    toy_dir(
        GOOD_CSV.replace("reference\n", "reference,extra\n")
        .replace("false\n", "false,1\n")
        .replace("true\n", "true,2\n")
    )
    with pytest.raises(data.DataValidationError, match="extra"):
        data.load("toy_counts")


def test_unknown_name_lists_known(toy_dir) -> None:
    toy_dir()
    with pytest.raises(ValueError, match=r"argument 'name' got 'no_such_data'.*toy_counts"):
        data.load("no_such_data")


def test_descriptor_name_must_match_file(toy_dir) -> None:
    with pytest.raises(data.DataValidationError, match="file name says 'toy_counts'"):
        toy_dir(descriptor={**DESCRIPTOR, "name": "other"})
        data.names()


def test_unknown_field_type_is_refused(toy_dir) -> None:
    schema = {**DESCRIPTOR["schema"], "fields": [{"name": "label", "type": "date"}]}
    toy_dir("label\nx\n", descriptor={**DESCRIPTOR, "schema": schema})
    with pytest.raises(data.DataValidationError, match="type 'date'"):
        data.load("toy_counts")


def test_manifest_hash_changes_with_content(toy_dir) -> None:
    toy_dir()
    before = data.build_manifest()["resources"][0]["hash"]
    toy_dir(GOOD_CSV.replace("51.9", "52.0"))
    after = data.build_manifest()["resources"][0]
    assert after["hash"] != before
    assert after["hash"].startswith("sha256:")
    assert after["bytes"] == len(GOOD_CSV)


# --- the real data sets ---------------------------------------------------------------------


def test_committed_manifest_is_current() -> None:
    committed = (data.DATA_DIR / "datapackage.json").read_text(encoding="utf-8")
    assert committed == data.manifest_text(), (
        "data/datapackage.json is stale: run python3 tasks.py manifest"
    )


@pytest.mark.parametrize("name", data.names())
def test_every_data_set_loads(name: str) -> None:
    frame = data.load(name)
    assert len(frame) > 0
    assert frame.attrs["sources"], f"{name}: descriptor lists no source"
    for field in data.describe(name)["schema"]["fields"]:
        assert field.get("description"), f"{name}.{field['name']}: no description"


@pytest.mark.parametrize("name", data.names())
def test_synthetic_is_labelled(name: str) -> None:
    desc = data.describe(name)
    synthetic = bool(desc.get("synthetic", False))
    in_folder = Path(desc["path"]).parts[0] == "synthetic"
    named = name.startswith("synthetic_")
    assert synthetic == in_folder == named, (
        f"{name}: synthetic={synthetic}, folder synthetic/={in_folder}, name synthetic_={named}"
    )
    if synthetic:
        assert "synthetic" in desc["title"].lower()
