"""The macros pages call, bound to a loaded catalogue; kept free of MkDocs so tests call them directly."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from plandocs.catalogue.load import load_catalogue
from plandocs.derive.combinations import (
    combination_count,
    combinations_listed,
    feature_count,
    iter_combinations,
    matrix_sections,
)
from plandocs.model import Catalogue
from plandocs.rendering.renderer import Renderer, markdown_text
from plandocs.translation.lookup import plain_text


class Site:
    """A validated catalogue with its renderer; every macro takes the page language explicitly."""

    def __init__(self, catalogue: Catalogue, templates: Path) -> None:
        self.catalogue = catalogue
        self.renderer = Renderer(catalogue, templates)

    @classmethod
    def load(cls, data_dir: Path, templates: Path | None = None) -> Site:
        """Load and validate data_dir (raises CatalogueError); templates default to macros/ beside it."""
        return cls(load_catalogue(data_dir), templates or Path(data_dir).parent / "macros")

    # -- words ------------------------------------------------------------------------

    def solution_name(self, lang: str, solution_id: str) -> str:
        """A solution's name, escaped for Markdown (for a page title)."""
        return markdown_text(self.renderer.translator(lang)(self.catalogue.solution(solution_id).name))

    def solution_audience(self, lang: str, solution_id: str) -> str:
        """A solution's audience line, escaped for Markdown."""
        return markdown_text(self.renderer.translator(lang)(self.catalogue.solution(solution_id).audience))

    # -- overview components ------------------------------------------------------------

    def common_features(self, lang: str) -> str:
        """The common feature set as a nested list."""
        return self.renderer.render("feature_list.html.jinja", lang, features=self.catalogue.common)

    def solution_sections(self, lang: str) -> str:
        """Markdown: one section per solution, a sub-section per tier with what it adds."""
        return self.renderer.render("solution_sections.md.jinja", lang, solutions=self.catalogue.solutions)

    def base_plans(self, lang: str) -> str:
        """The base plans as a list."""
        return self.renderer.render("plan_list.html.jinja", lang, plans=self.catalogue.plans)

    def combination_list(self, lang: str) -> str:
        """Every multi-plan combination as one list (or the rule, when there are too many to list)."""
        if not combinations_listed(self.catalogue):
            return self._combination_rule(lang)
        return self.renderer.render("combination_list.html.jinja", lang,
                                    combinations=list(iter_combinations(self.catalogue)))

    def _combination_rule(self, lang: str) -> str:
        cat = self.catalogue
        return self.renderer.render("combination_rule.html.jinja", lang, solutions=cat.solutions,
                                    plans=cat.plans, count=combination_count(cat))

    def addon_list(self, lang: str) -> str:
        """The add-ons as a list of links."""
        return self.renderer.render("addon_list.html.jinja", lang, addons=self.catalogue.addons)

    def billing_periods(self, lang: str) -> str:
        """The billing periods as a list."""
        return self.renderer.render("billing_list.html.jinja", lang, periods=self.catalogue.billing_periods)

    # -- tables -------------------------------------------------------------------------

    def plan_matrix(self, lang: str) -> str:
        """Every feature against every base plan."""
        cat = self.catalogue
        return self.renderer.render("plan_matrix.html.jinja", lang, id="matrix", solution=None,
                                    solutions=cat.solutions, plans=cat.plans, sections=matrix_sections(cat))

    def tier_comparison(self, lang: str, solution_id: str) -> str:
        """One solution's tiers side by side."""
        cat = self.catalogue
        solution = cat.solution(solution_id)
        return self.renderer.render("plan_matrix.html.jinja", lang, id=f"tiers-{solution.id}", solution=solution,
                                    solutions=(solution,), plans=cat.plans_of(solution),
                                    sections=matrix_sections(cat, (solution,)))

    def combination_table(self, lang: str) -> str:
        """Every combination with the tier per solution and its number of features."""
        cat = self.catalogue
        if not combinations_listed(cat):
            return self._combination_rule(lang)
        rows = [(c, feature_count(cat, c.plans)) for c in iter_combinations(cat)]
        return self.renderer.render("combination_table.html.jinja", lang, solutions=cat.solutions, rows=rows)

    def plan_table(self, lang: str) -> str:
        """The base plans with identifier and number of features."""
        cat = self.catalogue
        rows = [(plan, feature_count(cat, (plan,))) for plan in cat.plans]
        return self.renderer.render("plan_table.html.jinja", lang, rows=rows)

    def addon_table(self, lang: str) -> str:
        """The add-ons with their descriptions."""
        return self.renderer.render("addon_table.html.jinja", lang, addons=self.catalogue.addons)

    def billing_table(self, lang: str) -> str:
        """The billing periods with their length in months."""
        return self.renderer.render("billing_table.html.jinja", lang, periods=self.catalogue.billing_periods)

    def license_records(self, lang: str) -> str:
        """ExtraFlags values and the license record examples."""
        return self.renderer.render("license_records.html.jinja", lang, licensing=self.catalogue.licensing)

    def finder_data(self, lang: str) -> dict:
        """What the plan finder's script needs: plans with their sold features, names and labels."""
        cat = self.catalogue
        t = self.renderer.translator(lang)
        return {
            "solutions": [s.id for s in cat.solutions],
            "plans": [{"id": p.id, "solution": p.solution.id, "rank": p.tier.rank, "features": list(p.sources),
                       "name": plain_text(t.plan_name(p))}
                      for p in cat.plans],
            "joiner": plain_text(t("combination-joiner")),
            "labels": {f.id: plain_text(t(f.label)) for f in cat.features},
        }

    def plan_finder(self, lang: str) -> str:
        """Tick features, see the smallest plan or combination that has them all (needs JavaScript)."""
        cat = self.catalogue
        return self.renderer.render("plan_finder.html.jinja", lang, sections=matrix_sections(cat, cat.solutions),
                                    data=self.finder_data(lang))

    def macros(self, page_language: Callable[[], str]) -> dict[str, Callable[..., str]]:
        """The macros for pages, each reading the current page's language from `page_language`."""
        names = ("solution_name", "solution_audience", "common_features", "solution_sections", "base_plans",
                 "combination_list", "addon_list",
                 "billing_periods", "plan_matrix", "tier_comparison", "combination_table", "plan_table",
                 "addon_table", "billing_table", "license_records", "plan_finder")

        def bind(method: Callable[..., str]) -> Callable[..., str]:
            def macro(*args: str) -> str:
                return method(page_language(), *args)
            macro.__doc__ = method.__doc__
            return macro

        return {name: bind(getattr(self, name)) for name in names}
