"""The markup of the book's tables: one header row, no empty header cell, labelled cells.

``igg4lib.book.display.table`` renders a named index's heading in the column-heading row
(pandas would add a second row of index names under empty cells); ``_ext/book_pages.py``
does the same for a DataFrame shown as it is, turns any header cell left empty into a data
cell, and gives every body cell its column name for the card layout, counting row labels
that span several rows.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
from bs4 import BeautifulSoup

from igg4lib.book.display import table

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "_ext"))

from book_pages import label_table_cells  # noqa: E402


def header_rows(html: str) -> list[list[str]]:
    soup = BeautifulSoup(html, "html.parser")
    return [[c.get_text(" ", strip=True) for c in row.find_all(["th", "td"], recursive=False)]
            for row in soup.select("thead tr")]


def empty_header_cells(html: str) -> int:
    soup = BeautifulSoup(html, "html.parser")
    return sum(1 for th in soup.select("table th") if not th.get_text(strip=True))


FRAME = pd.DataFrame({"trial": ["A", "A", "B"], "arm": ["x", "y", "z"],
                      "rr": [0.5, 0.7, 1.1], "note": ["n1", "n2", "n3"]})
COLUMNS = {"trial": "Trial", "arm": "Arm", "rr": "Risk ratio", "note": "Note"}


def test_a_table_with_row_labels_has_one_header_row() -> None:
    html = table(FRAME, COLUMNS, caption="c", index=["trial", "arm"],
                 formats={"rr": "2dp"}).to_html()
    assert header_rows(html) == [["Trial", "Arm", "Risk ratio", "Note"]]
    assert empty_header_cells(html) == 0


def test_a_hidden_row_label_level_keeps_the_shown_one() -> None:
    styler = table(FRAME, COLUMNS, caption="c", index=["trial", "arm"]).hide(level=1,
                                                                            axis="index")
    html = styler.to_html()
    assert header_rows(html) == [["Trial", "Risk ratio", "Note"]]
    assert empty_header_cells(html) == 0


def test_a_synthetic_label_travels_with_the_row_label_heading() -> None:
    html = table(FRAME, COLUMNS, caption="c", index="trial", label="SYNTHETIC").to_html()
    assert header_rows(html)[0][0] == "Trial (SYNTHETIC)"


def test_pandas_own_markup_would_fail_these_checks() -> None:
    """The checks above can fail: pandas' Styler writes two header rows and empty cells."""
    html = FRAME.set_index(["trial", "arm"]).style.to_html()
    assert len(header_rows(html)) == 2
    assert empty_header_cells(html) > 0


def test_a_dataframe_shown_as_it_is_gets_one_header_row() -> None:
    html = label_table_cells(FRAME.set_index("trial").to_html())
    assert header_rows(html) == [["Trial".lower(), "arm", "rr", "note"]]
    assert empty_header_cells(html) == 0
    unnamed = label_table_cells(FRAME.to_html())  # the corner above an unnamed index
    assert empty_header_cells(unnamed) == 0


def test_cells_under_a_spanning_row_label_get_their_own_column_name() -> None:
    html = label_table_cells(table(FRAME, COLUMNS, caption="c",
                                   index=["trial", "arm"]).to_html())
    soup = BeautifulSoup(html, "html.parser")
    rows = soup.select("tbody tr")
    # Row 2 ("A", second arm) has no row-label cell of its own: pandas spans "A" over two.
    assert [c["data-label"] for c in rows[1].find_all(["th", "td"])] == ["Arm", "Risk ratio",
                                                                         "Note"]
    assert [c["data-label"] for c in rows[2].find_all(["th", "td"])] == ["Trial", "Arm",
                                                                         "Risk ratio", "Note"]
    assert "stackable" in soup.table["class"]
