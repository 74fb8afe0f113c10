"""Exercises: numbered within their chapter, with an audience line, some without code.

- Numbering: every part of ``_toc.yml`` numbers its chapters and ``numfig_secnum_depth`` is 1,
  so sphinx-exercise numbers exercises "Exercise <chapter>.<n>"; when a built book is present
  (``_build/html``, and the student edition under ``_build/student``), its pages are read to
  check that the numbers restart in each chapter. No book is built here.
- The instructor guide's routes (``chapters/generated/exercise_routes.md``) are written from
  the exercises' audience-and-time lines and must be current.
- Marked ``readability`` (run with every other test; ``-m readability`` runs them alone):
  every exercise carries an audience-and-time line, and every chapter with exercises has at
  least two answerable without code.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import reading_time as rt  # noqa: E402

BUILDS = {
    "full": ROOT / "_build" / "html",
    "student": ROOT / "_build" / "student" / "_build" / "html",
}
CHAPTERS = rt.toc_chapters()
WITH_EXERCISES = [c for c in CHAPTERS if rt.count_chapter(c).exercises]
H1_NUMBER = re.compile(r'<h1[^>]*>\s*<span class="section-number">(\d+)\.\s*</span>')
EXERCISE_NUMBER = re.compile(
    r'<div class="exercise admonition[^"]*" id="(?P<label>[^"]+)"[^>]*>\s*'
    r'<p class="admonition-title">\s*<span class="caption-number">Exercise (?P<number>[\d.]+)\s*'
)


def test_every_part_numbers_its_chapters():
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    parts = toc["parts"]
    unnumbered = [p["caption"] for p in parts if not p.get("numbered")]
    assert not unnumbered, (
        f"parts {unnumbered} do not number their chapters: their exercises would be numbered "
        "through the whole book instead of within each chapter (add `numbered: 1`)"
    )
    # Depth 1: chapter titles are numbered, their sections are not.
    assert all(p["numbered"] in (1, True) for p in parts)


def test_exercise_numbers_take_one_level_of_chapter_number():
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    sphinx = config["sphinx"]["config"]
    assert sphinx.get("numfig_secnum_depth") == 1
    assert (config.get("html") or {}).get("use_multitoc_numbering", True) is True, (
        "chapter numbers must continue across parts"
    )


def _page_numbers(html: str) -> tuple[int | None, list[tuple[str, str]]]:
    h1 = H1_NUMBER.search(html)
    found = [(m["label"], m["number"]) for m in EXERCISE_NUMBER.finditer(html)]
    return (int(h1[1]) if h1 else None), found


@pytest.mark.browser  # reads the built pages: runs in the test command's browser step
@pytest.mark.parametrize("edition", sorted(BUILDS))
def test_rendered_exercises_restart_in_each_chapter(edition):
    html_dir = BUILDS[edition]
    if not (html_dir / "index.html").exists():
        pytest.skip(f"no built {edition} book at {html_dir.relative_to(ROOT)}")
    chapter_numbers = []
    for chapter in WITH_EXERCISES:
        page = html_dir / "chapters" / f"{chapter}.html"
        if not page.exists():
            pytest.skip(f"{page.relative_to(ROOT)} missing: the build is older than the chapters")
        number, exercises = _page_numbers(page.read_text(encoding="utf-8"))
        assert number is not None, f"{chapter}: the chapter title carries no number"
        expected = [f"{number}.{i}" for i in range(1, len(exercises) + 1)]
        assert [n for _, n in exercises] == expected, f"{edition} edition, {chapter}"
        assert len(exercises) == len(rt.count_chapter(chapter).exercises), chapter
        chapter_numbers.append(number)
    assert len(chapter_numbers) >= 2
    assert chapter_numbers == sorted(set(chapter_numbers)), "chapter numbers repeat or go back"


def test_page_parser_reads_numbers():
    html = (
        '<h1><span class="section-number">3. </span>Remission induction</h1>'
        '<div class="exercise admonition" id="induction-ex-nnt">\n'
        '<p class="admonition-title"><span class="caption-number">Exercise 3.2 </span></p>'
    )
    assert _page_numbers(html) == (3, [("induction-ex-nnt", "3.2")])


def test_instructor_guide_routes_are_current():
    current = rt.ROUTES_FILE.read_text(encoding="utf-8")
    assert current == rt.routes_markdown(), (
        "chapters/generated/exercise_routes.md is out of date: run "
        "`.venv/bin/python scripts/reading_time.py --write-routes` and commit it"
    )


def _route_chapters(text: str, key: str) -> list[str]:
    block = text.split(f"<!-- route: {key} -->", 1)[1].split(f"<!-- end route: {key} -->")[0]
    return re.findall(r"^- \{doc\}`([^`]+)`", block, flags=re.M)


def test_every_chapter_whose_exercises_name_an_audience_is_in_its_route():
    """Read from the chapters' own lines, independently of the generator's filter."""
    routes = rt.ROUTES_FILE.read_text(encoding="utf-8")
    line = re.compile(r"^\*(?P<mode>[^*·]+?) · (?P<audience>[^*·]+?) · [^*·]+\*$", re.M)
    for route in rt.ROUTES:
        listed = _route_chapters(routes, route.key)
        for chapter in rt.toc_chapters():
            path = ROOT / "chapters" / f"{chapter}.md"
            if not path.is_file() or (route.only and chapter not in route.only):
                continue
            names = [
                m for m in line.finditer(path.read_text(encoding="utf-8"))
                if any(a in m["audience"] for a in route.audiences)
                and (not route.no_code_only or m["mode"].lower().startswith("no code"))
            ]
            assert bool(names) == (chapter in listed), (route.key, chapter)
    # the chapters the routes used to skip
    assert "risk" in _route_chapters(routes, "clinical")
    assert "maintenance" in _route_chapters(routes, "methods")
    assert "maintenance" in _route_chapters(routes, "medical-students")


def test_instructor_guide_includes_every_route():
    guide = (ROOT / "chapters" / "instructor_guide.md").read_text(encoding="utf-8")
    for route in rt.ROUTES:
        assert f":start-after: <!-- route: {route.key} -->" in guide, route.key
        assert f":end-before: <!-- end route: {route.key} -->" in guide, route.key


@pytest.mark.readability
@pytest.mark.parametrize("chapter", WITH_EXERCISES)
def test_every_exercise_says_who_it_is_for_and_how_long(chapter):
    missing = [e.label for e in rt.count_chapter(chapter).exercises if e.minutes is None]
    assert not missing, (
        f"chapters/{chapter}.md: exercises {missing} do not open with an audience-and-time "
        "line such as *No code · clinicians · 5 min*"
    )


@pytest.mark.readability
@pytest.mark.parametrize("chapter", WITH_EXERCISES)
def test_chapter_has_two_exercises_without_code(chapter):
    count = rt.count_chapter(chapter)
    assert count.no_code_exercises >= 2, (
        f"chapters/{chapter}.md has {count.no_code_exercises} exercise(s) answerable without "
        "code; at least two must open with *No code · <audience> · <time>*"
    )
