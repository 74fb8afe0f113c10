"""One in-text style for shortened author lists: "Carruthers et al.", never "and others".

A work whose authors could not be read is cited in running text by the first words of its
title ("[Different clinical patterns of IgG4-RD…, 2019]"), not by the bibliography's marker
"[authors not read]".

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


NOT_READ = "[authors not read]"


def _short_title(reftitle: str) -> str:
    """The first words of an entry's title, for a work cited without its authors (APA's
    rule for a work with no author): "Different clinical patterns of IgG4-RD..."."""
    title = reftitle.removeprefix(NOT_READ).lstrip(". ").split(". ", 1)[0]
    words = title.split()
    return " ".join(words[:5]) + ("…" if len(words) > 5 else "")


def unread_authors(doctree) -> None:
    """In running text, a citation whose author list was not read shows the first words of
    its title, not the marker "[authors not read]" (which stays in the bibliography entry,
    where it tells the reader what is missing)."""
    for ref in doctree.findall(nodes.reference):
        title = ref.get("reftitle", "")
        if not title.startswith(NOT_READ):
            continue
        for text in list(ref.findall(nodes.Text)):
            if NOT_READ in text.astext() and text.parent is not None:
                text.parent.replace(
                    text, nodes.Text(text.astext().replace(NOT_READ, _short_title(title))))


def et_al(app, doctree, docname) -> None:
    unread_authors(doctree)
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
                # "et al." already ends with a period: the sentence's own period after the
                # author list would print "et al.." (bibliography entries).
                piece = piece.removeprefix(".")
            replacement.append(nodes.Text(piece))
        text.parent.replace(text, replacement)


def setup(app):
    app.connect("doctree-resolved", et_al)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
