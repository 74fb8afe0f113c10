"""The bibliography is complete and says what was checked: one check per rule, each proven.

Rules (the header of ``references.bib`` states them for editors):

- every entry has the fields its type needs: an article its author, title, journal, year,
  volume and pages (or an article number in ``pages``); a ``misc`` its title and how it was
  published; every entry a ``verified`` field saying what was checked, where and when;
- a journal article is never a ``misc``: a ``misc`` has no journal, volume, pages or DOI and
  does not carry a journal citation in ``howpublished``;
- author lists follow one convention: complete where a complete list was read, otherwise
  ending in ``and others`` (never "et al."), with ``verified`` saying the list was not read;
  an author list that no text showed is the explicit marker ``{[authors not read]}``;
- a field the type cannot do without but that was not confirmed is named in ``unconfirmed``,
  and ``unconfirmed`` names only fields the entry has;
- DOIs are bare (``10.xxxx/...``), never a resolver URL.

Each rule is a function returning the problems it finds, so the same code checks the real
file and, in the second half, a copy of it with one planted defect per rule.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pybtex.database import BibliographyData, parse_string

ROOT = Path(__file__).resolve().parent.parent
BIB = ROOT / "references.bib"

ARTICLE_FIELDS = ("title", "journal", "year", "volume", "pages", "verified")
MISC_FIELDS = ("title", "howpublished", "verified")
# fields that make a misc a journal article in disguise
JOURNAL_FIELDS = ("journal", "volume", "number", "pages", "doi")
# "Sci Rep 2019;9:16483", "BMJ 1998; 317: 1309" ...
JOURNAL_CITATION = re.compile(r"\b(1[89]|20)\d{2}\s*;\s*\d+\s*(\(\d+\))?\s*:\s*\w+")
DOI = re.compile(r"10\.\d{4,9}/\S+")
NOT_READ_MARKER = "[authors not read]"
ET_AL = re.compile(r"\bet\.?\s*al\b", re.IGNORECASE)


def load(text: str) -> BibliographyData:
    # pybtex raises on a malformed file or a duplicate key, which is a failure too.
    return parse_string(text, bib_format="bibtex")


def author_names(entry) -> list[str]:
    """Names as written, with the braces of a corporate name removed."""
    return [
        str(person).replace("{", "").replace("}", "") for person in entry.persons.get("author", [])
    ]


def missing_fields(bib: BibliographyData) -> list[str]:
    problems = []
    for key, entry in bib.entries.items():
        kind = entry.type.lower()
        if kind == "article":
            if not entry.persons.get("author"):
                problems.append(f"{key}: article without author")
            needed = ARTICLE_FIELDS
        elif kind == "misc":
            if not entry.persons.get("author"):
                problems.append(f"{key}: misc without author (use a braced corporate name)")
            needed = MISC_FIELDS
        else:
            problems.append(f"{key}: entry type {kind!r} has no rule here; add one")
            continue
        problems += [
            f"{key}: {kind} without {name}"
            for name in needed
            if not entry.fields.get(name, "").strip()
        ]
        verified = entry.fields.get("verified", "")
        if verified and "read" not in verified:
            problems.append(f"{key}: verified does not say what was read")
    return problems


def misc_journal_articles(bib: BibliographyData) -> list[str]:
    problems = []
    for key, entry in bib.entries.items():
        if entry.type.lower() != "misc":
            continue
        present = [name for name in JOURNAL_FIELDS if name in entry.fields]
        if present:
            problems.append(
                f"{key}: misc with journal-article fields {present}: make it an article"
            )
        if JOURNAL_CITATION.search(entry.fields.get("howpublished", "")):
            problems.append(f"{key}: misc whose howpublished is a journal citation")
    return problems


def inconsistent_authors(bib: BibliographyData) -> list[str]:
    problems = []
    for key, entry in bib.entries.items():
        names = author_names(entry)
        verified = entry.fields.get("verified", "")
        for field in ("note", "verified", "title"):
            if ET_AL.search(entry.fields.get(field, "")):
                problems.append(f"{key}: 'et al.' in {field}; write 'and others' in author")
        if any(ET_AL.search(name) for name in names):
            problems.append(f"{key}: 'et al.' in the author list; write 'and others'")
        if "others" in names[:-1]:
            problems.append(f"{key}: 'others' before the last author")
        if names and names[-1] == "others":
            if len(names) == 1:
                problems.append(f"{key}: 'others' alone; use {{{NOT_READ_MARKER}}}")
            if "not read" not in verified:
                problems.append(
                    f"{key}: 'and others' but verified does not say the list was not read"
                )
        if NOT_READ_MARKER in names and ("authors not read" not in verified or len(names) > 1):
            problems.append(
                f"{key}: {NOT_READ_MARKER} must stand alone and be explained in verified"
            )
        if len(set(names)) != len(names):
            problems.append(f"{key}: an author appears twice")
    return problems


def bad_unconfirmed(bib: BibliographyData) -> list[str]:
    problems = []
    for key, entry in bib.entries.items():
        listed = [f.strip() for f in entry.fields.get("unconfirmed", "").split(",") if f.strip()]
        for name in listed:
            present = (name == "author" and entry.persons.get("author")) or name in entry.fields
            if not present:
                problems.append(f"{key}: unconfirmed names {name!r}, which the entry lacks")
        if listed and "not" not in entry.fields.get("verified", ""):
            problems.append(
                f"{key}: unconfirmed fields but verified does not say what was not read"
            )
    return problems


def bad_dois(bib: BibliographyData) -> list[str]:
    return [
        f"{key}: malformed DOI {entry.fields['doi']!r}"
        for key, entry in bib.entries.items()
        if "doi" in entry.fields and not DOI.fullmatch(entry.fields["doi"])
    ]


RULES = (missing_fields, misc_journal_articles, inconsistent_authors, bad_unconfirmed, bad_dois)


def all_problems(text: str) -> list[str]:
    bib = load(text)
    return [problem for rule in RULES for problem in rule(bib)]


# --- the book's bibliography --------------------------------------------------------------


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.__name__)
def test_bibliography_follows_rule(rule) -> None:
    problems = rule(load(BIB.read_text(encoding="utf-8")))
    assert not problems, "\n".join(problems)


def test_every_entry_renders_in_the_book_style() -> None:
    """The plain style the book uses raises on a missing required field; render them all."""
    from pybtex.plugin import find_plugin

    style = find_plugin("pybtex.style.formatting", "plain")()
    bib = load(BIB.read_text(encoding="utf-8"))
    rendered = [
        entry.text.render_as("text") for entry in style.format_entries(bib.entries.values())
    ]
    assert len(rendered) == len(bib.entries)
    assert not [text for text in rendered if ET_AL.search(text)]


def test_known_corrections_stay_corrected() -> None:
    """Defects found by reading the sources: a regression would bring them back."""
    bib = load(BIB.read_text(encoding="utf-8"))
    assert author_names(bib.entries["wang2018"])[0] == "Wang, Liwen"
    peng = author_names(bib.entries["peng2024"])
    assert {"Wu, Lijun", "Chen, Xiaomei", "Wang, Fang"} <= set(peng)
    assert bib.entries["scirep2019eosinophilia"].type == "article"


# --- the checks themselves: each fails on a planted defect ------------------------------

GOOD = r"""
@article{good2020,
  author   = {Doe, Jane and Roe, Richard},
  title    = {A title},
  journal  = {A Journal},
  year     = {2020},
  volume   = {1},
  pages    = {1--2},
  doi      = {10.1000/xyz123},
  verified = {all fields: publisher page (read 2026-11)}
}
"""


def plant(**changes: str) -> str:
    """The good entry with fields replaced ('' deletes a field)."""
    text = GOOD
    for name, value in changes.items():
        line = re.compile(rf"^  {name}\s*=.*$\n?", re.MULTILINE)
        new = f"  {name} = {{{value}}},\n" if value else ""
        text = (
            line.sub(new, text)
            if line.search(text)
            else text.replace("  verified", new + "  verified")
        )
    return text


def test_good_entry_passes() -> None:
    assert all_problems(GOOD) == []


@pytest.mark.parametrize(
    ("planted", "expected"),
    [
        (plant(volume=""), "without volume"),
        (plant(pages=""), "without pages"),
        (plant(verified=""), "without verified"),
        (plant(verified="looked fine"), "does not say what was read"),
        (plant(author=""), "without author"),
        (
            plant(author="Doe, Jane and others", verified="all fields (read 2026-11)"),
            "list was not read",
        ),
        (plant(author="others", verified="authors not read"), "'others' alone"),
        (
            plant(author="Doe, Jane and others and Roe, Richard", verified="list not read"),
            "before the last",
        ),
        (plant(author="Doe, Jane et al."), "'et al.'"),
        (plant(note="Doe et al. 2020"), "'et al.' in note"),
        (plant(author="Doe, Jane and Doe, Jane"), "appears twice"),
        (plant(author="{[authors not read]}"), "must stand alone"),
        (plant(unconfirmed="number", verified="volume not read"), "which the entry lacks"),
        (plant(unconfirmed="volume"), "does not say what was not read"),
        (plant(doi="https://doi.org/10.1000/xyz123"), "malformed DOI"),
        (plant(doi="10.1000"), "malformed DOI"),
        (
            GOOD.replace("@article", "@misc").replace(
                "  journal", "  howpublished = {x},\n  journal"
            ),
            "journal-article fields",
        ),
        (
            r"""@misc{news2024, author = {{A Hospital}}, title = {T},
            howpublished = {Scientific Reports 2019;9:16483}, verified = {title (read 2026-11)}}""",
            "howpublished is a journal citation",
        ),
        (r"""@book{b2000, author = {Doe, Jane}, title = {T}, verified = {read}}""", "has no rule"),
    ],
)
def test_checks_fail_on_planted_defect(planted: str, expected: str) -> None:
    problems = all_problems(planted)
    assert any(expected in problem for problem in problems), problems


def test_checks_fail_on_a_planted_defect_in_a_copy_of_the_real_file(tmp_path: Path) -> None:
    """The real file, copied, with wang2018's first author reverted to the old error."""
    copy = tmp_path / "references.bib"
    text = BIB.read_text(encoding="utf-8")
    copy.write_text(
        text.replace("Wang, Liwen and", "Wang, Liwen and others and", 1), encoding="utf-8"
    )
    assert any("wang2018" in p for p in all_problems(copy.read_text(encoding="utf-8")))
    copy.write_text(
        re.sub(r"@article\{scirep2019eosinophilia", "@misc{scirep2019eosinophilia", text),
        encoding="utf-8",
    )
    assert any(
        "scirep2019eosinophilia" in p for p in all_problems(copy.read_text(encoding="utf-8"))
    )
