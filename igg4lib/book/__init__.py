"""The numbers each chapter puts into its prose, computed and formatted in one place.

Each chapter ``chapters/NAME.md`` that states numbers has a module ``igg4lib.book.NAME``
with a function ``facts()`` returning every value its prose, captions and alt text use,
keyed ``NAME_...`` and already formatted (strings from :mod:`igg4lib.book.format`, or plain
numbers where the chapter formats with a glue format spec). The chapter glues them all in
one removed cell::

    from igg4lib.book import glue_facts
    glue_facts("NAME")

so the reader never sees the plumbing, ``tests/test_book_facts.py`` checks every value
against ``data/`` without running a notebook, and ``tests/test_glue.py`` checks that the
executed notebook holds exactly these values.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Mapping
from typing import Literal

from igg4lib._validation import validated

__all__ = ["CHAPTERS", "chapter_facts", "glue_facts"]

#: The chapters that have a facts module ``igg4lib.book.<chapter>`` (every module of this
#: package except the shared helpers :mod:`~igg4lib.book.format` and
#: :mod:`~igg4lib.book.display`).
CHAPTERS: tuple[str, ...] = tuple(sorted(
    m.name for m in pkgutil.iter_modules(__path__)
    if not m.name.startswith("_") and m.name not in ("display", "format")
))

#: The name of a chapter with a facts module, e.g. ``"wins"``.
Chapter = Literal[CHAPTERS]  # type: ignore[valid-type]


@validated
def chapter_facts(chapter: Chapter) -> dict[str, object]:
    """The facts of one chapter: ``igg4lib.book.<chapter>.facts()``, with its keys checked.

    >>> facts = chapter_facts("ledger")
    >>> all(key.startswith("ledger_") for key in facts)
    True
    """
    module = importlib.import_module(f"igg4lib.book.{chapter}")
    facts = module.facts()
    if not isinstance(facts, Mapping):
        raise TypeError(f"igg4lib.book.{chapter}.facts() must return a mapping")
    wrong = [k for k in facts if not str(k).startswith(f"{chapter}_")]
    if wrong:
        raise ValueError(f"facts of {chapter!r} must be keyed '{chapter}_...'; got {wrong}")
    return dict(facts)


@validated
def glue_facts(chapter: Chapter) -> list[str]:
    """Glue every fact of ``chapter`` for the prose (no visible output); return the keys.

    In a plain Jupyter environment without myst-nb (a downloaded chapter notebook) there is
    no prose to fill in, so the facts are computed (which still checks them) but not glued.
    """
    facts = chapter_facts(chapter)
    try:
        from myst_nb import glue
    except ImportError:
        return sorted(facts)
    for key, value in facts.items():
        glue(key, value.item() if hasattr(value, "item") else value, display=False)
    return sorted(facts)


def _reading_lines(prefix: str, question: str) -> dict[str, str]:
    """``{prefix}_adopted``, ``{prefix}_alternative``, ``{prefix}_ruled_out``: one line each.

    The account of a reading of :mod:`igg4lib.readings` as the lines a page lists under its
    own words "Adopted:", "Alternative:" and "Ruled out:" (only the statuses present).
    """
    from igg4lib import readings

    return {
        f"{prefix}_{status.replace(' ', '_')}": text
        for status, text in readings.by_status(question).items()
    }
