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
found is checked against the allow-list ``tests/prose_numbers_allowed.csv`` (a scope, a
regex searched in the line that must cover the number, and the reason). The scope is a
chapter or ``*``; the checks beyond the prose (exercise code, figure labels, data text shown
as prose, at the end of this module) use ``code:<chapter>``, ``figures`` and
``data:<data set>.<column>``.
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
        where = (f"{self.chapter}:{self.line_no}" if ":" in self.chapter
                 or self.chapter.startswith("figures") else
                 f"chapters/{self.chapter}.md:{self.line_no}")
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


# ---------------------------------------------------------------------------------------------
# beyond the prose: exercise code, figure labels, data text that renders as prose
#
# The same allow-list covers these, each scope named in its ``chapter`` column:
# ``code:<chapter>`` for the code of that chapter's exercises and solutions, ``figures`` for the
# labels and titles the plotting modules draw, ``data:<data set>.<column>`` for a text column
# of a data set that the book renders as prose. A ``*`` row covers every scope.

import ast  # noqa: E402

#: Text columns of data sets that a chapter renders as prose (the GRADE tables).
PROSE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("grade_judgements", "reason"),  # the reasons of the GRADE details table
)
#: Keyword arguments and methods of matplotlib whose text a reader sees in a figure.
LABEL_CALLS = frozenset({"set_xlabel", "set_ylabel", "set_title", "suptitle", "supxlabel",
                         "supylabel", "text", "annotate", "figtext", "set_xticklabels",
                         "set_yticklabels"})
LABEL_KEYWORDS = frozenset({"label", "title", "xlabel", "ylabel"})
PLOTS = ROOT / "igg4lib" / "plots"


def _check(scope: str, no: int, line: str, spans, allowed: list[Allowed]) -> list[Finding]:
    return [
        Finding(scope, no, number, line)
        for number, start, end in spans
        if not any(a.covers(scope, line, start, end) for a in allowed)
    ]


def exercise_code_lines(text: str) -> list[tuple[int, str]]:
    """(line number, code) of every code line inside an exercise or its solution."""
    out, depth = [], 0
    for line in myst_lines.read(text):
        if line.kind == "open" and line.directive in ("exercise", "exercise-start"):
            depth += 1
        elif line.kind == "close" and line.directive == "exercise":
            depth -= 1
        elif line.directive == "exercise-end" and line.kind == "open":
            depth = max(depth - 1, 0)
        elif line.kind == "code" and (line.in_solution or depth > 0):
            out.append((line.no, line.text))
    return out


def _is_code_convention(node: ast.Constant, parents: dict) -> bool:
    """A literal that is arithmetic of the code, not a quantity: the digits of ``round``, an
    index or slice bound, a step of 1 (``n + 1``, ``n += 1``, ``range(1, ...)``)."""
    parent = parents.get(node)
    if isinstance(parent, ast.Call) and getattr(parent.func, "id", "") == "round":
        return len(parent.args) == 2 and parent.args[1] is node
    if isinstance(parent, ast.Call) and getattr(parent.func, "id", "") == "range":
        return node.value in (0, 1) and parent.args and parent.args[0] is node
    if isinstance(parent, ast.Subscript) or isinstance(parent, ast.Slice):
        return isinstance(node.value, int)
    if isinstance(parent, (ast.BinOp, ast.AugAssign)) and isinstance(
            parent.op, (ast.Add, ast.Sub)):
        return node.value == 1
    return False


def _cells(lines: list[tuple[int, str]]) -> list[list[tuple[int, str]]]:
    cells: list[list[tuple[int, str]]] = []
    for no, code in lines:
        if cells and cells[-1][-1][0] == no - 1:
            cells[-1].append((no, code))
        else:
            cells.append([(no, code)])
    return cells


def _code_spans(cell: list[tuple[int, str]]) -> list[tuple[int, str, int, int]]:
    """(line number, number, start, end) of every number literal of a code cell that is not
    code arithmetic, and of every number in one of its strings."""
    source = "\n".join(code for _, code in cell)
    first = cell[0][0]
    try:
        tree = ast.parse(source)
    except SyntaxError:  # IPython syntax: every number of every line
        return [(no, m.group(0), m.start(), m.end())
                for no, code in cell for m in NUMBER.finditer(code)]
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    if any(isinstance(p, ast.Slice) for p in parents.values()):
        for node in ast.walk(tree):
            if isinstance(node, ast.Slice):
                for part in (node.lower, node.upper, node.step):
                    if part is not None:
                        parents[part] = node
    lines = source.split("\n")
    spans = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Constant) or isinstance(node.value, bool):
            continue
        no, line = first + node.lineno - 1, lines[node.lineno - 1]
        if isinstance(node.value, (int, float)):
            if not _is_code_convention(node, parents):
                spans.append((no, line[node.col_offset:node.end_col_offset], node.col_offset,
                              node.end_col_offset))
        elif isinstance(node.value, str) and node.lineno == node.end_lineno:
            text = line[node.col_offset:node.end_col_offset]
            spans += [(no, m.group(0), node.col_offset + m.start(), node.col_offset + m.end())
                      for m in NUMBER.finditer(text)]
    return sorted(spans, key=lambda s: (s[0], s[2]))


def typed_numbers_in_exercise_code(chapter: str, text: str,
                                   allowed: list[Allowed]) -> list[Finding]:
    """Every number typed into the code of an exercise or a solution, not allowed for
    ``code:<chapter>`` (a number the reader should read from ``data/`` instead)."""
    found = []
    for cell in _cells(exercise_code_lines(text)):
        lines = dict(cell)
        for no, number, start, end in _code_spans(cell):
            found += _check(f"code:{chapter}", no, lines[no], [(number, start, end)], allowed)
    return found


def label_texts(source: str) -> list[tuple[int, str]]:
    """(line number, text) of every string a figure shows: the literal parts of the strings
    passed to a label, title or text call (:data:`LABEL_CALLS`) or a ``label=`` / ``title=``
    keyword (:data:`LABEL_KEYWORDS`), f-strings included (their fields are computed)."""
    out = []

    def literal_parts(node: ast.AST) -> list[tuple[int, str]]:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return [(node.lineno, node.value)]
        if isinstance(node, ast.JoinedStr):
            return [(node.lineno, v.value) for v in node.values
                    if isinstance(v, ast.Constant) and isinstance(v.value, str)]
        if isinstance(node, ast.BinOp):
            return literal_parts(node.left) + literal_parts(node.right)
        return []

    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "attr", getattr(node.func, "id", ""))
        if name in LABEL_CALLS:
            for arg in node.args:
                out += literal_parts(arg)
        for kw in node.keywords:
            if kw.arg in LABEL_KEYWORDS:
                out += literal_parts(kw.value)
    return sorted(out)


def typed_numbers_in_figures(allowed: list[Allowed], sources: dict[str, str] | None = None,
                             ) -> list[Finding]:
    """Every number typed into a figure label or title of ``igg4lib/plots`` (scope
    ``figures``); ``sources`` maps a name to Python source, by default the plotting modules."""
    if sources is None:
        sources = {p.name: p.read_text(encoding="utf-8") for p in sorted(PLOTS.glob("*.py"))}
    found = []
    for name, source in sources.items():
        for no, text in label_texts(source):
            spans = [(m.group(0), m.start(), m.end()) for m in NUMBER.finditer(text)]
            found += [Finding(f"figures ({name})", f.line_no, f.number, f.line)
                      for f in _check("figures", no, text, spans, allowed)]
    return found


def typed_numbers_in_data_text(dataset: str, column: str, values,
                               allowed: list[Allowed]) -> list[Finding]:
    """Every number in a text column of a data set that renders as prose (scope
    ``data:<dataset>.<column>``); ``values`` are the column's cells in row order."""
    scope = f"data:{dataset}.{column}"
    found = []
    for i, value in enumerate(values, start=2):  # row 1 is the CSV header
        text = "" if value is None or value != value else str(value)
        spans = [(m.group(0), m.start(), m.end()) for m in NUMBER.finditer(text)]
        found += _check(scope, i, text, spans, allowed)
    return found
