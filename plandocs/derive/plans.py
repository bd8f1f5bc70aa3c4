"""Tier inheritance: what each base plan includes, through the tiers its tier extends; and what a
bundle includes, through its parts."""

from __future__ import annotations

from plandocs.model import Bundle, Plan, Solution, Tier, frozen_map


def base_plans(solutions: tuple[Solution, ...], tiers: dict[str, Tier]) -> tuple[Plan, ...]:
    """One plan per solution and tier (retired tiers too), with each sold feature and the tier that brings it.

    A tier includes what the tiers it extends include in the same solution: a higher tier's plan
    has the lower tier's features, each marked as coming from the tier that sells it. A retired
    tier still gives its features to the tiers that extend it.
    """
    plans: list[Plan] = []
    for solution in solutions:
        offers = sorted(solution.offers + solution.retired_offers, key=lambda o: o.tier.rank)
        by_tier = {offer.tier.id: offer for offer in offers}
        retired = {offer.tier.id for offer in solution.retired_offers}
        for offer in offers:
            sources: dict[str, Tier] = {}
            current: str | None = offer.tier.id
            while current is not None:
                if current in by_tier:
                    for feature in by_tier[current].adds:
                        sources.setdefault(feature.id, tiers[current])
                current = tiers[current].extends
            plans.append(Plan(id=offer.plan_id, solution=solution, tier=offer.tier, sources=frozen_map(sources),
                              retired=offer.tier.id in retired, description=offer.description, link=offer.link))
    return tuple(plans)


def held_plans(parts: tuple[Plan | Bundle, ...], order: dict[str, int]) -> tuple[Plan, ...]:
    """The base plans that `parts` hold, through bundles too, each once, in price-list `order` (plan id -> index)."""
    found: dict[str, Plan] = {}
    for part in parts:
        for plan in part.plans:
            found.setdefault(plan.id, plan)
    return tuple(sorted(found.values(), key=lambda plan: order[plan.id]))


def bundle_features(parts: tuple[Plan | Bundle, ...], own: frozenset[str]) -> frozenset[str]:
    """What a bundle includes: every feature of its parts (a higher tier has the lower's) and its own, once."""
    return frozenset().union(own, *(part.features for part in parts))
