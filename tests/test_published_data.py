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


# ---------------------------------------------------------------- every value has its printed text
#
# Every integer or number column of a data set that is not synthetic declares, in its
# descriptor, either ``printed_in`` (the string column of the same row that holds the text the
# source prints for the value) or ``not_transcribed`` (why the number is the book's own and no
# source prints it).  A value whose printed cell is empty is allowed only when its field also
# declares ``printed_unavailable`` and the value is listed in UNREADABLE below.  The check is
# by meaning: the value must be one of the numbers the printed text states, so a value changed
# in the CSV fails here, not only against the manifest hash.

WEIGHTS_UNREAD = (
    "weights marked unconfirmed: the stored copies of the criteria table that could be read "
    "stop before their rows"
)
#: Transcribed values whose printed text could not be read, with the reason.
UNREADABLE: dict[tuple[str, str, str], str] = {
    ("acr_eular_2019_weights", f"{domain}/{item}", "points"): WEIGHTS_UNREAD
    for domain, items in {
        "immunostaining": ["moderate", "strong", "very_strong"],
        "serum_igg4": ["normal_or_not_checked", "above_uln_below_2x", "from_2x_to_5x",
                       "above_5x"],
        "glands": ["no_set", "one_set", "two_or_more_sets"],
        "kidney": ["none", "hypocomplementaemia", "renal_pelvis", "renal_cortex_low_density"],
        "retroperitoneum": ["none", "aortic_wall", "periaortic_soft_tissue"],
    }.items()
    for item in items
}
#: Number columns that are the book's own, not transcriptions, with the reason.
NOT_TRANSCRIBED: dict[tuple[str, str], str] = {
    ("readings", "events"): "the event count this reading infers from the printed figure "
                            "(the statement and reasoning columns say how)",
    ("readings", "n"): "the denominator this reading assumes for the printed figure "
                       "(the statement and reasoning columns say why)",
    ("grade_judgements", "downgrade"): "the book's GRADE judgement, not a number a source prints",
    ("grade_questions", "order"): "the book's order of the questions in its summary-of-findings "
                                  "table",
}

NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "half": 0.5,
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5,
}
# digits not glued to a Latin letter (the 4 of "IgG4" is not a number, the 40 of "比40%" is);
# 18,600 and 100 000 are one number each
_DIGITS = re.compile(r"(?<![A-Za-z0-9_.])(?:\d{1,3}(?:[, ]\d{3})+(?![\d.])|\d+(?:\.\d+)?)")
_WORDS = re.compile(r"\b(" + "|".join(NUMBER_WORDS) + r")\b", re.IGNORECASE)
_YEARS = re.compile(r"[\s-]*(?:a\s+)?years?\b", re.IGNORECASE)
_WEEKS = re.compile(r"[\s-]*weeks?\b", re.IGNORECASE)


def printed_numbers(text: str) -> set[float]:
    """Every number a printed text states, in digits or in words.

    A number of years also stands for twelve times as many months ("within 3 years" is a
    follow-up of 36 months; "half a year" is 6 months), and a whole number of 52-week years
    the same months ("for 52 weeks" is the 12-month treatment period of a trial).
    """
    found: set[float] = set()
    for m in _DIGITS.finditer(text):
        value = float(m[0].replace(",", "").replace(" ", ""))
        before = text[max(m.start() - 2, 0): m.start()]
        if before[-1:] in ("-", "\u2212") and not before[:-1].isalnum():
            value = -value
        found |= {value, 12 * value} if _YEARS.match(text, m.end()) else {value}
        if _WEEKS.match(text, m.end()) and value > 0 and value % 52 == 0:
            found.add(12 * value / 52)
    for m in _WORDS.finditer(text):
        value = float(NUMBER_WORDS[m[1].lower()])
        found |= {value, 12 * value} if _YEARS.match(text, m.end()) else {value}
    return found


def _expected_suffix(field: dict) -> str:
    """The sentence that ends the field's description, so the data dictionary shows it."""
    if "not_transcribed" in field:
        return f" Not transcribed: {field['not_transcribed']}."
    text = f" Printed text: column `{field['printed_in']}`"
    if "printed_unavailable" in field:
        text += f"; empty where the printed text could not be read ({field['printed_unavailable']})"
    return text + "."


def printed_coverage() -> tuple[list[str], dict, dict, int]:
    """Check every number of every data set that is not synthetic against its printed text.

    Returns the problems found, the values without printed text (with the reason their field
    gives), the columns declared not transcribed (with the reason) and the number of values
    matched to their printed text.
    """
    problems: list[str] = []
    unread: dict[tuple[str, str, str], str] = {}
    own: dict[tuple[str, str], str] = {}
    matched = 0
    for name in data.names():
        about = data.describe(name)
        if about.get("synthetic"):
            continue
        fields = {f["name"]: f for f in about["schema"]["fields"]}
        key = about["schema"]["primaryKey"]
        key = [key] if isinstance(key, str) else key
        frame = data.load(name)
        for column, field in fields.items():
            if field["type"] not in ("integer", "number"):
                continue
            where = f"{name}.{column}"
            declared = [k for k in ("printed_in", "not_transcribed") if k in field]
            if len(declared) != 1:
                problems.append(f"{where}: declares {declared or 'neither'}; expected exactly "
                                "one of printed_in and not_transcribed")
                continue
            if not field.get("description", "").endswith(_expected_suffix(field)):
                problems.append(f"{where}: the description does not end with "
                                f"{_expected_suffix(field).strip()!r}")
            if "not_transcribed" in field:
                own[(name, column)] = field["not_transcribed"]
                continue
            source = field["printed_in"]
            if fields.get(source, {}).get("type") != "string":
                problems.append(f"{where}: printed_in names {source!r}, not a string column")
                continue
            for _, row in frame.iterrows():
                value = row[column]
                if pd.isna(value):
                    continue
                row_key = "/".join(str(row[k]) for k in key)
                text = row[source]
                if pd.isna(text):
                    if "printed_unavailable" in field:
                        unread[(name, row_key, column)] = field["printed_unavailable"]
                    else:
                        problems.append(f"{where} = {value:g} (row {row_key}): {source} is empty "
                                        "and the field gives no printed_unavailable reason")
                elif float(value) not in printed_numbers(text):
                    problems.append(f"{where} = {value:g} (row {row_key}): {source} "
                                    f"{text!r} does not state it")
                else:
                    matched += 1
    return problems, unread, own, matched


def test_printed_numbers_reads_digits_words_and_years():
    assert printed_numbers("derivation and validation cohorts of 1879 subjects") == {1879}
    assert printed_numbers("8960 (3500, 18,600)") == {8960, 3500, 18600}
    assert printed_numbers("The point prevalence on 1 Janury 2019 was 5.3/100 000 persons.") == {
        1, 2019, 5.3, 100000}
    assert printed_numbers("Fourteen (47%)") == {14, 47}
    assert printed_numbers("In the second") == {2}
    assert 36 in printed_numbers("within 3 years") and 6 in printed_numbers("half a year")
    assert 12 in printed_numbers("for 52 weeks") and 12 not in printed_numbers("for 50 weeks")
    assert 4 not in printed_numbers("IgG4+/IgG+ plasma cells")
    assert printed_numbers("HR, 0.35; 95% CI, 0.13-0.90") == {0.35, 95, 0.13, 0.90}
    assert printed_numbers("a change of -2 points") == {-2}


def test_every_transcribed_value_has_its_printed_text():
    problems, unread, own, matched = printed_coverage()
    assert not problems, "\n".join(problems)
    assert unread == UNREADABLE, "values without printed text differ from the listed ones"
    assert own == NOT_TRANSCRIBED
    values = 0  # every number in a printed_in column, counted independently of the check
    for name in data.names():
        frame = data.load(name)
        for field in data.describe(name)["schema"]["fields"]:
            if "printed_in" in field:
                values += int(frame[field["name"]].notna().sum())
    assert matched + len(unread) == values > 800


def test_unreadable_weights_are_the_unconfirmed_ones():
    weights = data.load("acr_eular_2019_weights")
    unread = weights["points_printed"].isna()
    assert (weights.loc[unread, "status"] == "unconfirmed").all()
    assert (weights.loc[~unread, "status"] == "confirmed_secondary").all()
    for row in weights[~unread].itertuples():  # the weight is the number after the colon
        m = re.fullmatch(r".+: (?:\+ )?(\d+)", row.points_printed)
        assert m and int(m[1]) == row.points, row.item


def test_printed_sizes_say_the_same_as_the_numbers():
    by_treatment = data.load("induction_by_treatment")
    for group in ("gc", "gcim"):
        for row in by_treatment.itertuples():
            text = getattr(row, f"{group}_group_size_printed")
            assert int(re.search(r"\(n = (\d+)\)", text)[1]) == getattr(row, f"{group}_group_size")
    for name in ("induction_baseline", "induction_outcomes", "induction_retreatment"):
        for row in data.load(name).dropna(subset=["denominator"]).itertuples():
            assert re.findall(r"(?<![\w.])\d+(?![\w.])", row.denominator_printed) == [
                str(row.denominator)], (name, row.label)
    arms = data.load("wins_trial_arms")
    for row in arms.itertuples():
        m = re.fullmatch(r"(\d+) patients in group (\d)(?: and group (\d))?",
                         row.n_randomised_printed)
        assert m and int(m[1]) == row.n_randomised and str(row.arm) in m.groups()[1:], row.arm
    sex = data.load("epidemiology_sex")
    for row in sex.itertuples():
        assert re.findall(r"(?<![\w.])\d+(?![\w.])", row.patients_printed) == [str(row.patients)]


def test_a_changed_value_is_caught_by_meaning(data_copy):
    csv = data_copy / "published" / "epidemiology_sex.csv"
    text = csv.read_text(encoding="utf-8")
    assert ",Of the 334 patients listed,334," in text
    csv.write_text(text.replace("listed,334,", "listed,343,"), encoding="utf-8")
    problems, *_ = printed_coverage()
    assert problems == ["epidemiology_sex.patients = 343 (row yamada2017): patients_printed "
                        "'Of the 334 patients listed' does not state it"]


def test_a_planted_number_column_without_printed_text_is_caught(data_copy):
    desc = data_copy / "published" / "wins_design.resource.json"
    about = json.loads(desc.read_text(encoding="utf-8"))
    about["schema"]["fields"].append(
        {"name": "planted", "type": "integer", "unit": "patients", "description": "Planted"})
    desc.write_text(json.dumps(about), encoding="utf-8")
    csv = data_copy / "published" / "wins_design.csv"
    lines = csv.read_text(encoding="utf-8").splitlines()
    csv.write_text("\n".join([lines[0] + ",planted"] + [f"{x},7" for x in lines[1:]]) + "\n",
                   encoding="utf-8")
    data._descriptors.cache_clear()
    problems, *_ = printed_coverage()
    assert problems == ["wins_design.planted: declares neither; expected exactly one of "
                        "printed_in and not_transcribed"]


def test_an_emptied_printed_cell_is_caught(data_copy):
    weights = data_copy / "reference" / "acr_eular_2019_weights.csv"
    text = weights.read_text(encoding="utf-8")
    assert ",Dense lymphocytic infiltrate: + 4,4," in text
    weights.write_text(text.replace(",Dense lymphocytic infiltrate: + 4,4,", ",,4,"),
                       encoding="utf-8")
    problems, unread, *_ = printed_coverage()
    assert not problems  # the field allows empty cells, but only for the listed values:
    assert set(unread) - set(UNREADABLE) == {
        ("acr_eular_2019_weights", "histopathology/dense_lymphocytic", "points")}
    retreat = data_copy / "published" / "induction_retreatment.csv"
    text = retreat.read_text(encoding="utf-8")
    retreat.write_text(text.replace("Among the 23 patients who relapsed during GC tapering", ""),
                       encoding="utf-8")
    problems, *_ = printed_coverage()
    assert len(problems) == 5 and all("induction_retreatment.denominator = 23" in p
                                      and "no printed_unavailable reason" in p for p in problems)


def test_a_description_that_hides_the_printed_column_is_caught(data_copy):
    desc = data_copy / "published" / "wins_trial_arms.resource.json"
    text = desc.read_text(encoding="utf-8")
    assert text.count(" Printed text: column `n_randomised_printed`.") == 2
    desc.write_text(text.replace(" Printed text: column `n_randomised_printed`.", "", 1),
                    encoding="utf-8")
    problems, *_ = printed_coverage()
    assert problems == ["wins_trial_arms.arm: the description does not end with "
                        "'Printed text: column `n_randomised_printed`.'"]


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
    cell = ",16 (20.8%),16,GC monotherapy (n = 77),77,"
    assert cell in text
    csv.write_text(text.replace(cell, cell.replace(",16,", ",-16,")), encoding="utf-8")
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
    assert "row 2 of the file has 13 fields; expected 12" in message


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


@pytest.mark.skipif(not SOURCE.exists(), reason="source text not available in this checkout")
def test_printed_sizes_are_found_in_the_source():
    """The printed strings of the cohort's group sizes and denominators, found in the source
    (lines joined, a word hyphenated at a line end rejoined)."""
    text = re.sub(r"-\n(?=[a-z])", "", SOURCE.read_text(encoding="utf-8"))
    text = re.sub(r"\s+", " ", text)
    columns = {
        "induction_baseline": ["denominator_printed"],
        "induction_outcomes": ["denominator_printed"],
        "induction_retreatment": ["denominator_printed"],
        "induction_by_treatment": ["gc_group_size_printed", "gcim_group_size_printed"],
    }
    missing = [
        (name, printed)
        for name, cols in columns.items()
        for col in cols
        for printed in data.load(name)[col].dropna().unique()
        if printed not in text
    ]
    assert not missing, missing
