"""Tables in the chapters are for people: no code-style headers, no "0.000" cells.

Reads every table (``text/html`` output) of every executed chapter notebook and fails on a
header that is a code identifier (``rd_ci_low``, ``p_fisher_adjusted``: lower-case words
joined by underscores) or on a cell that prints a p-value or probability as ``0.000``
(``< 0.001`` is how the book writes it). A table that shows code objects on purpose (the data
dictionary, the ledger's full list of checks) sits in a cell tagged ``code-names``; those are
the allow-list, visible in each chapter's source.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
CODE_HEADER = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$")
ZERO = re.compile(r"^-?0\.0+$")
ALLOW_TAG = "code-names"


class _Cells(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.headers: list[str] = []
        self.cells: list[str] = []
        self._where: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("th", "td"):
            self._where, self._text = tag, []

    def handle_endtag(self, tag):
        if tag in ("th", "td") and self._where == tag:
            text = "".join(self._text).strip()
            (self.headers if tag == "th" else self.cells).append(text)
            self._where = None

    def handle_data(self, data):
        if self._where:
            self._text.append(data)


def problems(nb: dict) -> list[str]:
    found = []
    for cell in nb.get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        if ALLOW_TAG in cell.get("metadata", {}).get("tags", []):
            continue
        for out in cell.get("outputs", []):
            html = out.get("data", {}).get("text/html", "")
            html = "".join(html) if isinstance(html, list) else html
            if "<table" not in html:
                continue
            parsed = _Cells()
            parsed.feed(html)
            src = "".join(cell.get("source", "")).strip().splitlines()
            where = src[0][:60] if src else "?"
            found += [f"{where!r}: header {h!r}" for h in parsed.headers if CODE_HEADER.match(h)]
            found += [f"{where!r}: cell {c!r}" for c in parsed.cells if ZERO.match(c)]
    return found


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_chapter_tables_are_for_people(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    bad = problems(nb)
    assert not bad, f"{path.name}: {len(bad)} table problem(s):\n" + "\n".join(bad[:40])


def _nb(html: str, tags: list[str] | None = None) -> dict:
    return {
        "cells": [
            {
                "cell_type": "code",
                "metadata": {"tags": tags or []},
                "source": "show()",
                "outputs": [{"data": {"text/html": html}}],
            }
        ]
    }


def test_planted_code_header_and_zero_cell_are_caught():
    html = "<table><tr><th>rd_ci_low</th><th>Risk (%)</th></tr><tr><td>0.000</td></tr></table>"
    assert problems(_nb(html)) == ["'show()': header 'rd_ci_low'", "'show()': cell '0.000'"]
    assert problems(_nb(html, ["code-names"])) == []
    ok = "<table><tr><th>p (Fisher)</th></tr><tr><td>&lt; 0.001</td></tr></table>"
    assert problems(_nb(ok)) == []
