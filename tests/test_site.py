"""The built site (both languages, --strict) agrees with the catalogue, cell by cell."""

from __future__ import annotations

import html
import json
from pathlib import Path

import yaml
from bs4 import BeautifulSoup
from support.checks import check_combination_table, check_matrix, expected_matrix_rows
from support.languages import DEFAULT_LANGUAGE, LANGUAGES, url
from support.oracle import Oracle
from support.sitebuild import text
from support.sources import ROOT

from plandocs.mkdocs_yml import read_config
from plandocs.theme import search_language


def test_the_strict_build_prints_no_warning(site) -> None:
    assert "WARNING" not in site.output and "ERROR" not in site.output, site.output[-3000:]


def test_matrix_cells_equal_the_catalogue(site, oracle: Oracle, lang: str) -> None:
    table = site.page(url(lang, "matrix/")).select_one("#matrix table")
    check_matrix(table, oracle, lang, oracle.plans(), expected_matrix_rows(oracle), common_row=False)
    assert text(table.find("caption")) == oracle.ui("matrix-caption", lang)
    headings = [text(th) for th in table.select("tr.pd-section th")]
    groups = [g["label"][lang] for g in oracle.raw["common"] if g.get("features")]
    assert headings == groups + [s["name"][lang] for s in oracle.solutions]


def test_matrices_have_the_same_rows_and_columns_in_every_language(site) -> None:
    shapes = set()
    for lang in LANGUAGES:
        table = site.page(url(lang, "matrix/")).select_one("#matrix table")
        shapes.add((tuple(tr["data-feature"] for tr in table.select("tr[data-feature]")),
                    tuple(th["data-plan"] for th in table.select("th[data-plan]"))))
    assert len(shapes) == 1


def test_solution_pages_compare_their_tiers(site, oracle: Oracle, lang: str) -> None:
    for solution in oracle.solutions:
        page = site.page(url(lang, f"solutions/{solution['id']}/"))
        assert text(page.find("h1")) == solution["name"][lang]
        table = page.select_one(f"#tiers-{solution['id']} table")
        check_matrix(table, oracle, lang, oracle.plans_of(solution["id"]),
                     expected_matrix_rows(oracle, [solution]), common_row=True)
        assert text(table.find("caption")) == oracle.ui("tiers-caption", lang, solution=solution["name"][lang])


def test_combination_table_equals_the_rule(site, oracle: Oracle, lang: str) -> None:
    check_combination_table(site.page(url(lang, "combinations/")).select_one("#combinations-table"), oracle, lang)


def test_plan_table_counts_features(site, oracle: Oracle, lang: str) -> None:
    rows = site.page(url(lang, "combinations/")).select("#plans-table tbody tr")
    assert [tr["id"] for tr in rows] == [f"plan-{p.plan_id}" for p in oracle.plans()]
    for tr, plan in zip(rows, oracle.plans()):
        assert text(tr.find("th")) == oracle.plan_name(plan, lang)
        assert int(text(tr.find_all("td")[-1])) == oracle.feature_count((plan,))


def test_addons_billing_and_developer_pages(site, oracle: Oracle, lang: str) -> None:
    rows = site.page(url(lang, "addons/")).select("#addons-table tbody tr")
    assert [(text(r.find("th")), r.find("a")["href"], text(r.find("td"))) for r in rows] == [
        (a["name"][lang], a["link"][lang], " ".join(a["description"][lang].split())) for a in oracle.raw["addons"]]
    rows = site.page(url(lang, "billing/")).select("#billing-table tbody tr")
    assert [(text(r.find("th")), int(text(r.find("td")))) for r in rows] == [
        (p["label"][lang], p["months"]) for p in oracle.raw["billing_periods"]]
    page = site.page(url(lang, "developers/"))
    for example in oracle.raw["examples"]:
        table = page.select_one(f"#license-{example['license']}")
        cells = {text(tr.find("th")): text(tr.find("td")) for tr in table.select("tr")}
        assert cells[oracle.ui("license", lang)] == example["license"]
        assert cells[oracle.ui("flag-value", lang)] == str(oracle.raw["user_plan_flag"])
        if example.get("hidden_licenses"):
            assert cells[oracle.ui("extra-info", lang)] == oracle.raw["extra_info_prefix"] + ",".join(
                example["hidden_licenses"])


def _target(site, page: Path, href: str) -> Path:
    """The index.html a link on `page` leads to (absolute paths from the site root)."""
    base = site.site / href.lstrip("/") if href.startswith("/") else page.parent / href
    return base.resolve() / "index.html"


def _pages(site) -> list[Path]:
    return sorted(p for p in site.site.rglob("index.html"))


def test_no_template_syntax_survives(site) -> None:
    for page in _pages(site) + [site.site / "404.html"]:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for script in soup.find_all(["script", "style", "code"]):  # code may show template syntax
            script.decompose()
        shown = text(soup.body) + " " + str(soup.find("article") or "")
        for marker in ("{{", "{%", "{#", "}}", "%}"):
            assert marker not in shown, f"{page.relative_to(site.site)} shows {marker}"


def _language_of(site, page: Path) -> str:
    relative = page.relative_to(site.site).as_posix()
    for lang in LANGUAGES:
        if lang != DEFAULT_LANGUAGE and relative.startswith(f"{lang}/"):
            return lang
    return DEFAULT_LANGUAGE


def _page_key(site, page: Path) -> str:
    relative = page.relative_to(site.site).as_posix()
    lang = _language_of(site, page)
    return relative if lang == DEFAULT_LANGUAGE else relative[len(lang) + 1:]


def test_every_page_has_its_language_and_hreflang_alternates(site) -> None:
    pages = _pages(site)
    keys = {(_language_of(site, p), _page_key(site, p)) for p in pages}
    for lang in LANGUAGES:
        assert {k for code, k in keys if code == lang} == {k for code, k in keys if code == DEFAULT_LANGUAGE}, lang
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        lang = _language_of(site, page)
        assert soup.html["lang"] == lang, page
        alternates = {link["hreflang"]: link["href"] for link in soup.select("link[rel=alternate][hreflang]")}
        assert set(alternates) == set(LANGUAGES), page
        for alt_lang, href in alternates.items():
            target = _target(site, page, href)
            assert target.is_file(), f"{page}: {href}"
            assert _language_of(site, target) == alt_lang and _page_key(site, target) == _page_key(site, page)


def test_language_switcher_keeps_the_page(site) -> None:
    for page in _pages(site):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        links = soup.select(".md-select__link[hreflang]")
        assert {a["hreflang"] for a in links} == set(LANGUAGES), page
        for link in links:
            target = _target(site, page, link["href"])
            assert target.is_file() and _page_key(site, target) == _page_key(site, page), f"{page}: {link['href']}"


def test_each_language_searches_only_its_own_pages(site, oracle: Oracle) -> None:
    for lang in LANGUAGES:
        root = site.site if lang == DEFAULT_LANGUAGE else site.site / lang
        index = json.loads((root / "search" / "search_index.json").read_text(encoding="utf-8"))
        stemmer = search_language(lang)  # Norwegian Bokmål (nb) is stemmed as lunr's "no"
        # Stemmed with the language's own pipeline (lunr's default where it has no stemmer for the language)
        assert index["config"]["lang"] == ([stemmer] if stemmer else [])
        assert set(index["config"]["pipeline"]) == ({"stemmer", "stopWordFilter", "trimmer"} if stemmer else set())
        assert index["docs"], lang
        for doc in index["docs"]:
            target = root / doc["location"].split("#")[0] / "index.html"
            assert target.is_file() and _language_of(site, target) == lang, doc["location"]
        words = " ".join(d["text"] + " " + d["title"] for d in index["docs"])
        others = [labels[other] for labels in oracle.labels.values() for other in LANGUAGES
                  if other != lang and labels[other] != labels[lang] and labels[other] not in labels[lang]]
        leaked = [w for w in others if f" {w} " in f" {words} " and w not in " ".join(
            labels[lang] for labels in oracle.labels.values())]
        assert not leaked, f"{lang} search index holds other-language labels: {leaked[:5]}"


def test_search_finds_feature_names_on_the_matrix_not_its_cells(site, oracle: Oracle, lang: str) -> None:
    """The matrix goes round Markdown and the search indexer: the index holds its caption and feature
    names, not a column of 'included' per row; the written page holds the whole table, no placeholder."""
    root = site.site if lang == DEFAULT_LANGUAGE else site.site / lang
    index = json.loads((root / "search" / "search_index.json").read_text(encoding="utf-8"))
    matrix = html.unescape(" ".join(d["text"] for d in index["docs"] if d["location"].split("#")[0] == "matrix/"))
    assert oracle.ui("matrix-caption", lang) in matrix
    for fid in expected_matrix_rows(oracle):
        assert " ".join(oracle.labels[fid][lang].split()) in matrix, fid
    # No cell's word, more often than the names themselves hold it (a label may say "included": MailGun's does)
    names = " ".join([oracle.ui("matrix-caption", lang), *(oracle.labels[fid][lang] for fid in oracle.labels)])
    for word in (oracle.ui("not-included", lang), oracle.ui("included", lang)):
        assert matrix.count(word) <= names.count(word), word
    for page in _pages(site):
        assert "data-pd-slot" not in page.read_text(encoding="utf-8"), page


def test_every_solution_has_a_page_in_every_language_and_in_the_nav(oracle: Oracle) -> None:
    config = read_config(ROOT / "mkdocs.yml")

    def pages(nav: object) -> list[str]:  # every page of the navigation, in sections too
        if isinstance(nav, list):
            return [page for item in nav for page in pages(item)]
        return [page for value in nav.values() for page in pages(value)] if isinstance(nav, dict) else [nav]

    for solution in oracle.solutions:
        assert f"solutions/{solution['id']}.md" in pages(config["nav"]), solution["id"]
        for lang in LANGUAGES:
            name = f"{solution['id']}.md" if lang == DEFAULT_LANGUAGE else f"{solution['id']}.{lang}.md"
            assert (ROOT / "docs" / "solutions" / name).is_file(), name


def test_overview_carries_description_and_keywords(site, lang: str) -> None:
    page = site.page(url(lang))
    source_name = "index.md" if lang == DEFAULT_LANGUAGE else f"index.{lang}.md"
    meta = yaml.safe_load((ROOT / "docs" / source_name).read_text(encoding="utf-8").split("---\n", 2)[1])
    assert page.select_one("meta[name=description]")["content"] == meta["description"]
    assert page.select_one("meta[name=keywords]")["content"] == meta["keywords"]


def test_the_not_found_page_speaks_each_language(site, oracle: Oracle, lang: str) -> None:
    """The root 404.html is the default language's; every other language has its own under its root."""
    page = site.site / url(lang, "404.html")
    assert page.is_file(), f"no {url(lang, '404.html')}"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    assert soup.html["lang"] == lang
    assert text(soup.select_one("article h1")) == oracle.ui("not-found", lang)
    # Its language switcher leads to each language's home, and it searches its own language's index.
    switcher = {a["hreflang"]: a["href"] for a in soup.select("a.md-select__link")}
    assert switcher == {other: "/" + url(other) for other in LANGUAGES}, switcher
    root = soup.select_one("#__plandocs_search_root")
    assert (json.loads(root.get_text()) if root else "/") == "/" + url(lang)
