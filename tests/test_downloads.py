"""Downloads: each chapter's notebook, as the site offers it, runs on its own in plain Jupyter.

The site's download menu serves ``_sources/chapters/NAME.ipynb``, written by
``_ext/notebook_downloads.py`` from the committed ``notebooks/NAME.ipynb``.  These tests
check what that extension writes: pairing metadata removed, solutions removed in the
student edition, and that the result executes in a folder outside the repository (as after
a download) with nothing but the installed packages.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "_ext"))
import notebook_downloads as nd  # noqa: E402

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))

GATED = """Try it.

:::{solution-start} ex-one
:class: dropdown
:::

The answer is 4.

:::{solution-end}
:::

Next section."""


def test_gated_solution_is_removed_from_text() -> None:
    assert nd.strip_solutions_text(GATED) == "Try it.\n\n\nNext section."


def test_plain_solution_is_removed_from_text() -> None:
    text = "A\n::::{solution} ex-two\n:label: s2\nAnswer.\n::::\nB\n:::{exercise}\nQ\n:::"
    assert nd.strip_solutions_text(text) == "A\nB\n:::{exercise}\nQ\n:::"


def test_text_without_solutions_is_unchanged() -> None:
    text = ":::{exercise}\n:label: ex\nQuestion.\n:::\n"
    assert nd.strip_solutions_text(text) == text


def _notebook_with_solution() -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell(":::{exercise}\n:label: ex\nCompute.\n:::\n\n"
                                      ":::{solution-start} ex\n:class: dropdown\n:::"),
        nbformat.v4.new_code_cell("1 + 1"),
        nbformat.v4.new_markdown_cell("Because.\n\n:::{solution-end}\n:::\n\n## Summary"),
        nbformat.v4.new_code_cell("2 + 2"),
    ]
    return nb


def test_solution_cells_are_removed_from_notebook() -> None:
    nb = nd.strip_solutions(_notebook_with_solution())
    assert [c.cell_type for c in nb.cells] == ["markdown", "markdown", "code"]
    assert nb.cells[0].source == ":::{exercise}\n:label: ex\nCompute.\n:::\n"
    assert nb.cells[1].source == "\n## Summary"
    assert nb.cells[2].source == "2 + 2"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_standalone_notebook_keeps_the_chapter(path: Path) -> None:
    original = nbformat.read(path, as_version=4)
    assert "formats" in original.metadata.get("jupytext", {}), "expected a paired notebook"
    nb = nd.standalone_notebook(path, title="The book")
    assert "formats" not in nb.metadata.get("jupytext", {})
    assert nb.metadata["kernelspec"]["name"] == "python3"
    assert nb.cells[0].cell_type == "markdown"
    assert nb.cells[0].source.startswith('*Downloaded from the book "The book".*')
    # every other cell is the chapter's, with only the glue import replaced
    expected = [nd.GLUE_IMPORT.sub(nd.GLUE_STAND_IN, c.source) if c.cell_type == "code"
                else c.source for c in original.cells]
    assert [c.source for c in nb.cells[1:]] == expected
    assert not any(nd.GLUE_IMPORT.search(c.source) for c in nb.cells)
    assert [c.id for c in nb.cells] == [f"cell-{i}" for i in range(1, len(nb.cells) + 1)]


def test_glue_stand_in_shows_figures_and_displayed_values() -> None:
    shown: list[object] = []
    namespace: dict[str, object] = {}
    exec(nd.GLUE_STAND_IN, namespace)  # defines glue()

    class Figure:
        def savefig(self) -> None: ...

    import IPython.display

    original = IPython.display.display
    IPython.display.display = shown.append
    try:
        figure = Figure()
        namespace["glue"]("a_number", 3.5, display=False)
        namespace["glue"]("a_figure", figure, display=False)
        namespace["glue"]("shown_number", 7)
    finally:
        IPython.display.display = original
    assert shown == [figure, 7]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_student_notebook_has_no_solutions(path: Path) -> None:
    original = nbformat.read(path, as_version=4)
    nb = nd.standalone_notebook(path, hide_solutions=True)
    text = "\n".join(c.source for c in nb.cells)
    assert "{solution" not in text
    exercises = sum(c.source.count("{exercise}") for c in original.cells)
    assert text.count("{exercise}") == exercises


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_downloaded_notebook_runs_outside_the_repository(
    path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Run the download in an empty folder, in a kernel where the book's tools are absent."""
    blocked = tmp_path / "blocked"
    for tool in ("myst_nb", "jupyter_book", "sphinx"):
        (blocked / tool).mkdir(parents=True)
        (blocked / tool / "__init__.py").write_text(
            f"raise ImportError('{tool} is not installed in a plain Jupyter environment')\n"
        )
    monkeypatch.setenv("PYTHONPATH", str(blocked))  # inherited by the kernel
    work = tmp_path / "downloads"
    work.mkdir()
    target = work / path.name
    nbformat.write(nd.standalone_notebook(path), target)
    client = NotebookClient(
        nbformat.read(target, as_version=4),
        timeout=600,
        kernel_name="python3",
        resources={"metadata": {"path": str(work)}},
    )
    executed = client.execute()
    errors = [
        out for cell in executed.cells if cell.cell_type == "code"
        for out in cell.get("outputs", []) if out.get("output_type") == "error"
    ]
    assert not errors
