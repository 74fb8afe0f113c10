"""Synthetic and simulated outputs carry their label inside the table.

The book promises that invented data are labelled wherever they appear, not only in the
surrounding prose: a table copied out of the page must still say what it is. This test reads
every executed notebook and, for each code cell that works with synthetic or simulated data
(it loads a ``synthetic_*`` data set, builds or simulates a cohort, or bootstraps one),
requires every table the cell displays to contain ``SYNTHETIC`` or ``SIMULATED`` (in a
column header, the index name or the caption).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))

#: Code that produces synthetic or simulated rows.
SYNTHETIC_SOURCE = re.compile(
    r"synthetic|simulat|bootstrap|riskcohort|analysis_frame|kaplan_meier_table|logrank_tests",
    re.IGNORECASE,
)
LABEL = re.compile(r"SYNTHETIC|SIMULATED|SIMULATION")
#: Cells that name these words but show no synthetic rows (the data dictionary lists every
#: data set by name; the reproducibility page lists versions).
EXEMPT_NOTEBOOKS = {"data_dictionary", "reproducibility"}


def _text(value: object) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def unlabelled_tables(nb: dict) -> list[str]:
    """Source openings of cells that show a synthetic table without the label inside it."""
    bad = []
    for cell in nb.get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        source = _text(cell.get("source", ""))
        if not SYNTHETIC_SOURCE.search(source):
            continue
        for out in cell.get("outputs", []):
            if out.get("metadata", {}).get("scrapbook"):
                continue  # glued values are checked by the prose tests
            data = out.get("data", {})
            html = _text(data.get("text/html", ""))
            if "<table" not in html:
                continue
            if not LABEL.search(html):
                bad.append(source.strip().splitlines()[0][:80])
    return bad


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_synthetic_tables_are_labelled_inside(path):
    if path.stem in EXEMPT_NOTEBOOKS:
        pytest.skip(f"{path.stem} lists data sets by name, it shows no synthetic rows")
    nb = json.loads(path.read_text(encoding="utf-8"))
    bad = unlabelled_tables(nb)
    assert not bad, f"{path.name}: synthetic tables without SYNTHETIC/SIMULATED inside: {bad}"


def _nb(source: str, html: str) -> dict:
    return {
        "cells": [
            {
                "cell_type": "code",
                "source": source,
                "outputs": [{"output_type": "execute_result", "data": {"text/html": html}}],
            }
        ]
    }


def test_an_unlabelled_synthetic_table_is_caught():
    cell = 'cohort = data.load("synthetic_induction_cohort")\ncohort.head()'
    assert unlabelled_tables(_nb(cell, "<table><th>age</th></table>")) == [
        'cohort = data.load("synthetic_induction_cohort")'
    ]
    assert unlabelled_tables(_nb(cell, "<table><th>SYNTHETIC age</th></table>")) == []
    assert unlabelled_tables(_nb("data.load('induction_outcomes')", "<table></table>")) == []
