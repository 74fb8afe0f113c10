"""Every printed string the book shows occurs verbatim in the transcribed row it quotes.

A reading's ``printed`` text (data set ``readings``), a ledger row's ``printed`` value and
every figure the prose quotes as printed (a glued value in quotation marks, or a glue key
named ``..._printed``) must be found, character for character, in a transcribed row of the
same source (and, for readings and the ledger, of the same location). Each check is shown to
fail on a planted mismatch: the odds ratio of another version of the paper, 7.13 (2.12-24.01),
where Table 3 prints 7.27 (2.05, 25.74).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from igg4lib import data, ledger, transcription
from igg4lib.book import CHAPTERS, chapter_facts

ROOT = Path(__file__).resolve().parent.parent
WRONG = "7.13 (2.12-24.01)"  # not what Table 3 prints
RIGHT = "7.27 (2.05, 25.74)"


def test_verbatim_means_character_for_character_and_not_inside_a_number():
    assert transcription.occurs_verbatim(RIGHT, f"Eosinophilia {RIGHT} 0.002")
    assert not transcription.occurs_verbatim(WRONG, f"Eosinophilia {RIGHT} 0.002")
    assert not transcription.occurs_verbatim("7.2", RIGHT)
    assert not transcription.occurs_verbatim("1", "0.761")
    assert transcription.occurs_verbatim("1", "1")
    assert not transcription.occurs_verbatim("52.9%", "(52.9 %)")
    with pytest.raises(ValueError, match="argument 'printed' got an empty string"):
        transcription.occurs_verbatim(" ", "x")


def test_the_eosinophilia_reading_quotes_table_3():
    book = data.load("readings").set_index("reading").loc["eosinophilia-complete-cases"]
    assert book["printed"] == RIGHT
    rows = transcription.quoting_rows(RIGHT, source="wang2018", location="Table 3")
    assert rows[["dataset", "column"]].values.tolist() == [["induction_risk_factors",
                                                             "printed"]]
    # the Results text prints the same estimate in another form, not as a cell of Table 3
    assert transcription.quoting_rows(WRONG, source="wang2018").empty


def test_every_reading_is_tied_to_its_transcription():
    assert transcription.untied_readings().empty


def test_a_planted_reading_mismatch_is_caught():
    table = data.load("readings")
    planted = table.copy()
    planted.loc[planted["reading"] == "eosinophilia-complete-cases", "printed"] = WRONG
    found = transcription.untied_readings(planted)
    assert found.values.tolist() == [["eosinophilia-complete-cases", WRONG,
                                      "induction_risk_factors"]]
    # one wrong part of a reading that rests on several printed figures is caught alone
    fig3c = table["reading"] == "fig3c-complete-cases"
    planted = table.copy()
    planted.loc[fig3c, "printed"] = table.loc[fig3c, "printed"].str.replace("38.5%", "38.4%")
    assert transcription.untied_readings(planted)["part"].tolist() == ["38.4%"]
    # the right figure named against the wrong data set, or the wrong location, is caught too
    planted = table.copy()
    planted.loc[planted["reading"] == "eosinophilia-complete-cases", "transcribed_in"] = (
        "induction_by_treatment")
    assert len(transcription.untied_readings(planted)) == 1
    planted = table.copy()
    planted.loc[planted["reading"] == "eosinophilia-complete-cases", "location"] = "Table 2"
    assert len(transcription.untied_readings(planted)) == 1
    planted = table.copy()  # a source that no transcribed row has
    planted.loc[planted["reading"] == "eosinophilia-complete-cases", "source"] = "peng2024x"
    assert len(transcription.untied_readings(planted)) == 1


def test_every_ledger_row_is_tied_to_its_transcription():
    assert transcription.untied_ledger().empty


def test_a_planted_ledger_mismatch_is_caught():
    led = ledger.build_ledger()
    planted = led.copy()
    planted.loc[planted["check_id"] == "t3-or-gc-eosinophilia", "printed"] = WRONG
    planted.loc[planted["check_id"] == "t2-p-relapse", "location"] = "Table 3"
    assert set(transcription.untied_ledger(planted)["check_id"]) == {
        "t2-p-relapse", "t3-or-gc-eosinophilia"}


def test_quoted_figures_are_found():
    text = 'Table 3 prints "{glue:text}`a_or`" and {glue:text}`a_p_printed:.3f`, not {glue}`a_n`'
    assert transcription.quoted_glue_keys(text) == ["a_or", "a_p_printed"]
    assert transcription.untied_quotes(text, {"a_or": RIGHT, "a_p_printed": "0.002"}) == []
    assert transcription.untied_quotes(text, {"a_or": WRONG, "a_p_printed": "0.002"}) == [
        "a_or"]
    assert transcription.untied_quotes(text, {"a_p_printed": "0.002"}) == ["a_or"]


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_every_figure_a_chapter_quotes_as_printed_is_transcribed(chapter):
    text = (ROOT / "chapters" / f"{chapter}.md").read_text(encoding="utf-8")
    if not transcription.quoted_glue_keys(text):
        return  # nothing quoted as printed (computing the facts would cost time for nothing)
    assert transcription.untied_quotes(text, chapter_facts(chapter)) == []


def test_a_planted_quote_in_a_real_chapter_fails():
    text = (ROOT / "chapters" / "induction.md").read_text(encoding="utf-8")
    facts = chapter_facts("induction")
    key = "induction_ex_second_printed"
    assert key in transcription.quoted_glue_keys(text)
    assert transcription.untied_quotes(text, {**facts, key: "9 patients (42.9%)"}) == [key]


def test_bad_arguments_are_refused():
    with pytest.raises(ValueError, match="argument 'source' got 'nobody2030'"):
        transcription.quoting_rows("14.2%", source="nobody2030")
    with pytest.raises(ValueError, match="argument 'dataset' got 'readings'"):
        transcription.quoting_rows("14.2%", dataset="readings")
    with pytest.raises(ValueError, match="argument 'frame': missing column 'source'"):
        transcription.untied_readings(pd.DataFrame({"reading": ["x"]}))
