"""No number typed into a chapter's prose: every number is glued, or allowed with a reason.

The scanner is :mod:`prose_numbers` (beside this file); the allow-list, one file with a
reason on every row, is ``tests/prose_numbers_allowed.csv``. A failure names the chapter,
the line and the number: glue it from ``igg4lib.book.<chapter>.facts()`` (computed from
``data/``), or, if it is a convention rather than a result, add a narrow allow-list row.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from prose_numbers import Allowed, load_allowed, prose_lines, typed_numbers

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = sorted(p.stem for p in (ROOT / "chapters").glob("*.md"))


@pytest.fixture(scope="module")
def allowed():
    return load_allowed()


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_no_typed_number_in_prose(chapter, allowed):
    text = (ROOT / "chapters" / f"{chapter}.md").read_text(encoding="utf-8")
    found = typed_numbers(chapter, text, allowed)
    assert not found, f"{len(found)} typed number(s) in chapters/{chapter}.md:\n" + "\n".join(
        map(str, found)
    )


PLANTED = """---
jupytext:
  formats: md:myst
---

# A chapter with 215 patients

Relapse was {glue:text}`x_pct:.1f`% in {glue:text}`x_n` patients {cite:p}`wang2018`.
Serum IgG4 and C3 are names; so is a 2x2 table and `odds_ratio(3, 4)`.

```{code-cell} ipython3
x = 12.5  # code is not prose
```

```{figure} ../_static/x.png
:name: fig-x
:width: 80%
:alt: Bars for 48 patients.

Caption with 7 relapses.
```

$$ z = 1.96 $$ and $p = 0.5$ are mathematics.
"""


def test_scanner_finds_planted_numbers_in_text_heading_alt_and_caption():
    found = typed_numbers("x", PLANTED, [])
    assert [(f.number, f.line_no) for f in found] == [("215", 6), ("48", 18), ("7", 20)]


def test_scanner_ignores_front_matter_code_glue_roles_math_and_names():
    text = "\n".join(line for _, line in prose_lines(PLANTED))
    for hidden in ("12.5", "1.96", "0.5", "80%", "x_pct", "wang2018", "odds_ratio"):
        assert hidden not in text


def test_a_planted_number_in_a_real_chapter_fails(allowed):
    """The check as it runs on the book: one typed number added to a clean text is caught."""
    text = (ROOT / "chapters" / "bibliography.md").read_text(encoding="utf-8")
    assert typed_numbers("bibliography", text, allowed) == []
    planted = text + "\nThe cohort had 215 patients.\n"
    found = typed_numbers("bibliography", planted, allowed)
    assert [f.number for f in found] == ["215"]


def test_allow_list_entries_cover_only_their_match():
    entry = Allowed("*", re.compile(r"95% confidence interval"), "a convention, not a result")
    line = "The 95% confidence interval of 12.5 to 14.0"
    found = typed_numbers("x", line, [entry])
    assert [f.number for f in found] == ["12.5", "14.0"]
    other = Allowed("wins", re.compile(r"12\.5"), "only in the wins chapter, for the test")
    assert [f.number for f in typed_numbers("risk", line, [entry, other])] == ["12.5", "14.0"]


def test_allow_list_is_short_and_reasoned(allowed, tmp_path):
    assert len(allowed) <= 40, "the allow-list is for conventions, not for results"
    bad = tmp_path / "allowed.csv"
    bad.write_text("chapter,pattern,reason\n*,\\b7\\b,\n", encoding="utf-8")
    with pytest.raises(ValueError, match="needs a reason"):
        load_allowed(bad)
