"""How long each chapter takes to read, how much code it shows, and who its exercises are for.

    python scripts/reading_time.py                   # the main chapters
    python scripts/reading_time.py --all             # every chapter in chapters/
    python scripts/reading_time.py induction risk    # named chapters
    python scripts/reading_time.py --exercises       # every exercise with its audience line
    python scripts/reading_time.py --write-routes    # regenerate the instructor guide's routes

It reads the MyST source ``chapters/NAME.md`` (nothing is executed) with the book's one line
reader, ``scripts/myst_lines.py`` (shared with the prose-number check), and counts:

- **words**: prose a reader sees on the page: paragraphs, headings, lists, tables, admonition
  and exercise text. Not counted: the jupytext front matter, code cells and other code
  blocks, directive options (``:label:``, ``:tags:``, ``:alt:``), target labels, HTML
  comments, and the text of hidden solutions (counted apart as *solution words*). A role
  keeps its visible text (``{term}`relapse``` is one word); a role whose text is generated
  (a glued number, a citation, a cross-reference) and inline code or maths count as one word.
- **minutes**: words / 200, the reading speed the instructor guide assumes.
- **visible code lines**: non-blank lines of code cells outside solutions whose tags contain
  neither ``remove-cell`` nor ``remove-input`` (``hide-input`` cells count: their code is one
  click away). Code inside hidden solutions is counted apart.
- **exercises**, and how many are answerable without code: an exercise whose first line is the
  audience-and-time line in italics, ``*No code · clinicians · 5 min*``.

The audience-and-time line has three parts separated by `` · ``: how the exercise is answered
(``No code``, ``Little code``, ``Python``, ...), who it is for, and how long it takes. The
instructor guide's routes (``chapters/generated/exercise_routes.md``, included by
``chapters/instructor_guide.md``) are written from these lines by :func:`routes_markdown`;
``tests/test_exercises.py`` fails when that file is out of date.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

import myst_lines

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = ROOT / "chapters"
ROUTES_FILE = CHAPTERS / "generated" / "exercise_routes.md"

#: The chapters a reader comes for: the visible-code budget and the exercise mix apply to them.
MAIN_CHAPTERS: tuple[str, ...] = (
    "background",
    "diagnosis",
    "induction",
    "risk",
    "wins",
    "maintenance",
)
WORDS_PER_MINUTE = 200
#: Tags that take a code cell's source off the page.
REMOVING_TAGS = frozenset({"remove-cell", "remove-input"})
NO_CODE = "no code"

DISPLAY_MATH = re.compile(r"\$\$.*?\$\$", re.DOTALL)
#: ``*mode · audience · time*``, the first line of an exercise.
AUDIENCE_LINE = re.compile(
    r"^\s*\*(?P<mode>[^*·]+?)\s+·\s+(?P<audience>[^*·]+?)\s+·\s+(?P<time>[^*·]+?)\*\s*$"
)
MINUTES = re.compile(r"^(?P<low>\d+)(?:\s*[-–]\s*(?P<high>\d+))?\s*min(?:utes?)?$")

# Roles whose visible text is written in the source: keep the text (before any <target>).
TEXT_ROLE = re.compile(r"\{(?:term|doc|ref|abbr|sub|sup|download)\}`(?P<text>[^`<]*)(?:<[^`]*>)?`")
# Any other role (glue, cite, numref, eq, math, ...): its text is generated; one word.
OTHER_ROLE = re.compile(r"\{[A-Za-z][\w:.-]*\}`[^`]*`")
INLINE_CODE = re.compile(r"``[^`]+``|`[^`]+`")
INLINE_MATH = re.compile(r"(?<![\\$])\$[^$\n]+?\$")
LINK = re.compile(r"!?\[(?P<text>[^\]]*)\]\([^)]*\)")
TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
WORD = re.compile(r"[^\W_](?:[\w’'.-]*[^\W_])?")


@dataclass(frozen=True)
class Exercise:
    """One ``{exercise}`` directive of a chapter and its audience-and-time line, if any."""

    chapter: str
    label: str | None
    first_line: str

    @property
    def parts(self) -> dict[str, str] | None:
        """Mode, audience and time of the audience-and-time line, or None without one.

        >>> Exercise("x", "x-ex", "*No code · clinicians · 5 min*").parts["audience"]
        'clinicians'
        >>> Exercise("x", "x-ex", "Compute the risk difference.").parts is None
        True
        """
        m = AUDIENCE_LINE.match(self.first_line)
        return {k: v.strip() for k, v in m.groupdict().items()} if m else None

    @property
    def no_code(self) -> bool:
        """True when the audience-and-time line says the exercise needs no code.

        >>> Exercise("x", None, "*No code · clinicians and students · 10 min*").no_code
        True
        >>> Exercise("x", None, "*Little code · students · 10 min*").no_code
        False
        """
        parts = self.parts
        return parts is not None and parts["mode"].lower() == NO_CODE

    @property
    def minutes(self) -> tuple[int, int] | None:
        """(shortest, longest) time in minutes from the audience-and-time line.

        >>> Exercise("x", None, "*Python · students · 10–15 min*").minutes
        (10, 15)
        >>> Exercise("x", None, "*Python · students · 10 min*").minutes
        (10, 10)
        """
        parts = self.parts
        m = MINUTES.match(parts["time"]) if parts else None
        if m is None:
            return None
        low = int(m["low"])
        return low, int(m["high"] or low)


@dataclass
class ChapterCount:
    """What :func:`count_chapter` finds in one chapter's source."""

    chapter: str
    words: int = 0
    solution_words: int = 0
    visible_code_lines: int = 0
    removed_code_lines: int = 0
    solution_code_lines: int = 0
    exercises: list[Exercise] = field(default_factory=list)

    @property
    def minutes(self) -> float:
        return self.words / WORDS_PER_MINUTE

    @property
    def no_code_exercises(self) -> int:
        return sum(e.no_code for e in self.exercises)


def _words(line: str) -> int:
    """Words a reader sees in one line of MyST prose.

    >>> _words("Relapse was {glue:text}`x_pct`% in {term}`IgG4-related disease` {cite:p}`a`.")
    7
    >>> _words("| Chapter | Reading |")
    2
    >>> _words("See [the data](data.md) and `data.load`.")
    5
    """
    line = TEXT_ROLE.sub(lambda m: f" {m['text']} ", line)
    line = OTHER_ROLE.sub(" X ", line)
    line = INLINE_CODE.sub(" X ", line)
    line = INLINE_MATH.sub(" X ", line)
    line = LINK.sub(lambda m: f" {m['text']} ", line)
    if TABLE_RULE.match(line):
        return 0
    return len(WORD.findall(line))


def _tags(options: dict) -> set[str]:
    tags = options.get("tags") or []
    if isinstance(tags, str):
        tags = [tags]
    return {str(t) for t in tags}


def count_text(chapter: str, text: str) -> ChapterCount:
    """Count words, code lines and exercises in the MyST source ``text`` of ``chapter``.

    >>> src = '''---
    ... jupytext: {}
    ... ---
    ... # Title here
    ...
    ... ```{code-cell} ipython3
    ... :tags: [remove-cell]
    ... x = 1
    ... ```
    ...
    ... ```{code-cell} ipython3
    ... y = 2
    ...
    ... y
    ... ```
    ...
    ... :::{exercise}
    ... :label: t-ex
    ...
    ... *No code · clinicians · 5 min*
    ...
    ... Say why.
    ... :::
    ...
    ... :::{solution-start} t-ex
    ... :class: dropdown
    ... :::
    ... Because of this.
    ... ```{code-cell} ipython3
    ... z = 3
    ... ```
    ... :::{solution-end}
    ... :::
    ... '''
    >>> c = count_text("t", src)
    >>> (c.words, c.solution_words, c.visible_code_lines, c.removed_code_lines)
    (9, 3, 2, 1)
    >>> (c.solution_code_lines, len(c.exercises), c.no_code_exercises, c.exercises[0].label)
    (1, 1, 1, 't-ex')
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be the MyST source as a str, got {type(text).__name__}")
    text = DISPLAY_MATH.sub(lambda m: " X " + "\n" * m.group(0).count("\n"),
                            myst_lines.strip_comments(text))
    count = ChapterCount(chapter)
    pending_exercise: dict | None = None  # an exercise whose first body line is still to come
    for line in myst_lines.read(text):
        if line.kind == "code":
            if line.directive == "code-cell" and line.text.strip():
                if line.in_solution:
                    count.solution_code_lines += 1
                elif _tags(dict(line.options)) & REMOVING_TAGS:
                    count.removed_code_lines += 1
                else:
                    count.visible_code_lines += 1
        elif line.kind == "open" and line.directive in {"exercise", "exercise-start"}:
            label = line.options.get("label")
            pending_exercise = {"label": str(label) if label is not None else None}
        elif line.kind == "close" and line.directive in {"exercise", "exercise-start"}:
            if pending_exercise is not None:
                count.exercises.append(Exercise(chapter, pending_exercise["label"], ""))
                pending_exercise = None
        elif line.kind == "title" and not (
            line.directive in {"solution-start", "solution-end", "solution"}
            or line.directive.startswith(("glue", "figure", "image"))
        ):
            count.words += _words(line.text)
        elif line.kind == "prose":
            if pending_exercise is not None and line.text.strip():
                count.exercises.append(
                    Exercise(chapter, pending_exercise["label"], line.text.strip()))
                pending_exercise = None
            n = _words(line.text.lstrip("#>"))
            if line.in_solution:
                count.solution_words += n
            else:
                count.words += n
    return count


def count_chapter(chapter: str) -> ChapterCount:
    """:func:`count_text` of ``chapters/<chapter>.md``."""
    path = CHAPTERS / f"{chapter}.md"
    if not path.is_file():
        raise ValueError(f"chapter must name a file chapters/<chapter>.md, got {chapter!r}")
    return count_text(chapter, path.read_text(encoding="utf-8"))


def toc_chapters() -> list[str]:
    """Chapter names in the reading order of ``_toc.yml`` (the root page first)."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    files = [toc["root"]]
    for part in toc.get("parts", []):
        files += [c["file"] for c in part.get("chapters", [])]
    return [Path(f).name for f in files]


def report(counts: Iterable[ChapterCount]) -> str:
    """A plain-text table of the counts, one chapter a row."""
    head = (
        f"{'chapter':<16}{'words':>7}{'min':>6}{'sol.words':>10}{'code':>6}"
        f"{'sol.code':>9}{'removed':>8}{'exerc.':>7}{'no-code':>8}"
    )
    rows = [head, "-" * len(head)]
    for c in counts:
        rows.append(
            f"{c.chapter:<16}{c.words:>7}{c.minutes:>6.1f}{c.solution_words:>10}"
            f"{c.visible_code_lines:>6}{c.solution_code_lines:>9}{c.removed_code_lines:>8}"
            f"{len(c.exercises):>7}{c.no_code_exercises:>8}"
        )
    return "\n".join(rows)


# The instructor guide's routes. A route is written for an audience: it takes every chapter
# (in reading order) with an exercise whose audience-and-time line names that audience, and
# lists those exercises, so a chapter can never be left out of the route its exercises are
# written for. A route may keep to exercises without code, or to some chapters only.
@dataclass(frozen=True)
class Route:
    key: str
    #: audience words, any of which in an exercise's line puts it on the route
    audiences: tuple[str, ...]
    no_code_only: bool
    #: the chapters the route keeps to (None: every chapter of the book)
    only: tuple[str, ...] | None = None

    def takes(self, e: Exercise) -> bool:
        """True when exercise ``e`` belongs on this route.

        >>> Route("x", ("clinicians",), True).takes(
        ...     Exercise("x", None, "*No code · clinicians and students · 10 min*"))
        True
        >>> Route("x", ("methods readers",), False).takes(
        ...     Exercise("x", None, "*No code · clinicians · 10 min*"))
        False
        """
        parts = e.parts
        if parts is None or (self.no_code_only and not e.no_code):
            return False
        named = {a.strip() for a in re.split(r",| and ", parts["audience"])}
        return any(a in named for a in self.audiences)


ROUTES: tuple[Route, ...] = (
    Route("clinical", ("clinicians",), True),
    Route("methods", ("methods readers", "students"), False),
    Route("journal-club", ("clinicians", "methods readers"), True, only=("wins",)),
    Route("medical-students", ("students",), True),
)


def _minutes_text(low: int, high: int) -> str:
    return f"{low} min" if low == high else f"{low}–{high} min"


def _exercise_item(e: Exercise, with_mode: bool) -> str:
    ref = f"{{ref}}`{e.label}`" if e.label else "an unlabelled exercise"
    parts = e.parts
    if parts is None:
        return f"{ref} (audience and time not stated yet)"
    said = [parts["mode"].lower()] if with_mode else []
    return f"{ref} ({', '.join([*said, parts['audience'], parts['time']])})"


def routes_markdown(counts: dict[str, ChapterCount] | None = None) -> str:
    """The MyST text of ``chapters/generated/exercise_routes.md``, from the chapters' exercises.

    One block per route between ``<!-- route: KEY -->`` and ``<!-- end route: KEY -->``, which
    the instructor guide includes with ``start-after``/``end-before``.
    """
    if counts is None:
        counts = {c: count_chapter(c) for c in toc_chapters() if (CHAPTERS / f"{c}.md").is_file()}
    out = [
        "<!-- Written by scripts/reading_time.py --write-routes from the exercises' "
        "audience-and-time lines; do not edit by hand. -->",
        "",
    ]
    for route in ROUTES:
        out.append(f"<!-- route: {route.key} -->")
        low = high = unstated = 0
        for chapter, count in counts.items():
            if route.only is not None and chapter not in route.only:
                continue
            exercises = [e for e in count.exercises if route.takes(e)]
            if not exercises:
                continue
            items = "; ".join(_exercise_item(e, not route.no_code_only) for e in exercises)
            out.append(f"- {{doc}}`{chapter}`: {items}")
            for e in exercises:
                if e.minutes is None:
                    unstated += 1
                else:
                    low += e.minutes[0]
                    high += e.minutes[1]
        if low:
            but = " (not counting those whose time is not stated yet)" if unstated else ""
            out.append(f"- Time for these exercises: about {_minutes_text(low, high)}{but}")
        out.append(f"<!-- end route: {route.key} -->")
        out.append("")
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("chapters", nargs="*", help="chapter names (default: the main chapters)")
    parser.add_argument("--all", action="store_true", help="every chapter in the table of contents")
    parser.add_argument("--exercises", action="store_true", help="list every exercise")
    parser.add_argument(
        "--write-routes", action="store_true", help=f"rewrite {ROUTES_FILE.relative_to(ROOT)}"
    )
    args = parser.parse_args(argv)
    if args.write_routes:
        ROUTES_FILE.parent.mkdir(parents=True, exist_ok=True)
        ROUTES_FILE.write_text(routes_markdown(), encoding="utf-8")
        print(f"wrote {ROUTES_FILE.relative_to(ROOT)}")
        return 0
    names = args.chapters or (toc_chapters() if args.all else list(MAIN_CHAPTERS))
    counts = [count_chapter(n) for n in names]
    print(report(counts))
    total = sum(c.words for c in counts)
    print(
        f"\n{'total':<16}{total:>7}{total / WORDS_PER_MINUTE:>6.1f}"
        f"{'':>10}{sum(c.visible_code_lines for c in counts):>6}"
    )
    if args.exercises:
        print()
        for c in counts:
            for e in c.exercises:
                print(f"{c.chapter:<14}{e.label or '-':<34}{e.first_line[:60]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
