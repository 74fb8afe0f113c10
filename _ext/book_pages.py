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


def setup(app: Any) -> dict[str, Any]:
    app.connect("config-inited", _keep_vendored_mathjax_off_other_pages)
    app.connect("html-page-context", _dedupe_scripts, priority=900)
    app.connect("html-page-context", _default_mode, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
