"""One in-text style for shortened author lists: "Carruthers et al.", never "and others".

The bibliography keeps an author list that could not be read in full as
``Carruthers, Mollie N. and others`` (see ``references.bib``). sphinxcontrib-bibtex renders
such a two-name list as "Carruthers and others", while a complete list of three or more
authors renders as "Carruthers *et al.*". This transform gives both the same form, in the
citations and in the bibliography, so a reader sees one convention.
"""

from __future__ import annotations

import re

from docutils import nodes

OTHERS = re.compile(r" and others\b")


def _in_citation(node: nodes.Node) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, (nodes.reference, nodes.citation, nodes.footnote)):
            return True
        if isinstance(parent, nodes.list_item) and "bibliography" in " ".join(
            getattr(parent.parent, "get", lambda *_: [])("classes", [])
        ):
            return True
        parent = parent.parent
    return False


def et_al(app, doctree, docname) -> None:
    for ref in doctree.findall(nodes.reference):
        title = ref.get("reftitle", "")
        if " and others" in title:
            ref["reftitle"] = OTHERS.sub(" et al.", title)
    for text in list(doctree.findall(nodes.Text)):
        if " and others" not in text.astext() or text.parent is None:
            continue
        if not _in_citation(text) and not docname.endswith("bibliography"):
            continue
        pieces = OTHERS.split(text.astext())
        replacement: list[nodes.Node] = []
        for i, piece in enumerate(pieces):
            if i:
                replacement += [nodes.Text(" "), nodes.emphasis("", "et al.")]
            replacement.append(nodes.Text(piece))
        text.parent.replace(text, replacement)


def setup(app):
    app.connect("doctree-resolved", et_al)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
