"""Offer each chapter's paired notebook (``notebooks/NAME.ipynb``) from the page's download menu.

sphinx-book-theme's download menu lists the page source (``.md``) and, when a page sets
``ipynb_source`` in its template context, a notebook.  The theme fills that in only when
launch buttons are configured, and then with the notebook the build executed.  This
extension fills it in for every chapter that has a paired notebook, with the committed,
executed notebook that readers also find in the repository, prepared for use on its own:

- the jupytext pairing metadata is removed, so that JupyterLab (with or without jupytext)
  opens and saves the downloaded file without looking for ``../chapters/NAME.md``;
- ``from myst_nb import glue`` is replaced by a small stand-in, so the notebook needs only
  ``igg4lib`` (not the book's build tools) and shows its figures where they are made; in
  the book a glued figure appears at its ``{glue:figure}`` directive, which plain Jupyter
  does not render;
- a first cell says where the notebook comes from and what it needs;
- in the student edition (``hide_solutions = True``, see ``python3 tasks.py student``)
  exercise solutions are removed from the notebook *and* from the downloadable ``.md``,
  as they are from the page.

The notebook is written to ``_sources/chapters/NAME.ipynb`` in the site, beside the
``.md`` the theme already publishes there.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import nbformat

NOTEBOOKS_DIR = "notebooks"

# Gated solutions: ":::{solution-start} label" ... ":::{solution-end}" then ":::".
# Plain solutions: ":::{solution} label" ... ":::". Colon fences may be longer than three.
_OPEN = re.compile(r"^(?P<fence>:{3,})\{solution(?P<kind>-start)?\}")
_END = re.compile(r"^:{3,}\{solution-end\}")


def _closing(fence: str) -> re.Pattern[str]:
    return re.compile(rf"^{fence}\s*$")


class _SolutionFilter:
    """Drop the lines of exercise solutions from a stream of MyST lines (state across cells)."""

    def __init__(self) -> None:
        self.state = "text"  # text | plain (inside {solution}) | gated | end (after -end)
        self.closing: re.Pattern[str] | None = None

    def keep(self, line: str) -> bool:
        bare = line.strip()
        if self.state == "text":
            match = _OPEN.match(bare)
            if match is None:
                return True
            self.closing = _closing(match["fence"])
            self.state = "gated" if match["kind"] else "plain"
            return False
        if self.state == "plain":
            if self.closing is not None and self.closing.match(bare):
                self.state = "text"
            return False
        if self.state == "gated":
            if _END.match(bare):
                self.state = "end"
            return False
        # state == "end": the ":::" that closes the {solution-end} directive
        if bare.startswith(":::"):
            self.state = "text"
        return False

    @property
    def inside(self) -> bool:
        return self.state != "text"


def strip_solutions_text(text: str) -> str:
    """Remove every ``{solution}`` / ``{solution-start}``...``{solution-end}`` block.

    >>> md = "Q?\\n:::{solution-start} ex1\\n:::\\n\\nAnswer.\\n:::{solution-end}\\n:::\\nNext."
    >>> strip_solutions_text(md)
    'Q?\\nNext.'
    """
    keep = _SolutionFilter()
    return "\n".join(line for line in text.split("\n") if keep.keep(line))


def strip_solutions(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Remove solution text and the code cells inside solutions from a notebook (in place)."""
    keep = _SolutionFilter()
    cells = []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            text = "\n".join(line for line in cell.source.split("\n") if keep.keep(line))
            if text.strip():
                cell.source = text
                cells.append(cell)
        elif not keep.inside:
            cells.append(cell)
    nb.cells = cells
    return nb


GLUE_IMPORT = re.compile(r"^from myst_nb import glue[ \t]*$", flags=re.MULTILINE)

GLUE_STAND_IN = """\
# Stand-in for myst_nb.glue (downloaded notebook): in the book, glue hands a value to the
# text; here figures are shown where they are made and other values only when asked.
def glue(name, variable, display=True):
    from IPython.display import display as show

    if display or hasattr(variable, "savefig"):
        show(variable)"""

ABOUT = """\
*Downloaded from the book "{title}".* This notebook runs in any Jupyter environment where
the book's `igg4lib` package is installed with the versions in `requirements.lock` (from a
clone of the repository: `python -m pip install -r requirements.lock` then
`python -m pip install --no-deps -e .`). Numbers that the book prints in its sentences are
computed in the cells below; directives such as `{{glue:text}}` only render in the book."""


def standalone_notebook(
    path: Path, *, hide_solutions: bool = False, title: str = "IgG4-related disease"
) -> nbformat.NotebookNode:
    """Read a paired notebook and prepare it for use outside the repository."""
    nb = nbformat.read(path, as_version=4)
    jupytext_meta = nb.metadata.get("jupytext", {})
    jupytext_meta.pop("formats", None)
    if not jupytext_meta:
        nb.metadata.pop("jupytext", None)
    if hide_solutions:
        strip_solutions(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.source = GLUE_IMPORT.sub(GLUE_STAND_IN, cell.source)
    nb.cells.insert(0, nbformat.v4.new_markdown_cell(ABOUT.format(title=title)))
    _renumber_ids(nb)
    nbformat.validate(nb)
    return nb


def _renumber_ids(nb: nbformat.NotebookNode) -> None:
    """Give every cell a short, stable id (the same on every build)."""
    for number, cell in enumerate(nb.cells, start=1):
        cell["id"] = f"cell-{number}"


def _paired_notebook(app: Any, pagename: str) -> Path | None:
    if not pagename.startswith("chapters/"):
        return None
    path = Path(app.srcdir) / NOTEBOOKS_DIR / f"{pagename.removeprefix('chapters/')}.ipynb"
    return path if path.exists() else None


def _hide_solutions(app: Any) -> bool:
    return bool(getattr(app.config, "hide_solutions", False))


def _offer_notebook(
    app: Any, pagename: str, templatename: str, context: dict, doctree: Any
) -> None:
    notebook = _paired_notebook(app, pagename)
    if notebook is None:
        return
    target = Path(app.outdir) / "_sources" / f"{pagename}.ipynb"
    target.parent.mkdir(parents=True, exist_ok=True)
    title = str(app.config.html_title or app.config.project)
    nb = standalone_notebook(notebook, hide_solutions=_hide_solutions(app), title=title)
    nbformat.write(nb, target)
    context["ipynb_source"] = f"{pagename}.ipynb"


def _strip_published_sources(app: Any, exception: Exception | None) -> None:
    """In the student edition, remove solutions from the ``.md`` files offered for download.

    Sphinx copies each page's source into ``_sources/`` after rendering the page, so this
    runs once the build has finished.
    """
    if exception is not None or not _hide_solutions(app):
        return
    for md in (Path(app.outdir) / "_sources").rglob("*.md"):
        text = md.read_text(encoding="utf-8")
        stripped = strip_solutions_text(text)
        if stripped != text:
            md.write_text(stripped, encoding="utf-8")


def setup(app: Any) -> dict[str, Any]:
    # Before sphinx-book-theme builds the download menu (priority 501).
    app.connect("html-page-context", _offer_notebook, priority=500)
    app.connect("build-finished", _strip_published_sources)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
