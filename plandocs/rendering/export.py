"""The resolved catalogue as JSON, per language, for partners who integrate with it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from plandocs.derive.combinations import (
    combination_count,
    combinations_listed,
    feature_count,
    iter_combinations,
    leaf_features,
)
from plandocs.derive.transition import moves
from plandocs.generations import CUMULATIVE, Generation
from plandocs.model import Bundle, Catalogue, Combination, Plan, Retirement
from plandocs.translation.lookup import Translator, plain_text

FORMAT_VERSION = 1


def resolved_catalogue(catalogue: Catalogue, lang: str) -> dict[str, Any]:
    """Plans, bundles and combinations sold, with their full feature lists; retired plans with what replaces
    them; and the rest, in `lang`."""
    translate = Translator(catalogue, lang)

    def t(item: Any) -> str:  # plain text: JSON is not HTML
        return plain_text(translate(item))
    common = [f.id for f in leaf_features(catalogue.common)]

    def features_of(plans: tuple[Plan, ...]) -> list[str]:
        sold: dict[str, None] = {}
        for plan in plans:
            sold.update(dict.fromkeys(plan.sources))
        return common + list(sold)

    def in_order(ids: frozenset[str]) -> list[str]:
        return [f.id for f in catalogue.in_order(ids)]

    def retired(retirement: Retirement) -> dict[str, Any]:
        gone = retirement.retired
        kind = "combination" if isinstance(gone, Combination) else "bundle" if isinstance(gone, Bundle) else "plan"
        return {
            "kind": kind, "plans": [gone.id] if kind != "combination" else [p.id for p in gone.plans],
            "name": plain_text(translate.offering_name(gone)), "features": common + in_order(gone.features),
            "replaced_by": [p.id for p in retirement.replaced_by],
            "replaced_by_name": plain_text(translate.combination_name(retirement.replaced_by)),
            "gained": in_order(retirement.gained), "lost": in_order(retirement.lost),
        }

    return {
        "format": FORMAT_VERSION,
        "language": lang,
        "source_language": catalogue.source_language,
        "tiers": [{"id": tier.id, "name": t(tier.name), "extends": tier.extends} for tier in catalogue.tiers],
        "features": [
            *({"id": f.id, "label": t(f.label), "common": True} for f in leaf_features(catalogue.common)),
            *({"id": f.id, "label": t(f.label), "common": False} for f in catalogue.features),
        ],
        "solutions": [{"id": s.id, "name": t(s.name), "audience": t(s.audience), "link": s.link,
                       "plans": [p.id for p in catalogue.plans_of(s)]} for s in catalogue.solutions],
        "plans": [{
            "id": plan.id, "name": plain_text(translate.plan_name(plan)), "solution": plan.solution.id,
            "tier": plan.tier.id,
            "feature_count": feature_count(catalogue, (plan,)),
            "features": common + list(plan.sources),
            "inherited": {fid: tier.id for fid, tier in plan.sources.items() if tier.id != plan.tier.id},
        } for plan in catalogue.plans],
        "combination_count": combination_count(catalogue),
        # listed only as long as the pages list them (see derive.LIST_LIMIT); else null
        "combinations": None if not combinations_listed(catalogue) else [{
            "plans": [p.id for p in combo.plans],
            "name": plain_text(translate.combination_name(combo.plans)),
            "feature_count": feature_count(catalogue, combo.plans),
            "features": features_of(combo.plans),
        } for combo in iter_combinations(catalogue)],
        "combination_rules": {"sold": catalogue.rules.sold, "max_solutions": catalogue.rules.max_solutions,
                              "exclude": sorted(sorted(pair) for pair in catalogue.rules.excluded_pairs)},
        "bundles": [{
            "id": b.bundle_id, "plan_id": b.id, "name": t(b.name), "description": t(b.description),
            "parts": [part.id for part in b.parts], "plans": [p.id for p in b.plans],
            "own_features": [f.id for f in b.adds], "feature_count": feature_count(catalogue, (b,)),
            "features": common + in_order(b.features),
        } for b in catalogue.bundles],
        "retired": [retired(r) for r in catalogue.retirements],
        "addons": [{"id": a.id, "name": t(a.name), "description": t(a.description), "link": t(a.link)}
                   for a in catalogue.addons],
        "billing_periods": [{"id": p.id, "months": p.months, "label": t(p.label)}
                            for p in catalogue.billing_periods],
        "contract": {"months": catalogue.contract.months,
                     "renews_automatically": catalogue.contract.renews_automatically},
        "generations": [generation_record(catalogue, g, t) for g in catalogue.generations],
    }


def generation_record(catalogue: Catalogue, generation: Generation, t: Callable[[Any], str]) -> dict[str, Any]:
    """A generation as partners read it: its plans with their full feature lists (cumulative, leaf ids), its
    limits (null: unlimited), metrics and usage levels, and where every license and combination moves."""
    record: dict[str, Any] = {"id": generation.id, "name": generation.name, "short_name": generation.short_name,
                              "kind": generation.kind, "description": t(generation.description)}
    if generation.kind != CUMULATIVE:
        return record
    return record | {
        "plans": [{"id": p.id, "name": p.name, "rank": p.rank, "description": t(p.description),
                   "adds": [f.id for f in p.adds], "features": sorted(p.features)} for p in generation.plans],
        "new_features": [{"id": f.id, "label": t(f.label)} for f in generation.features],
        "scaling_metrics": [{"id": m.id, "label": t(m.label)} for m in generation.metrics],
        "limits": [{"id": limit.id, "label": t(limit.label), "note": t(limit.note) if limit.note else None,
                    "values": dict(zip((p.id for p in generation.plans), limit.values, strict=True))}
                   for limit in generation.limits],
        "usage_levels": [{"id": level.id, "at_least_percent": level.at_least, "indicator": t(level.indicator),
                          "meaning": t(level.meaning)} for level in generation.usage_levels],
        "transition": None if generation.transition is None else {
            "source": generation.transition.source, "rule": generation.transition.rule,
            "licenses": {plan.id: target.id for plan, target in generation.transition.lines},
            "moves": [{"licenses": [p.id for p in m.licenses.plans], "plan": m.plan.id,
                       "decided_by": m.decided_by.id, "gained": sorted(m.gained), "lost": sorted(m.lost)}
                      for m in moves(catalogue, generation)],
        },
    }
