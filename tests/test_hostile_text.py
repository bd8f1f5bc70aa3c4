"""Text from the catalogue is plain text everywhere: markup, table syntax and templates stay inert."""

from __future__ import annotations

import html
import json

import pytest
from bs4 import BeautifulSoup
from support.edit import translate
from support.languages import DEFAULT_LANGUAGE, TRANSLATED, url
from support.sitebuild import Build, build_here, copy_project, text

HOSTILE = {
    "sales-forecasting": "<img src=x onerror=alert(1)>",
    "sales-guide": "| a | b |",
    "currency-support": "{{ 7*7 }}",
    "sales-secretary": "**bold** _it_ `code`",
    "stakeholders": "[link](javascript:alert(1)) {: #injected }",
}
HOSTILE_SOLUTION = "Sales <script>alert(2)</script> {% raw %} * ~5 users"
# A name that closes the <title> element if it is written raw, and Markdown punctuation that
# must not come out backslashed in the title, the header or the navigation.
TITLE_BREAKER = "</title><script>alert(3)</script> (CRM) & Co."


def label_line(fid: str, content: str) -> str:
    lines = content.splitlines()
    return next(line for number, line in enumerate(lines) if line.strip().startswith("label:") and
                lines[number - 1].strip() == f"- id: {fid}")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    project = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    solutions = project / "data" / "solutions.yml"
    content = solutions.read_text(encoding="utf-8")
    for fid, value in HOSTILE.items():
        line = label_line(fid, content)
        content = content.replace(line + "\n", line[: line.index("label:")] + f"label: {json.dumps(value)}\n", 1)
    content = content.replace("    name: Sales\n", f"    name: {json.dumps(HOSTILE_SOLUTION)}\n")
    content = content.replace("    name: Service\n", f"    name: {json.dumps(TITLE_BREAKER)}\n")
    solutions.write_text(content, encoding="utf-8")
    # The same payloads arrive as translations: translators work outside the project.
    for lang in TRANSLATED:
        translate(project / "data", lang, {**{f"feature.{fid}.label": value for fid, value in HOSTILE.items()},
                                           "solution.sales.name": HOSTILE_SOLUTION,
                                           "solution.service.name": TITLE_BREAKER})
    result = build_here(project, project / "site")
    assert result.returncode == 0, result.output[-3000:]
    return result


def test_no_markup_from_the_catalogue_becomes_html(hostile_site: Build) -> None:
    for page in hostile_site.site.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        article = soup.find("article") or soup
        assert not article.select("img"), page
        scripts = article.find_all("script")
        assert not [s for s in scripts if s.get("type") != "application/json" and "alert" in s.get_text()], page
        assert not [s for s in scripts if s.get("type") == "application/json" and "<" in s.get_text()], \
            f"{page}: data inside a script must not be able to close it"
        assert not [a for a in soup.find_all("a", href=True) if a["href"].startswith("javascript:")], page
        assert soup.find(id="injected") is None, page
        assert not [s for s in article.find_all(["strong", "em"]) if s.get_text() in ("bold", "it")], page


def test_hostile_labels_show_literally_in_every_table_and_list(hostile_site: Build, lang: str) -> None:
    matrix = hostile_site.page(url(lang, "matrix/")).select_one("#matrix table")
    for fid, value in HOSTILE.items():
        th = matrix.select_one(f"tr[data-feature={fid}] th")
        assert text(th.select_one("summary") or th) == value  # the label (it opens on its explanation)
    headers = [text(th) for th in matrix.select("thead th[scope=colgroup]")]
    assert HOSTILE_SOLUTION in headers

    sales = hostile_site.page(url(lang, "solutions/sales/"))
    assert text(sales.find("h1")) == HOSTILE_SOLUTION
    for fid, value in HOSTILE.items():
        th = sales.select_one(f"tr[data-feature={fid}] th")
        assert text(th.select_one("summary") or th) == value

    overview = hostile_site.page(url(lang))
    items = [text(li) for li in overview.select("article li")]
    for value in HOSTILE.values():
        assert value in items
    assert HOSTILE_SOLUTION in [text(h) for h in overview.select("article h2")]
    combos = hostile_site.page(url(lang, "combinations/"))
    assert any(HOSTILE_SOLUTION in text(th) for th in combos.select("#combinations-table tbody th"))


def test_a_name_in_the_page_title_stays_plain_text(hostile_site: Build, lang: str) -> None:
    """<title>, header, navigation and search show the catalogue text exactly, and nothing in <head> runs it."""
    page = hostile_site.page(url(lang, "solutions/service/"))
    assert page.title is not None and page.title.get_text().startswith(TITLE_BREAKER + " - ")
    assert not [s for s in page.find_all("script") if "alert" in s.get_text()]
    assert text(page.select_one("[data-md-component=header-topic] .md-ellipsis")) == TITLE_BREAKER
    nav_titles = [text(a) for a in page.select("nav.md-nav--primary a.md-nav__link")]
    assert TITLE_BREAKER in nav_titles
    assert not [t for t in nav_titles if "\\" in t], nav_titles

    index_root = hostile_site.site if lang == DEFAULT_LANGUAGE else hostile_site.site / lang
    index = json.loads((index_root / "search" / "search_index.json").read_text(encoding="utf-8"))
    titles = {doc["title"] for doc in index["docs"] if doc["location"].startswith("solutions/service/")}
    # Search shows titles as HTML: the text arrives escaped, and reads exactly as written.
    assert html.escape(TITLE_BREAKER, quote=False) in titles, titles


def test_names_reach_the_finder_script_as_plain_text(hostile_site: Build, lang: str) -> None:
    """The finder writes names with textContent: its data holds the text itself, not HTML."""
    page = hostile_site.page(url(lang, "finder/"))
    data = json.loads(page.select_one("[data-pd-finder-data]").get_text())
    names = [plan["name"] for plan in data["plans"] if plan["solution"] == "service"]
    assert names and all(TITLE_BREAKER in name and "<" in name for name in names), names
