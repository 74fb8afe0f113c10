"""igg4lib.data.dictionary: the data dictionary is generated from the schemas, row for row."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from igg4lib import data

PUBLISHED = {
    "name": "toy_counts",
    "path": "published/toy_counts.csv",
    "title": "Toy counts",
    "description": "A small published table.",
    "synthetic": False,
    "sources": [{"title": "Wang 2018", "bibkey": "wang2018"}],
    "schema": {
        "fields": [
            {"name": "label", "type": "string", "description": "Row label as printed",
             "constraints": {"required": True, "unique": True}},
            {"name": "count", "type": "integer", "unit": "patients",
             "description": "Patients with the feature",
             "constraints": {"required": True, "minimum": 0}},
            {"name": "percent", "type": "number", "unit": "%",
             "constraints": {"minimum": 0.0, "maximum": 100.0}},
            {"name": "group", "type": "string", "constraints": {"enum": ["GC", "GC+IM"]}},
            {"name": "code", "type": "string",
             "constraints": {"pattern": "^[a-z]+$", "minLength": 2}},
            {"name": "ceiling", "type": "number", "constraints": {"maximum": 2.5}},
        ],
        "primaryKey": "label",
        "missingValues": [""],
    },
}
SYNTHETIC = {
    "name": "synthetic_toy_cohort",
    "path": "synthetic/synthetic_toy_cohort.csv",
    "title": "Synthetic toy cohort (invented patients)",
    "description": "Invented patients.",
    "synthetic": True,
    "sources": [{"title": "Wang 2018", "bibkey": "wang2018"}, {"title": "Peng 2024",
                                                               "bibkey": "peng2024"}],
    "schema": {
        "fields": [
            {"name": "patient_id", "type": "integer", "constraints": {"required": True}},
            {"name": "relapsed", "type": "boolean"},
        ],
        "primaryKey": ["patient_id"],
    },
}


@pytest.fixture
def toy_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for descriptor in (PUBLISHED, SYNTHETIC):
        target = tmp_path / descriptor["path"]
        target.parent.mkdir(parents=True, exist_ok=True)
        header = ",".join(f["name"] for f in descriptor["schema"]["fields"])
        target.write_text(header + "\n")
        stem = descriptor["path"].removesuffix(".csv")
        (tmp_path / f"{stem}.resource.json").write_text(json.dumps(descriptor))
    monkeypatch.setattr(data, "DATA_DIR", tmp_path)
    data._descriptors.cache_clear()
    yield tmp_path
    data._descriptors.cache_clear()


def test_one_row_per_field_in_schema_order(toy_data: Path) -> None:
    d = data.dictionary()
    assert list(d.columns) == list(data.DICTIONARY_COLUMNS)
    assert len(d) == 8
    assert d["dataset"].tolist() == ["synthetic_toy_cohort"] * 2 + ["toy_counts"] * 6
    toy = d[d["dataset"] == "toy_counts"]
    assert toy["column"].tolist() == ["label", "count", "percent", "group", "code", "ceiling"]
    assert toy["position"].tolist() == [1, 2, 3, 4, 5, 6]


def test_types_units_and_flags(toy_data: Path) -> None:
    d = data.dictionary(["toy_counts"]).set_index("column")
    assert d.loc["count", "type"] == "integer"
    assert d.loc["count", "unit"] == "patients"
    assert d.loc["percent", "unit"] == "%"
    assert d.loc["group", "unit"] == ""  # a label has no unit
    assert d.loc["count", "description"] == "Patients with the feature"
    assert d.loc["group", "description"] == ""
    assert d["required"].tolist() == [True, True, False, False, False, False]
    # primaryKey given as a bare string still marks the column
    assert d["primary_key"].tolist() == [True, False, False, False, False, False]
    assert set(d["kind"]) == {"published"}
    assert set(d["synthetic"]) == {False}
    assert set(d["sources"]) == {"wang2018"}


def test_allowed_values_in_words(toy_data: Path) -> None:
    allowed = data.dictionary(["toy_counts"]).set_index("column")["allowed_values"]
    assert allowed["label"] == "unique"
    assert allowed["count"] == "≥ 0"
    assert allowed["percent"] == "0 to 100"  # 0.0 and 100.0 print without ".0"
    assert allowed["group"] == "one of: GC, GC+IM"
    assert allowed["code"] == "matches the pattern ^[a-z]+$; at least 2 characters"
    assert allowed["ceiling"] == "≤ 2.5"


def test_synthetic_data_is_labelled(toy_data: Path) -> None:
    d = data.dictionary(["synthetic_toy_cohort"])
    assert set(d["kind"]) == {"synthetic"}
    assert set(d["synthetic"]) == {True}
    assert set(d["sources"]) == {"wang2018, peng2024"}
    assert d["type"].tolist() == ["integer", "boolean"]
    assert d["allowed_values"].tolist() == ["any", "any"]
    assert d["primary_key"].tolist() == [True, False]


def test_subset_keeps_the_requested_order(toy_data: Path) -> None:
    d = data.dictionary(["toy_counts", "synthetic_toy_cohort"])
    assert d["dataset"].iloc[0] == "toy_counts"
    assert d["dataset"].iloc[-1] == "synthetic_toy_cohort"


@pytest.mark.parametrize(
    ("datasets", "message"),
    [
        (["toy_counts", "no_such_set"],
         r"argument 'datasets' contains unknown data set\(s\) \['no_such_set'\]"),
        ([], r"argument 'datasets' got \[\] \(list\); expected at least 1 item"),
        ("toy_counts", r"argument 'datasets' got 'toy_counts' \(str\); expected a list or tuple"),
    ],
)
def test_bad_argument_names_it(toy_data: Path, datasets, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        data.dictionary(datasets)


def test_every_real_data_set_is_covered() -> None:
    """The dictionary of the repository's own data lists every column of every CSV."""
    data._descriptors.cache_clear()
    d = data.dictionary()
    assert set(d["dataset"]) == set(data.names())
    for name in data.names():
        header = data.path_of(name).read_text(encoding="utf-8").splitlines()[0].split(",")
        assert d.loc[d["dataset"] == name, "column"].tolist() == header, name
    # every quantity-like numeric column declares a unit, and every column a description
    numeric = d[d["type"].isin(["integer", "number"])]
    missing_units = numeric.loc[numeric["unit"] == "", ["dataset", "column"]]
    assert missing_units.empty, f"numeric columns without a unit:\n{missing_units}"
    missing_desc = d.loc[d["description"] == "", ["dataset", "column"]]
    assert missing_desc.empty, f"columns without a description:\n{missing_desc}"
    synthetic = d[d["synthetic"]]
    assert synthetic["dataset"].str.startswith("synthetic_").all()
