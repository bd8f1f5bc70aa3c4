"""One edit in data/ reaches every page that should show it, in every language, with no code change."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.checks import check_combination_table, check_matrix, expected_matrix_rows
from support.edit import replace_once, translate
from support.languages import LANGUAGES, TRANSLATED, url
from support.oracle import Oracle
from support.sitebuild import Build, build_here, copy_project, text

pytestmark = pytest.mark.build  # every test here builds or serves the site


def build_edited(tmp_path: Path, edit) -> tuple[Build, Oracle]:
    project = copy_project(tmp_path / "project")
    edit(project / "data")
    result = build_here(project, project / "site")
    assert result.returncode == 0, result.output[-3000:]
    return result, Oracle(project / "data")


def check_everything(site: Build, oracle: Oracle) -> None:
    for lang in LANGUAGES:
        check_matrix(site.page(url(lang, "matrix/")).select_one("#matrix table"), oracle, lang,
                     oracle.plans(), expected_matrix_rows(oracle), common_row=False)
        check_combination_table(site.page(url(lang, "combinations/")).select_one("#combinations-table"), oracle, lang)


def overview_items_after(page, anchor: str) -> list[str]:
    """The items of the first list after the heading with this id (a single-tier solution's features)."""
    heading = page.find(id=anchor)
    return [text(li) for li in heading.find_next("ul").find_all("li", recursive=False)]


def overview_items(site: Build, lang: str, anchor: str) -> list[str]:
    heading = site.page(url(lang)).find(id=anchor)
    return [text(li) for li in heading.find_next_sibling("ul").find_all("li", recursive=False)]


def test_giving_a_plan_an_existing_feature(tmp_path: Path) -> None:
    def edit(data: Path) -> None:
        replace_once(data / "solutions.yml", "        plan_id: servicepremium\n        features:\n",
                     "        plan_id: servicepremium\n        features:\n          - quote-management\n")

    site, oracle = build_edited(tmp_path, edit)
    check_everything(site, oracle)
    for lang in LANGUAGES:
        label = oracle.labels["quote-management"][lang]
        assert label in overview_items(site, lang, "service-premium")
        service = site.page(url(lang, "solutions/service/"))
        assert service.select_one("tr[data-feature=quote-management]") is not None
        row = site.page(url(lang, "matrix/")).select_one("#matrix tr[data-feature=quote-management]")
        states = [td["data-state"] for td in row.find_all("td")]
        assert states.count("included") == 2  # Sales Premium and now Service Premium


def test_a_new_feature_written_where_it_is_sold(tmp_path: Path) -> None:
    def edit(data: Path) -> None:
        replace_once(data / "solutions.yml", "        plan_id: marketingpremium\n        features:\n",
                     "        plan_id: marketingpremium\n        features:\n"
                     "          - id: journey-analytics\n"
                     "            label: Journey analytics\n")
        for lang in TRANSLATED:
            translate(data, lang, {"feature.journey-analytics.label": f"{lang.upper()} Journey analytics"})

    site, oracle = build_edited(tmp_path, edit)
    check_everything(site, oracle)
    for lang in LANGUAGES:
        assert oracle.labels["journey-analytics"][lang] in overview_items(site, lang, "marketing-premium")


@pytest.mark.parametrize("variant", ["fourth-solution", "one-tier-solution"])
def test_other_shapes_of_catalogue_build_without_code_changes(tmp_path: Path, variant: str) -> None:
    def edit(data: Path) -> None:
        solutions = data / "solutions.yml"
        if variant == "fourth-solution":
            with solutions.open("a", encoding="utf-8") as handle:
                handle.write(
                    "\n  - id: partner\n"
                    "    name: Partner\n"
                    "    audience: For partners\n"
                    "    link: https://www.superoffice.com/partners/\n"
                    "    tiers:\n"
                    "      - tier: essential\n        plan_id: partneressential\n        features:\n"
                    "          - id: partner-portal\n            label: Partner portal\n"
                    "      - tier: premium\n        plan_id: partnerpremium\n        features:\n"
                    "          - project-management\n")
            # ... and where its licenses move in the next generation
            replace_once(data / "generations.yml", "      licenses:\n", "      licenses:\n"
                         "        - license: partneressential\n          plan: core\n"
                         "        - license: partnerpremium\n          plan: growth\n")
            for lang in TRANSLATED:
                translate(data, lang, {"solution.partner.name": "Partner",
                                       "solution.partner.audience": f"{lang.upper()} For partners",
                                       "feature.partner-portal.label": f"{lang.upper()} Partner portal"})
        else:
            text_now = solutions.read_text(encoding="utf-8")
            cut = text_now.index("      - tier: premium\n        plan_id: marketingpremium")
            solutions.write_text(text_now[:cut], encoding="utf-8")
            # the licensing example and the next generation name the plan that no longer exists
            replace_once(data / "licensing.yml", "servicepremium, marketingpremium]", "servicepremium]")
            replace_once(data / "generations.yml", "          - marketing-automation\n", "")
            replace_once(data / "generations.yml", "        - license: marketingpremium\n          plan: plus\n", "")

    site, oracle = build_edited(tmp_path, edit)
    check_everything(site, oracle)
    if variant == "one-tier-solution":  # a solution sold in one tier: no tier in its plan's name or headings
        single = next(s["id"] for s in oracle.solutions if oracle.single_tier(s["id"]))
        (plan,) = oracle.plans_of(single)
        for lang in LANGUAGES:
            names = [text(th) for th in site.page(url(lang, "combinations/")).select("#plans-table tbody th")]
            assert oracle.solution_name(single, lang) in names and oracle.plan_name(plan, lang) == \
                oracle.solution_name(single, lang)
            overview = site.page(url(lang))
            assert overview.find(id=f"{single}-{plan.tier}") is None
            assert oracle.labels[oracle.feature_ids(oracle.solution_by_id(single)["tiers"][0])[0]][lang] in \
                overview_items_after(overview, single)
    expected = len(oracle.combinations_by_rule())
    for lang in LANGUAGES:
        combos = overview_items(site, lang, "multi-plan-users")
        assert len(combos) == len(oracle.plans())  # the first list under the heading: base plans
        rows = site.page(url(lang, "combinations/")).select("#combinations-table tbody tr")
        assert len(rows) == expected
