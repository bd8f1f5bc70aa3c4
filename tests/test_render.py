"""Rendered fragments, without MkDocs: language, escaping and block shape."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st
from support.sources import ROOT

from plandocs.rendering.components import Site

FIXTURE = Path(__file__).parent / "fixtures" / "minimal"
HTML_COMPONENTS = ("common_features", "base_plans", "combination_list", "addon_list", "billing_periods",
                   "plan_matrix", "combination_table", "plan_table", "addon_table", "billing_table",
                   "license_records", "plan_finder", "bundle_table", "bundle_matrix", "replacement_table")


@pytest.fixture(scope="module")
def site() -> Site:
    return Site.load(FIXTURE, ROOT / "macros")


def visible_texts(html: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    for data in soup.select('script[type="application/json"]'):
        data.decompose()  # data for scripts, checked through what the scripts show
    texts = [s.strip() for s in soup.find_all(string=True) if s.strip() and s.find_parent("code") is None]
    texts += [tag["aria-label"] for tag in soup.select("[aria-label]")]
    return texts


def test_fragments_show_only_words_of_the_page_language(site: Site) -> None:
    """In a language no template knows, every word shown comes from that language's catalogue texts."""
    catalogue = site.catalogue
    finnish = {text.get("fi") for text in catalogue.texts}
    symbols = {"✓", "↑", "–"}
    fragments = [getattr(site, name)("fi") for name in HTML_COMPONENTS] + [site.tier_comparison("fi", "alpha")]
    for html in fragments:
        for shown in visible_texts(html):
            allowed = shown in finnish or shown.startswith("FI ") or shown in symbols or shown.isdigit()
            assert allowed, f"{shown!r} is not a Finnish catalogue text"


@pytest.mark.parametrize("name", HTML_COMPONENTS)
def test_html_fragments_are_one_raw_block(site: Site, name: str) -> None:
    html = getattr(site, name)("en")
    assert html.strip() and "\n\n" not in html, "a blank line would end the raw HTML block in Markdown"


def test_labels_are_plain_text_in_html(site: Site) -> None:
    html = site.plan_matrix("en")
    assert "Reports | &lt;b&gt;charts&lt;/b&gt;" in html and "<b>" not in html


def test_markdown_fragments_escape_markup_in_labels(site: Site) -> None:
    html = markdown.markdown(site.solution_sections("en"), extensions=["attr_list"])
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("a").get_text() == "For *everyone*" and soup.find("em") is None
    # the fixture's one solution is sold in one tier: no tier heading, its features follow its own
    assert soup.find("h2")["id"] == "alpha" and soup.find("h3") is None
    assert soup.find("li").get_text(strip=True) == "Reports | <b>charts</b>"


def test_macros_take_the_language_from_the_page(site: Site) -> None:
    current = {"lang": "en"}
    macros = site.macros(lambda: current["lang"])
    assert "Alpha" in macros["solution_name"]("alpha")
    current["lang"] = "fi"
    assert macros["solution_name"]("alpha") == "Alfa"
    assert "FI Features in each base plan" in macros["plan_matrix"]()


def test_too_many_combinations_show_the_rule_without_listing_them(monkeypatch: pytest.MonkeyPatch) -> None:
    from plandocs.derive import combinations as derive
    from plandocs.rendering import components as site_module
    real = Site.load(ROOT / "data", ROOT / "macros")
    count = derive.combination_count(real.catalogue)
    monkeypatch.setattr(derive, "LIST_LIMIT", count - 1)

    def refuse(*args):
        raise AssertionError("combinations were enumerated")

    monkeypatch.setattr(site_module, "iter_combinations", refuse)
    for html in (real.combination_table("en"), real.combination_list("en")):
        soup = BeautifulSoup(html, "html.parser")
        assert soup.find("table") is None
        assert str(count) in soup.get_text()
        assert len(soup.select("li")) == len(real.catalogue.solutions)


def test_a_long_matrix_is_split_in_parts_with_stable_deep_links() -> None:
    """Above the threshold, one collapsed part per group, each with its own header; every row once,
    with the id it has in one table, and no id twice."""
    from plandocs.derive import combinations

    site = Site.load(ROOT / "data")
    whole = BeautifulSoup(site.plan_matrix("en"), "html.parser")
    rows = [tr["id"] for tr in whole.select("tr[data-feature]")]
    site = Site.load(ROOT / "data")
    site.split_above(len(rows) - 1)
    split = BeautifulSoup(site.plan_matrix("en"), "html.parser")
    parts = split.select("details.pd-part")
    solutions = [s.id for s in site.catalogue.solutions]
    assert [p["id"] for p in parts] == ["matrix-part-common"] + [f"matrix-part-{s}" for s in solutions]
    common = parts[0].select("tr[data-feature]")
    assert [tr["data-feature"] for tr in common] == [f.id for f in combinations.leaf_features(site.catalogue.common)]
    assert [tr["id"] for tr in split.select("tr[data-feature]")] == rows
    assert all(len(p.select("table thead th[data-plan]")) == len(site.catalogue.plans) for p in parts)
    ids = [tag["id"] for tag in split.select("[id]")]
    assert len(ids) == len(set(ids))
    site.split_above(len(rows))
    assert not BeautifulSoup(site.plan_matrix("en"), "html.parser").select("details.pd-part")


@given(st.text(alphabet=" \t\nab<>", max_size=40))
def test_a_component_loses_its_blank_lines_and_nothing_else(text: str) -> None:
    """The one-pass removal keeps exactly the lines that have something on them, in order."""
    from plandocs.rendering.renderer import _without_blank_lines

    kept = [line for line in text.split("\n") if line.strip()]
    assert _without_blank_lines(text).strip("\n") == "\n".join(kept)
