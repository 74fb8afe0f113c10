"""Read a MyST chapter line by line, the way its structure puts each line on the page.

One reader for every check that looks at a chapter's text without building it: the
prose-number check (``tests/prose_numbers.py``) and the reading-time and exercise counts
(``scripts/reading_time.py``).  :func:`read` walks the source and says of each line what it
is; the callers decide what to keep and how to count it.

Kinds of :class:`Line`:

``prose``
    a line a reader sees as text: paragraph, heading, list item, table row, or a line in the
    body of a directive (admonition, exercise, solution, figure caption);
``title``
    the argument written after a directive's name (an admonition's title, a figure's path,
    a glue key, a solution's exercise label: the caller decides by ``directive``);
``option``
    one directive option (``:alt: ...`` or a key of a ``---`` YAML block): ``option`` holds
    its name and ``text`` its value;
``code``
    a line inside a code cell or another literal block (``options`` holds the cell's options);
``open`` / ``close``
    a directive opens (after its options are read) or closes; ``text`` is empty.

Dropped before anything is reported: the jupytext front matter, HTML comments (their line
breaks are kept, so line numbers stay those of the source) and target labels ``(name)=``.
A line inside a solution (a ``{solution}`` directive or between ``{solution-start}`` and
``{solution-end}``) has ``in_solution`` set.

>>> src = '''---
... jupytext: {}
... ---
... # Title
...
... ```{code-cell} ipython3
... :tags: [remove-cell]
... x = 1
... ```
...
... :::{note} A note
... Text <!-- hidden --> here.
... :::
... '''
>>> [(ln.no, ln.kind, ln.directive, ln.text) for ln in read(src) if ln.text.strip()]
... # doctest: +NORMALIZE_WHITESPACE
[(4, 'prose', '', '# Title'), (7, 'option', 'code-cell', ' [remove-cell]'),
 (8, 'code', 'code-cell', 'x = 1'), (11, 'title', 'note', ' A note'),
 (12, 'prose', 'note', 'Text  here.')]
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml

__all__ = ["LITERAL_DIRECTIVES", "Line", "read", "strip_comments"]

FENCE = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|~{3,}|:{3,})(?P<info>.*)$")
OPTION = re.compile(r"^\s*:(?P<name>[A-Za-z][\w-]*):(?P<value>.*)$")
LABEL = re.compile(r"^\s*\([\w.:-]+\)=\s*$")
COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
#: Directives whose body is literal text, never prose (a fence without ``{name}`` is one too).
LITERAL_DIRECTIVES = frozenset({"code-cell", "code-block", "code", "raw", "sourcecode"})


@dataclass(frozen=True)
class Line:
    """One line of a chapter and what it is (see the module's docstring)."""

    no: int
    kind: str
    text: str
    directive: str = ""
    option: str = ""
    options: Mapping[str, Any] = field(default_factory=dict)
    in_solution: bool = False


def strip_comments(text: str) -> str:
    """``text`` without HTML comments, each replaced by its line breaks."""
    return COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), text)


def _option_value(raw: str) -> Any:
    try:
        return yaml.safe_load(raw.strip() or "null")
    except yaml.YAMLError:
        return raw.strip()


def read(text: str) -> Iterator[Line]:
    """Every line of the MyST source ``text`` after the front matter, with its kind."""
    if not isinstance(text, str):
        raise TypeError(f"text must be the MyST source as a str, got {type(text).__name__}")
    lines = strip_comments(text).splitlines()
    i = 0
    if lines and lines[0].strip() == "---":  # jupytext front matter
        i = next((j + 1 for j in range(1, len(lines)) if lines[j].strip() == "---"), len(lines))
    # Open directives, innermost last: (closing fence, name, is a {solution}).
    stack: list[tuple[re.Pattern[str], str, bool]] = []
    gated = False  # between {solution-start} and {solution-end}

    def solution() -> bool:
        return gated or any(is_solution for _, _, is_solution in stack)

    def inner() -> str:
        return stack[-1][1] if stack else ""

    while i < len(lines):
        line, no = lines[i], i + 1
        if stack and stack[-1][0].match(line):
            _, name, _ = stack[-1]
            yield Line(no, "close", "", name, in_solution=solution())
            stack.pop()
            i += 1
            continue
        m = FENCE.match(line)
        if m and (m["info"].strip() or m["fence"][0] != ":"):
            fence, info = m["fence"], m["info"].strip()
            closing = re.compile(rf"^\s*{re.escape(fence[0])}{{{len(fence)},}}\s*$")
            name = info[1:].split("}", 1)[0] if info.startswith("{") else ""
            i += 1
            options: dict[str, Any] = {}
            option_lines: list[Line] = []
            if name and i < len(lines) and lines[i].strip() == "---":
                end = next((j for j in range(i + 1, len(lines)) if lines[j].strip() == "---"),
                           None)
                if end is not None:
                    block = yaml.safe_load("\n".join(lines[i + 1 : end])) or {}
                    if isinstance(block, dict):
                        options = block
                        for j in range(i + 1, end):
                            key, _, value = lines[j].partition(":")
                            option_lines.append(Line(j + 1, "option", value, name, key.strip()))
                    i = end + 1
            else:
                while name and i < len(lines) and (opt := OPTION.match(lines[i])):
                    options[opt["name"]] = _option_value(opt["value"])
                    option_lines.append(Line(i + 1, "option", opt["value"], name, opt["name"]))
                    i += 1
            if not name or name in LITERAL_DIRECTIVES:
                sol = solution()
                for option_line in option_lines:
                    yield Line(option_line.no, "option", option_line.text, name,
                               option_line.option, options, sol)
                while i < len(lines) and not closing.match(lines[i]):
                    yield Line(i + 1, "code", lines[i], name, options=options, in_solution=sol)
                    i += 1
                i += 1
                continue
            if name == "solution-start":
                gated = True
            elif name == "solution-end":
                gated = False
            stack.append((closing, name, name == "solution"))
            sol = solution()
            title = info.split("}", 1)[1] if "}" in info else ""
            yield Line(no, "title", title, name, options=options, in_solution=sol)
            for option_line in option_lines:
                yield Line(option_line.no, "option", option_line.text, name, option_line.option,
                           options, sol)
            yield Line(no, "open", "", name, options=options, in_solution=sol)
            continue
        i += 1
        if LABEL.match(line):
            continue
        yield Line(no, "prose", line, inner(), in_solution=solution())
