"""Find numbers typed into a chapter's prose (used by ``tests/test_prose_numbers.py``).

A clinical number in the book is computed from ``data/`` and glued into the prose; a number
typed by hand can drift from the data without any test noticing. This scanner reads a MyST
chapter the way a reader sees it (with ``scripts/myst_lines.py``, the line reader it shares
with the reading-time counts) and reports every number that is not glued:

- kept: paragraphs, headings, list items, table cells, admonition and exercise bodies,
  directive titles, figure captions and ``:alt:`` texts;
- dropped: the jupytext front matter, code cells and other fenced code blocks, directive
  options other than ``alt`` (as ``:alt:`` lines or in a ``---`` block), glue roles,
  citations, cross-references, inline code, math, target labels, HTML comments, URLs and
  link targets.

A *number* is a run of digits (with decimal point or thousands comma) that is not attached
to a letter, so ``IgG4``, ``C3``, ``CD19`` and ``2x2`` are names, not numbers. Each number
found is checked against the allow-list ``tests/prose_numbers_allowed.csv`` (chapter or
``*``, a regex searched in the line that must cover the number, and the reason).
"""

from __future__ import annotations

import csv
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import myst_lines  # noqa: E402

ALLOWED = Path(__file__).resolve().parent / "prose_numbers_allowed.csv"

# Roles whose content is not prose: glue, citations, cross-references, maths, downloads.
DROPPED_ROLE = re.compile(
    r"\{(?:glue(?::[a-z]+)?|cite(?::[a-z]+)?|ref|numref|eq|doc|download|math|prf:ref|"
    r"label)\}`[^`]*`"
)
# Other roles ({term}, {abbr}, {sub}, ...) keep their visible text.
KEPT_ROLE = re.compile(r"\{[A-Za-z][\w:.-]*\}`(?P<text>[^`]*)`")
INLINE_CODE = re.compile(r"``[^`]+``|`[^`]+`")
DISPLAY_MATH = re.compile(r"\$\$.*?\$\$", re.DOTALL)
INLINE_MATH = re.compile(r"(?<![\\$])\$[^$]+?\$", re.DOTALL)
COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
URL = re.compile(r"https?://\S+|www\.\S+")
LINK_TARGET = re.compile(r"\]\([^)]*\)")
SUBSTITUTION = re.compile(r"\{\{[^}]*\}\}")
# Markup, not quantities: ordered-list markers and headings' hashes.
LIST_MARKER = re.compile(r"^\s*(?:[-*+]\s+)?\d+[.)]\s")
NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*(?![\w])")


@dataclass(frozen=True)
class Finding:
    chapter: str
    line_no: int
    number: str
    line: str

    def __str__(self) -> str:
        where = f"chapters/{self.chapter}.md:{self.line_no}"
        return f"{where}: {self.number!r} in {self.line.strip()!r}"


def prose_lines(text: str) -> list[tuple[int, str]]:
    """(line number, visible prose) for every line a reader sees as text."""
    text = COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    text = DISPLAY_MATH.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    text = INLINE_MATH.sub(lambda m: " " + "\n" * m.group(0).count("\n"), text)
    out: list[tuple[int, str]] = []
    for line in myst_lines.read(text):
        if line.kind == "prose":
            out.append((line.no, line.text))
        elif line.kind == "title" and line.text.strip() and not (
            # the argument of a glue directive is a key, of a figure or image a path
            line.directive.startswith("glue") or line.directive in {"figure", "image"}
        ):
            out.append((line.no, line.text))
        elif line.kind == "option" and line.option == "alt":
            out.append((line.no, line.text))
    cleaned = []
    for no, line in out:
        line = LIST_MARKER.sub(" ", line)
        line = DROPPED_ROLE.sub(" ", line)
        line = KEPT_ROLE.sub(lambda m: m["text"], line)
        line = INLINE_CODE.sub(" ", line)
        line = INLINE_MATH.sub(" ", line)
        line = SUBSTITUTION.sub(" ", line)
        line = URL.sub(" ", line)
        line = LINK_TARGET.sub("]", line)
        cleaned.append((no, line))
    return cleaned


@dataclass(frozen=True)
class Allowed:
    chapter: str
    pattern: re.Pattern[str]
    reason: str

    def covers(self, chapter: str, line: str, start: int, end: int) -> bool:
        if self.chapter not in ("*", chapter):
            return False
        return any(m.start() <= start and end <= m.end() for m in self.pattern.finditer(line))


def load_allowed(path: Path = ALLOWED) -> list[Allowed]:
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    allowed = []
    for i, row in enumerate(rows, start=2):
        if set(row) != {"chapter", "pattern", "reason"}:
            raise ValueError(f"{path.name}: columns must be chapter, pattern, reason")
        if len((row["reason"] or "").strip()) < 10:
            raise ValueError(f"{path.name} row {i}: every entry needs a reason")
        allowed.append(Allowed(row["chapter"], re.compile(row["pattern"]), row["reason"]))
    return allowed


def typed_numbers(chapter: str, text: str, allowed: list[Allowed]) -> list[Finding]:
    """Every number in the prose of ``text`` that no allow-list entry covers."""
    found = []
    for no, line in prose_lines(text):
        for m in NUMBER.finditer(line):
            if not any(a.covers(chapter, line, m.start(), m.end()) for a in allowed):
                found.append(Finding(chapter, no, m.group(0), line))
    return found
