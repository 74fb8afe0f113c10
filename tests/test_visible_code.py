"""Code that earns its place: each main chapter shows at most a few dozen lines of code.

The counts come from ``scripts/reading_time.py`` (its module docstring defines them): visible
code lines are the non-blank lines of code cells outside hidden solutions that are not tagged
``remove-cell`` or ``remove-input``. The budget test is marked ``readability`` (so it can be
run on its own with ``-m readability``) and runs with every other test.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import reading_time as rt  # noqa: E402

#: Visible code lines a main chapter may show (issue 14: "about 40").
MAX_VISIBLE_CODE_LINES = 45

PLANTED = """---
jupytext:
  formats: md:myst
---

# A chapter (with a heading)

Prose with {glue:text}`x_n` patients and a {term}`relapse <relapse>` {cite:p}`wang2018`.

```{code-cell} ipython3
:tags: [remove-cell]

from igg4lib.book import glue_facts
_ = glue_facts("x")
```

```{code-cell} ipython3
---
tags: [hide-input]
---
import pandas as pd

pd.DataFrame()
```

```{code-cell} ipython3
:tags: [remove-input]
fig = make_figure()
```

```{code-cell} ipython3
data.load("x")
```

```bash
python3 tasks.py build
```

:::{exercise}
:label: x-ex-one

*No code · clinicians · 5 min*

Would you treat?
:::

:::{solution-start} x-ex-one
:class: dropdown
:::

Yes, because the answer is here.

```{code-cell} ipython3
answer = 42
print(answer)
```

:::{solution-end}
:::

::::{exercise}
:label: x-ex-two

Compute it with `igg4lib`.
::::
"""


@pytest.fixture(scope="module")
def planted() -> rt.ChapterCount:
    return rt.count_text("x", PLANTED)


def test_visible_code_counts_only_cells_on_the_page(planted):
    # hide-input counts (two non-blank lines), remove-cell and remove-input do not,
    # nor does the bash block or the code inside the hidden solution.
    assert planted.visible_code_lines == 2 + 1
    assert planted.removed_code_lines == 2 + 1
    assert planted.solution_code_lines == 2


def test_words_leave_out_code_options_and_solutions(planted):
    # "A chapter with a heading" (5), the prose line (8: a glued value and a citation count
    # as one word each), the audience line (5), "Would you treat?" (3), "Compute it with X" (4).
    assert planted.words == 5 + 8 + 5 + 3 + 4
    assert planted.solution_words == len("Yes, because the answer is here.".split())
    assert planted.minutes == pytest.approx(planted.words / rt.WORDS_PER_MINUTE)


def test_exercises_and_their_audience_lines(planted):
    assert [e.label for e in planted.exercises] == ["x-ex-one", "x-ex-two"]
    assert [e.no_code for e in planted.exercises] == [True, False]
    assert planted.exercises[0].parts == {
        "mode": "No code",
        "audience": "clinicians",
        "time": "5 min",
    }
    assert planted.exercises[0].minutes == (5, 5)
    assert planted.exercises[1].parts is None


def test_counting_rejects_bad_input():
    with pytest.raises(TypeError, match="text must be the MyST source"):
        rt.count_text("x", b"bytes")
    with pytest.raises(ValueError, match="chapter must name a file"):
        rt.count_chapter("no-such-chapter")


def test_main_chapters_are_in_the_table_of_contents():
    assert set(rt.MAIN_CHAPTERS) <= set(rt.toc_chapters())


@pytest.mark.readability
@pytest.mark.parametrize("chapter", rt.MAIN_CHAPTERS)
def test_main_chapter_shows_little_code(chapter):
    count = rt.count_chapter(chapter)
    assert count.visible_code_lines <= MAX_VISIBLE_CODE_LINES, (
        f"chapters/{chapter}.md shows {count.visible_code_lines} lines of code; at most "
        f"{MAX_VISIBLE_CODE_LINES}. Tag set-up, glue, option and assertion cells "
        "`remove-cell`, plotting glue `remove-input`, and move longer logic into igg4lib."
    )
