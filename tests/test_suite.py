"""The CRM Suite generation on the built site: every fact of SuperOffice's CRM Suite page in each language that
has one, and the move of every CRM Online license and combination as an independent oracle computes it."""

from __future__ import annotations

import json
import re

import pytest
from support.checks import built_moves
from support.languages import LANGUAGES, url
from support.oracle import Oracle
from support.sitebuild import Build, text
from support.sources import apply_documented_fixes as fix
from support.sources import source_file
from support.suite_sources import parse_suite_page, suite_languages

SOURCED = [lang for lang in LANGUAGES if lang in suite_languages()]


def norm(value: str) -> str:
    """Whitespace (no-break spaces too) collapsed; a space before a percent sign is typography, not a fact."""
    return re.sub(r"\s+%", "%", " ".join(value.replace("\u00a0", " ").replace("\u202f", " ").split()))


def rows(table) -> list[list[str]]:
    return [[norm(text(cell)) for cell in tr.find_all(["th", "td"])] for tr in table.find("tbody").find_all("tr")]


def suite_article(site: Build, lang: str):
    return site.page(url(lang, "crm-suite/")).find("article")


@pytest.mark.parametrize("lang", SOURCED)
def test_every_plan_is_on_the_page_with_its_description_in_order(site: Build, lang: str) -> None:
    source = parse_suite_page(lang)
    article = suite_article(site, lang)
    assert norm(text(article.find("h1"))) == norm(source.title)
    table = article.find("table", id=re.compile(r"-plans$"))
    assert rows(table) == [[norm(name), norm(description)] for name, description in source.plans]


@pytest.mark.parametrize("lang", SOURCED)
def test_every_limit_is_one_row_with_its_label_and_values_in_plan_order(site: Build, lang: str) -> None:
    source = parse_suite_page(lang)
    table = suite_article(site, lang).find("table", id=re.compile(r"-limits$"))
    header = [norm(text(th)) for th in table.find("thead").find_all("th")][1:]
    assert header == [norm(name) for name in source.limits_header]
    assert rows(table) == [[norm(cell) for cell in row] for row in source.limits]


@pytest.mark.parametrize("lang", SOURCED)
def test_every_scaling_metric_is_listed(site: Build, lang: str) -> None:
    source = parse_suite_page(lang)
    items = suite_article(site, lang).select("ul[id$='-metrics'] > li")
    assert [norm(text(li)) for li in items] == [norm(metric) for metric in source.metrics]


@pytest.mark.parametrize("lang", SOURCED)
def test_every_transition_row_names_the_license_and_its_plan(site: Build, lang: str) -> None:
    source = parse_suite_page(lang)
    table = suite_article(site, lang).find("table", id=re.compile(r"-transition$"))
    # One name per plan: the site writes a base plan as everywhere else ("Sales-Essential"), the source
    # "Sales Essentials"; the tier's spelling is a documented fix.
    built = [[cell.replace("-", " ") for cell in row] for row in rows(table)]
    assert built == [[norm(fix(license)), norm(plan)] for license, plan in source.transition]


@pytest.mark.parametrize("lang", SOURCED)
def test_the_usage_indicator_keeps_every_level_and_the_later_colour(site: Build, lang: str) -> None:
    """The rows are the source's, but the colour at 85 %: the sources disagree, and yellow is the later fact
    (the sources README); so that row never says what the 100 % row says, in any language."""
    source = parse_suite_page(lang)
    built = rows(suite_article(site, lang).find("table", id=re.compile(r"-usage$")))
    assert [row[0] for row in built] == [norm(row[0]) for row in source.usage]
    assert [row[2] for row in built] == [norm(row[2]) for row in source.usage]
    english = parse_suite_page(Oracle().source)
    readme = " ".join(source_file("README.md").read_text(encoding="utf-8").split())
    assert re.search(r"the English page says the count is shown in \*yellow\*", readme)
    assert "yellow" in english.usage[1][1]
    assert built[1][1] != built[2][1], "85 % or more shows the same colour as 100 %"
    if lang == english.lang:
        assert [row[1] for row in built] == [norm(row[1]) for row in source.usage]


# -- the transition, derived ------------------------------------------------------------------


def test_every_license_and_combination_moves_as_the_oracle_says(site: Build, oracle: Oracle, lang: str) -> None:
    expected = oracle.suite_moves()
    assert len(expected) == len(oracle.plans()) + len(oracle.combinations_by_rule())
    assert built_moves(site.page(url(lang, "moving-to-crm-suite/"))) == expected


def test_catalogue_json_carries_the_same_moves(site: Build, oracle: Oracle, lang: str) -> None:
    data = json.loads((site.site / url(lang, "catalogue.json")).read_text(encoding="utf-8"))
    generation = next(g for g in data["generations"] if g.get("transition"))
    moves = {tuple(m["licenses"]): (m["plan"], m["decided_by"], set(m["gained"]), set(m["lost"]))
             for m in generation["transition"]["moves"]}
    assert moves == oracle.suite_moves()


def test_the_highest_tier_license_decides_for_the_sources_examples(oracle: Oracle) -> None:
    """The source's transition table and rule, applied by hand to two pairs: two licenses moving to the same plan
    keep it; a pair moves to the later plan of the two."""
    lines = dict(parse_suite_page(oracle.source).transition)
    by_name = {fix(f"{oracle.solution_name(p.solution, oracle.source)} {oracle.tier_name(p.tier, oracle.source)}")
               .replace("-", " "): p.plan_id for p in oracle.plans()}
    plan_of = {by_name[fix(license)]: plan.lower() for license, plan in lines.items()}
    order = [plan.lower() for plan, _ in parse_suite_page(oracle.source).plans]
    moves = oracle.suite_moves()
    for pair in sorted(oracle.combinations_by_rule()):
        if len(pair) == 2:
            latest = max(pair, key=lambda plan_id: order.index(plan_of[plan_id]))
            assert moves[pair][0] == plan_of[latest], pair


def test_no_license_loses_a_feature_it_has(oracle: Oracle) -> None:
    """The sources say a customer gets the plan that matches their license; the catalogue's placement of CRM
    Online features in CRM Suite plans keeps that promise (tests/sources/README.md, source notes)."""
    assert {ids: lost for ids, (_plan, _by, _gained, lost) in oracle.suite_moves().items() if lost} == {}
