"""Small Sphinx fixes for the rendered pages of the book.

sphinx-thebe registers its configuration script each time Sphinx reads documents
(``env-before-read-docs``), which can happen more than once in one build; the repeated
``const THEBE_JS_URL`` declaration then throws a JavaScript error in every page.  This
extension drops exact duplicates from each page's script list, and gives the theme's colour
mode its default when the theme leaves it empty.
"""

from __future__ import annotations

from typing import Any


def _dedupe_scripts(
    app: Any, pagename: str, templatename: str, context: dict, doctree: Any
) -> None:
    scripts = context.get("script_files")
    if not scripts:
        return
    seen: set[tuple[str, tuple[tuple[str, str], ...]]] = set()
    unique = []
    for script in scripts:
        attributes = getattr(script, "attributes", {}) or {}
        key = (
            str(getattr(script, "filename", None) or ""),
            tuple(sorted((str(k), str(v)) for k, v in attributes.items())),
        )
        if key in seen:
            continue
        seen.add(key)
        unique.append(script)
    context["script_files"] = unique


def _default_mode(app: Any, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    # pydata-sphinx-theme logs a console error ("invalid theme mode") when its default mode
    # reaches the page empty; give it the value its own documentation names as the default.
    if not context.get("default_mode"):
        context["default_mode"] = "auto"


def _keep_vendored_mathjax_off_other_pages(app: Any, config: Any) -> None:
    # Jupyter Book adds every *.js under _static/ to every page.  The pinned MathJax copy
    # (_static/mathjax/) must load only where Sphinx puts it: through mathjax_path, on
    # pages that have mathematics.
    def vendored(entry: Any) -> bool:
        name = entry[0] if isinstance(entry, tuple | list) else entry
        return str(name).startswith("mathjax/")

    config.html_js_files = [e for e in config.html_js_files if not vendored(e)]


def _column_labels(table: Any) -> list[str]:
    """One label per column position of a pandas table, from all its header rows."""
    labels: list[list[str]] = []
    for row in table.select("thead tr"):
        position = 0
        for cell in row.find_all(["th", "td"], recursive=False):
            span = int(cell.get("colspan", 1) or 1)
            text = " ".join(cell.get_text(" ", strip=True).split())
            for _ in range(span):
                while len(labels) <= position:
                    labels.append([])
                if text and text not in labels[position]:
                    labels[position].append(text)
                position += 1
    return [" / ".join(parts) for parts in labels]


def _text(cell: Any) -> str:
    return " ".join(cell.get_text(" ", strip=True).split())


def merge_index_name_row(table: Any) -> None:
    """Move a pandas index-name header row into the empty corner cells above it.

    ``igg4lib.book.display.table`` renders one header row already; a DataFrame shown as it
    is (its own HTML) writes the index names in a second row under empty cells.  Each name
    goes into the empty cell above it and the row goes; any header cell still empty (the
    corner of an unnamed index) becomes a data cell, so that no header is blank.
    """
    rows = table.select("thead tr")
    if len(rows) == 2:
        top, names = (r.find_all(["th", "td"], recursive=False) for r in rows)
        spans = [int(c.get("colspan", 1) or 1) for c in top + names]
        if (len(top) == len(names) and all(s == 1 for s in spans)
                and all(_text(n) == "" or _text(t) == "" for t, n in zip(top, names, strict=True))
                and any(_text(n) for n in names)):
            for above, name in zip(top, names, strict=True):
                if _text(name):
                    above.replace_with(name)
            rows[1].decompose()
    for cell in table.select("thead th"):
        if not _text(cell) and not cell.find("img"):
            cell.name = "td"


def label_table_cells(html: str) -> str:
    """Give every body cell of a pandas table its column name (``data-label``).

    When a table is too wide for its column (a phone, a narrow window, a printed page),
    ``_static/custom.css`` stacks it: one card per row, each value under its column name,
    so no column is ever off-screen.  Row labels that span several rows (``rowspan``) are
    counted, so the cells of the following rows get their own column's name.
    """
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    tables = soup.select("table.dataframe")
    for table in tables:
        merge_index_name_row(table)
        labels = _column_labels(table)
        if not labels:
            continue
        table["class"] = [*table.get("class", []), "stackable"]
        table["data-columns"] = str(len(labels))
        spanned: dict[int, int] = {}  # column position -> rows still covered by a rowspan
        for row in table.select("tbody tr"):
            position = 0
            covered = {k for k, left in spanned.items() if left > 0}
            for cell in row.find_all(["th", "td"], recursive=False):
                while position in covered:
                    position += 1
                if position < len(labels) and labels[position]:
                    cell["data-label"] = labels[position]
                span = int(cell.get("colspan", 1) or 1)
                rows = int(cell.get("rowspan", 1) or 1)
                for k in range(position, position + span):
                    spanned[k] = rows
                position += span
            spanned = {k: left - 1 for k, left in spanned.items() if left - 1 > 0}
    return str(soup) if tables else html


def _label_tables(app: Any, doctree: Any, docname: str) -> None:
    from docutils import nodes

    for raw in list(doctree.findall(nodes.raw)):
        if "html" not in raw.get("format", "") or 'class="dataframe' not in raw.astext():
            continue
        labelled = label_table_cells(raw.astext())
        raw.replace_self(nodes.raw("", labelled, format="html", classes=raw.get("classes", [])))


def setup(app: Any) -> dict[str, Any]:
    app.connect("doctree-resolved", _label_tables)
    app.connect("config-inited", _keep_vendored_mathjax_off_other_pages)
    app.connect("html-page-context", _dedupe_scripts, priority=900)
    app.connect("html-page-context", _default_mode, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
