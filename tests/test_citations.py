"""Citations: every entry of references.bib is cited in a chapter, and every citation resolves.

The book cites with MyST roles (``{cite:p}`key```, ``{cite:t}`a,b```, ...). The Sphinx
build with ``-W`` also fails on an unknown key, but only when the whole book is built; this
test names the chapter and the key in a second, and it alone catches an entry that nobody
cites (sphinxcontrib-bibtex silently leaves those out of the bibliography).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pybtex.database import parse_file

ROOT = Path(__file__).resolve().parent.parent
BIB = ROOT / "references.bib"
CHAPTERS = ROOT / "chapters"

# Any MyST role: {name} or {domain:name} directly followed by `content`.
ROLE = re.compile(r"\{(?P<name>[A-Za-z][\w:.-]*)\}`(?P<content>[^`]*)`")
# {cite}, {cite:p}, {cite:t}, {cite:ps}, {cite:ts}, {cite:alp}, {cite:year}, ...
CITE = re.compile(r"cite(?::[a-z]+)?")
# An opening code fence: three or more backticks or tildes, then the info string.
FENCE = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})(?P<info>.*)$")


def strip_code_examples(text: str) -> str:
    """Remove plain fenced code blocks, keep MyST directives.

    A fence whose info string starts with ``{`` is a directive (``{glossary}``,
    ``{admonition}``, ``{code-cell}``, ...) whose body is part of the book, so it is kept;
    any other fenced block (```` ```md ````, ```` ```bash ````, ...) only shows syntax and is
    dropped, so an example such as ``{cite:p}`key``` in the instructor guide is not taken
    for a citation.
    """
    kept: list[str] = []
    directives: list[re.Pattern[str]] = []  # closing fences of the open directives
    skipping: re.Pattern[str] | None = None  # closing fence of the plain block being dropped
    for line in text.splitlines():
        if skipping is not None:
            if skipping.match(line):
                skipping = None
            continue
        if directives and directives[-1].match(line):
            directives.pop()  # the fence lines themselves are not text
            continue
        match = FENCE.match(line)
        if match:
            fence = match["fence"]
            closing = re.compile(rf"^ {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}\s*$")
            if match["info"].strip().startswith("{"):
                directives.append(closing)
                # keep the directive's argument (a title may cite), not the fence
                kept.append(match["info"].strip().split("}", 1)[-1])
            else:
                skipping = closing
            continue
        kept.append(line)
    return "\n".join(kept)


def cited_keys(text: str) -> list[str]:
    """Every key cited in a MyST text, in order, comma-separated lists split.

    >>> cited_keys("as shown {cite:p}`wang2018, peng2024` and by {cite:t}`walsh2014`.")
    ['wang2018', 'peng2024', 'walsh2014']
    """
    keys: list[str] = []
    text = strip_code_examples(text)
    i = 0
    # Left to right, as a Markdown parser reads: a role starts with "{", so it is seen before
    # its backticks; any other backtick run opens a code span (an example of the syntax,
    # such as `{cite:p}`), which is skipped up to the closing run of the same length.
    while i < len(text):
        role = ROLE.match(text, i)
        if role:
            if CITE.fullmatch(role["name"]):
                keys.extend(k.strip() for k in role["content"].split(",") if k.strip())
            i = role.end()
        elif text[i] == "`":
            run = len(text[i:]) - len(text[i:].lstrip("`"))
            close = re.compile(rf"(?<!`)`{{{run}}}(?!`)").search(text, i + run)
            i = close.end() if close else i + run
        else:
            i += 1
    return keys


def chapter_citations() -> dict[str, list[str]]:
    return {
        md.name: cited_keys(md.read_text(encoding="utf-8"))
        for md in sorted(CHAPTERS.glob("*.md"))
    }


def bib_keys() -> set[str]:
    # pybtex raises on a malformed file or a duplicate key, which is a failure too.
    return set(parse_file(str(BIB), bib_format="bibtex").entries.keys())


# --- the parser itself -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("{cite:p}`wang2018`", ["wang2018"]),
        ("{cite}`wang2018`", ["wang2018"]),
        ("{cite:t}`peng2024`", ["peng2024"]),
        ("{cite:ps}`wang2018,peng2024`", ["wang2018", "peng2024"]),
        ("{cite:ts}`a2020 , b2021`", ["a2020", "b2021"]),
        ("two {cite:p}`a2020` roles {cite:t}`b2021` on a line", ["a2020", "b2021"]),
        ("no roles here, only `code` and {term}`odds ratio`", []),
        ("an example ``{cite:p}`example2000` `` in a code span", []),
        ("cite with `{cite:p}` and a key from `references.bib`", []),
        ("`{cite:p}` then {cite:p}`real2001`", ["real2001"]),
        ("{term}`odds ratio` and {cite:t}`walsh2014`", ["walsh2014"]),
        ("{citep}`notarole2000`", []),
        ("```md\nUse {cite:p}`example2000`.\n```\n{cite:p}`real2001`", ["real2001"]),
        ("````md\n```{code-cell}\n{cite:p}`x1999`\n```\n````\n{cite:t}`y2001`", ["y2001"]),
        ("```{admonition} Note\nSee {cite:p}`inside2019`.\n```", ["inside2019"]),
        ("```{glossary}\nterm\n  Defined {cite:p}`g2012`.\n```", ["g2012"]),
        ("```{note}\nA\n```\n\n```bash\nx {cite:p}`no2000`\n```\n{cite:p}`b2002`", ["b2002"]),
        ("```{note}\n{cite:p}`a2001`\n```\ntext {cite:p}`b2002`", ["a2001", "b2002"]),
    ],
)
def test_cited_keys_parses_roles(text: str, expected: list[str]) -> None:
    assert cited_keys(text) == expected


def test_unclosed_example_fence_hides_the_rest() -> None:
    # An unclosed plain fence runs to the end of the file, as in CommonMark.
    assert cited_keys("```\n{cite:p}`a2000`\n") == []


# --- the book -----------------------------------------------------------------------------


def test_bibliography_parses_and_is_not_empty() -> None:
    assert len(bib_keys()) >= 1


def test_every_citation_resolves() -> None:
    known = bib_keys()
    unknown = {
        chapter: sorted(set(keys) - known)
        for chapter, keys in chapter_citations().items()
        if set(keys) - known
    }
    assert not unknown, f"cited keys missing from references.bib: {unknown}"


def test_every_bib_entry_is_cited() -> None:
    cited = {k for keys in chapter_citations().values() for k in keys}
    uncited = sorted(bib_keys() - cited)
    assert not uncited, f"entries in references.bib that no chapter cites: {uncited}"


def test_dois_are_bare_and_well_formed() -> None:
    """DOIs are stored as ``10.xxxx/...`` (the style adds the resolver), never as a URL."""
    entries = parse_file(str(BIB), bib_format="bibtex").entries
    bad = {
        key: entry.fields["doi"]
        for key, entry in entries.items()
        if "doi" in entry.fields and not re.fullmatch(r"10\.\d{4,9}/\S+", entry.fields["doi"])
    }
    assert not bad, f"malformed DOIs: {bad}"


def _citation_style():
    import importlib.util

    spec = importlib.util.spec_from_file_location("citation_style",
                                                  ROOT / "_ext" / "citation_style.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_unread_authors_cite_by_title_and_et_al_takes_one_period() -> None:
    """Running text never shows "[[authors not read], 2019]"; a list never ends "et al..".

    The transform of ``_ext/citation_style.py`` on a small doctree: a citation whose author
    list was not read, and a bibliography entry whose author list ends "and others".
    """
    from docutils import nodes
    from docutils.utils import new_document

    style = _citation_style()
    doc = new_document("test")
    ref = nodes.reference("", "", nodes.Text("[authors not read], 2019"), reftitle=(
        "[authors not read]. Different clinical patterns of IgG4-RD patients with and "
        "without eosinophilia. Scientific Reports, 9(1):16483, 2019."))
    entry = nodes.citation("", nodes.paragraph("", "", nodes.Text(
        "Mollie N. Carruthers and others. Development of an IgG4-RD responder index.")))
    doc += nodes.paragraph("", "", ref)
    doc += entry
    style.et_al(None, doc, "chapters/risk")
    assert ref.astext() == "Different clinical patterns of IgG4-RD…, 2019"
    assert entry.astext() == (
        "Mollie N. Carruthers et al. Development of an IgG4-RD responder index.")
    assert "et al.." not in doc.astext()
