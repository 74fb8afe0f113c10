"""The glue pattern: numbers in prose come from glued values, and those match the library.

For every paired chapter (``chapters/NAME.md`` with its executed ``notebooks/NAME.ipynb``):

1. every glue reference in the chapter (``{glue:text}`key```, ``{glue}`key```,
   ``{glue:md}`key```, and the ``glue:figure`` / ``glue`` directives) has a glued value in
   the executed notebook, so no sentence renders an empty or stale number;
2. every glued key is prefixed with the chapter's name and glued only once, so keys are
   unique across the book;
3. a chapter with a facts module ``igg4lib.book.NAME`` (whose ``facts()`` returns a dict of
   glue key -> value) must glue exactly those scalar keys, and the value stored in the
   committed notebook must print exactly as the library's value prints now. A stale
   notebook (data or library changed, chapter not re-executed) fails here.

nbval re-executes each notebook and compares all outputs; this test adds the link from the
glued numbers to the library and runs without a kernel, in well under a second.

To opt a chapter in to check 3, add ``igg4lib/book/NAME.py`` with ``facts()`` and glue
them in one removed cell::

    from igg4lib.book import glue_facts
    glue_facts("NAME")
"""

from __future__ import annotations

import importlib
import json
import re
from pathlib import Path

import pytest
from IPython.core.formatters import PlainTextFormatter

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = ROOT / "chapters"
NOTEBOOKS = ROOT / "notebooks"
RECORD = "application/papermill.record/"
ROLE = re.compile(r"\{glue(?::[a-z]+)?\}`([^`]+)`")
DIRECTIVE = re.compile(r"^\s*(?:`{3,}|:{3,})\{glue(?::[a-z]+)?\}\s+(\S+)", re.MULTILINE)


def paired_chapters() -> list[str]:
    return sorted(p.stem for p in CHAPTERS.glob("*.md") if "\njupytext:" in p.read_text()[:600])


def glue_references(name: str) -> set[str]:
    text = (CHAPTERS / f"{name}.md").read_text(encoding="utf-8")
    keys = {m.split(":", 1)[0].strip() for m in ROLE.findall(text)}
    return keys | set(DIRECTIVE.findall(text))


def glued_outputs(name: str) -> list[tuple[str, dict]]:
    """(key, data) for every glue output in the executed notebook, in order."""
    nb = json.loads((NOTEBOOKS / f"{name}.ipynb").read_text(encoding="utf-8"))
    found = []
    for cell in nb["cells"]:
        for out in cell.get("outputs", []):
            scrap = out.get("metadata", {}).get("scrapbook")
            if scrap:
                found.append((scrap["name"], out.get("data", {})))
    return found


def _plain(data: dict) -> str | None:
    text = data.get(RECORD + "text/plain")
    return "".join(text) if isinstance(text, list) else text


def _is_scalar_only(data: dict) -> bool:
    return set(data) == {RECORD + "text/plain"}


@pytest.fixture(params=paired_chapters())
def chapter(request):
    name = request.param
    if not (NOTEBOOKS / f"{name}.ipynb").exists():
        pytest.skip(f"notebooks/{name}.ipynb not generated yet")
    return name


def test_every_glue_reference_is_glued(chapter):
    glued = {key for key, _ in glued_outputs(chapter)}
    missing = glue_references(chapter) - glued
    assert not missing, f"chapters/{chapter}.md refers to keys never glued: {sorted(missing)}"


def test_glue_keys_are_prefixed_and_unique(chapter):
    keys = [key for key, _ in glued_outputs(chapter)]
    wrong = [k for k in keys if not k.startswith(f"{chapter}_")]
    assert not wrong, f"glue keys in {chapter} must start with '{chapter}_': {wrong}"
    repeated = sorted({k for k in keys if keys.count(k) > 1})
    assert not repeated, f"glue keys glued more than once in {chapter}: {repeated}"


def _library_values(name: str) -> dict | None:
    if not (ROOT / "igg4lib" / "book" / f"{name}.py").exists():
        return None
    return importlib.import_module(f"igg4lib.book.{name}").facts()


@pytest.mark.parametrize(
    "name", [n for n in paired_chapters() if (ROOT / "igg4lib" / "book" / f"{n}.py").exists()]
)
def test_glued_values_equal_library_values(name):
    expected = _library_values(name)
    if not (NOTEBOOKS / f"{name}.ipynb").exists():
        pytest.fail(f"igg4lib.{name}.glue_values() exists but notebooks/{name}.ipynb does not")
    fmt = PlainTextFormatter()
    glued = {key: data for key, data in glued_outputs(name) if _is_scalar_only(data)}
    assert set(glued) == set(expected), (
        f"glued scalars and igg4lib.book.{name}.facts() differ: "
        f"only glued {sorted(set(glued) - set(expected))}, "
        f"only in library {sorted(set(expected) - set(glued))}"
    )
    stale = {
        key: (_plain(glued[key]), fmt(value))
        for key, value in expected.items()
        if _plain(glued[key]) != fmt(value)
    }
    assert not stale, f"notebooks/{name}.ipynb is stale (notebook, library): {stale}"


def test_every_chapter_with_numbers_has_a_facts_module():
    """A paired chapter that glues anything gets its numbers from igg4lib.book.NAME."""
    missing = [
        n for n in paired_chapters()
        if glue_references(n) and not (ROOT / "igg4lib" / "book" / f"{n}.py").exists()
    ]
    assert not missing, f"chapters that glue without an igg4lib.book module: {missing}"


def test_ledger_chapter_opts_in():
    """The ledger chapter is the reference user of the pattern: it must stay opted in."""
    assert "ledger" in paired_chapters()
    values = _library_values("ledger")
    assert values and all(k.startswith("ledger_") for k in values)
    assert glue_references("ledger") <= set(values)


def test_reference_patterns_are_recognised():
    text = (
        "a {glue:text}`x_a:.1f` b {glue}`x_b` c {glue:md}`x_c`\n"
        "```{glue:figure} x_fig\n:name: f\n```\n:::{glue:figure} x_fig2\n:::\n"
    )
    keys = {m.split(":", 1)[0] for m in ROLE.findall(text)} | set(DIRECTIVE.findall(text))
    assert keys == {"x_a", "x_b", "x_c", "x_fig", "x_fig2"}
