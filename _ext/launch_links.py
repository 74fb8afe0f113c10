"""Launch buttons for a class: Binder, a JupyterHub (nbgitpuller) and Colab.

Configured from the environment when the book is built (``python3 tasks.py build`` reads
and checks the same variables):

``BOOK_REPOSITORY_URL``
    the public git repository of the book, e.g. ``https://github.com/ORG/REPO``.  Unset: no
    launch button anywhere, and the instructor guide says so (nothing is invented).
``BOOK_REPOSITORY_BRANCH``
    the branch the links open (default ``main``).
``BOOK_BINDERHUB_URL``
    the BinderHub (default ``https://mybinder.org``).
``BOOK_JUPYTERHUB_URL``
    the JupyterHub with nbgitpuller; unset: no JupyterHub button.

Every page with a paired notebook gets a launch menu whose links open that page's
executed ``notebooks/NAME.ipynb`` (not the ``.md``).  The ``{launch-links}`` directive
writes the same links for one chapter into the instructor guide.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

ENV = {
    "launch_repository_url": ("BOOK_REPOSITORY_URL", ""),
    "launch_repository_branch": ("BOOK_REPOSITORY_BRANCH", "main"),
    "launch_binderhub_url": ("BOOK_BINDERHUB_URL", "https://mybinder.org"),
    "launch_jupyterhub_url": ("BOOK_JUPYTERHUB_URL", ""),
}
COLAB = "https://colab.research.google.com"
_URL = re.compile(r"^https?://[^\s/?#]+(/[^\s?#]*)?$")
_GITHUB = re.compile(r"^https://github\.com/(?P<org>[^/\s]+)/(?P<repo>[^/\s]+?)(\.git)?/?$")
_BRANCH = re.compile(r"^[A-Za-z0-9._/-]+$")


@dataclass(frozen=True)
class Launch:
    """Where a class launches the book's notebooks."""

    repository: str
    branch: str = "main"
    binderhub: str = "https://mybinder.org"
    jupyterhub: str = ""

    def __post_init__(self) -> None:
        for name, value in (("repository", self.repository), ("binderhub", self.binderhub)):
            if not _URL.match(value or ""):
                raise ValueError(f"{name} must be an http(s) URL, got {value!r}")
        if self.jupyterhub and not _URL.match(self.jupyterhub):
            raise ValueError(f"jupyterhub must be an http(s) URL or empty, got {self.jupyterhub!r}")
        if not _BRANCH.match(self.branch or ""):
            raise ValueError(f"branch must be a git branch name, got {self.branch!r}")

    @property
    def repo_name(self) -> str:
        """The folder name a ``git clone`` of the repository creates."""
        return self.repository.rstrip("/").rsplit("/", 1)[-1].removesuffix(".git")

    def binder(self, notebook: str) -> str:
        hub = self.binderhub.rstrip("/")
        gh = _GITHUB.match(self.repository)
        if gh:
            spec = f"gh/{gh['org']}/{gh['repo']}/{quote(self.branch, safe='')}"
        else:
            spec = f"git/{quote(self.repository, safe='')}/{quote(self.branch, safe='')}"
        return f"{hub}/v2/{spec}?urlpath={quote('lab/tree/' + notebook, safe='')}"

    def jupyterhub_link(self, notebook: str) -> str | None:
        if not self.jupyterhub:
            return None
        query = urlencode(
            {
                "repo": self.repository,
                "branch": self.branch,
                "urlpath": f"lab/tree/{self.repo_name}/{notebook}",
            }
        )
        return f"{self.jupyterhub.rstrip('/')}/hub/user-redirect/git-pull?{query}"

    def colab(self, notebook: str) -> str | None:
        gh = _GITHUB.match(self.repository)
        if not gh:
            return None  # Colab opens notebooks from GitHub only
        return f"{COLAB}/github/{gh['org']}/{gh['repo']}/blob/{self.branch}/{notebook}"

    def links(self, notebook: str) -> list[tuple[str, str]]:
        """``[(service, url), ...]`` for one notebook path relative to the repository."""
        found = [("Binder", self.binder(notebook))]
        for name, url in (("JupyterHub", self.jupyterhub_link(notebook)),
                          ("Colab", self.colab(notebook))):
            if url:
                found.append((name, url))
        return found


def launch_from(config: Any) -> Launch | None:
    if not config.launch_repository_url:
        return None
    return Launch(
        repository=config.launch_repository_url,
        branch=config.launch_repository_branch,
        binderhub=config.launch_binderhub_url,
        jupyterhub=config.launch_jupyterhub_url,
    )


def paired_notebook(srcdir: str | Path, pagename: str) -> str | None:
    """``notebooks/NAME.ipynb`` for ``chapters/NAME`` when that executed notebook exists."""
    name = pagename.rsplit("/", 1)[-1]
    if not pagename.startswith("chapters/"):
        return None
    rel = f"notebooks/{name}.ipynb"
    return rel if (Path(srcdir) / rel).exists() else None


ICONS = {
    "Binder": "_static/images/logo_binder.svg",
    "JupyterHub": "_static/images/logo_jupyterhub.svg",
    "Colab": "_static/images/logo_colab.png",
}


def _add_buttons(app: Any, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    launch = launch_from(app.config)
    notebook = paired_notebook(app.srcdir, pagename)
    if launch is None or notebook is None or "header_buttons" not in context:
        return
    buttons = [
        {
            "type": "link",
            "text": name,
            "tooltip": f"Open {notebook} on {name}",
            "icon": ICONS[name],
            "url": url,
            "label": f"launch-{name.lower()}-button",
        }
        for name, url in launch.links(notebook)
    ]
    context["header_buttons"].append(
        {
            "type": "group",
            "tooltip": "Launch this chapter as a live notebook",
            "icon": "fas fa-rocket",
            "buttons": buttons,
            "label": "launch-buttons",
        }
    )


class LaunchLinks(SphinxDirective):
    """The launch links of one chapter, or a note that the build has none configured."""

    required_arguments = 1  # chapter name, e.g. induction

    def run(self) -> list[nodes.Node]:
        name = self.arguments[0]
        notebook = f"notebooks/{name}.ipynb"
        if not (Path(self.env.srcdir) / notebook).exists():
            raise self.error(f"launch-links: {notebook} does not exist")
        launch = launch_from(self.config)
        if launch is None:
            para = nodes.paragraph()
            para += nodes.Text(
                "This copy of the book was built without a repository address, so it shows "
                "no launch links. Build it with the repository's public URL, for example "
            )
            para += nodes.literal(
                text="BOOK_REPOSITORY_URL=https://github.com/ORG/REPO python3 tasks.py build"
            )
            para += nodes.Text(
                " (optionally BOOK_REPOSITORY_BRANCH, BOOK_BINDERHUB_URL and "
                "BOOK_JUPYTERHUB_URL too), and every chapter gets a launch menu; this "
                "section then lists the links for the chapter "
            )
            para += nodes.literal(text=name)
            para += nodes.Text(".")
            return [para]
        items = nodes.bullet_list()
        for service, url in launch.links(notebook):
            item = nodes.list_item()
            para = nodes.paragraph()
            para += nodes.strong(text=f"{service}: ")
            para += nodes.reference(url, url, refuri=url)
            item += para
            items += item
        intro = nodes.paragraph()
        intro += nodes.Text(f"Links built for {launch.repository} (branch {launch.branch}), "
                            "opening the executed notebook ")
        intro += nodes.literal(text=notebook)
        intro += nodes.Text(":")
        return [intro, items]


def setup(app: Any) -> dict[str, Any]:
    for name, (variable, default) in ENV.items():
        app.add_config_value(name, os.environ.get(variable, default), "env", [str])
    app.connect("html-page-context", _add_buttons, priority=502)
    app.connect("config-inited", lambda app, config: launch_from(config))  # fail early
    app.add_directive("launch-links", LaunchLinks)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
