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


# ---------------------------------------------------------------- no loophole for p-values


def test_a_typed_p_value_of_a_result_fails(allowed):
    """The significance convention is allowed by its words, never by the shape of a p-value:
    a result typed as "(p = 0.008)" or "p < 0.001" is caught like any other number."""
    text = (ROOT / "chapters" / "bibliography.md").read_text(encoding="utf-8")
    for planted, numbers in (
        ("Failure was more common on monotherapy (p = 0.008).", ["0.008"]),
        ("RI rose more in group 1 (p < 0.001 for each comparison).", ["0.001"]),
        ("The difference was significant (P = 0.02).", ["0.02"]),
        ("We tested at alpha = 0.01 here.", ["0.01"]),
    ):
        found = typed_numbers("bibliography", text + "\n" + planted + "\n", allowed)
        assert [f.number for f in found] == numbers, planted


def test_the_significance_convention_named_in_words_passes(allowed):
    for line in ("Two of them stay below the 0.05 level.", "a test at alpha = 0.05",
                 "it depends on the 0.05 threshold"):
        assert typed_numbers("x", line, allowed) == [], line


# ---------------------------------------------------------------- exercise code

from prose_numbers import (  # noqa: E402
    PROSE_COLUMNS,
    typed_numbers_in_data_text,
    typed_numbers_in_exercise_code,
    typed_numbers_in_figures,
)


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_no_typed_number_in_exercise_code(chapter, allowed):
    text = (ROOT / "chapters" / f"{chapter}.md").read_text(encoding="utf-8")
    found = typed_numbers_in_exercise_code(chapter, text, allowed)
    assert not found, "\n".join(map(str, found))


EXERCISE = """
:::{exercise}
:label: x-ex

Find the denominator.
:::

:::{solution-start} x-ex
:class: dropdown
:::

```{code-cell} ipython3
second = cohort.implied_denominators(9, 52.9, n_max=n_all)
row = table.iloc[0]
n, round(p, 3), counts[1:], range(1, n + 1), "a ULN of 201 mg/dL"
```

:::{solution-end}
:::

```{code-cell} ipython3
outside = 12.5  # not an exercise
```
"""


def test_a_planted_number_in_exercise_code_fails(allowed):
    found = typed_numbers_in_exercise_code("x", EXERCISE, allowed)
    # code arithmetic (an index, a slice, the digits of round, a step of 1) is not a quantity
    assert [(f.number, f.line_no) for f in found] == [("9", 13), ("52.9", 13), ("201", 15)]
    text = (ROOT / "chapters" / "induction.md").read_text(encoding="utf-8")
    assert typed_numbers_in_exercise_code("induction", text, allowed) == []
    planted = text.replace('float(re_row["percent"])', "52.9")
    assert [f.number for f in typed_numbers_in_exercise_code("induction", planted, allowed)] == [
        "52.9"]


# ---------------------------------------------------------------- figure labels and titles


def test_no_typed_number_in_figure_labels(allowed):
    found = typed_numbers_in_figures(allowed)
    assert not found, "\n".join(map(str, found))


def test_a_planted_number_in_a_figure_label_fails(allowed):
    source = (
        'ax.set_xlabel("Relapse within 18 months (% of randomised)")\n'
        'ax.set_title(f"Relapse within {months} months, 95% CI")\n'
        'ax.plot(x, y, label=f"Group {i + 1}: 25 of 48")\n'
    )
    found = typed_numbers_in_figures(allowed, {"planted.py": source})
    assert [(f.number, f.line_no) for f in found] == [("18", 1), ("25", 3), ("48", 3)]


# ---------------------------------------------------------------- data text shown as prose


@pytest.mark.parametrize(
    ("dataset", "column"),
    PROSE_COLUMNS,
)
def test_no_typed_number_in_data_text_shown_as_prose(dataset, column, allowed):
    from igg4lib import data

    found = typed_numbers_in_data_text(dataset, column, data.load(dataset)[column].tolist(),
                                       allowed)
    assert not found, "\n".join(map(str, found))


def test_a_planted_number_in_a_grade_reason_fails(allowed):
    reasons = ["one trial: not assessable",
               "few patients and relapses, far below the optimal information size",
               "49 patients and 18 relapses, far below the optimal information size"]
    found = typed_numbers_in_data_text("grade_judgements", "reason", reasons, allowed)
    assert [(f.number, f.line_no) for f in found] == [("49", 4), ("18", 4)]
    assert str(found[0]).startswith("data:grade_judgements.reason:4: '49'")
