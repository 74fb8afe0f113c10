"""_ext/hidden_solutions.py: the student edition hides gated solutions completely.

Builds a two-exercise MyST page with Sphinx, once normally and once with
``hide_solutions = True``, and checks what reaches the HTML.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

PAGE = """# Exercises

:::{exercise}
:label: ex-one

What is two plus two?
:::

:::{solution-start} ex-one
:class: dropdown
:::

The answer is SECRET-FOUR.

:::{solution-end}
:::

Text between the exercises stays.

:::{exercise}
:label: ex-two

And three plus three?
:::

:::{solution} ex-two
The answer is SECRET-SIX.
:::

Closing text stays.
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[bool, str]:
    """HTML of the page built normally (False) and as the student edition (True)."""
    pages = {}
    for hide in (False, True):
        root = tmp_path_factory.mktemp(f"hide-{hide}")
        (root / "index.md").write_text(PAGE)
        (root / "conf.py").write_text(
            "import sys\n"
            f"sys.path.insert(0, {str(ROOT / '_ext')!r})\n"
            "extensions = ['myst_parser', 'sphinx_exercise', 'hidden_solutions']\n"
            "myst_enable_extensions = ['colon_fence']\n"
            f"hide_solutions = {hide}\n"
        )
        # A fresh process per build: Sphinx registers node classes globally.
        result = subprocess.run(
            [sys.executable, "-m", "sphinx", "-W", "-q", "-b", "html", str(root),
             str(root / "_build")],
            capture_output=True, text=True, check=False,
        )
        assert result.returncode == 0, result.stderr
        pages[hide] = (root / "_build" / "index.html").read_text(encoding="utf-8")
    return pages


@pytest.mark.parametrize("hide", [False, True])
def test_exercises_and_text_always_shown(built: dict[bool, str], hide: bool) -> None:
    html = built[hide]
    assert "What is two plus two?" in html
    assert "And three plus three?" in html
    assert "Text between the exercises stays." in html
    assert "Closing text stays." in html


def test_full_edition_shows_both_solutions(built: dict[bool, str]) -> None:
    assert "SECRET-FOUR" in built[False]
    assert "SECRET-SIX" in built[False]
    assert 'class="solution' in built[False]


def test_student_edition_shows_no_solution(built: dict[bool, str]) -> None:
    html = built[True]
    assert "SECRET-FOUR" not in html  # gated: everything from start to end removed
    assert "SECRET-SIX" not in html  # plain {solution}: dropped by sphinx-exercise itself
    assert 'class="solution' not in html
