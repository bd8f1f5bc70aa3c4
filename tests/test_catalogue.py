"""The real catalogue: loads, is complete in every language, and agrees with the sources' facts."""

from __future__ import annotations

from support.oracle import Oracle
from support.sources import (
    parse_page,
    readme_billing_months,
    readme_combination_counts,
    readme_extra_flags,
    readme_extra_info_prefix,
    readme_license_example,
    readme_plan_ids,
)

from plandocs.derive.combinations import combination_count, iter_combinations
from plandocs.model import Catalogue


def test_every_text_exists_and_is_non_empty_in_every_language(catalogue: Catalogue) -> None:
    missing = [f"{text.id} [{lang}]" for text in catalogue.texts for lang in catalogue.languages
               if not text.values.get(lang, "").strip()]
    assert not missing, f"texts without a translation: {missing}"
    assert catalogue.source_language in catalogue.languages


def test_text_ids_are_unique(catalogue: Catalogue) -> None:
    ids = [text.id for text in catalogue.texts]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})


def test_ids_are_unique_per_kind(catalogue: Catalogue) -> None:
    feature_ids = [f.id for group in catalogue.common for f in (group, *group.children)]
    feature_ids += [f.id for f in catalogue.features]
    for kind, ids in {"feature": feature_ids, "solution": [s.id for s in catalogue.solutions],
                      "tier": [t.id for t in catalogue.tiers], "plan": [p.id for p in catalogue.plans],
                      "add-on": [a.id for a in catalogue.addons]}.items():
        assert len(ids) == len(set(ids)), f"duplicate {kind} ids: {sorted({i for i in ids if ids.count(i) > 1})}"


def test_plan_identifiers_are_the_ones_superoffice_uses(catalogue: Catalogue) -> None:
    assert sorted(p.id for p in catalogue.plans) == sorted(readme_plan_ids())


def test_a_higher_tier_includes_everything_of_the_tier_it_extends(catalogue: Catalogue) -> None:
    oracle = Oracle()
    for solution in catalogue.solutions:
        plans = {p.tier.id: p for p in catalogue.plans_of(solution)}
        for plan in plans.values():
            lower = plan.tier.extends
            while lower is not None:
                if lower in plans:
                    missing = set(plans[lower].sources) - set(plan.sources)
                    assert not missing, f"{plan.id} lacks {sorted(missing)} of {plans[lower].id}"
                lower = next(t for t in catalogue.tiers if t.id == lower).extends
        for plan in catalogue.plans_of(solution):
            raw = oracle.plan_by_id(plan.id)
            assert {fid: state for fid, (state, _) in oracle.states(raw).items()} == {
                fid: ("included" if tier.id == plan.tier.id else "inherited") for fid, tier in plan.sources.items()
            }, plan.id


def test_tier_feature_counts_match_the_source_lists(catalogue: Catalogue) -> None:
    source = parse_page(catalogue.source_language)
    for solution in catalogue.solutions:
        section = source.section(solution.name.get(catalogue.source_language))
        counts = [len(block.items) for block in section.blocks]
        assert counts == [len(offer.adds) for offer in solution.offers], solution.id


def test_combinations_follow_the_rule_and_the_readme_counts(catalogue: Catalogue) -> None:
    combos = list(iter_combinations(catalogue))
    as_ids = [tuple(p.id for p in c.plans) for c in combos]
    assert len(as_ids) == len(set(as_ids)), "a combination is listed twice"
    assert set(as_ids) == Oracle().combinations_by_rule()
    pairs, triples, total = readme_combination_counts()
    assert [len(c) for c in as_ids].count(2) == pairs
    assert [len(c) for c in as_ids].count(3) == triples
    assert len(as_ids) == total == combination_count(catalogue)
    for combo in combos:
        solutions = [p.solution.id for p in combo.plans]
        assert len(solutions) == len(set(solutions)), f"two tiers of one solution in {as_ids}"


def test_license_facts_match_the_readme(catalogue: Catalogue) -> None:
    facts = readme_license_example()
    flags = readme_extra_flags()
    licensing = catalogue.licensing
    assert {f.value: f.meaning.get("en").lower() for f in licensing.extra_flags} == flags
    assert flags[licensing.user_plan_flag] == "user plans"
    assert licensing.extra_info_prefix == readme_extra_info_prefix()
    by_license = {e.license: e for e in licensing.examples}
    sales = by_license[facts["license"]]
    assert list(sales.hidden_licenses) == facts["hidden"]
    assert sales.marker == facts["marker"]
    assert [(p.solution.id, p.tier.id) for p in sales.plans] == [("sales", "essential")]
    combined = by_license[facts["combined_license"]]
    assert combined.description == facts["combined_description"]
    assert "".join(f"{p.solution.name.get('en')}{p.tier.name.get('en')}" for p in combined.plans) == \
        facts["combined_description"]


def test_billing_matches_the_readme(catalogue: Catalogue) -> None:
    months, contract = readme_billing_months()
    assert [p.months for p in catalogue.billing_periods] == months
    assert catalogue.contract.months == contract and catalogue.contract.renews_automatically


def test_every_feature_is_explained_in_every_language(catalogue: Catalogue) -> None:
    """Each feature a reader can tick or compare (the common set's and the solutions') says in a line what it
    does, in every language the catalogue has, written in that language rather than left in the source's."""
    def leaves(features):
        for feature in features:
            yield from leaves(feature.children) if feature.children else (feature,)

    features = [*leaves(catalogue.common), *catalogue.features]
    assert len({f.id for f in features}) == catalogue.common_leaf_count + len(catalogue.features)
    unexplained = [f.id for f in features if f.description is None]
    assert not unexplained, f"features without a description: {unexplained}"
    source = catalogue.source_language
    for feature in features:
        english = feature.description.values[source]
        for lang in catalogue.languages:
            text = feature.description.values.get(lang, "")
            assert text.strip(), f"{feature.id}: no description in {lang}"
            assert lang == source or text != english, f"{feature.id}: the {lang} description is the {source} one"
