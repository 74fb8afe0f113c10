"""Each chapter's Markdown and its committed notebook hold the same cells (the pair check).

The Markdown in chapters/ is the source of truth; notebooks/ holds the executed copy that nbval
re-runs.  The comparison is by content (cell types, sources and cell metadata), never by file
timestamps.  Run ``python3 tasks.py sync NAME`` to regenerate a drifted notebook.
"""

from __future__ import annotations

from pathlib import Path

import jupytext
import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = ROOT / "chapters"
NOTEBOOKS = ROOT / "notebooks"

pytestmark = pytest.mark.pairs


def is_paired(md: Path) -> bool:
    return "\njupytext:" in md.read_text(encoding="utf-8")[:600]


PAIRED = sorted(p for p in CHAPTERS.glob("*.md") if is_paired(p))


def cell_contents(nb: nbformat.NotebookNode) -> list[tuple[str, str, dict]]:
    """What a reader of the chapter sees: type, source and metadata of every cell."""
    out = []
    for cell in nb.cells:
        meta = {k: v for k, v in cell.get("metadata", {}).items() if k not in {"execution"}}
        out.append((cell.cell_type, cell.source, meta))
    return out


def drift(md: Path, ipynb: Path) -> list[str]:
    """Describe every difference between a chapter and its notebook (empty when in step)."""
    text_nb = jupytext.read(md)
    exec_nb = nbformat.read(ipynb, as_version=4)
    a, b = cell_contents(text_nb), cell_contents(exec_nb)
    problems = []
    if len(a) != len(b):
        problems.append(f"{md.name} has {len(a)} cells, {ipynb.name} has {len(b)}")
    for i, (ca, cb) in enumerate(zip(a, b, strict=False)):
        if ca != cb:
            first = (ca[1] if ca[1] != cb[1] else str(ca[2])).splitlines()[:1]
            problems.append(f"cell {i + 1} differs ({ca[0]}): {first}")
            break
    if text_nb.metadata.get("kernelspec") != exec_nb.metadata.get("kernelspec"):
        problems.append("kernelspec differs")
    return problems


def test_there_are_paired_chapters() -> None:
    assert (CHAPTERS / "intro.md") in PAIRED


@pytest.mark.parametrize("md", PAIRED, ids=lambda p: p.stem)
def test_notebook_matches_chapter(md: Path) -> None:
    ipynb = NOTEBOOKS / f"{md.stem}.ipynb"
    assert ipynb.exists(), (
        f"{ipynb.relative_to(ROOT)} is missing: run python3 tasks.py sync {md.stem}"
    )
    problems = drift(md, ipynb)
    assert not problems, (
        f"{ipynb.relative_to(ROOT)} has drifted from {md.relative_to(ROOT)}: "
        f"{'; '.join(problems)}. Run: python3 tasks.py sync {md.stem}"
    )


@pytest.mark.parametrize("md", PAIRED, ids=lambda p: p.stem)
def test_notebook_is_executed(md: Path) -> None:
    nb = nbformat.read(NOTEBOOKS / f"{md.stem}.ipynb", as_version=4)
    unexecuted = [
        i + 1 for i, c in enumerate(nb.cells) if c.cell_type == "code" and c.execution_count is None
    ]
    assert not unexecuted, f"{md.stem}.ipynb: code cells {unexecuted} were never executed"


def test_every_notebook_has_a_chapter() -> None:
    orphans = [
        p.name for p in NOTEBOOKS.glob("*.ipynb") if not (CHAPTERS / f"{p.stem}.md").exists()
    ]
    assert not orphans, f"notebooks without a chapter: {orphans}"


def test_drift_is_detected(tmp_path: Path) -> None:
    """The check itself: editing one word of a chapter is reported as drift."""
    md = CHAPTERS / "intro.md"
    edited = tmp_path / "intro.md"
    edited.write_text(md.read_text(encoding="utf-8").replace("Preface", "Prefaces", 1))
    assert drift(md, NOTEBOOKS / "intro.ipynb") == []
    assert drift(edited, NOTEBOOKS / "intro.ipynb") != []
