"""The rules across files, on catalogue files that already have their shape: references, duplicates,
cycles, tier order and translations. Builds the typed catalogue; every broken rule is one Problem."""

from __future__ import annotations

from typing import Any

from plandocs.catalogue import shapes as s
from plandocs.catalogue.checker import Checker
from plandocs.catalogue.generation_rules import FILE as GENERATIONS_FILE
from plandocs.catalogue.generation_rules import generation_feature_lists, generations
from plandocs.catalogue.plan_rules import read_bundles, read_combination_rules, read_retirements
from plandocs.catalogue.validation import closest
from plandocs.catalogue.yamlsource import Mark
from plandocs.derive.plans import base_plans
from plandocs.model import (
    AddOn,
    BillingPeriod,
    Catalogue,
    Contract,
    Feature,
    FlagMeaning,
    LicenseExample,
    Licensing,
    Offer,
    Solution,
    Tier,
    frozen_map,
)

# -- the files, in dependency order ------------------------------------------------------

def build_catalogue(check: Checker) -> Catalogue | None:
    """The catalogue, or None when a rule is broken (see `problems`)."""
    languages = read_languages(check)
    ui = {key: check.text(value, "ui.yml", ("ui", key), f"ui.{key}")
          for key, value in check.shapes["ui.yml"].ui.items()}
    tiers = read_tiers(check)
    common, seen_features = read_common(check)
    defined = read_definitions(check, seen_features)
    solutions = read_solutions(check, tiers, defined, seen_features)
    plans = base_plans(solutions, tiers)
    by_id = {plan.id: plan for plan in plans}
    bundles = read_bundles(check, by_id, defined, seen_features)
    rules = read_combination_rules(check, solutions)
    retirements, rules = read_retirements(check, by_id, bundles, rules)
    addons = read_addons(check)
    periods, contract = read_billing(check)
    licensing = read_licensing(check, plans)
    in_generations = {item.id for _loc, entries in generation_feature_lists(check) for item in entries
                      if isinstance(item, s.FeatureShape)}  # written out there: new in that generation
    product_generations = generations(check, tuple(plans), defined, common)
    defined = {fid: f for fid, f in defined.items() if fid not in in_generations}  # the solutions' own
    if check.problems:
        return None
    return Catalogue(
        source_language=check.source, languages=languages, ui=frozen_map(ui), tiers=tuple(tiers.values()),
        common=common, features=tuple(defined.values()), solutions=solutions,
        plans=tuple(p for p in plans if not p.retired), bundles=tuple(b for b in bundles.values() if not b.retired),
        rules=rules, retirements=retirements, addons=addons,
        billing_periods=periods, contract=contract, licensing=licensing, texts=tuple(check.texts),
        pseudo_language=check.shapes["languages.yml"].pseudo, generations=product_generations,
        translation_states=frozen_map({lang: frozen_map(states) for lang, states in check.states.items()}),
    )

def read_languages(check: Checker) -> tuple[str, ...]:
    translated = sorted(check.translations)
    pseudo = check.shapes["languages.yml"].pseudo
    if pseudo is not None and (pseudo == check.source or pseudo in translated):
        check.fail("languages.yml", ("pseudo",), f"'{pseudo}' is a real language of the catalogue; the pseudo "
                  "language would replace its pages with pseudo text", "use a private code such as en-XA")
    if check.source in translated:
        check.fail("languages.yml", ("source",), f"the source language '{check.source}' has a translations file",
                  f"remove i18n/{check.source}.po")
    return tuple(dict.fromkeys([check.source, *translated]))

def read_tiers(check: Checker) -> dict[str, Tier]:
    entries = check.shapes["tiers.yml"].tiers
    seen: dict[Any, Mark] = {}
    valid = {i: t for i, t in enumerate(entries) if check.unique(seen, t.id, "tiers.yml", ("tiers", i, "id"),
                                                                 "tier id")}
    ids = {t.id for t in valid.values()}
    parents: dict[str, str | None] = {}
    for i, tier in valid.items():
        if tier.extends is not None and tier.extends not in ids:
            check.fail("tiers.yml", ("tiers", i, "extends"), f"unknown tier '{tier.extends}'",
                      closest(tier.extends, ids))
            parents[tier.id] = None
        else:
            parents[tier.id] = tier.extends
    result: dict[str, Tier] = {}
    for i, tier in valid.items():
        chain, current = [tier.id], parents[tier.id]
        while current is not None and current not in chain:
            chain.append(current)
            current = parents[current]
        if current is not None:
            check.fail("tiers.yml", ("tiers", i, "extends"),
                      f"tiers extend each other in a cycle: {' -> '.join(chain + [current])}")
            continue
        result[tier.id] = Tier(id=tier.id, name=check.text(tier.name, "tiers.yml", ("tiers", i, "name"),
                                                          f"tier.{tier.id}.name"),
                               extends=parents[tier.id], rank=len(chain) - 1)
    return result

def read_feature(check: Checker, shape: s.FeatureShape | s.CommonGroup, file: str, loc: tuple, seen: dict,
            *, common: bool) -> Feature | None:
    """A feature written out; its id is unique catalogue-wide."""
    if not check.unique(seen, shape.id, file, (*loc, "id"), "feature id"):
        return None
    label = check.text(shape.label, file, (*loc, "label"), f"feature.{shape.id}.label")
    explained = check.explained(shape, file, loc, f"feature.{shape.id}")
    children = [child for j, c in enumerate(getattr(shape, "features", None) or [])
                if (child := read_feature(check, c, file, (*loc, "features", j), seen, common=common))]
    return Feature(id=shape.id, label=label, children=tuple(children), common=common, **explained)

def read_common(check: Checker) -> tuple[tuple[Feature, ...], dict[Any, Mark]]:
    seen: dict[Any, Mark] = {}
    groups = [f for i, group in enumerate(check.shapes["features.yml"].common)
              if (f := read_feature(check, group, "features.yml", ("common", i), seen, common=True))]
    return tuple(groups), seen

def sold_features(check: Checker) -> list[tuple[tuple, list[Any]]]:
    """Every list of sold features: (its location, its entries), tiers of solutions first, then bundles."""
    lists = [(("solutions", i, "tiers", j, "features"), offer.features)
             for i, solution in enumerate(check.shapes["solutions.yml"].solutions)
             for j, offer in enumerate(solution.tiers)]
    lists += [(("bundles", i, "features"), bundle.features)
              for i, bundle in enumerate(check.shapes["plans.yml"].bundles)]
    return lists + generation_feature_lists(check)

def read_definitions(check: Checker, common_ids: dict[Any, Mark]) -> dict[str, Feature]:
    """The sold features written out (each once, catalogue-wide), so that a name may come before them."""
    seen = dict(common_ids)
    defined: dict[str, Feature] = {}
    for loc, entries in sold_features(check):
        file = {"bundles": "plans.yml", "generations": GENERATIONS_FILE}.get(loc[0], "solutions.yml")
        for k, item in enumerate(entries):
            if isinstance(item, s.FeatureShape):
                if (feature := read_feature(check, item, file, (*loc, k), seen, common=False)) is not None:
                    defined[feature.id] = feature
    return defined

def read_solutions(check: Checker, tiers: dict[str, Tier], defined: dict[str, Feature],
              common_ids: dict[Any, Mark]) -> tuple[Solution, ...]:
    """Solutions and their offers (the tiers sold, and those retired)."""
    entries = check.shapes["solutions.yml"].solutions
    retired = check.retired_ids()
    result: list[Solution] = []
    seen_solutions: dict[Any, Mark] = {}
    for i, solution in enumerate(entries):
        fresh = check.unique(seen_solutions, solution.id, "solutions.yml", ("solutions", i, "id"), "solution id")
        offers = [o for j, offer in enumerate(solution.tiers)
                  if (o := read_offer(check, offer, ("solutions", i, "tiers", j), tiers, defined, common_ids,
                                      check.seen_plans))]
        offered = [o.tier.id for o in offers]
        for j, tier_id in enumerate(offered):
            if tier_id in offered[:j]:
                check.fail("solutions.yml", ("solutions", i, "tiers", j, "tier"),
                          f"tier '{tier_id}' is offered twice")
        check_inheritance(check, solution, i, offers, tiers)
        offers.sort(key=lambda o: o.tier.rank)
        current = tuple(o for o in offers if o.plan_id not in retired)
        if offers and not current:
            check.fail("solutions.yml", ("solutions", i, "tiers"), f"every tier of '{solution.id}' is retired",
                      "a solution is sold in at least one tier")
        if fresh:
            result.append(Solution(
                id=solution.id, link=solution.link, offers=current,
                retired_offers=tuple(o for o in offers if o.plan_id in retired),
                name=check.text(solution.name, "solutions.yml", ("solutions", i, "name"),
                               f"solution.{solution.id}.name"),
                audience=check.text(solution.audience, "solutions.yml", ("solutions", i, "audience"),
                                   f"solution.{solution.id}.audience")))
    return tuple(result)

def read_offer(check: Checker, offer: s.OfferShape, loc: tuple, tiers: dict[str, Tier], defined: dict[str, Feature],
          common_ids: dict[Any, Mark], seen_plans: dict[Any, Mark]) -> Offer | None:
    """One tier of a solution: a known tier, a unique plan id, features it adds (each once)."""
    known = offer.tier in tiers
    if not known:
        check.fail("solutions.yml", (*loc, "tier"), f"unknown tier '{offer.tier}'", closest(offer.tier, tiers))
    fresh = check.unique(seen_plans, offer.plan_id, "solutions.yml", (*loc, "plan_id"), "plan id")
    adds = check.feature_list("solutions.yml", loc, offer.features, defined, common_ids)
    if not (known and fresh):
        return None
    explained = check.explained(offer, "solutions.yml", loc, f"plan.{offer.plan_id}")
    return Offer(tier=tiers[offer.tier], plan_id=offer.plan_id, adds=adds, **explained)

def check_inheritance(check: Checker, solution: s.SolutionShape, index: int, offers: list[Offer],
                      tiers: dict[str, Tier]) -> None:
    """A tier does not list what a tier it extends (in the same solution) already gives."""
    by_tier = {o.tier.id: o for o in offers}
    for j, shape in enumerate(solution.tiers):
        if shape.tier not in by_tier:
            continue
        lower = tiers[shape.tier].extends
        while lower is not None:
            below = {f.id for f in by_tier[lower].adds} if lower in by_tier else set()
            for k, item in enumerate(shape.features):
                fid = item.id if isinstance(item, s.FeatureShape) else item
                if fid in below:
                    check.fail("solutions.yml", ("solutions", index, "tiers", j, "features", k),
                              f"'{fid}' is already included from tier '{lower}'",
                              "a tier lists only what it adds to the tier it extends")
            lower = tiers[lower].extends

def read_addons(check: Checker) -> tuple[AddOn, ...]:
    seen: dict[Any, Mark] = {}
    result = []
    for i, addon in enumerate(check.shapes["addons.yml"].addons):
        if not check.unique(seen, addon.id, "addons.yml", ("addons", i, "id"), "add-on id"):
            continue
        loc = ("addons", i)
        name = check.text(addon.name, "addons.yml", (*loc, "name"), f"addon.{addon.id}.name")
        description = check.text(addon.description, "addons.yml", (*loc, "description"),
                                f"addon.{addon.id}.description")
        link = check.link(addon.link, "addons.yml", (*loc, "link"), f"addon.{addon.id}.link", f"addons[{addon.id}]")
        result.append(AddOn(id=addon.id, name=name, description=description, link=link))
    return tuple(result)

def read_billing(check: Checker) -> tuple[tuple[BillingPeriod, ...], Contract]:
    shape = check.shapes["billing.yml"]
    seen: dict[Any, Mark] = {}
    months: dict[Any, Mark] = {}
    periods = []
    for i, period in enumerate(shape.billing_periods):
        fresh = check.unique(seen, period.id, "billing.yml", ("billing_periods", i, "id"), "billing period id")
        fresh = check.unique(months, period.months, "billing.yml", ("billing_periods", i, "months"),
                            "number of months") and fresh
        label = check.text(period.label, "billing.yml", ("billing_periods", i, "label"),
                          f"billing.{period.id}.label")
        if fresh:
            periods.append(BillingPeriod(id=period.id, months=period.months, label=label))
    contract = Contract(months=shape.contract.months, renews_automatically=shape.contract.renews_automatically)
    return tuple(periods), contract

def read_licensing(check: Checker, plans: tuple) -> Licensing:
    shape = check.shapes["licensing.yml"]
    seen: dict[Any, Mark] = {}
    flags = [FlagMeaning(value=f.value, meaning=check.text(f.meaning, "licensing.yml", ("extra_flags", i, "meaning"),
                                                            f"licensing.flag-{f.value}.meaning"))
             for i, f in enumerate(shape.extra_flags)
             if check.unique(seen, f.value, "licensing.yml", ("extra_flags", i, "value"), "flag value")]
    if shape.user_plan_flag not in {f.value for f in flags}:
        check.fail("licensing.yml", ("user_plan_flag",),
                  f"{shape.user_plan_flag} is not one of the extra_flags values")
    by_id = {plan.id: plan for plan in plans}
    examples = []
    for i, example in enumerate(shape.examples):
        chosen = []
        for j, plan_id in enumerate(example.plans):
            if plan_id in by_id:
                chosen.append(by_id[plan_id])
            else:
                check.fail("licensing.yml", ("examples", i, "plans", j), f"unknown plan id '{plan_id}'",
                          closest(plan_id, by_id))
        if len({p.solution.id for p in chosen}) != len(chosen):
            check.fail("licensing.yml", ("examples", i, "plans"), "holds two plans of one solution")
        examples.append(LicenseExample(plans=tuple(chosen), license=example.license,
                                       hidden_licenses=tuple(example.hidden_licenses), marker=example.marker,
                                       description=example.description))
    return Licensing(extra_flags=tuple(flags), user_plan_flag=shape.user_plan_flag,
                     extra_info_prefix=shape.extra_info_prefix, examples=tuple(examples))
