"""Fix, at their source, the markup that axe-core reports as WCAG 2.1 A/AA violations.

- The theme's search button and colour-mode switch: ``_ext/templates/`` overrides the two
  theme components so that each button's accessible name contains the text it shows
  (WCAG 2.5.3, axe rule ``label-content-name-mismatch``).
- Collapsed code cells (myst-nb's ``hide-input``): the ``<summary>`` carried the
  aria-label "Toggle hidden content" although it shows "Show code cell source"; without
  the label its name is the visible text.
- The bibliography: docutils writes each entry as ``role="doc-biblioentry"`` inside a
  ``role="list"`` container; ARIA 1.2 deprecates that role and a list may hold only list
  items (axe ``aria-required-children``, critical).  Entries become ``role="listitem"``.

Colour contrast is fixed in ``_static/custom.css``.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

from docutils import nodes

TEMPLATES = Path(__file__).resolve().parent / "templates"


def _add_templates(app: Any, config: Any) -> None:
    # First in the search path, so these components replace the theme's own.
    config.templates_path = [str(TEMPLATES), *list(config.templates_path or [])]


def visit_citation(self: Any, node: nodes.citation) -> None:
    if not isinstance(node.previous_sibling(), type(node)):
        self.body.append('<div role="list" class="citation-list">\n')
    self.body.append(self.starttag(node, "div", classes=[node.tagname], role="listitem"))


def depart_citation(self: Any, node: nodes.citation) -> None:
    self.body.append("</div>\n")
    if not isinstance(node.next_node(descend=False, siblings=True), type(node)):
        self.body.append("</div>\n")


def visit_hidden_input(self: Any, node: Any) -> None:
    classes = " ".join(node["classes"])
    self.body.append(f'<details class="admonition hide {classes}">\n')
    self.body.append("<summary>\n")
    self.body.append(f'<p class="collapsed admonition-title">{escape(node["prompt_show"])}</p>\n')
    self.body.append(f'<p class="expanded admonition-title">{escape(node["prompt_hide"])}</p>\n')
    self.body.append("</summary>\n")


def depart_hidden_input(self: Any, node: Any) -> None:
    self.body.append("</details>\n")


def setup(app: Any) -> dict[str, Any]:
    app.setup_extension("myst_nb")
    from myst_nb.sphinx_ import HideCodeCellNode

    app.connect("config-inited", _add_templates)
    # The PDF edition prints the single-page HTML build, whose builder has its own entry in
    # Sphinx's table of node handlers once any extension registers one for it.
    for node, handlers in (
        (nodes.citation, (visit_citation, depart_citation)),
        (HideCodeCellNode, (visit_hidden_input, depart_hidden_input)),
    ):
        app.add_node(node, override=True, html=handlers, singlehtml=handlers)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
