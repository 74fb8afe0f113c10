"""Every chapter links a glossary term the first time its prose uses it.

Reads the terms of ``chapters/glossary.md`` (a glossary entry may have several term lines:
synonyms, such as an abbreviation and its long form, count as one term), finds the first use
of each term in the prose of every other chapter, and fails where that first use is not a
``{term}`` link. Prose is what a reader reads as text: code cells, fenced blocks, mathematics,
inline code, directive options, headings and the targets of roles (citations, glue keys,
references) are not prose. A term is matched as a whole word, in the singular or plural,
with a hyphen and a space counted alike; a term written in capitals (an abbreviation such
as GRADE) is matched in capitals only. The words of a longer term ("sceptical prior")
do not count as a use of a shorter one ("prior").
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = ROOT / "chapters"
GLOSSARY = CHAPTERS / "glossary.md"
#: Chapters that are not prose for a student to read in order (the glossary itself, the
#: generated bibliography).
SKIPPED = {"glossary", "bibliography"}

ROLE = re.compile(r"\{(?P<name>[a-z:]+)\}`(?P<body>[^`]*)`")


def glossary_terms(text: str) -> list[tuple[str, ...]]:
    """The glossary's entries, each as the tuple of its term lines (synonyms)."""
    block = re.search(r"```\{glossary\}\n(.*?)\n```", text, flags=re.S)
    if not block:
        raise ValueError("chapters/glossary.md has no glossary directive")
    entries: list[list[str]] = []
    previous_was_term = False
    for line in block.group(1).splitlines():
        if not line.strip() or line.startswith(":"):
            previous_was_term = False
            continue
        if not line.startswith(" "):
            if previous_was_term:
                entries[-1].append(line.strip())
            else:
                entries.append([line.strip()])
            previous_was_term = True
        else:
            previous_was_term = False
    return [tuple(e) for e in entries]


def prose(text: str) -> str:
    """The chapter with everything that is not prose blanked out (offsets kept)."""

    def blank(match: re.Match) -> str:
        return re.sub(r"[^\n]", " ", match.group(0))

    text = re.sub(r"\A---\n.*?\n---\n", blank, text, flags=re.S)  # front matter
    text = re.sub(r"^(`{3,}|~{3,})[^\n]*\n.*?^\1[ \t]*$", lambda m: _fence(m, blank), text,
                  flags=re.S | re.M)
    text = re.sub(r"\$\$.*?\$\$", blank, text, flags=re.S)
    text = re.sub(r"\$[^$\n]+\$", blank, text)
    text = re.sub(r"^#+ .*$", blank, text, flags=re.M)  # headings
    text = re.sub(r"^:{3,}.*$|^:[a-z-]+:.*$", blank, text, flags=re.M)  # directive lines
    text = re.sub(r"^\(.*\)=\s*$", blank, text, flags=re.M)  # labels

    def role_or_code(match: re.Match) -> str:
        if match.group("name") == "term":
            return match.group(0)  # a link: kept, and recognised as one
        return blank(match)  # another role's target, or inline code

    # one pass from left to right, so that a role's backticks never pair with another's
    text = re.sub(r"\{(?P<name>[a-z:]+)\}`[^`]*`|(?P<code>`[^`\n]*`)", role_or_code, text)
    text = re.sub(r"\]\([^)]*\)", blank, text)  # link targets
    return text


def _fence(match: re.Match, blank) -> str:
    """A fenced block: admonitions and exercises hold prose (their options do not); code
    cells, glue figures and other blocks do not."""
    head = match.group(0).split("\n", 1)[0]
    if re.match(r"^(`{3,}|~{3,})\{(admonition|note|tip|important|warning|"
                r"exercise|solution)\}", head):
        body = match.group(0)
        first, rest = body.split("\n", 1)
        return " " * len(first) + "\n" + rest[: -len(match.group(1))] + " " * len(match.group(1))
    return blank(match)


def _pattern(term: str) -> re.Pattern:
    words = [re.escape(w) for w in re.split(r"[- ]", term)]
    body = r"[- ]".join(words)
    flags = 0 if term.isupper() else re.IGNORECASE
    return re.compile(rf"(?<![\w-]){body}(?:s|es)?(?![\w-])", flags)


def unlinked_first_uses(text: str, entries: list[tuple[str, ...]]) -> list[str]:
    """The terms whose first use in ``text`` (a chapter) is not a ``{term}`` link."""
    return [f"{entry[0]!r} (line {text.count(chr(10), 0, start) + 1})"
            for entry, start, _ in first_unlinked(text, entries)]


def first_unlinked(text: str, entries: list[tuple[str, ...]]
                   ) -> list[tuple[tuple[str, ...], int, int]]:
    """(entry, start, end) of each term whose first use in ``text`` is not a link."""
    body = prose(text)
    links = [(m.start(), m.end(), m.group("body")) for m in ROLE.finditer(body)
             if m.group("name") == "term"]
    # the text of every link is the term's target (or "text <target>")
    linked_target = {}
    for start, end, inner in links:
        target = re.search(r"<([^>]+)>$", inner)
        linked_target[(start, end)] = (target.group(1) if target else inner).strip().lower()
    all_terms = sorted({t for entry in entries for t in entry}, key=len, reverse=True)
    found = []
    for entry in entries:
        names = {t.lower() for t in entry}
        # mask the plain uses of longer terms that contain one of this entry's terms
        masked = body
        for longer in all_terms:
            if longer.lower() in names or not any(
                _pattern(t).search(longer) for t in entry
            ):
                continue
            masked = _pattern(longer).sub(lambda m: " " * len(m.group(0)), masked)
        first = None
        for term in entry:
            for m in _pattern(term).finditer(masked):
                inside = next(((s, e) for s, e, _ in links if s <= m.start() < e), None)
                if inside and linked_target[inside] not in names:
                    continue  # inside a link to another term
                if first is None or m.start() < first[0]:
                    first = (m.start(), m.end(), inside)
                break
        if first is not None and first[2] is None:
            found.append((entry, first[0], first[1]))
    return found


ENTRIES = glossary_terms(GLOSSARY.read_text(encoding="utf-8"))
PAGES = sorted(p for p in CHAPTERS.glob("*.md") if p.stem not in SKIPPED)


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.stem)
def test_first_use_of_every_glossary_term_is_linked(path: Path) -> None:
    missing = unlinked_first_uses(path.read_text(encoding="utf-8"), ENTRIES)
    assert missing == [], (
        f"chapters/{path.name}: first use not linked with {{term}}: {', '.join(missing)}"
    )


def test_the_glossary_has_the_terms_the_statistics_sections_use() -> None:
    names = {t.lower() for entry in ENTRIES for t in entry}
    wanted = {"p-value", "credible interval", "prior", "posterior", "sceptical prior",
              "fixed effect", "random effects", "tau-squared", "i-squared", "cochran's q",
              "prediction interval", "hksj", "grade", "certainty of the evidence",
              "optimal information size", "holm method", "standardised difference", "auc",
              "calibration", "hazard ratio", "log-rank test", "non-inferiority margin",
              "open-label", "uln"}
    assert wanted <= names, sorted(wanted - names)


def test_a_planted_unlinked_first_use_fails() -> None:
    entries = [("odds ratio",), ("prior",), ("sceptical prior",), ("GRADE",)]
    linked = ("The {term}`odds ratio` is large; the odds ratio again.\n\n"
              "A {term}`sceptical prior` pulls it in; any {term}`prior` does.\n"
              "The graded scale is not GRADE, which is {term}`GRADE`.\n")
    assert unlinked_first_uses(linked, entries) == ["'GRADE' (line 4)"]
    fixed = linked.replace("is not GRADE, which", "is not it, which")
    assert unlinked_first_uses(fixed, entries) == []
    planted = "The odds ratio comes first.\n\nThen the {term}`odds ratio`.\n"
    assert unlinked_first_uses(planted, entries) == ["'odds ratio' (line 1)"]
    # code, mathematics, headings and glue keys are not prose
    not_prose = ("# An odds ratio heading\n\n```{code-cell} ipython3\nodds ratio\n```\n\n"
                 "$\\text{prior}$ and {glue:text}`x_prior` and `prior`.\n")
    assert unlinked_first_uses(not_prose, entries) == []
