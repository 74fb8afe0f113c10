"""Tests of the transcribed data sets under data/published/ and of the data manifest.

Three kinds of check:

1. every data set the evidence ledger needs exists, loads with its schema and carries its
   provenance;
2. inside each file, the parsed numeric columns say the same as the printed string next to
   them (a typo in either one fails), and the totals that the source states agree with the
   rows;
3. ``data/datapackage.json`` matches the files byte for byte (SHA-256), and a corrupted
   value is reported naming the file, the column and the value.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pandas as pd
import pytest

from igg4lib import data

PUBLISHED = [
    "induction_baseline",
    "induction_by_treatment",
    "induction_risk_factors",
    "induction_risk_groups",
    "induction_organ_failure",
    "induction_month6_serology",
    "induction_regimens",
    "induction_retreatment",
    "induction_outcomes",
    "wins_trial_arms",
    "epidemiology_sex",
]
BIB = (Path(__file__).resolve().parent.parent / "references.bib").read_text(encoding="utf-8")

NUM = r"(\d[\d,]*(?:\.\d+)?)"


def num(text: str) -> float:
    return float(text.replace(",", ""))


def parse_count_percent(text: str) -> tuple[int, float]:
    m = re.fullmatch(rf"{NUM} \({NUM}%\)", text)
    assert m, f"not 'n (x%)': {text!r}"
    return int(m[1]), num(m[2])


def parse_median_quartiles(text: str) -> tuple[float, float, float]:
    m = re.fullmatch(rf"{NUM} \({NUM}, ?{NUM}\)", text)
    assert m, f"not 'median (q1, q3)': {text!r}"
    return num(m[1]), num(m[2]), num(m[3])


def parse_ratio(text: str) -> float:
    m = re.fullmatch(rf"{NUM}:1", text)
    assert m, f"not 'x:1': {text!r}"
    return num(m[1])


@pytest.mark.parametrize("name", PUBLISHED)
def test_published_data_set_loads_with_provenance(name):
    assert name in data.names()
    frame = data.load(name)
    assert len(frame) > 0
    assert frame.attrs["synthetic"] is False
    for key in frame.attrs["sources"]:
        assert f"{{{key}," in BIB, f"{name}: source {key} is not in references.bib"
    for key in frame["source"].unique():
        assert key in frame.attrs["sources"], f"{name}: row source {key} not in descriptor"
    fields = data.describe(name)["schema"]["fields"]
    for field in fields:
        if field["type"] in ("integer", "number"):
            assert field.get("unit"), f"{name}.{field['name']} has no unit"
    assert {"source", "location", "label"} <= {f["name"] for f in fields}


def test_induction_by_treatment_cites_wang2018():
    assert data.describe("induction_by_treatment")["sources"][0]["bibkey"] == "wang2018"


def _check_cells(frame: pd.DataFrame, prefix: str) -> int:
    checked = 0
    for row in frame.itertuples(index=False):
        row = row._asdict()
        printed = row[f"{prefix}printed"]
        stat = row["statistic"]
        if stat == "n (%)":
            assert parse_count_percent(printed) == (
                row[f"{prefix}count"],
                row[f"{prefix}percent"],
            ), row["label"]
        elif stat == "median (Q1 Q3)":
            assert parse_median_quartiles(printed) == (
                row[f"{prefix}median"],
                row[f"{prefix}q1"],
                row[f"{prefix}q3"],
            ), row["label"]
        elif stat == "ratio":
            assert parse_ratio(printed) == row[f"{prefix}ratio"], row["label"]
        else:
            continue
        checked += 1
    return checked


def test_table1_printed_cells_match_parsed_columns():
    frame = data.load("induction_baseline")
    counts = frame[frame["statistic"] == "n"]
    for row in counts.itertuples():
        assert int(row.printed.split()[0]) == row.count
    assert _check_cells(frame, "") == len(frame) - len(counts)
    assert (frame["denominator"] == 215).all()


def test_table2_printed_cells_match_parsed_columns():
    frame = data.load("induction_by_treatment")
    assert _check_cells(frame, "gc_") == 28
    assert _check_cells(frame, "gcim_") == 28
    assert set(frame["gc_group_size"]) == {77}
    assert set(frame["gcim_group_size"]) == {138}
    printed_p = frame.dropna(subset=["p_printed"])
    assert [float(p) for p in printed_p["p_printed"]] == list(printed_p["p_value"])


def test_table2_counts_add_up_to_table1():
    t1 = data.load("induction_baseline").set_index("label")
    t2 = data.load("induction_by_treatment").set_index("label")
    both = t2.index.intersection(t1.index)
    both = [label for label in both if pd.notna(t2.loc[label, "gc_count"])]
    assert len(both) == 12
    for label in both:
        assert t2.loc[label, "gc_count"] + t2.loc[label, "gcim_count"] == t1.loc[label, "count"]
    assert (
        t2.loc["Allergy history", "gc_count"] + t2.loc["Allergy history", "gcim_count"]
        == (t1.loc["Allergy history, n (%)", "count"])
    )


def test_table3_printed_cells_match_parsed_columns():
    frame = data.load("induction_risk_factors")
    assert len(frame) == 70
    assert frame.groupby("group").size().to_dict() == {
        "GC monotherapy": 35,
        "GC + IM combination therapy": 35,
    }
    for row in frame.itertuples():
        if row.row_type == "estimate":
            m = re.fullmatch(r"([\d.]+) \(([\d.]+), ([\d.]+)\)", row.printed)
            assert m, row.printed
            parsed = (float(m[1]), float(m[2]), float(m[3]), float(row.p_printed))
            assert parsed == (row.odds_ratio, row.ci_low, row.ci_high, row.p_value), row.label
            assert row.ci_low <= row.odds_ratio <= row.ci_high, row.label
        elif row.row_type == "reference":
            assert (row.printed, row.p_printed) == ("Ref", "Ref")
            assert pd.isna(row.odds_ratio)
        else:
            assert (row.printed, row.p_printed, row.footnote) == ("NA", "NA", "b")


def test_percent_and_fraction_strings_match():
    organ = data.load("induction_organ_failure")
    for row in organ.itertuples():
        m = re.fullmatch(r"([\d.]+)%[ ,(]+(\d+)/(\d+)\)?", row.printed)
        assert m, row.printed
        assert (float(m[1]), int(m[2]), int(m[3])) == (row.percent, row.failures, row.patients)
    groups = data.load("induction_risk_groups")
    for row in groups.itertuples():
        assert float(re.search(r"[\d.]+", row.printed)[0]) == row.value
    serology = data.load("induction_month6_serology")
    for row in serology.itertuples():
        assert parse_median_quartiles(row.printed) == (row.median, row.q1, row.q3)
        assert float(row.p_printed.removeprefix("p = ")) == row.p_value
    for name in ("induction_retreatment", "induction_outcomes"):
        for row in data.load(name).itertuples():
            pct = re.search(r"\(([\d.]+)%\)", row.printed)
            if pct:
                assert float(pct[1]) == row.percent, row.label
            lead = re.match(r"(\d+) ", row.printed)
            if lead:
                assert int(lead[1]) == row.count, row.label


def test_sex_figures_match_their_printed_strings():
    for row in data.load("epidemiology_sex").itertuples():
        count = re.fullmatch(r"(\d+) were (male|female)", row.printed)
        pct = re.fullmatch(r"([\d.]+)% (male|female)", row.printed)
        assert count or pct, row.printed
        sex = (count or pct)[2]
        assert row.share_of == {"male": "men", "female": "women"}[sex], row.source
        if count:
            assert (int(count[1]), row.percent) == (row.count, row.percent)
            assert pd.isna(row.percent), f"{row.source}: a count was printed, not a percentage"
        else:
            assert float(pct[1]) == row.percent and pd.isna(row.count), row.source


def test_stated_totals_agree_with_rows():
    regimens = data.load("induction_regimens")
    for row in regimens.itertuples():
        assert row.printed == f"(n = {row.patients})"
    assert regimens["patients"].sum() == 138  # patients on GC + IM (Methods and Table 2)
    arms = data.load("wins_trial_arms")
    assert arms["n_randomised"].sum() == 146  # patients randomised (news release)
    assert arms["relapse_events"].isna().all()  # not reported: never invented
    outcomes = data.load("induction_outcomes").set_index("label")["count"]
    first_three = [
        "remission without relapse",
        "relapse during GC tapering",
        "persistently active disease at month 6",
    ]
    assert outcomes[first_three].sum() == 215
    retreat = data.load("induction_retreatment")
    assert retreat.loc[retreat["stage"] == "re-treatment of the relapses", "count"].sum() == 23


# ---------------------------------------------------------------- manifest and corruption


def test_manifest_hashes_match_files():
    manifest = json.loads((data.DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    listed = {r["name"]: r for r in manifest["resources"]}
    assert set(listed) == set(data.names())
    for name, resource in listed.items():
        body = (data.DATA_DIR / resource["path"]).read_bytes()
        assert resource["hash"] == "sha256:" + hashlib.sha256(body).hexdigest(), name
        assert resource["bytes"] == len(body), name






def test_corrupted_count_is_reported_with_file_column_and_value(data_copy):
    csv = data_copy / "published" / "induction_by_treatment.csv"
    text = csv.read_text(encoding="utf-8")
    assert ",16 (20.8%),16,77," in text
    csv.write_text(text.replace(",16 (20.8%),16,77,", ",16 (20.8%),-16,77,"), encoding="utf-8")
    with pytest.raises(data.DataValidationError) as err:
        data.load("induction_by_treatment")
    message = str(err.value)
    assert "induction_by_treatment.csv" in message
    assert "'gc_count'" in message
    assert "-16" in message


def test_corrupted_value_changes_the_hash(data_copy):
    csv = data_copy / "published" / "induction_risk_factors.csv"
    csv.write_text(
        csv.read_text(encoding="utf-8").replace("7.27 (2.05, 25.74)", "7.72 (2.05, 25.74)"),
        encoding="utf-8",
    )
    stale = json.loads((data_copy / "datapackage.json").read_text(encoding="utf-8"))
    assert (data_copy / "datapackage.json").read_text(encoding="utf-8") != data.manifest_text()
    entry = next(r for r in stale["resources"] if r["name"] == "induction_risk_factors")
    assert entry["hash"] != "sha256:" + hashlib.sha256(csv.read_bytes()).hexdigest()


def test_corrupted_enum_is_reported(data_copy):
    csv = data_copy / "published" / "induction_risk_factors.csv"
    csv.write_text(
        csv.read_text(encoding="utf-8").replace(",GC monotherapy,", ",GC mono,", 1),
        encoding="utf-8",
    )
    with pytest.raises(data.DataValidationError, match=r"column 'group': value 'GC mono'"):
        data.load("induction_risk_factors")


def test_row_with_an_extra_field_is_reported_with_file_and_row(data_copy):
    csv = data_copy / "published" / "epidemiology_sex.csv"
    text = csv.read_text(encoding="utf-8")
    assert '"Japanese multicentre cohort, five hospitals"' in text
    csv.write_text(
        text.replace('"Japanese multicentre cohort, five hospitals"',
                     "Japanese multicentre cohort, five hospitals"),
        encoding="utf-8",
    )
    with pytest.raises(data.DataValidationError) as err:
        data.load("epidemiology_sex")
    message = str(err.value)
    assert "epidemiology_sex.csv" in message
    assert "row 2 of the file has 12 fields; expected 11" in message


# ---------------------------------------------------------------- against the source text

SOURCE = (
    Path(__file__).resolve().parent.parent.parent
    / "shared"
    / "sources"
    / "wang-2018-remission-induction-215.txt"
)


@pytest.mark.skipif(not SOURCE.exists(), reason="source text not available in this checkout")
def test_table_rows_reproduce_the_source_lines():
    """Rebuild each row of Tables 1-3 from the CSVs and find it, verbatim, in the source."""
    lines = {line.strip() for line in SOURCE.read_text(encoding="utf-8").splitlines()}
    missing = []
    t1 = data.load("induction_baseline")
    for r in t1[t1["location"] == "Table 1"].itertuples():
        missing += [] if f"{r.label} {r.printed}" in lines else [r.label]
    for r in data.load("induction_by_treatment").itertuples():
        cells = [c for c in (r.gc_printed, r.gcim_printed, r.p_printed) if not pd.isna(c)]
        label = r.label.replace("RI reduction", "RI reductiona")  # footnote marker a
        line = " ".join([label, *cells])
        missing += [] if line in lines else [line]
    t3 = data.load("induction_risk_factors")
    for label, rows in t3.groupby("label", sort=False):
        cells = []
        for group in ("GC monotherapy", "GC + IM combination therapy"):
            r = rows[rows["group"] == group].iloc[0]
            mark = "" if pd.isna(r["footnote"]) else r["footnote"]
            cells.append(f"{r['printed']}{mark} {r['p_printed']}{mark}")
        line = f"{label} {cells[0]} {cells[1]}"
        missing += [] if line in lines else [line]
    assert not missing, f"rows not found verbatim in the source: {missing}"
