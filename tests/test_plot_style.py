"""The shared figure style: readable text, constrained layout, sharp and deterministic output."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import matplotlib as mpl
import matplotlib.pyplot as plt
import pytest

from igg4lib import plots
from igg4lib.plots import MIN_FONT_PT, small_text, use_book_style

ROOT = Path(__file__).resolve().parent.parent
PLOT_MODULES = sorted((ROOT / "igg4lib" / "plots").glob("*.py"))


def test_minimum_font_is_the_body_text_at_figure_resolution():
    # 16 CSS px of body text at 100 px per inch is 11.52 pt.
    assert plots.DPI == 100
    assert MIN_FONT_PT == pytest.approx(16 * 72 / 100)


def test_style_sets_readable_fonts_constrained_layout_and_fixed_ids():
    mpl.rcdefaults()
    use_book_style()
    for key in plots.FONT_SIZE_KEYS:
        assert plots._font_points(mpl.rcParams[key]) >= MIN_FONT_PT, key
    assert mpl.rcParams["figure.constrained_layout.use"] is True
    assert mpl.rcParams["figure.dpi"] == plots.DPI
    assert mpl.rcParams["savefig.dpi"] >= 2 * plots.DPI
    assert mpl.rcParams["figure.figsize"][0] == plots.COLUMN_WIDTH_IN
    assert mpl.rcParams["svg.hashsalt"] == "igg4lib"
    fig, _ = plt.subplots()
    try:
        assert type(fig.get_layout_engine()).__name__ == "ConstrainedLayoutEngine"
    finally:
        plt.close(fig)


def test_default_texts_of_a_column_wide_figure_are_not_small():
    use_book_style()
    fig, ax = plt.subplots()
    try:
        ax.plot([0, 12], [0.2, 0.8], label="Relapse")
        ax.set_xlabel("Months")
        ax.set_ylabel("Share of patients")
        ax.set_title("A title")
        ax.legend(title="Arm")
        fig.suptitle("Figure title")
        assert small_text(fig) == []
    finally:
        plt.close(fig)


def test_small_text_finds_small_and_shrunk_text():
    use_book_style()
    fig, ax = plt.subplots(figsize=(plots.COLUMN_WIDTH_IN, 3))
    try:
        ax.text(0.1, 0.5, "small note", fontsize=9)
        ax.text(0.1, 0.2, "fine note", fontsize=12)
        ax.text(0.1, 0.8, "hidden note", fontsize=6, visible=False)
        assert [t for t, _ in small_text(fig)] == ["small note"]
        # Twice the column width: shown at half size, so 12 pt reads as 6 pt.
        fig.set_size_inches(2 * plots.COLUMN_WIDTH_IN, 3)
        found = dict(small_text(fig))
        assert found["fine note"] == pytest.approx(6.0)
        assert "hidden note" not in found
    finally:
        plt.close(fig)


def test_small_text_rejects_bad_input():
    with pytest.raises(TypeError, match=r"argument 'fig'.*expected an instance of Figure"):
        small_text("not a figure")
    fig, _ = plt.subplots()
    try:
        with pytest.raises(ValueError, match="column_width_in"):
            small_text(fig, column_width_in=0)
    finally:
        plt.close(fig)


@pytest.mark.parametrize("path", PLOT_MODULES, ids=lambda p: p.stem)
def test_plot_modules_keep_the_constrained_layout(path):
    """tight_layout or subplots_adjust on a constrained figure prints a warning, which fails the
    build (stderr in a chapter is an error); the style's constrained layout already keeps every
    label inside the figure."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    calls = [
        f"line {node.lineno}: {node.func.attr}()"
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in {"tight_layout", "subplots_adjust"}
    ]
    assert not calls, f"{path.name} changes the layout: " + ", ".join(calls)


def test_plot_modules_do_not_set_the_resolution():
    """Sharpness is set once, by use_book_style: no module sets dpi itself."""
    found = []
    for path in PLOT_MODULES:
        if path.name == "__init__.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.keyword) and node.arg == "dpi":
                found.append(f"{path.name}:{node.value.lineno}")
    assert not found, "dpi set outside igg4lib.plots: " + ", ".join(found)


RETINA_CHECK = """
import base64, json, struct
import matplotlib
matplotlib.use("module://matplotlib_inline.backend_inline")
from IPython.core.interactiveshell import InteractiveShell
shell = InteractiveShell.instance()
import matplotlib.pyplot as plt
from igg4lib.plots import use_book_style
use_book_style()
fig, ax = plt.subplots()
ax.plot([1, 2], [3, 4])
(data, meta), (again, _) = [shell.display_formatter.format(fig) for _ in range(2)]
png = base64.b64decode(data["image/png"])
print(json.dumps({"mimetypes": sorted(data), "metadata": meta.get("image/png"),
                  "pixels": struct.unpack(">II", png[16:24])[0],
                  "same": data["image/png"] == again["image/png"]}))
"""


def test_notebook_figures_are_retina_png_with_only_a_display_width():
    """In a kernel: PNG at twice the display width (not SVG, which nbval would compare), the
    display width in the metadata and no height (the theme scales width only), and the same
    bytes every time."""
    out = subprocess.run(
        [sys.executable, "-c", RETINA_CHECK], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout
    found = json.loads(out.strip().splitlines()[-1])
    assert found["mimetypes"] == ["image/png", "text/plain"]
    assert set(found["metadata"]) == {"width"}
    assert found["pixels"] in (2 * found["metadata"]["width"], 2 * found["metadata"]["width"] + 1)
    assert found["same"] is True
