"""What a reader sees is prose or a formatted table, never machine text.

Reads every executed chapter notebook and fails on

- a numpy scalar repr in an output (``np.float64(2.6456692913385824)``);
- a dataclass repr (``ResponseAssessment(baseline=3.0, ...)``) or a pandas Series repr
  (a block ending in ``dtype: object``) printed as a result;
- a module name of the library's readings (``igg4lib.readings``) in a sentence or an output:
  a stored reading is shown in the chapter's words ("Adopted: ...");
- a snake_case column header in a plain-text table.

HTML tables' headers are checked by ``tests/test_tables_for_people.py``. A cell that shows
code objects on purpose is tagged ``code-names`` (visible in the chapter's source) and is
left out, as there.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
ALLOW_TAG = "code-names"

NUMPY_SCALAR = re.compile(r"\bnp\.(?:float|int|uint|bool|complex|str)\w*\(")
# ClassName(field=..., the shape of a dataclass's repr
DATACLASS = re.compile(r"\b[A-Z][A-Za-z0-9]*\([a-z_][a-z0-9_]*=")
SERIES = re.compile(r"(?:^|\n)(?:Name: [^\n]*, )?dtype: [a-z0-9]+\s*$")
MODULE = re.compile(r"igg4lib\.readings\b")
SNAKE = re.compile(r"(?<![\w'\"])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w'\"(=])")


def _text(value: object) -> str:
    return "".join(value) if isinstance(value, list) else str(value or "")


def _plain_outputs(cell: dict) -> list[str]:
    """The plain text a reader sees from a code cell: streams, and results without HTML."""
    texts = []
    for out in cell.get("outputs", []):
        if out.get("metadata", {}).get("scrapbook"):
            continue  # a glued value: checked in the prose it fills
        if out.get("output_type") == "stream":
            texts.append(_text(out.get("text")))
            continue
        data = out.get("data", {})
        if "text/html" in data or "image/png" in data or "text/markdown" in data:
            continue
        texts.append(_text(data.get("text/plain")))
    return texts


def _table_header(text: str) -> list[str]:
    """Snake_case words of the first line of a plain-text DataFrame repr."""
    lines = text.splitlines()
    if len(lines) < 2 or "  " not in lines[0].strip():
        return []  # not a column-aligned table
    return SNAKE.findall(lines[0])


def problems(nb: dict) -> list[str]:
    found = []
    for i, cell in enumerate(nb.get("cells", [])):
        source = _text(cell.get("source"))
        if cell.get("cell_type") == "markdown":
            if MODULE.search(source):
                found.append(f"cell {i}: module name in prose: {MODULE.search(source)[0]}")
            continue
        if cell.get("cell_type") != "code":
            continue
        if ALLOW_TAG in cell.get("metadata", {}).get("tags", []):
            continue
        for text in _plain_outputs(cell):
            for label, pattern in (("numpy scalar", NUMPY_SCALAR), ("dataclass repr", DATACLASS),
                                   ("Series repr", SERIES), ("module name", MODULE)):
                match = pattern.search(text)
                if match:
                    found.append(f"cell {i}: {label}: {text[:80]!r}")
            snake = _table_header(text)
            if snake:
                found.append(f"cell {i}: snake_case column header {snake}")
    return found


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_no_machine_text_in_a_chapter(path: Path) -> None:
    nb = json.loads(path.read_text(encoding="utf-8"))
    assert problems(nb) == [], f"{path.name}: machine text a reader would see"


def _code(outputs: list[dict], tags: list[str] | None = None) -> dict:
    return {"cell_type": "code", "metadata": {"tags": tags or []}, "source": "x",
            "outputs": outputs}


def _result(text: str) -> dict:
    return {"output_type": "execute_result", "data": {"text/plain": text}, "metadata": {}}


@pytest.mark.parametrize("planted, label", [
    (_code([_result("np.float64(2.6456692913385824)")]), "numpy scalar"),
    (_code([_result("ResponseAssessment(baseline=3.0, follow_up=1.0)")]), "dataclass repr"),
    (_code([{"output_type": "stream", "name": "stdout",
             "text": "RiskFactors(eosinophilia=True, dacryoadenitis=False)\n"}]),
     "dataclass repr"),
    (_code([_result("installed    1.17.1\nlocked       1.17.1\nName: scipy, dtype: object")]),
     "Series repr"),
    ({"cell_type": "markdown", "source": "The book's reading (from `igg4lib.readings`): x"},
     "module name in prose"),
    (_code([_result("   check_id  agrees\n0  t2-p-a    True")]), "snake_case column header"),
])
def test_planted_machine_text_is_caught(planted: dict, label: str) -> None:
    found = problems({"cells": [planted]})
    assert len(found) == 1 and label in found[0], found


def test_sentences_tables_and_code_names_cells_pass() -> None:
    clean = {"cells": [
        _code([_result("'NNTB 2.5 (1.8 to 4.6)'")]),
        _code([{"output_type": "stream", "name": "stdout",
                "text": "2 of 4 risk factors: eosinophilia, dacryoadenitis\n"}]),
        _code([{"output_type": "display_data", "metadata": {},
                "data": {"text/html": "<table></table>", "text/plain": "x_y  z\n0 1"}}]),
        _code([_result("np.float64(1.0)")], tags=[ALLOW_TAG]),
        {"cell_type": "markdown", "source": "- Adopted: the book reads 9 of 17."},
    ]}
    assert problems(clean) == []
