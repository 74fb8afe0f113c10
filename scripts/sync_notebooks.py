"""Regenerate and execute notebooks/NAME.ipynb from chapters/NAME.md.

The Markdown chapter is the source of truth; the notebook is derived from it, executed in
``notebooks/`` (as nbval later re-executes it) and written without timing metadata so that
two runs give the same file.

    python scripts/sync_notebooks.py            # every paired chapter
    python scripts/sync_notebooks.py risk wins  # only these chapters
"""

from __future__ import annotations

import hashlib
import sys
import time
from pathlib import Path

import jupytext
import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = ROOT / "chapters"
NOTEBOOKS = ROOT / "notebooks"


def paired_chapters() -> list[Path]:
    """Chapters with a jupytext header (plain Markdown pages are not paired)."""
    return sorted(p for p in CHAPTERS.glob("*.md") if "\njupytext:" in p.read_text()[:600])


def sync(md: Path) -> Path:
    nb = jupytext.read(md)
    # Cell ids derived from the chapter and the cell's position, so that re-syncing an
    # unchanged chapter rewrites the same bytes (nbformat would draw random ones).
    for index, cell in enumerate(nb.cells):
        cell["id"] = hashlib.sha1(f"{md.stem}:{index}".encode()).hexdigest()[:8]
    client = NotebookClient(
        nb,
        timeout=600,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOKS)}},
        record_timing=False,
    )
    client.execute()
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
    target = NOTEBOOKS / f"{md.stem}.ipynb"
    nb.metadata.setdefault("jupytext", {})["formats"] = "chapters///md:myst,notebooks///ipynb"
    nbformat.validate(nb)
    jupytext.write(nb, target, fmt="ipynb")
    return target


def main(names: list[str]) -> int:
    NOTEBOOKS.mkdir(exist_ok=True)
    chapters = paired_chapters()
    if names:
        wanted = set(names)
        chapters = [c for c in chapters if c.stem in wanted]
        missing = wanted - {c.stem for c in chapters}
        if missing:
            print(f"no paired chapter named: {', '.join(sorted(missing))}", file=sys.stderr)
            return 2
    for md in chapters:
        started = time.monotonic()
        target = sync(md)
        print(
            f"{md.relative_to(ROOT)} -> {target.relative_to(ROOT)} "
            f"({time.monotonic() - started:.1f} s)",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
