"""Make ``hide_solutions`` (the student edition) work with gated solutions.

sphinx-exercise 1.2 drops a ``{solution-start}`` directive when ``hide_solutions`` is true,
but it keeps the matching ``{solution-end}`` node (which no HTML writer knows, so the build
fails) and everything between the two (the solution's text and code cells, so the answer
would still be shown).  With this extension the start directive leaves a marker instead,
and a transform removes the marker, the solution's content and the end node together.

When ``hide_solutions`` is false (the normal book) nothing changes.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx_exercise.directive import SolutionStartDirective
from sphinx_exercise.nodes import solution_end_node


class hidden_solution_start(nodes.Invisible, nodes.Element):
    """Where a gated solution began; removed with the solution before writing."""


class HiddenSolutionStartDirective(SolutionStartDirective):
    """``{solution-start}`` that leaves a marker when solutions are hidden."""

    def run(self) -> list[nodes.Node]:
        result = super().run()
        if self.env.app.config.hide_solutions:
            return [hidden_solution_start(label=self.arguments[0])]
        return result


class RemoveHiddenSolutions(SphinxTransform):
    """Delete each marker, the nodes after it and its ``{solution-end}`` node."""

    default_priority = 9  # before sphinx-exercise merges gated solutions (priority 10)

    def apply(self, **kwargs: Any) -> None:
        for marker in list(self.document.findall(hidden_solution_start)):
            parent = marker.parent
            start = parent.index(marker)
            end = next(
                (i for i in range(start + 1, len(parent.children))
                 if isinstance(parent.children[i], solution_end_node)),
                None,
            )
            if end is None:
                # sphinx-exercise's own structure check reports a start without an end.
                parent.remove(marker)
                continue
            for child in parent.children[start : end + 1]:
                parent.remove(child)


def _skip(self: Any, node: nodes.Node) -> None:
    raise nodes.SkipNode


def _register(app: Any, config: Any) -> None:
    # After every extension's setup, so that this replaces sphinx-exercise's directive.
    app.add_directive("solution-start", HiddenSolutionStartDirective, override=True)


def setup(app: Any) -> dict[str, Any]:
    app.setup_extension("sphinx_exercise")
    app.add_node(hidden_solution_start, html=(_skip, None), latex=(_skip, None),
                 text=(_skip, None))
    app.add_transform(RemoveHiddenSolutions)
    app.connect("config-inited", _register)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
