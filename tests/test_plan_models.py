"""The plan-model fixtures (a single-tier solution among two- and three-tier ones; bundles alongside
combinations; bundles instead of combinations, with retired plans), each built strictly in every
language and compared, table by table, with the oracle reading the fixture's raw YAML."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import PlanModel
from support.checks import built_moves, check_combination_table, check_matrix, expected_matrix_rows
from support.edit import line_of, replace_once
from support.languages import LANGUAGES, url
from support.oracle import Oracle
from support.plan_models import NAMES, compose
from support.sitebuild import build_here, copy_project, text

from plandocs.rendering.components import Site


def in_order(oracle: Oracle, ids: set[str]) -> list[str]:
    return [fid for fid in oracle.sold_feature_order() if fid in ids]


def by_price_list(oracle: Oracle, ids: list[str]) -> list[str]:
    """Base plan ids in price-list order (a combination's order); a lone plan or bundle id as it is."""
    if len(ids) == 1:
        return ids
    order = [p.plan_id for p in oracle.all_plans()]
    return sorted(ids, key=order.index)


def test_the_fixtures_cover_each_shape(tmp_path: Path) -> None:
    """Each shape the catalogue can take is in some fixture, so the tests below see it built."""
    oracles = [Oracle(compose(name, tmp_path / name) / "data") for name in NAMES]
    tier_counts = {len(o.plans_of(s["id"])) for o in oracles for s in o.solutions}
    assert {1, 2, 3} <= tier_counts, "single-, two- and three-tier solutions"
    assert any(o.current_bundles() and o.combinations_by_rule() for o in oracles), "bundles beside combinations"
    assert any(o.current_bundles() and o.rules.get("sold") is False for o in oracles), "bundles instead"
    assert any(o.rules.get("max_solutions") and o.rules.get("exclude") for o in oracles), "limited combinations"
    retired = [e for o in oracles for e in o.retired]
    kinds = {"bundle" if o.is_bundle(e["plans"][0]) else "combination" if len(e["plans"]) > 1 else "plan"
             for o in oracles for e in o.retired}
    assert retired and kinds == {"plan", "bundle", "combination"}, "a retired plan, bundle and combination"
    assert any(any(isinstance(p, str) for p in b["parts"] if o.is_bundle(p)) for o in oracles for b in o.bundles), \
        "a bundle made of a bundle"


def test_each_fixture_builds_strictly_without_a_warning(plan_model: PlanModel) -> None:
    output = plan_model.build.output
    assert "WARNING" not in output and "ERROR" not in output, output[-3000:]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_matrix_has_every_plan_and_bundle_sold(plan_model: PlanModel, lang: str) -> None:
    oracle = plan_model.oracle
    table = plan_model.build.page(url(lang, "matrix/")).select_one("#matrix table")
    check_matrix(table, oracle, lang, oracle.plans(), expected_matrix_rows(oracle), common_row=False,
                 bundles=oracle.current_bundles())
    caption = "matrix-caption-bundles" if oracle.current_bundles() else "matrix-caption"
    assert text(table.find("caption")) == oracle.ui(caption, lang)
    group = table.select_one("thead th[data-pd-group]")
    assert (text(group) if group else None) == (oracle.ui("bundles", lang) if oracle.current_bundles() else None)
    for retired in oracle.retired_ids:
        assert not table.select(f'[data-plan="{retired}"]'), f"retired {retired} is still a column"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_solution_pages_compare_the_tiers_sold(plan_model: PlanModel, lang: str) -> None:
    oracle = plan_model.oracle
    for solution in oracle.solutions:
        page = plan_model.build.page(url(lang, f"solutions/{solution['id']}/"))
        table = page.select_one(f"#tiers-{solution['id']} table")
        check_matrix(table, oracle, lang, oracle.plans_of(solution["id"]), expected_matrix_rows(oracle, [solution]),
                     common_row=True)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_combinations_follow_the_rules(plan_model: PlanModel, lang: str) -> None:
    oracle = plan_model.oracle
    page = plan_model.build.page(url(lang, "combinations/"))
    overview = plan_model.build.page(url(lang, ""))
    if oracle.rules.get("sold", True):
        check_combination_table(page.select_one("#combinations-table"), oracle, lang)
        listed = [text(li) for li in overview.select("ul.pd-combinations li")]
        expected = sorted(oracle.combinations_by_rule(), key=lambda ids: listed.index(oracle.name_of(ids, lang))
                          if oracle.name_of(ids, lang) in listed else -1)
        assert listed == [oracle.name_of(ids, lang) for ids in expected]
        limits = [text(li) for li in overview.select(".pd-combination-limits li")]
        expected_limits = ([oracle.ui("combinations-cap", lang, count=str(oracle.rules["max_solutions"]))]
                           if oracle.rules.get("max_solutions") else [])
        for first, second in oracle.rules.get("exclude", []):
            names = sorted((first, second), key=[s["id"] for s in oracle.solutions].index)
            expected_limits.append(oracle.ui("combinations-excluded", lang, first=oracle.solution_name(names[0], lang),
                                             second=oracle.solution_name(names[1], lang)))
        assert limits == expected_limits
    else:  # bundles replace combinations: no table, and the pages say how plans are combined
        assert page.select_one("#combinations-table") is None
        for shown in (page, overview):
            assert oracle.ui("combinations-not-sold", lang) in text(shown.select_one(".pd-combination-rule"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_overview_names_plans_as_sold(plan_model: PlanModel, lang: str) -> None:
    oracle = plan_model.oracle
    overview = plan_model.build.page(url(lang, ""))
    assert [text(li) for li in overview.select("ul.pd-plans li")] == [oracle.plan_name(p, lang) for p in oracle.plans()]
    bundles = oracle.current_bundles()
    assert [li["id"] for li in overview.select("ul.pd-bundles li")] == [f"bundle-{b['id']}" for b in bundles]
    for li, bundle in zip(overview.select("ul.pd-bundles li"), bundles):
        assert text(li) == oracle.ui("bundle-item", lang, bundle=bundle["name"][lang],
                                     description=bundle["description"][lang],
                                     plans=oracle.name_of(bundle["parts"], lang))
    for solution in oracle.solutions:  # a tier heading only where the solution is sold in more than one
        tier_headings = overview.select(f'h3[id^="{solution["id"]}-"]')
        assert len(tier_headings) == (0 if oracle.single_tier(solution["id"]) else
                                      len(oracle.plans_of(solution["id"])))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_bundle_page_compares_bundles_in_price_list_order(plan_model: PlanModel, lang: str) -> None:
    oracle = plan_model.oracle
    bundles = oracle.current_bundles()
    page_file = plan_model.build.site / url(lang, "bundles/") / "index.html"
    assert page_file.is_file() == bool(bundles), "the bundle page exists exactly when bundles are sold"
    if not bundles:
        return
    page = plan_model.build.page(url(lang, "bundles/"))
    rows = page.select("#bundles-table tbody tr")
    assert [tr["id"] for tr in rows] == [f"bundle-{b['id']}" for b in bundles]
    # "what it adds to the one before" only where each bundle holds all of the one before (a ladder)
    ladder = all(oracle.features_of(a["plan_id"]) <= oracle.features_of(b["plan_id"])
                 for a, b in zip(bundles, bundles[1:]))
    assert len(page.select("#bundles-table thead th")) == (5 if ladder else 4)
    previous = None
    for tr, bundle in zip(rows, bundles):
        cells = tr.find_all("td")
        assert len(cells) == (4 if ladder else 3)
        name = bundle["name"][lang]
        assert text(tr.find("th")) == f"{name} {oracle.explanation(bundle, name, lang)}"
        link = tr.find("th").select_one("a")
        assert (link["href"] if link else None) == (bundle["link"][lang] if "link" in bundle else None)
        assert text(cells[0]) == oracle.name_of(bundle["parts"], lang)
        assert text(cells[1]) == bundle["plan_id"]
        features = oracle.features_of(bundle["plan_id"])
        assert int(text(cells[2])) == len(oracle.common_leaves()) + len(features)
        added = [li["data-feature"] for li in cells[3].select("li")] if ladder else []
        if previous is None or not ladder:
            assert not added
        else:
            assert added == in_order(oracle, features - oracle.features_of(previous["plan_id"]))
            assert [text(li) for li in cells[3].select("li")] == [oracle.labels[f][lang] for f in added]
        previous = bundle
    held = set().union(*(oracle.features_of(b["plan_id"]) for b in bundles))
    rows = [f for f in expected_matrix_rows(oracle) if f in set(oracle.common_ids()) | held]
    check_matrix(page.select_one("#bundle-matrix table"), oracle, lang, [], rows, common_row=False, bundles=bundles)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_which_plan_replaces_mine(plan_model: PlanModel, lang: str) -> None:
    oracle = plan_model.oracle
    page_file = plan_model.build.site / url(lang, "replacements/") / "index.html"
    assert page_file.is_file() == bool(oracle.retired), "the page exists exactly when plans are retired"
    if not oracle.retired:
        return
    rows = plan_model.build.page(url(lang, "replacements/")).select("#replacements-table tbody tr")
    assert len(rows) == len(oracle.retired)
    for tr, entry in zip(rows, oracle.retired):
        retired = by_price_list(oracle, entry["plans"])
        replacement = by_price_list(oracle, entry["replaced_by"])
        assert tr["data-retired"] == "-".join(retired)
        assert tr["data-replaced-by"] == "-".join(replacement)
        assert text(tr.find("th")) == oracle.name_of(retired, lang)
        cells = tr.find_all("td")
        assert text(cells[0]) == oracle.name_of(replacement, lang)
        before = set().union(*(oracle.features_of(pid) for pid in retired))
        after = set().union(*(oracle.features_of(pid) for pid in replacement))
        for cell, expected, nothing in ((cells[1], after - before, "nothing-gained"),
                                        (cells[2], before - after, "nothing-lost")):
            shown = [li["data-feature"] for li in cell.select("li")]
            assert shown == in_order(oracle, expected)
            assert [text(li) for li in cell.select("li")] == [oracle.labels[f][lang] for f in shown]
            if not expected:
                assert text(cell) == "– " + oracle.ui(nothing, lang)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalogue_json_lists_what_is_sold_and_what_replaces_what_is_not(plan_model: PlanModel, lang: str) -> None:
    oracle = plan_model.oracle
    data = json.loads((plan_model.build.site / url(lang, "catalogue.json")).read_text(encoding="utf-8"))
    common = oracle.common_leaves()
    assert [p["id"] for p in data["plans"]] == [p.plan_id for p in oracle.plans()]
    for plan in data["plans"]:
        assert set(plan["features"]) == set(common) | oracle.features_of(plan["id"])
    assert [b["plan_id"] for b in data["bundles"]] == [b["plan_id"] for b in oracle.current_bundles()]
    for exported, bundle in zip(data["bundles"], oracle.current_bundles()):
        assert exported["name"] == bundle["name"][lang]
        assert exported["parts"] == bundle["parts"]
        assert exported["plans"] == oracle.base_plans_in(bundle["plan_id"])
        assert set(exported["features"]) == set(common) | oracle.features_of(bundle["plan_id"])
    assert {tuple(c["plans"]) for c in data["combinations"]} == oracle.combinations_by_rule()
    assert len(data["retired"]) == len(oracle.retired)
    for exported, entry in zip(data["retired"], oracle.retired):
        assert exported["plans"] == by_price_list(oracle, entry["plans"])
        assert exported["replaced_by"] == by_price_list(oracle, entry["replaced_by"])
        before = set().union(*(oracle.features_of(pid) for pid in entry["plans"]))
        after = set().union(*(oracle.features_of(pid) for pid in entry["replaced_by"]))
        assert (set(exported["gained"]), set(exported["lost"])) == (after - before, before - after)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_license_page_lists_bundle_identifiers(plan_model: PlanModel, lang: str) -> None:
    oracle = plan_model.oracle
    rows = plan_model.build.page(url(lang, "developers/")).select("#bundle-licenses tbody tr")
    shown = [(text(tr.find("th")), text(tr.find_all("td")[0]), [c.get_text() for c in tr.find_all("td")[1]("code")])
             for tr in rows]
    assert shown == [(b["name"][lang], b["plan_id"], oracle.base_plans_in(b["plan_id"]))
                     for b in oracle.current_bundles()]


@pytest.mark.parametrize("name", NAMES)
def test_every_component_is_one_raw_block(name: str, tmp_path: Path) -> None:
    """Each macro's HTML stays one block in Markdown (a blank line would end it), whatever the shape."""
    project = compose(name, tmp_path / "project")
    site = Site.load(project / "data", project / "macros")
    for macro in ("combination_list", "plan_matrix", "combination_table", "bundle_table", "bundle_matrix",
                  "replacement_table", "license_records", "plan_finder", "generation_plans", "plan_limits",
                  "scaling_metrics", "usage_levels", "transition_table", "transition_moves"):
        for lang in site.catalogue.languages:
            html = getattr(site, macro)(lang)
            assert "\n\n" not in html.strip(), f"{name}: {macro}({lang}) has a blank line"


@pytest.mark.build
def test_a_page_needing_something_unknown_stops_the_build_in_one_line(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    replace_once(project / "docs" / "bundles.en.md", "needs: bundles\n", "needs: bundels\n")
    result = build_here(project, tmp_path / "site")
    assert result.returncode == 1
    line = line_of(project / "docs" / "bundles.en.md", "needs: bundels")
    assert f"docs/bundles.en.md:{line}: needs: 'bundels' is not something the catalogue can have" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "site").exists() or not any((tmp_path / "site").rglob("*.html"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_explanations_show_where_the_catalogue_has_them(plan_model: PlanModel, lang: str) -> None:
    """A plan's description and link on the plan table and the overview; a feature's in the finder."""
    oracle = plan_model.oracle
    offers = {o["plan_id"]: o for s in oracle.solutions for o in s["tiers"]}
    rows = plan_model.build.page(url(lang, "combinations/")).select("#plans-table tbody tr")
    overview = plan_model.build.page(url(lang, ""))
    notes = [text(p) for p in overview.select("p.pd-plan-note")]
    expected_notes = []
    for tr, plan in zip(rows, oracle.plans()):
        name = oracle.plan_name(plan, lang)
        explanation = oracle.explanation(offers[plan.plan_id], name, lang)
        assert text(tr.find("th")) == " ".join(filter(None, (name, explanation)))
        if explanation:
            expected_notes.append(explanation)
    assert notes == expected_notes
    finder = plan_model.build.page(url(lang, "finder/"))
    # the finder asks about the features on sale (every plan has the common ones; a retired plan's are gone)
    on_sale = set().union(*(oracle.states(p) for p in oracle.plans()),
                          *(oracle.features_of(b["plan_id"]) for b in oracle.current_bundles()))
    sold = {fid: entry for fid, entry in oracle.explained.items()
            if fid in on_sale and fid not in oracle.common_leaves()}
    for fid, entry in sold.items():
        note = finder.select_one(f"#need-{fid}").parent.select_one(".pd-note")
        assert note is not None and text(note) == oracle.explanation(entry, oracle.labels[fid][lang], lang)
    assert len(finder.select(".pd-finder-item .pd-note")) == len(sold)
    assert oracle.explained or plan_model.name == "bundles-only", "the fixtures exercise explanations"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_license_and_combination_sold_moves_as_the_oracle_says(plan_model: PlanModel, lang: str) -> None:
    """Whatever the shape (three tiers, bundles, retired plans): every base plan and combination sold moves by
    the highest-tier rule, with the features it gains and loses."""
    expected = plan_model.oracle.suite_moves()
    assert expected and built_moves(plan_model.build.page(url(lang, "moving-to-crm-suite/"))) == expected


SOLD_ONLY = re.compile(r"\{% if catalogue\.rules\.sold %\}\n(.*?)\n\{% (?:else|endif) %\}", re.S)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_overview_speaks_of_combining_only_where_combinations_are_sold(plan_model: PlanModel, lang: str) -> None:
    """The overview's sentences about combining plans (written for catalogues that sell combinations) are shown
    exactly when the catalogue sells them; without combinations nothing links to a combination table."""
    from plandocs.project import Project

    sold = plan_model.oracle.rules.get("sold", True)
    source = Project(plan_model.project).pages(lang)[Path("index")].read_text(encoding="utf-8")
    unlinked = (re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", block) for block in SOLD_ONLY.findall(source))
    sentences = [" ".join(sentence.split()) for sentence in unlinked]
    assert len(sentences) >= 3, "the overview marks its sentences about combining plans"
    overview = re.sub(r" ([.,:;])", r"\1", text(plan_model.build.page(url(lang, "")).find("article")))
    for sentence in sentences:
        assert (sentence in overview) == sold, f"{plan_model.name} ({'sold' if sold else 'not sold'}): {sentence!r}"
    links = plan_model.build.page(url(lang, "")).select('article a[href$="combinations/"]')
    assert bool(links) == sold
