"""The PDF edition and a build with launch buttons.

Run by ``python3 tasks.py test`` after ``python3 tasks.py pdf``:

- ``_build/pdf/book.pdf`` holds every chapter title (as text and as a bookmark), every
  figure of the single-page build (matched by pixel size), the licence on every page, and
  the last column heading of every table of the single-page build (a table cut off at the
  page edge loses its last columns first);
- a build configured with ``BOOK_REPOSITORY_URL`` (into ``_build/launch``, reusing the
  execution cache) gives every paired chapter Binder, JupyterHub and Colab links that open
  its executed ``notebooks/NAME.ipynb``, and the instructor guide shows the same links;
- the ordinary build, without the variable, has no launch button anywhere.
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import sys
import unicodedata
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "_build"
PDF = BUILD / "pdf" / "book.pdf"
SINGLE = BUILD / "singlehtml"
LAUNCH = BUILD / "launch"

pytestmark = pytest.mark.browser

REPO = "https://github.com/igg4-book-check/igg4-book"
HUB = "https://hub.example.edu"


def chapter_titles() -> dict[str, str]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    files = [toc["root"]] + [c["file"] for part in toc["parts"] for c in part["chapters"]]
    titles = {}
    for f in files:
        text = (ROOT / f"{f}.md").read_text(encoding="utf-8")
        titles[f] = re.search(r"^# (.+)$", text, re.MULTILINE).group(1).strip()
    return titles


def flat(text: str) -> str:
    """NFKC (ligatures such as 'fi' become two letters) and single spaces."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text))


def png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    if head[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError(f"{path} is not a PNG file")
    return struct.unpack(">II", head[16:24])


@pytest.fixture(scope="module")
def pdf():
    if not PDF.exists():
        pytest.fail(f"{PDF} is missing: run python3 tasks.py pdf")
    from pypdf import PdfReader

    return PdfReader(PDF)


def outline_titles(reader, items=None) -> list[str]:
    titles: list[str] = []
    for item in reader.outline if items is None else items:
        if isinstance(item, list):
            titles += outline_titles(reader, item)
        else:
            titles.append(flat(item.title))
    return titles


def test_pdf_has_every_chapter(pdf) -> None:
    text = flat(" ".join(page.extract_text() for page in pdf.pages))
    # Chapters are numbered ("3. Remission induction"): compare the titles without the number.
    squeezed = {re.sub(r"^\d+\.", "", t.replace(" ", "")) for t in outline_titles(pdf)}
    for doc, title in chapter_titles().items():
        assert flat(title) in text, f"{doc}: title {title!r} not in the PDF text"
        # Where a long heading wraps, Chromium's outline may drop the space at the break or
        # repeat the heading's last line ("...: therandomised evidencerandomised evidence"):
        # compare without spaces, and accept a bookmark that begins with the whole title.
        want = title.replace(" ", "")
        assert any(t == want or t.startswith(want) for t in squeezed), (
            f"{doc}: no bookmark {title!r}")


def test_pdf_has_every_figure(pdf) -> None:
    page_html = (SINGLE / "chapters" / "intro.html").read_text(encoding="utf-8")
    shown = sorted(set(re.findall(r'<img[^>]+src="(_images/[^"]+\.png)"', page_html)))
    assert shown, "the single-page build shows no figure"
    wanted = [png_size(SINGLE / src) for src in shown]
    in_pdf = [(img.image.width, img.image.height) for page in pdf.pages for img in page.images]
    missing = [src for src, size in zip(shown, wanted, strict=True) if size not in in_pdf]
    assert not missing, f"figures not in the PDF: {missing}"


def test_pdf_carries_the_licence(pdf) -> None:
    for number, page in enumerate(pdf.pages, start=1):
        assert "CC BY 4.0" in page.extract_text(), f"page {number} has no licence footer"
    assert "creativecommons.org/licenses/by/4.0" in flat(pdf.pages[0].extract_text() + " "
                                                         + pdf.pages[1].extract_text())


def squeeze(text: str) -> str:
    """NFKC without any white space: a heading wrapped over two lines still matches."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def last_headings(html: str) -> list[tuple[str, str]]:
    """(caption or first heading, last column heading) of every table of the book's text."""
    from bs4 import BeautifulSoup

    found = []
    for table in BeautifulSoup(html, "html.parser").select("article table"):
        rows = table.select("thead tr") or table.select("tr")[:1]
        cells = rows[-1].find_all(["th", "td"], recursive=False) if rows else []
        names = [" ".join(c.get_text(" ", strip=True).split()) for c in cells]
        if not names or not names[-1]:
            continue
        caption = table.find("caption")
        found.append((caption.get_text(" ", strip=True)[:60] if caption else names[0],
                      names[-1]))
    return found


def missing_headings(headings: list[tuple[str, str]], text: str) -> list[tuple[str, str]]:
    """The (table, heading) pairs whose heading is not in ``text``."""
    squeezed = squeeze(text)
    return [(table, heading) for table, heading in headings if squeeze(heading) not in squeezed]


def test_missing_headings_is_found() -> None:
    """The heading check can fail: a heading absent from the text is reported."""
    html = ("<article><table><caption>Effects</caption><thead><tr><th>Trial</th>"
            "<th>Holm-adjusted p</th></tr></thead></table>"
            "<table><tr><th>Term</th><th>Meaning</th></tr></table></article>")
    headings = last_headings(html)
    assert headings == [("Effects", "Holm-adjusted p"), ("Term", "Meaning")]
    assert missing_headings(headings, "Trial Holm-\nadjusted p ... Term Meaning") == []
    assert missing_headings(headings, "Trial Holm- Term Meaning") == [
        ("Effects", "Holm-adjusted p")]


def test_pdf_has_every_tables_last_column(pdf) -> None:
    page_html = (SINGLE / "chapters" / "intro.html").read_text(encoding="utf-8")
    headings = last_headings(page_html)
    assert len(headings) > 50, f"only {len(headings)} tables found in the single-page build"
    text = " ".join(page.extract_text() for page in pdf.pages)
    missing = missing_headings(headings, text)
    assert not missing, f"{len(missing)} tables lose their last column in the PDF: {missing}"


# --- launch buttons ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def launch_html() -> Path:
    """Build the book with launch settings into _build/launch (no chapter re-executed)."""
    cache = BUILD / ".jupyter_cache"
    if not cache.exists():
        pytest.fail("_build/.jupyter_cache is missing: build the book first")
    target = LAUNCH / "_build"
    target.mkdir(parents=True, exist_ok=True)
    shutil.copytree(cache, target / ".jupyter_cache", dirs_exist_ok=True)
    env = dict(os.environ)
    env.update(BOOK_REPOSITORY_URL=REPO, BOOK_REPOSITORY_BRANCH="main", BOOK_JUPYTERHUB_URL=HUB)
    env.pop("BOOK_BINDERHUB_URL", None)
    jb = Path(sys.executable).parent / "jupyter-book"
    cmd = [str(jb), "build", str(ROOT), "-W", "-n", "--keep-going", "--path-output", str(LAUNCH)]
    result = subprocess.run(cmd, env=env, capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return target / "html"


def launch_links_in(html: str) -> dict[str, str]:
    links = {}
    for service in ("binder", "jupyterhub", "colab"):
        found = re.findall(
            rf'href="([^"]+)"[^>]*>\s*(?:<span[^>]*>\s*)?<img[^>]*logo_{service}', html
        )
        if found:
            links[service] = found[0].replace("&amp;", "&")
    return links


def paired_chapters() -> list[str]:
    return sorted(p.stem for p in (ROOT / "notebooks").glob("*.ipynb"))


def test_every_paired_chapter_launches_its_notebook(launch_html: Path) -> None:
    for name in paired_chapters():
        html = (launch_html / "chapters" / f"{name}.html").read_text(encoding="utf-8")
        links = launch_links_in(html)
        notebook = f"notebooks/{name}.ipynb"
        assert links.get("binder") == (
            f"https://mybinder.org/v2/gh/igg4-book-check/igg4-book/main"
            f"?urlpath=lab%2Ftree%2Fnotebooks%2F{name}.ipynb"
        ), name
        assert links.get("colab") == (
            f"https://colab.research.google.com/github/igg4-book-check/igg4-book/blob/main/"
            f"{notebook}"
        ), name
        hub = urlparse(links.get("jupyterhub", ""))
        assert f"{hub.scheme}://{hub.netloc}{hub.path}" == f"{HUB}/hub/user-redirect/git-pull"
        assert parse_qs(hub.query)["urlpath"] == [f"lab/tree/igg4-book/{notebook}"], name
        assert (ROOT / notebook).exists()


def test_pages_without_a_notebook_have_no_launch_menu(launch_html: Path) -> None:
    html = (launch_html / "chapters" / "glossary.html").read_text(encoding="utf-8")
    assert not launch_links_in(html)


def test_instructor_guide_shows_the_configured_links(launch_html: Path) -> None:
    html = (launch_html / "chapters" / "instructor_guide.html").read_text(encoding="utf-8")
    html = html.replace("&amp;", "&")
    assert "https://mybinder.org/v2/gh/igg4-book-check/igg4-book/main?urlpath=" in html
    assert f"{HUB}/hub/user-redirect/git-pull?repo=" in html
    assert "OWNER" not in html and "built without a repository address" not in html


def test_default_build_invents_no_launch_links() -> None:
    html_dir = BUILD / "html"
    if not (html_dir / "index.html").exists():
        pytest.fail("_build/html is missing: build the book first")
    for page in (html_dir / "chapters").glob("*.html"):
        assert not launch_links_in(page.read_text(encoding="utf-8")), page.name
    guide = (html_dir / "chapters" / "instructor_guide.html").read_text(encoding="utf-8")
    assert "built without a repository address" in guide
