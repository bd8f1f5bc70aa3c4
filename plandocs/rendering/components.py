"""The macros pages call, bound to a loaded catalogue; kept free of MkDocs so tests call them directly."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.numbers import format_decimal, format_percent

from plandocs.catalogue.load import load_catalogue
from plandocs.derive.combinations import (
    SPLIT_ROWS,
    combination_count,
    combinations_listed,
    feature_count,
    finder_sections,
    iter_combinations,
    leaf_features,
    matrix_parts,
    matrix_sections,
    sections_with,
)
from plandocs.derive.transition import moves
from plandocs.errors import CatalogueError
from plandocs.generations import Generation
from plandocs.model import Catalogue, Feature, Text
from plandocs.rendering.renderer import Renderer, markdown_text
from plandocs.translation.lookup import MissingText, plain_text

# The page macros; those that give Markdown (the rest give one block of HTML), and the feature grids.
MACROS = ("solution_name", "solution_audience", "common_features", "solution_sections", "base_plans",
          "combination_list", "addon_list", "billing_periods", "plan_matrix", "tier_comparison", "combination_table",
          "plan_table", "addon_table", "billing_table", "license_records", "plan_finder", "bundle_table",
          "bundle_matrix", "replacement_table", "generation_plans", "plan_limits", "scaling_metrics", "usage_levels",
          "transition_table", "transition_moves")
MARKDOWN_MACROS = frozenset({"solution_name", "solution_audience", "solution_sections"})
GRID_MACROS = frozenset({"plan_matrix", "tier_comparison", "bundle_matrix"})
# Components too wide for a column beside the table of contents: their pages use the content's full width.
WIDE_MACROS = frozenset({"plan_matrix", "bundle_matrix", "combination_table", "bundle_table", "replacement_table",
                         "license_records", "plan_finder", "generation_plans", "plan_limits", "transition_moves"})


class Site:
    """A validated catalogue with its renderer; every macro takes the page language explicitly."""

    def __init__(self, catalogue: Catalogue, templates: Path) -> None:
        self.catalogue = catalogue
        self.renderer = Renderer(catalogue, templates)
        self._rendered: dict[tuple, str] = {}
        self.split_rows = SPLIT_ROWS  # above this many rows a matrix is shown in collapsed parts

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
        return self.renderer.render("solution_sections.md.jinja", lang, solutions=self.catalogue.solutions,
                                    plans=self.catalogue.plans)

    def base_plans(self, lang: str) -> str:
        """The base plans as a list."""
        return self.renderer.render("plan_list.html.jinja", lang, plans=self.catalogue.plans)

    def combination_list(self, lang: str) -> str:
        """Every multi-plan combination as one list (or the rule, when there are too many to list), and
        the bundles when there are any."""
        cat = self.catalogue
        if not cat.rules.sold or not combinations_listed(cat):
            listed = self._combination_rule(lang)
        else:
            listed = self.renderer.render("combination_list.html.jinja", lang, rules=cat.rules,
                                          solutions=cat.solutions, combinations=list(iter_combinations(cat)))
        if not cat.bundles:
            return listed
        return listed + self.renderer.render("bundle_list.html.jinja", lang, bundles=cat.bundles)

    def _combination_rule(self, lang: str) -> str:
        cat = self.catalogue
        return self.renderer.render("combination_rule.html.jinja", lang, solutions=cat.solutions, rules=cat.rules,
                                    plans=cat.plans, bundles=cat.bundles, count=combination_count(cat))

    def addon_list(self, lang: str) -> str:
        """The add-ons as a list of links."""
        return self.renderer.render("addon_list.html.jinja", lang, addons=self.catalogue.addons)

    def billing_periods(self, lang: str) -> str:
        """The billing periods as a list."""
        return self.renderer.render("billing_list.html.jinja", lang, periods=self.catalogue.billing_periods)

    # -- tables -------------------------------------------------------------------------

    def _grid(self, lang: str, sections: tuple, **context: object) -> str:
        """A feature matrix (plan_matrix.html.jinja) of `sections`, in collapsed parts when it is long."""
        return self.renderer.render("plan_matrix.html.jinja", lang, sections=sections,
                                    parts=matrix_parts(sections, self.split_rows), **context)

    def plan_matrix(self, lang: str) -> str:
        """Every feature against every base plan."""
        cat = self.catalogue
        return self._grid(lang, matrix_sections(cat), id="matrix", solution=None, solutions=cat.solutions,
                          plans=cat.plans, bundles=cat.bundles)

    def tier_comparison(self, lang: str, solution_id: str) -> str:
        """One solution's tiers side by side."""
        cat = self.catalogue
        solution = cat.solution(solution_id)
        return self._grid(lang, matrix_sections(cat, (solution,)), id=f"tiers-{solution.id}", solution=solution,
                          solutions=(solution,), plans=cat.plans_of(solution), bundles=())

    def combination_table(self, lang: str) -> str:
        """Every combination with the tier per solution and its number of features."""
        cat = self.catalogue
        if not cat.rules.sold or not combinations_listed(cat):
            return self._combination_rule(lang)
        rows = [(c, feature_count(cat, c.plans)) for c in iter_combinations(cat)]
        return self.renderer.render("combination_table.html.jinja", lang, solutions=cat.solutions, rows=rows)

    def bundle_table(self, lang: str) -> str:
        """The bundles on the price list: what each holds, its identifier, and what it adds to the one before."""
        cat = self.catalogue
        # "What it adds to the one before" is true only of a ladder: each bundle holds all of the one before.
        ladder = all(before.features <= after.features for before, after in zip(cat.bundles, cat.bundles[1:]))
        rows = []
        for index, bundle in enumerate(cat.bundles):
            previous = cat.bundles[index - 1] if index and ladder else None
            added = cat.in_order(bundle.features - previous.features) if previous else ()
            rows.append((bundle, feature_count(cat, (bundle,)), previous, added))
        return self.renderer.render("bundle_table.html.jinja", lang, rows=rows, ladder=ladder)

    def bundle_matrix(self, lang: str) -> str:
        """The bundles side by side, feature by feature (the features no bundle has left out)."""
        cat = self.catalogue
        held = frozenset().union(*(bundle.features for bundle in cat.bundles))
        return self._grid(lang, sections_with(matrix_sections(cat), held), id="bundle-matrix", solution=None,
                          caption="bundle-matrix-caption", solutions=(), plans=(), bundles=cat.bundles)

    def replacement_table(self, lang: str) -> str:
        """Each retired plan, what replaces it, and the features the customer gains and loses."""
        cat = self.catalogue
        rows = [(r, cat.in_order(r.gained), cat.in_order(r.lost)) for r in cat.retirements]
        return self.renderer.render("replacement_table.html.jinja", lang, rows=rows)

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
        return self.renderer.render("license_records.html.jinja", lang, licensing=self.catalogue.licensing,
                                    bundles=self.catalogue.bundles)

    # -- product generations (generations.yml) --------------------------------------------

    def generation_plans(self, lang: str, generation: str | None = None) -> str:
        """A cumulative generation's plans in order, with what each brings."""
        return self.renderer.render("generation_plans.html.jinja", lang,
                                    generation=self.catalogue.generation(generation))

    def plan_limits(self, lang: str, generation: str | None = None) -> str:
        """A cumulative generation's plan limits, a value per plan (numbers in the page's language)."""
        return self.renderer.render("plan_limits.html.jinja", lang, generation=self.catalogue.generation(generation),
                                    number=lambda value: format_decimal(value, locale=self._locale(lang)))

    def scaling_metrics(self, lang: str, generation: str | None = None) -> str:
        """A cumulative generation's scaling metrics."""
        return self.renderer.render("scaling_metrics.html.jinja", lang,
                                    generation=self.catalogue.generation(generation))

    def usage_levels(self, lang: str, generation: str | None = None) -> str:
        """The usage indicator's levels, each with its range of a limit in words ("85 % or more")."""
        found = self.catalogue.generation(generation)
        t = self.renderer.translator(lang)
        locale = self._locale(lang)

        def percent(value: int) -> str:
            return format_percent(value / 100, locale=locale)

        levels = found.usage_levels
        ranges = [t("usage-below", percent=percent(levels[k + 1].at_least)) if level.at_least == 0 and k + 1 <
                  len(levels) else t("usage-at", percent=percent(level.at_least)) if level.at_least == 100 else
                  t("usage-from", percent=percent(level.at_least)) for k, level in enumerate(levels)]
        return self.renderer.render("usage_levels.html.jinja", lang, generation=found,
                                    levels=list(zip(levels, ranges, strict=True)))

    def transition_table(self, lang: str, generation: str | None = None) -> str:
        """Where each license of the earlier generation moves, as the catalogue says, and the rule for several."""
        found = self.catalogue.generation(generation)
        assert found.transition is not None, f"generation '{found.id}' has no transition"
        return self.renderer.render("transition_table.html.jinja", lang, generation=found,
                                    source=self.catalogue.generation(found.transition.source))

    def transition_moves(self, lang: str, generation: str | None = None) -> str:
        """Every base plan and combination of the earlier generation: where it moves, and what changes."""
        cat = self.catalogue
        found = cat.generation(generation)
        assert found.transition is not None, f"generation '{found.id}' has no transition"
        rows = [(move, self._in_order(move.gained, found), self._in_order(move.lost, found))
                for move in moves(cat, found)]
        return self.renderer.render("transition_moves.html.jinja", lang, generation=found, moves=rows,
                                    source=cat.generation(found.transition.source))

    def _in_order(self, ids: frozenset[str], generation: Generation) -> tuple[Feature, ...]:
        """Features of both generations with these ids: the common set, the sold ones, then the generation's own."""
        everything = (*leaf_features(self.catalogue.common), *self.catalogue.features, *generation.features)
        return tuple(feature for feature in everything if feature.id in ids)

    def _locale(self, lang: str) -> str:
        """The locale numbers are written in: the page's language, or the source language's for the pseudo one."""
        try:
            Locale.parse(lang, sep="-")
        except (UnknownLocaleError, ValueError):
            return self.catalogue.source_language
        return lang.replace("-", "_")

    def finder_data(self, lang: str, matrix: str = "", solution_page: str = "") -> dict:
        """What the plan finder's script needs: the plans and bundles sold with their sold features, the
        combination rules, names, labels and groups, and where the matrix and the solution pages are
        (`solution_page` with `{solution}` for a solution's id)."""
        cat = self.catalogue
        t = self.renderer.translator(lang)
        rules = cat.rules
        return {
            "solutions": [s.id for s in cat.solutions],
            "plans": [{"id": p.id, "solution": p.solution.id, "rank": p.tier.rank, "features": list(p.sources),
                       "name": plain_text(t.plan_name(p))}
                      for p in cat.plans],
            "bundles": [{"id": b.id, "solutions": [p.solution.id for p in b.plans], "rank": b.rank,
                         "features": [f.id for f in cat.in_order(b.features)], "name": plain_text(t.plan_name(b))}
                        for b in cat.bundles],
            "combinations": {"sold": rules.sold, "max": rules.max_solutions,
                             "exclude": sorted(sorted(pair) for pair in rules.excluded_pairs),
                             "retired": sorted(list(plans) for plans in rules.retired)},
            "joiner": plain_text(t("combination-joiner")),
            "labels": {f.id: plain_text(t(f.label)) for f in cat.features},
            "groups": [{"heading": plain_text(t(section.heading)), "features": [f.id for f in section.features]}
                       for section in finder_sections(cat, self._ui("finder-shared"))[0]],
            "coveredBy": plain_text(t("finder-covered-by")),
            "matrix": matrix,
            "pages": {s.id: {"href": solution_page.replace("{solution}", s.id),
                             "text": plain_text(t("finder-about", solution=t(s.name)))}
                      for s in cat.solutions} if solution_page else {},
        }

    def plan_finder(self, lang: str, matrix: str = "", solution_page: str = "") -> str:
        """Tick features, see the smallest plan, bundle or combination that has them all (needs JavaScript),
        with links to the matrix (`matrix`: its address from the page) and to each solution's page
        (`solution_page`: its address, `{solution}` standing for the solution's id)."""
        cat = self.catalogue
        sections, sold_in = finder_sections(cat, self._ui("finder-shared"))
        return self.renderer.render("plan_finder.html.jinja", lang, sections=sections, sold_in=sold_in,
                                    data=self.finder_data(lang, matrix, solution_page))

    def _ui(self, key: str) -> Text:
        """A UI text of the catalogue, for a component that passes it on as a heading."""
        text = self.catalogue.ui.get(key)
        if text is None:
            raise MissingText(f"data/ui.yml has no UI string '{key}'")
        return text

    def macros(self, page_language: Callable[[], str], place: Callable[[str, str, bool], str] | None = None,
               *, keep: bool = False, failed: Callable[[str, CatalogueError], str] | None = None
               ) -> dict[str, Callable[..., str]]:
        """The macros for pages, each reading the current page's language from `page_language`.

        With `keep` (a preview that rebuilds on every save), a component is rendered once per language
        and arguments while the catalogue and the templates stay as they are; a single build keeps
        nothing, so that a large component is let go once its page is written. `place(html, name,
        grid)` may stand in for each HTML component in the page's Markdown (the plugin's slots);
        Markdown macros are returned as they are. A component whose template is broken raises its
        located problem, or, given `failed(name, problem)` (a preview), shows what that returns.
        """
        def bind(name: str, method: Callable[..., str]) -> Callable[..., str]:
            def macro(*args: str, **options: str) -> str:
                lang = page_language()
                key = (name, lang, args, tuple(sorted(options.items())))
                shown = self._rendered.get(key)
                if shown is None:
                    try:
                        shown = method(lang, *args, **options)
                    except CatalogueError as problem:
                        if failed is None:
                            raise
                        return failed(name, problem)
                    if keep:
                        self._rendered[key] = shown
                if place is None or name in MARKDOWN_MACROS:
                    return shown
                return place(shown, name, name in GRID_MACROS)
            macro.__doc__ = method.__doc__
            return macro

        return {name: bind(name, getattr(self, name)) for name in MACROS}

    def split_above(self, rows: int) -> None:
        """Show matrices of more than `rows` rows in parts (components rendered before are rendered again)."""
        if rows != self.split_rows:
            self.split_rows = rows
            self.forget_rendered()

    def forget_rendered(self) -> None:
        """Render every component again (the templates changed)."""
        self._rendered.clear()
