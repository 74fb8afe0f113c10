"""The one MyST line reader behind the prose-number check and the reading-time counts."""

from __future__ import annotations

import doctest
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import myst_lines  # noqa: E402
import reading_time  # noqa: E402


@pytest.mark.parametrize("module", [myst_lines, reading_time], ids=lambda m: m.__name__)
def test_doctests_of_the_scripts(module):
    """The scripts are not collected by pytest's doctest run (it covers igg4lib and tests)."""
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0
    assert result.failed == 0


SOURCE = """---
jupytext: {}
---
(sec-label)=
# Heading 1

<!-- a comment
over two lines -->
Prose on line 9.

```{figure} images/plot.png
---
alt: Alt text 12
name: fig-x
---
Caption 16.
```

:::{exercise}
:label: ex-1

*No code · students · 5 min*
:::

:::{solution-start} ex-1
:class: dropdown
:::
Answer 28.
```{code-cell} ipython3
x = 30
```
:::{solution-end}
:::

```python
print(36)
```
"""


def _lines() -> list[myst_lines.Line]:
    return list(myst_lines.read(SOURCE))


def test_line_numbers_are_those_of_the_source():
    prose = {ln.no: ln.text for ln in _lines() if ln.kind == "prose" and ln.text.strip()}
    assert prose[5] == "# Heading 1"
    assert prose[9] == "Prose on line 9."  # the comment's line breaks are kept
    assert prose[16] == "Caption 16."
    assert prose[28] == "Answer 28."
    assert 4 not in prose  # a target label is not prose


def test_yaml_option_blocks_are_options_not_prose():
    options = {(ln.option, ln.text.strip()) for ln in _lines() if ln.kind == "option"}
    assert ("alt", "Alt text 12") in options
    assert ("name", "fig-x") in options
    assert not any(ln.kind == "prose" and "alt:" in ln.text for ln in _lines())
    opened = [ln for ln in _lines() if ln.kind == "open" and ln.directive == "figure"]
    assert opened[0].options == {"alt": "Alt text 12", "name": "fig-x"}


def test_solutions_between_start_and_end_are_marked():
    by_no = {ln.no: ln for ln in _lines() if ln.kind in ("prose", "code")}
    assert by_no[28].in_solution and by_no[30].in_solution
    assert by_no[30].kind == "code" and by_no[30].directive == "code-cell"
    assert not by_no[22].in_solution  # the exercise itself
    assert not by_no[9].in_solution


def test_literal_blocks_are_code():
    code = [ln for ln in _lines() if ln.text.strip() == "print(36)"]
    assert code and code[0].kind == "code" and code[0].directive == ""


def test_directives_open_and_close_in_order():
    events = [(ln.kind, ln.directive) for ln in _lines() if ln.kind in ("open", "close")]
    assert events[:4] == [("open", "figure"), ("close", "figure"), ("open", "exercise"),
                          ("close", "exercise")]


def test_refuses_what_is_not_text():
    with pytest.raises(TypeError, match="text must be the MyST source"):
        list(myst_lines.read(b"# bytes"))
